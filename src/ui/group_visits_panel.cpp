#include "ui/group_visits_panel.hpp"

#include <algorithm>
#include <map>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>

#include "store/repositories.hpp"
#include "ui/accessibility.hpp"
#include "ui/format.hpp"
#include "ui/group_visit_dialog.hpp"
#include "ui/record_list.hpp"
#include "ui/signup_dialog.hpp"

namespace kaiku::ui {

namespace {

VisitsData read_visits(store::Database& db, const SessionInfo& session) {
    VisitsData data;
    std::map<std::string, core::Site> sites;
    for (auto& s : store::SiteRepository{db}.list()) sites.emplace(s.id, std::move(s));
    const auto name = [&](const std::string& id) {
        const auto it = sites.find(id);
        return it != sites.end() ? wxString::FromUTF8(it->second.name) : _("Unknown site");
    };
    std::string area = session.area_id;
    for (const auto& id : session.sites)
        if (const auto it = sites.find(id); it != sites.end()) {
            if (area.empty()) area = it->second.area_id;
            if (it->second.role == core::SiteRole::issuer)
                data.issuers.push_back({it->second.id, it->second.name, it->second.area_id, it->second.role});
        }
    for (const auto& [id, s] : sites) {
        if (s.status == core::SiteStatus::left || (!session.national() && s.area_id != area)) continue;
        const Place p{s.id, s.name, s.area_id, s.role};
        if (s.role == core::SiteRole::venue) data.venues.push_back(p);
        if (s.role == core::SiteRole::issuer && (session.coordinator() || session.national())) data.issuers.push_back(p);
    }
    const auto by_name = [](const Place& a, const Place& b) { return a.name < b.name; };
    std::sort(data.venues.begin(), data.venues.end(), by_name);
    std::sort(data.issuers.begin(), data.issuers.end(), by_name);

    store::GroupVisitRepository repo{db};
    soci::rowset<std::string> ids = db.sql().prepare << "SELECT id FROM group_visit ORDER BY visit_on DESC, id";
    for (const auto& id : ids) {
        const auto visit = repo.get(id);
        if (!visit) continue;
        VisitRow v{*visit, repo.seats_taken(id)};
        ListRow row;
        row.id = id;
        row.cells = {wxString::FromUTF8(visit->event),
                     name(visit->venue_site_id),
                     format_date(visit->visit_on),
                     name(visit->organiser_site_id),
                     wxString::Format("%d", visit->seats),
                     wxString::Format("%d", v.taken),
                     v.left() > 0 ? wxString::Format("%d", v.left()) : _("Full")};
        row.sort_keys = {"", "", visit->visit_on.iso(), "", "", "", std::to_string(v.left())};
        data.rows.push_back(std::move(row));
        data.visits.push_back(std::move(v));
    }
    return data;
}

}  // namespace

GroupVisitsPanel::GroupVisitsPanel(wxWindow* parent, Services& services)
    : wxPanel(parent, wxID_ANY), services_(services) {
    propose_ = new wxButton(this, wxID_ANY, _(L"&Propose Group Visit\u2026"));
    set_accessible(propose_, _("Propose a group visit"), "visits-propose");
    sign_up_ = new wxButton(this, wxID_ANY, _(L"Sign &Up Clients\u2026"));
    set_accessible(sign_up_, _("Sign up clients"), "visits-signup");
    list_ = new RecordList(this, "group-visits", _("Group visits"),
                           {{_("Event"), 220}, {_("Venue"), 200}, {_("Date"), 100}, {_("Organiser"), 200},
                            {_("Seats"), 70, true}, {_("Signed up"), 80, true}, {_("Seats left"), 80, true}},
                           _("Filter group visits"));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->AddStretchSpacer();
    top->Add(propose_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    top->Add(sign_up_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    SetSizer(sizer);

    list_->on_selection = [this](const ListRow*) { update_buttons(); };
    list_->on_activate = [this](const ListRow&) { sign_up(); };
    // Dialogs open after the click's handler returned, so that assistive technology is answered meanwhile.
    propose_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { propose(); }); });
    sign_up_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { sign_up(); }); });
    update_buttons();
}

void GroupVisitsPanel::reload() {
    SessionInfo session = services_.session();
    services_.read<VisitsData>([session](store::Database& db) { return read_visits(db, session); },
                               [this](Loaded<VisitsData> loaded) {
                                   if (!loaded.ok()) {
                                       wxLogMessage("Reading group visits from the local cache failed: %s",
                                                    loaded.error);
                                       return;
                                   }
                                   data_ = std::move(loaded.value);
                                   list_->set_rows(data_.rows);
                                   update_buttons();
                               });
}

const VisitRow* GroupVisitsPanel::selected() const {
    const std::string id = list_->selected_id();
    for (const auto& v : data_.visits)
        if (v.visit.id == id) return &v;
    return nullptr;
}

void GroupVisitsPanel::update_buttons() {
    const SessionInfo& s = services_.session();
    const bool may = s.issuer() || s.coordinator() || s.national();
    if (propose_->IsShown() != may) {
        propose_->Show(may);
        sign_up_->Show(may);
        Layout();
    }
    propose_->Enable(!data_.issuers.empty() && !data_.venues.empty());
    const VisitRow* v = selected();
    sign_up_->Enable(v && v->left() > 0 && !data_.issuers.empty());
}

void GroupVisitsPanel::propose() {
    GroupVisitDialog dialog(this, services_, data_.issuers, data_.venues);
    dialog.ShowModal();
}

void GroupVisitsPanel::sign_up() {
    const VisitRow* v = selected();
    if (!v || v->left() <= 0 || data_.issuers.empty()) return;
    SignupDialog dialog(this, services_, *v, data_.issuers);
    dialog.ShowModal();
}

}  // namespace kaiku::ui
