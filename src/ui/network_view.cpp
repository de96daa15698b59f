#include "ui/network_view.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/persist/splitter.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include "store/repositories.hpp"
#include "ui/accessibility.hpp"
#include "ui/i18n.hpp"
#include "ui/layout.hpp"
#include "ui/onboarding_dialog.hpp"
#include "ui/record_list.hpp"
#include "ui/site_access_dialog.hpp"
#include "ui/site_dialog.hpp"
#include "ui/venue_profile_dialog.hpp"

namespace kaiku::ui {

namespace {

wxStaticText* heading(wxWindow* parent, const wxString& text, const char* id) {
    auto* h = new wxStaticText(parent, wxID_ANY, text);
    h->SetFont(h->GetFont().Bold());
    set_accessible(h, text, id);
    return h;
}

wxButton* action(wxWindow* parent, const wxString& label, const wxString& name, const wxString& tip, const char* id) {
    auto* b = new wxButton(parent, wxID_ANY, label);
    b->SetToolTip(tip);
    set_accessible(b, name, id);
    return b;
}

}  // namespace

NetworkView::NetworkView(wxWindow* parent, Services& services) : View(parent, services) {
    splitter_ = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_NOBORDER | wxSP_3DSASH);
    splitter_->SetMinimumPaneSize(FromDIP(220));

    auto* left = new wxPanel(splitter_, wxID_ANY);
    auto* areas_title = heading(left, _("Areas"), "areas-heading");
    areas_ = new RecordList(left, "areas", _("Areas"), area_columns(), _("Filter areas"));
    areas_->on_selection = [this](const ListRow* row) { on_area_selected(row ? row->id : std::string()); };
    auto* left_sizer = new wxBoxSizer(wxVERTICAL);
    auto* left_top = new wxBoxSizer(wxHORIZONTAL);
    left_top->SetMinSize(wxSize(-1, heading_row_height(left)));
    left_top->Add(areas_title, wxSizerFlags().CenterVertical());
    left_sizer->Add(left_top, wxSizerFlags().Expand());
    left_sizer->Add(areas_, wxSizerFlags(1).Expand().Border(wxRIGHT, FromDIP(4)));
    left->SetSizer(left_sizer);

    wxWindow* right = build_sites(splitter_);
    splitter_->SplitVertically(left, right, FromDIP(330));
    set_accessible(splitter_, _("Areas and sites"), "main-splitter");
    wxPersistentRegisterAndRestore(splitter_, "main-splitter");

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(splitter_, wxSizerFlags(1).Expand());
    SetSizer(sizer);
    update_buttons();
}

wxWindow* NetworkView::build_sites(wxWindow* parent) {
    auto* panel = new wxPanel(parent, wxID_ANY);
    sites_heading_ = heading(panel, _("Sites"), "sites-heading");
    sites_ = new RecordList(panel, "sites", _("Sites"), site_columns(),
                            _("Filter sites by name, organisation or contact"));
    sites_->on_selection = [this](const ListRow*) { update_buttons(); };
    sites_->on_activate = [this](const ListRow&) { edit_site(); };

    new_site_ = action(panel, _(L"&New Site\u2026"), _("New site"),
                       _("Onboard a new issuer, venue or ticket agent in this area"), "network-new-site");
    details_ = action(panel, _(L"&Details\u2026"), _("Site details"),
                      _("Contact person, address and status of the selected site (Enter)"), "network-site-details");
    access_ = action(panel, _(L"Site &Access\u2026"), _("Site access"),
                     _("Staff accounts that may work for the selected site"), "network-site-access");
    profile_ = action(panel, _(L"Venue &Profile\u2026"), _("Venue profile"),
                      _("Categories, offers, booking channels and accessibility of the selected venue"),
                      "network-venue-profile");
    new_site_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { onboard(); });
    details_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_site(); });
    access_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { site_access(); });
    profile_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { venue_profile(); });

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->SetMinSize(wxSize(-1, heading_row_height(panel)));
    top->Add(sites_heading_, wxSizerFlags(1).CenterVertical());
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* b : {new_site_, details_, access_, profile_})
        buttons->Add(b, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand());
    sizer->Add(sites_, wxSizerFlags(1).Expand());
    sizer->Add(buttons, wxSizerFlags().Border(wxTOP, FromDIP(6)));
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(sizer, wxSizerFlags(1).Expand().Border(wxLEFT, FromDIP(4)));
    panel->SetSizer(outer);
    return panel;
}

wxString NetworkView::title() const { return _("Network"); }

void NetworkView::reload() {
    struct Areas {
        SessionInfo session;
        std::vector<core::Area> areas;
    };
    services_.read<Areas>(
        [](store::Database& db) { return Areas{read_session(db), store::AreaRepository{db}.list()}; },
        [this](Loaded<Areas> loaded) {
            if (!loaded.ok()) {
                wxLogMessage("Reading the local cache failed: %s", loaded.error);
                return;
            }
            session_ = std::move(loaded.value.session);
            auto& areas = loaded.value.areas;
            std::stable_sort(areas.begin(), areas.end(), [](const core::Area& a, const core::Area& b) {
                return area_display_name(a).CmpNoCase(area_display_name(b)) < 0;
            });
            areas_data_ = std::move(areas);
            areas_->set_rows(area_rows(areas_data_));
            // A coordinator starts in the own area.
            if (first_load_ && !areas_data_.empty() && areas_->selected_id().empty()) {
                const std::string own = session_.area_id;
                if (!own.empty()) areas_->select(own);
                first_load_ = areas_->selected_id().empty();
            }
            if (!show_area_.empty()) {
                areas_->select(show_area_);
                show_area_.clear();
                first_load_ = false;
            }
            on_area_selected(areas_->selected_id());
            if (!area_id_.empty()) load_sites();  // the sites may have changed too
        });
}

void NetworkView::on_area_selected(const std::string& area_id) {
    if (area_id == area_id_) return;
    area_id_ = area_id;
    network_ = AreaNetwork{};
    wxString text = _("Sites");
    for (const auto& a : areas_data_)
        if (a.id == area_id) text = wxString::Format(_("Sites in %s"), area_display_name(a));
    sites_heading_->SetLabel(text);
    set_accessible_name(sites_heading_, text);
    set_accessible_name(sites_->list(), text);  // a screen reader announces "Sites in Tampere"
    if (area_id.empty()) {
        sites_->set_rows({});
    } else {
        sites_->set_loading();
        load_sites();
    }
    update_buttons();
}

void NetworkView::load_sites() {
    services_.read<AreaNetwork>(
        [id = area_id_](store::Database& db) { return read_area_network(db, id); },
        [this, id = area_id_](Loaded<AreaNetwork> loaded) {
            if (id != area_id_) return;  // the user has moved on to another area
            if (!loaded.ok()) wxLogMessage("Reading sites from the local cache failed: %s", loaded.error);
            network_ = std::move(loaded.value);
            sites_->set_rows(site_rows(network_));
            if (!show_site_.empty()) {
                sites_->select(show_site_);
                show_site_.clear();
            }
            update_buttons();
        });
}

bool NetworkView::show_record(const std::string& entity, const std::string& id, const std::string& area_id) {
    if (entity != "site") return false;
    show_area_ = area_id;
    show_site_ = id;
    return true;
}

bool NetworkView::manages_area() const {
    const SessionInfo& s = session_;
    if (network_.area.id.empty()) return false;
    return s.national() || (s.coordinator() && s.area_id == network_.area.id);
}

const core::Site* NetworkView::selected_site() const { return network_.site(sites_->selected_id()); }

void NetworkView::update_buttons() {
    const bool manages = manages_area();
    const core::Site* site = selected_site();
    new_site_->Enable(manages);
    details_->Enable(site != nullptr);
    access_->Enable(manages && site && site->role != core::SiteRole::ticket_agent);
    profile_->Enable(site && site->role == core::SiteRole::venue);
}

void NetworkView::onboard() {
    if (!manages_area()) return;
    OnboardingDialog dlg(this, services_, network_);
    if (dlg.ShowModal() != wxID_OK) return;
    const std::string id = dlg.site_id();
    load_sites();
    CallAfter([this, id] {
        sites_->select(id);
        update_buttons();
    });
}

void NetworkView::edit_site() {
    const core::Site* site = selected_site();
    if (!site) return;
    const core::Organisation* org = network_.organisation(site->organisation_id);
    SiteDialog dlg(this, services_, network_.area, *site, org ? wxString::FromUTF8(org->name) : wxString(),
                   manages_area());
    dlg.ShowModal();
}

void NetworkView::site_access() {
    const core::Site* site = selected_site();
    if (!site || !manages_area()) return;
    SiteAccessDialog dlg(this, services_, *site);
    dlg.ShowModal();
}

void NetworkView::venue_profile() {
    const core::Site* site = selected_site();
    if (!site || site->role != core::SiteRole::venue) return;
    const SessionInfo& s = session_;
    const bool may_edit = manages_area() ||
                          (s.venue() && std::find(s.sites.begin(), s.sites.end(), site->id) != s.sites.end());
    VenueProfileDialog dlg(this, services_, *site, may_edit);
    dlg.ShowModal();
}

void NetworkView::focus_filter() { sites_->focus_filter(); }

void NetworkView::focus_main() { areas_->focus_list(); }

}  // namespace kaiku::ui
