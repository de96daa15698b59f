// The report library's tables and findings in the interface language: headers and labels are English strings
// marked for the catalogue; cells become formatted counts, small ones "< 5".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <wx/string.h>

#include "core/enums.hpp"
#include "report/audit.hpp"
#include "report/statistics.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

// An English string of the report library, translated.
wxString report_text(const std::string& english);
std::string report_text_utf8(const std::string& english);

wxString cell_text(const report::Cell&);
std::vector<ListColumn> table_columns(const report::Table&);
// The rows, then the total (bold, id "total").
std::vector<ListRow> table_rows(const report::Table&);

// The interface language as the core's enum (names of areas in statistics, exports).
core::Language interface_language();

// Reads a period typed in From and To fields (31.12.2023 or ISO). An empty field is an open end unless `required`.
// Returns the problem in a sentence that names the field, or an empty string.
wxString read_period(const wxString& from_text, const wxString& to_text, bool required,
                     std::optional<core::Date>& from, std::optional<core::Date>& to);

// What a finding is about, in a sentence ("3 children recorded; the card has 1").
wxString finding_detail(const report::Finding&);

}  // namespace kaiku::ui
