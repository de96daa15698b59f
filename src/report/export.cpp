#include "report/export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <variant>

namespace kaiku::report {

namespace {

// One cell of the grid both writers take: empty, text, integer, decimal, a year, a month (first day) or a day.
struct Year {
    int y;
};
struct Month {
    int y, m;
};
using Value = std::variant<std::monostate, std::string, std::int64_t, double, Year, Month, core::Date>;

struct Grid {
    std::string title;
    std::vector<std::string> headers;
    std::vector<std::vector<Value>> rows;
    std::size_t bold_rows_from = SIZE_MAX;  // the total row
};

bool digits(const std::string& s, std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    return std::all_of(s.begin() + static_cast<long>(from), s.begin() + static_cast<long>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// Year and month rows (label equal to a "2023" or "2023-04" key) become numbers and dates.
Value key_value(const Row& r, const ExportOptions& o) {
    if (r.label == r.key && r.key.size() == 4 && digits(r.key, 0, 4)) return Year{std::stoi(r.key)};
    if (r.label == r.key && r.key.size() == 7 && digits(r.key, 0, 4) && r.key[4] == '-' && digits(r.key, 5, 2))
        return Month{std::stoi(r.key.substr(0, 4)), std::stoi(r.key.substr(5, 2))};
    return r.label_is_english ? o.translate(r.label) : r.label;
}

Grid grid_of(const Table& t, const ExportOptions& o) {
    Grid g;
    g.title = o.translate(t.title);
    g.headers.push_back(o.translate(t.key_header));
    for (const auto& c : t.columns) g.headers.push_back(o.translate(c));
    auto add = [&](const Row& r) {
        std::vector<Value> row{key_value(r, o)};
        for (const auto& c : r.cells) row.push_back(c.suppressed ? Value{std::string(kSuppressedText)} : Value{c.value});
        g.rows.push_back(std::move(row));
    };
    for (const auto& r : t.rows) add(r);
    if (t.total) {
        g.bold_rows_from = g.rows.size();
        add(*t.total);
    }
    return g;
}

Grid grid_of(const std::vector<Finding>& findings, const ExportOptions& o) {
    Grid g;
    g.title = o.translate(N_("Network audit"));
    for (const char* h : {N_("Finding"), N_("Record"), N_("Record id"), N_("Area"), N_("Subject"), N_("Date"),
                          N_("Number"), N_("Limit")})
        g.headers.push_back(o.translate(h));
    for (const auto& f : findings) {
        const bool has_date = f.on != core::Date{};
        const bool has_numbers = f.number != 0 || f.limit != 0;
        g.rows.push_back({o.translate(finding_title(f.kind)), f.entity, f.entity_id, f.area_id, f.subject,
                          has_date ? Value{f.on} : Value{}, has_numbers ? Value{f.number} : Value{},
                          has_numbers ? Value{f.limit} : Value{}});
    }
    return g;
}

std::string csv_quote(const std::string& s, char sep) {
    if (s.find_first_of(std::string("\"\r\n") + sep) == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string text_of(const Value& v, core::Language lang) {
    struct {
        core::Language lang;
        std::string operator()(std::monostate) const { return {}; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(std::int64_t n) const { return std::to_string(n); }
        std::string operator()(double d) const {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.2f", d);
            std::string s = buf;
            if (lang != core::Language::en) std::replace(s.begin(), s.end(), '.', ',');
            return s;
        }
        std::string operator()(Year y) const { return std::to_string(y.y); }
        std::string operator()(Month m) const {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d", m.y, m.m);
            return buf;
        }
        std::string operator()(const core::Date& d) const { return d.iso(); }
    } visit{lang};
    return std::visit(visit, v);
}

void csv_grid(const Grid& g, std::ostream& out, const ExportOptions& o) {
    const char sep = csv_separator(o.language);
    if (o.bom) out << "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? std::string(1, sep) : "") << csv_quote(cells[i], sep);
        out << "\r\n";
    };
    if (o.header_block) {
        line({g.title});
        if (!o.scope.empty()) line({o.translate(N_("Scope")), o.scope});
        if (!o.period.empty()) line({o.translate(N_("Period")), o.period});
        if (!o.generated_at.empty()) line({o.translate(N_("Generated")), o.generated_at});
        out << "\r\n";
    }
    line(g.headers);
    for (const auto& r : g.rows) {
        std::vector<std::string> cells;
        for (const auto& v : r) cells.push_back(text_of(v, o.language));
        line(cells);
    }
}

void check(lxw_error e, const std::string& path, const char* what) {
    if (e != LXW_NO_ERROR)
        throw ExportError(path + ": cannot write the workbook (" + what + ": " + lxw_strerror(e) + ")");
}

void xlsx_grid(const Grid& g, const std::string& path, const ExportOptions& o) {
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) throw ExportError(path + ": cannot create the workbook");
    // Sheet names are limited to 31 characters and some punctuation.
    std::string sheet = g.title.substr(0, 31);
    for (char& c : sheet)
        if (std::string("[]:*?/\\").find(c) != std::string::npos) c = ' ';
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.empty() ? nullptr : sheet.c_str());
    if (!ws) ws = workbook_add_worksheet(wb, nullptr);
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* month = workbook_add_format(wb);
    format_set_num_format(month, "yyyy-mm");
    lxw_format* month_bold = workbook_add_format(wb);
    format_set_num_format(month_bold, "yyyy-mm");
    format_set_bold(month_bold);
    lxw_format* day = workbook_add_format(wb);
    format_set_num_format(day, "yyyy-mm-dd");
    lxw_format* right = workbook_add_format(wb);
    format_set_align(right, LXW_ALIGN_RIGHT);
    lxw_format* right_bold = workbook_add_format(wb);
    format_set_align(right_bold, LXW_ALIGN_RIGHT);
    format_set_bold(right_bold);

    std::vector<std::size_t> width(g.headers.size(), 8);
    auto widen = [&](std::size_t col, const std::string& s) {
        if (col < width.size()) width[col] = std::max(width[col], std::min<std::size_t>(s.size() + 2, 60));
    };
    lxw_row_t row = 0;
    if (o.header_block) {
        worksheet_write_string(ws, row++, 0, g.title.c_str(), title);
        for (const auto& [label, value] : {std::pair{N_("Scope"), o.scope}, std::pair{N_("Period"), o.period},
                                           std::pair{N_("Generated"), o.generated_at}}) {
            if (value.empty()) continue;
            worksheet_write_string(ws, row, 0, o.translate(label).c_str(), bold);
            worksheet_write_string(ws, row++, 1, value.c_str(), nullptr);
        }
        ++row;
    }
    for (std::size_t c = 0; c < g.headers.size(); ++c) {
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), g.headers[c].c_str(), bold);
        widen(c, g.headers[c]);
    }
    ++row;
    for (std::size_t r = 0; r < g.rows.size(); ++r, ++row) {
        const bool strong = r >= g.bold_rows_from;
        for (std::size_t c = 0; c < g.rows[r].size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            const Value& v = g.rows[r][c];
            if (const auto* s = std::get_if<std::string>(&v)) {
                // "< 5" among numbers is aligned like them.
                const bool suppressed = *s == kSuppressedText;
                worksheet_write_string(ws, row, col, s->c_str(),
                                       suppressed ? (strong ? right_bold : right) : (strong ? bold : nullptr));
                widen(c, *s);
            } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
                worksheet_write_number(ws, row, col, static_cast<double>(*n), strong ? bold : nullptr);
                widen(c, std::to_string(*n));
            } else if (const auto* d = std::get_if<double>(&v)) {
                worksheet_write_number(ws, row, col, *d, strong ? bold : nullptr);
            } else if (const auto* y = std::get_if<Year>(&v)) {
                worksheet_write_number(ws, row, col, y->y, strong ? bold : nullptr);
            } else if (const auto* m = std::get_if<Month>(&v)) {
                lxw_datetime dt{m->y, m->m, 1, 0, 0, 0};
                worksheet_write_datetime(ws, row, col, &dt, strong ? month_bold : month);
                widen(c, "2023-04");
            } else if (const auto* day_v = std::get_if<core::Date>(&v)) {
                lxw_datetime dt{day_v->year(), day_v->month(), day_v->day(), 0, 0, 0};
                worksheet_write_datetime(ws, row, col, &dt, day);
                widen(c, "2023-04-01");
            }
        }
    }
    for (std::size_t c = 0; c < width.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(width[c]),
                             nullptr);
    check(workbook_close(wb), path, "close");
}

}  // namespace

char csv_separator(core::Language l) { return l == core::Language::en ? ',' : ';'; }

void write_csv(const Table& t, std::ostream& out, const ExportOptions& o) { csv_grid(grid_of(t, o), out, o); }

void write_xlsx(const Table& t, const std::string& path, const ExportOptions& o) { xlsx_grid(grid_of(t, o), path, o); }

void write_findings_csv(const std::vector<Finding>& f, std::ostream& out, const ExportOptions& o) {
    csv_grid(grid_of(f, o), out, o);
}

void write_findings_xlsx(const std::vector<Finding>& f, const std::string& path, const ExportOptions& o) {
    xlsx_grid(grid_of(f, o), path, o);
}

}  // namespace kaiku::report
