// Dates, times and numbers in the conventions of the interface language, whatever locales the system has
// installed: fi and sv write 22.11.2026 and 1 234,5; English writes ISO dates (2026-11-22, read the same
// everywhere) and 1,234.5. Times are 24-hour and local.
#pragma once

#include <optional>
#include <string>

#include <wx/string.h>

#include "core/date.hpp"

namespace kaiku::ui {

// A date typed by a user: Finnish style (31.12.2025) or ISO (2025-12-31); nullopt when it is neither.
std::optional<core::Date> parse_user_date(const wxString& text);

wxString format_date(const core::Date&);
// "YYYY-MM-DD" (or a longer ISO timestamp: its date part); other text is returned unchanged.
wxString format_date(const std::string& iso);
// An ISO UTC timestamp ("2026-11-22T10:05:00Z") in local time: "22.11.2026 12.05" (fi), "22.11.2026 12:05" (sv), "2026-11-22 12:05" (en).
wxString format_datetime(const std::string& iso_utc);
wxString format_count(long long n);                 // thousands grouped with a no-break space or a comma
wxString format_decimal(double value, int decimals);  // decimal comma in fi and sv

}  // namespace kaiku::ui
