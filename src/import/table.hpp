// Reading spreadsheet files (CSV and XLSX) into a plain table of text cells.
// Bad files never throw: the result carries an error naming the file and the problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"

namespace kaiku::import {

inline constexpr std::size_t kMaxRows = 200000;
inline constexpr std::uintmax_t kMaxFileBytes = 50ull * 1024 * 1024;

struct Table {
    std::string source;                          // file name, for messages
    std::vector<std::string> headers;            // trimmed header cells of the kept columns
    std::vector<std::vector<std::string>> rows;  // one cell per header, "" when empty
    std::vector<long> row_numbers;               // for each row: its row (XLSX) or first line (CSV) in the file
    long header_row = 0;                         // row/line of the headers in the file
    std::vector<std::string> dropped_headers;    // columns left out by ReadOptions::drop_column
};

struct ReadOptions {
    std::string sheet;  // XLSX: sheet name; empty = the first sheet
    std::size_t max_rows = kMaxRows;
    std::uintmax_t max_bytes = kMaxFileBytes;
    // Columns for which this returns true are left out: their cells are parsed and discarded at once.
    std::function<bool(std::string_view header)> drop_column;
};

struct ReadResult {
    std::optional<Table> table;
    std::optional<core::FieldError> error;  // field "file"; set when table is empty
    bool ok() const { return table.has_value(); }
};

// CSV or XLSX, chosen by the file's content (a zip archive is read as XLSX).
ReadResult read_table(const std::string& path, const ReadOptions& = {});
ReadResult read_csv_file(const std::string& path, const ReadOptions& = {});
ReadResult read_xlsx_file(const std::string& path, const ReadOptions& = {});
// CSV text (UTF-8, optional BOM, delimiter ';', ',' or tab sniffed from the header line, RFC 4180 quotes,
// CRLF or LF). `source` names the file in messages.
ReadResult parse_csv(std::string_view text, const std::string& source, const ReadOptions& = {});

// XLSX date serial (1900 date system) to ISO date, or empty when out of range.
std::string xlsx_serial_to_iso(double serial);

}  // namespace kaiku::import
