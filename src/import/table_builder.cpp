#include "import/table_builder.hpp"

namespace kaiku::import {

std::string trim_cell(std::string s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t b = 0, e = s.size();
    while (b < e && space(s[b])) ++b;
    // A no-break space (U+00A0) pasted from a web page counts as space too.
    while (b + 1 < e && s[b] == '\xC2' && s[b + 1] == '\xA0') b += 2;
    while (e > b && space(s[e - 1])) --e;
    while (e >= b + 2 && s[e - 2] == '\xC2' && s[e - 1] == '\xA0') e -= 2;
    return s.substr(b, e - b);
}

bool TableBuilder::add(std::vector<std::string> cells, long row_number) {
    bool blank = true;
    for (auto& c : cells) {
        c = trim_cell(std::move(c));
        if (!c.empty()) blank = false;
    }
    if (blank) return true;
    if (!have_header_) {
        have_header_ = true;
        table_.header_row = row_number;
        dropped_.assign(cells.size(), false);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (cells[i].empty()) continue;  // a column without a header cannot be mapped
            if (opt_.drop_column && opt_.drop_column(cells[i])) {
                dropped_[i] = true;
                table_.dropped_headers.push_back(cells[i]);
                continue;
            }
            kept_.push_back(i);
            table_.headers.push_back(cells[i]);
        }
        return true;
    }
    if (table_.rows.size() >= opt_.max_rows) {
        error_ = {"file", "too_many_rows",
                  table_.source + ": row " + std::to_string(row_number) + ": the file has more than " +
                      std::to_string(opt_.max_rows) + " rows; split it into smaller files."};
        return false;
    }
    std::vector<std::string> row;
    row.reserve(kept_.size());
    bool kept_blank = true;
    for (std::size_t i : kept_) {
        row.push_back(i < cells.size() ? std::move(cells[i]) : std::string());
        if (!row.back().empty()) kept_blank = false;
    }
    cells.clear();  // dropped columns are discarded here
    if (kept_blank) return true;
    table_.rows.push_back(std::move(row));
    table_.row_numbers.push_back(row_number);
    return true;
}

ReadResult TableBuilder::finish() {
    if (!have_header_ || table_.headers.empty())
        return {std::nullopt, core::FieldError{"file", "empty", table_.source + ": the file has no header row."}};
    return {std::move(table_), std::nullopt};
}

}  // namespace kaiku::import
