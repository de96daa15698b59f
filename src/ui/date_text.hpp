// Dates typed by users: Finnish style (31.12.2025) or ISO (2025-12-31); shown in the locale's short form.
#pragma once

#include <optional>
#include <string>

#include <wx/string.h>

#include "core/date.hpp"

namespace kaiku::ui {

std::optional<core::Date> parse_user_date(const wxString& text);
wxString format_date(const core::Date& d);           // "31.12.2025" in Finnish and Swedish, else "2025-12-31"
wxString format_date_iso(const std::string& iso);    // same, from YYYY-MM-DD; the text itself when unreadable
wxString format_timestamp(const std::string& iso_utc);  // local date and time of an ISO 8601 UTC instant

}  // namespace kaiku::ui
