#include "ui/format.hpp"

#include <cmath>
#include <cstdlib>

#include <wx/datetime.h>
#include <wx/tokenzr.h>

#include "ui/i18n.hpp"

namespace kaiku::ui {

namespace {

bool nordic() { return ui_language() != "en"; }

wxString date_text(int y, int m, int d) {
    return nordic() ? wxString::Format("%d.%d.%d", d, m, y) : wxString::Format("%d-%02d-%02d", y, m, d);
}

wxString group(const wxString& digits) {
    const wxString sep = nordic() ? wxString(L"\u00A0") : wxString(",");
    wxString out;
    const size_t n = digits.length();
    for (size_t i = 0; i < n; ++i) {
        out += digits[i];
        const size_t left = n - i - 1;
        if (left > 0 && left % 3 == 0) out += sep;
    }
    return out;
}

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

wxString format_count(long long n) {
    const wxString digits = wxString::Format("%lld", std::llabs(n));
    return (n < 0 ? wxString(L"\u2212") : wxString()) + group(digits);
}

wxString format_decimal(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const long long scaled = std::llround(std::fabs(value) * scale);
    const long long whole = scaled / static_cast<long long>(scale);
    wxString out = (value < 0 && scaled != 0 ? wxString(L"\u2212") : wxString()) + group(wxString::Format("%lld", whole));
    if (decimals > 0) {
        const long long frac = scaled % static_cast<long long>(scale);
        out += nordic() ? "," : ".";
        out += wxString::Format("%0*lld", decimals, frac);
    }
    return out;
}

}  // namespace kaiku::ui
