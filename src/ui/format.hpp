// Dates, times and numbers in the conventions of the interface language, whatever locales the system has
// installed: fi and sv write 22.11.2026 and 1 234,5; English (as used in Finland's public sector) 22/11/2026 and
// 1,234.5. Times are 24-hour and local.
#pragma once

#include <string>

#include <wx/string.h>

#include "core/date.hpp"

namespace kaiku::ui {

wxString format_date(const core::Date&);
// "YYYY-MM-DD" (or a longer ISO timestamp: its date part); other text is returned unchanged.
wxString format_date(const std::string& iso);
// An ISO UTC timestamp ("2026-11-22T10:05:00Z") in local time: "22.11.2026 12.05" (fi), "22.11.2026 12:05" (sv, en).
wxString format_datetime(const std::string& iso_utc);
wxString format_count(long long n);                 // thousands grouped with a no-break space or a comma
wxString format_decimal(double value, int decimals);  // decimal comma in fi and sv

}  // namespace kaiku::ui
