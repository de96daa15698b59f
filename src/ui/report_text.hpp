// The report library's tables and findings in the interface language: headers and labels are English strings
// marked for the catalogue; cells become formatted counts, small ones "< 5".
#pragma once

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

// What a finding is about, in a sentence ("3 children recorded; the card has 1").
wxString finding_detail(const report::Finding&);

}  // namespace kaiku::ui
