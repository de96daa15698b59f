// Exports of statistics tables and audit findings: CSV (RFC 4180, UTF-8) and XLSX (libxlsxwriter).
// Suppressed cells are written as the text "< 5", never as their value.
#pragma once

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/enums.hpp"
#include "report/audit.hpp"
#include "report/statistics.hpp"

namespace kaiku::report {

struct ExportOptions {
    core::Language language = core::Language::en;  // fi/sv: ';' and decimal comma; en: ',' and decimal point
    // Translates the English title, headers and N_ row labels ("Total"); identity by default.
    std::function<std::string(const std::string&)> translate = [](const std::string& s) { return s; };
    bool header_block = true;  // title, scope, period and generated-at rows above the table
    bool bom = false;          // CSV: start with a UTF-8 byte order mark (Excel then reads UTF-8)
    std::string scope;         // e.g. "Whole network" or the area's name, already translated
    std::string period;        // e.g. "2023-01-01 - 2023-12-31", already formatted
    std::string generated_at;  // e.g. "2024-02-01 12:00"
};

// The text written for a suppressed cell.
inline constexpr const char* kSuppressedText = "< 5";

char csv_separator(core::Language);

// Thrown when a file cannot be written; the message names the file.
struct ExportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void write_csv(const Table&, std::ostream&, const ExportOptions& = {});
void write_xlsx(const Table&, const std::string& path, const ExportOptions& = {});  // throws ExportError

// Findings: kind (translated title), entity, entity id, area, subject, date, number, limit.
void write_findings_csv(const std::vector<Finding>&, std::ostream&, const ExportOptions& = {});
void write_findings_xlsx(const std::vector<Finding>&, const std::string& path, const ExportOptions& = {});

}  // namespace kaiku::report
