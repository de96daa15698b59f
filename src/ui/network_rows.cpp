#include "ui/network_rows.hpp"
#include "ui/format.hpp"

#include <wx/intl.h>

#include "store/repositories.hpp"
#include "ui/i18n.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

const core::Organisation* AreaNetwork::organisation(const std::string& id) const {
    for (const auto& o : organisations)
        if (o.id == id) return &o;
    return nullptr;
}

const core::Site* AreaNetwork::site(const std::string& id) const {
    for (const auto& s : sites)
        if (s.id == id) return &s;
    return nullptr;
}

AreaNetwork read_area_network(store::Database& db, const std::string& area_id) {
    AreaNetwork n;
    if (auto area = store::AreaRepository{db}.get(area_id)) n.area = std::move(*area);
    else return n;
    n.organisations = store::OrganisationRepository{db}.list_for_area(area_id);
    n.sites = store::SiteRepository{db}.list_for_area(area_id);
    return n;
}

wxString municipality_text(const core::Area& area, const std::string& code) {
    for (const auto& m : area.municipalities)
        if (m.code == code) {
            const std::string& name = ui_language() == "sv" && !m.name_sv.empty() ? m.name_sv : m.name_fi;
            // TRANSLATORS: a municipality and its code, e.g. "Tampere (837)"
            return wxString::Format(_("%s (%s)"), wxString::FromUTF8(name), wxString::FromUTF8(code));
        }
    return wxString::FromUTF8(code);
}

std::vector<ListColumn> area_columns() {
    return {{_("Area"), 150}, {_("Municipalities"), 100, true}, {_("Status"), 80}};
}

std::vector<ListRow> area_rows(const std::vector<core::Area>& areas) {
    std::vector<ListRow> rows;
    rows.reserve(areas.size());
    for (const auto& a : areas)
        rows.push_back({a.id,
                        {area_display_name(a), wxString::Format("%zu", a.municipalities.size()), label(a.status)},
                        {}});
    return rows;
}

std::vector<ListColumn> site_columns() {
    return {{_("Name"), 220},
            {_("Role"), 90},
            {_("Organisation"), 170},
            {_("Municipality"), 120},
            {_("Status"), 90},
            {_("Contact person"), 150},
            // TRANSLATORS: column of the sites list: the date the site acknowledged the Kaikukortti commitment
            {_("Commitment"), 130},
            {_("E-mail"), 170, false, false},
            {_("Phone"), 120, false, false}};
}

std::vector<ListRow> site_rows(const AreaNetwork& n) {
    std::vector<ListRow> rows;
    rows.reserve(n.sites.size());
    for (const auto& s : n.sites) {
        const core::Organisation* org = n.organisation(s.organisation_id);
        wxString commitment = _("Not acknowledged");
        std::string commitment_key = "0";
        if (s.commitment_acknowledged_on) {
            const wxString date = format_date(*s.commitment_acknowledged_on);
            // TRANSLATORS: %s (first) is a date, %s (second) the guideline version, e.g. "2025-03-01 (2025-1)"
            commitment = s.commitment_version.empty()
                             ? date
                             : wxString::Format(_("%s (%s)"), date, wxString::FromUTF8(s.commitment_version));
            commitment_key = "1" + s.commitment_acknowledged_on->iso();
        }
        rows.push_back({s.id,
                        {wxString::FromUTF8(s.name), label(s.role),
                         org ? wxString::FromUTF8(org->name) : wxString(), municipality_text(n.area, s.municipality_code),
                         label(s.status), wxString::FromUTF8(s.contact.name), commitment,
                         wxString::FromUTF8(s.contact.email), wxString::FromUTF8(s.contact.phone)},
                        {"", "", "", "", std::to_string(static_cast<int>(s.status)), "", commitment_key, "", ""}});
    }
    return rows;
}

}  // namespace kaiku::ui
