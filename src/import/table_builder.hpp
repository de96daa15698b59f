// Internal: turns the records of a reader into a Table (header row, kept columns, limits).
#pragma once

#include <string>
#include <vector>

#include "import/table.hpp"

namespace kaiku::import {

class TableBuilder {
public:
    TableBuilder(std::string source, const ReadOptions& opt) : opt_(opt) { table_.source = std::move(source); }

    // Adds one record (cells by column position). The first non-blank record is the header row.
    // Returns false when the row limit is exceeded (see error()).
    bool add(std::vector<std::string> cells, long row_number);
    // The kept columns, once the header row was added: cell positions in the file.
    const std::vector<std::size_t>& kept_columns() const { return kept_; }
    bool has_header() const { return have_header_; }
    // Which file columns are dropped, once the header row was added.
    bool is_dropped(std::size_t column) const { return column < dropped_.size() && dropped_[column]; }

    core::FieldError error() const { return error_; }
    ReadResult finish();

private:
    ReadOptions opt_;
    Table table_;
    bool have_header_ = false;
    std::vector<std::size_t> kept_;
    std::vector<bool> dropped_;
    core::FieldError error_;
};

std::string trim_cell(std::string s);

}  // namespace kaiku::import
