#include "ui/format.hpp"

#include <wx/datetime.h>
#include <wx/tokenzr.h>

#include "i18n/numbers.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

namespace {

// The rules live in i18n/numbers (shared with kaikuctl); here they follow the interface language.
std::string lang() { return ui_language().utf8_string(); }

wxString date_text(int y, int m, int d) { return wxString::FromUTF8(i18n::format_date(y, m, d, lang())); }

}  // namespace

std::optional<core::Date> parse_user_date(const wxString& text) {
    const wxString t = wxString(text).Trim(true).Trim(false);
    if (t.empty()) return std::nullopt;
    if (auto iso = core::Date::parse(t.utf8_string())) return iso;
    wxArrayString parts = wxStringTokenize(t, ".");
    if (parts.size() != 3) return std::nullopt;
    long d = 0, m = 0, y = 0;
    if (!parts[0].ToLong(&d) || !parts[1].ToLong(&m) || !parts[2].ToLong(&y) || parts[2].size() != 4)
        return std::nullopt;
    return core::Date::from_ymd(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

wxString format_date(const core::Date& d) { return date_text(d.year(), d.month(), d.day()); }

wxString format_date(const std::string& iso) {
    if (iso.size() < 10) return wxString::FromUTF8(iso);
    const auto d = core::Date::parse(iso.substr(0, 10));
    return d ? format_date(*d) : wxString::FromUTF8(iso);
}

wxString format_datetime(const std::string& iso_utc) {
    wxDateTime t;
    if (iso_utc.size() < 19 || !t.ParseISOCombined(wxString::FromUTF8(iso_utc.substr(0, 19))))
        return wxString::FromUTF8(iso_utc);
    const wxDateTime local = t.FromTimezone(wxDateTime::UTC);
    const wxString time = ui_language() == "fi" ? local.Format("%H.%M") : local.Format("%H:%M");
    return date_text(local.GetYear(), local.GetMonth() + 1, local.GetDay()) + " " + time;
}

wxString format_count(long long n) { return wxString::FromUTF8(i18n::format_count(n, lang())); }

wxString format_decimal(double value, int decimals) {
    return wxString::FromUTF8(i18n::format_decimal(value, decimals, lang()));
}

}  // namespace kaiku::ui
