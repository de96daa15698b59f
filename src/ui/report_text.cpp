#include "ui/report_text.hpp"

#include <algorithm>

#include <wx/intl.h>

#include "ui/format.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

wxString report_text(const std::string& english) {
    return english.empty() ? wxString() : wxGetTranslation(wxString::FromUTF8(english));
}

std::string report_text_utf8(const std::string& english) { return report_text(english).utf8_string(); }

wxString cell_text(const report::Cell& c) {
    // TRANSLATORS: a statistics cell with 1 to 4 holders, hidden so that no one can be recognised
    return c.suppressed ? _("< 5") : format_count(c.value);
}

std::vector<ListColumn> table_columns(const report::Table& t) {
    std::vector<ListColumn> cols{{report_text(t.key_header), 200}};
    for (const auto& c : t.columns) {
        const wxString title = report_text(c);
        cols.push_back({title, std::max(90, 7 * static_cast<int>(title.length()) + 24), true});
    }
    return cols;
}

namespace {

ListRow list_row(const report::Row& r, bool total) {
    ListRow row;
    row.id = total ? std::string("total") : r.key;
    row.bold = total;
    row.cells.push_back(total                ? _("Total")
                        : r.label_is_english ? report_text(r.label)
                                             : wxString::FromUTF8(r.label));
    row.sort_keys.push_back(total ? std::string("\x7f") : r.key);  // the total sorts last ascending
    for (const auto& c : r.cells) {
        row.cells.push_back(cell_text(c));
        // Suppressed cells sort as zero: their order must not reveal their size.
        const long long v = c.suppressed ? 0 : c.value;
        char key[32];
        std::snprintf(key, sizeof key, "%020lld", v);
        row.sort_keys.emplace_back(key);
    }
    return row;
}

}  // namespace

std::vector<ListRow> table_rows(const report::Table& t) {
    std::vector<ListRow> rows;
    rows.reserve(t.rows.size() + 1);
    for (const auto& r : t.rows) rows.push_back(list_row(r, false));
    if (t.total) rows.push_back(list_row(*t.total, true));
    return rows;
}

core::Language interface_language() {
    const wxString lang = ui_language();
    if (lang == "fi") return core::Language::fi;
    if (lang == "sv") return core::Language::sv;
    return core::Language::en;
}

wxString read_period(const wxString& from_text, const wxString& to_text, bool required,
                     std::optional<core::Date>& from, std::optional<core::Date>& to) {
    auto read = [required](const wxString& typed, const wxString& name, std::optional<core::Date>& out) {
        const wxString text = typed.Strip(wxString::both);
        out = text.empty() ? std::nullopt : parse_user_date(text);
        if (out || (text.empty() && !required)) return wxString();
        // TRANSLATORS: %s is the name of a date field (From, To)
        return wxString::Format(_("%s: write a date as 31.12.2023 or 2023-12-31."), name);
    };
    wxString problem = read(from_text, _("From"), from);
    if (problem.empty()) problem = read(to_text, _("To"), to);
    if (problem.empty() && from && to && *to < *from) problem = _("To: the end of the period is before its start.");
    return problem;
}

wxString finding_detail(const report::Finding& f) {
    using K = report::FindingKind;
    const wxString on = f.on.days() == 0 ? wxString() : format_date(f.on);
    switch (f.kind) {
    case K::no_contact_person: return _("No contact person is recorded for the site.");
    case K::no_commitment: return _("The site has not acknowledged the commitment.");
    case K::issuer_without_registrations: return _("No cards were registered in the period.");
    case K::venue_without_uses: return _("No uses were recorded in the period.");
    case K::used_after_expiry:
        // TRANSLATORS: %s is the date the card was used
        return wxString::Format(_("Used on %s, after the card's last valid day."), on);
    case K::more_children_than_registered:
        return wxString::Format(wxPLURAL("%lld child recorded at a use; the card has %lld registered.",
                                         "%lld children recorded at a use; the card has %lld registered.",
                                         static_cast<int>(f.number)),
                                static_cast<long long>(f.number), static_cast<long long>(f.limit));
    case K::possible_double_use:
        return wxString::Format(wxPLURAL("Used %lld time at the same event on %s.",
                                         "Used %lld times at the same event on %s.", static_cast<int>(f.number)),
                                static_cast<long long>(f.number), on);
    case K::quota_exceeded:
        return wxString::Format(_("%lld cards registered against a quota of %lld."),
                                static_cast<long long>(f.number), static_cast<long long>(f.limit));
    case K::stale_site:
        return on.empty() ? _("No activity has been recorded.")
                          // TRANSLATORS: %s is a date
                          : wxString::Format(_("No activity since %s."), on);
    }
    return wxString();
}

}  // namespace kaiku::ui
