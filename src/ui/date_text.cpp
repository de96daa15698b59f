#include "ui/date_text.hpp"

#include <wx/datetime.h>
#include <wx/tokenzr.h>

#include "ui/i18n.hpp"

namespace kaiku::ui {

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

wxString format_date(const core::Date& d) {
    // Finnish and Swedish users write 31.12.2025; otherwise ISO 8601, which reads the same everywhere.
    const wxString lang = ui_language();
    if (lang == "fi" || lang == "sv") return wxString::Format("%d.%d.%d", d.day(), d.month(), d.year());
    return wxString::FromUTF8(d.iso());
}

wxString format_date_iso(const std::string& iso) {
    if (const auto d = core::Date::parse(iso.substr(0, 10))) return format_date(*d);
    return wxString::FromUTF8(iso);
}

wxString format_timestamp(const std::string& iso_utc) {
    wxDateTime t;
    if (iso_utc.size() < 19 || !t.ParseISOCombined(wxString::FromUTF8(iso_utc.substr(0, 19))))
        return wxString::FromUTF8(iso_utc);
    const wxDateTime local = t.FromTimezone(wxDateTime::UTC);
    const auto day = core::Date::from_ymd(local.GetYear(), local.GetMonth() + 1, local.GetDay());
    return day ? format_date(*day) + local.Format(" %H:%M") : local.Format("%x %H:%M");
}

}  // namespace kaiku::ui
