#include "ui/network_view.hpp"

#include <wx/intl.h>
#include <wx/log.h>
#include <wx/persist/splitter.h>
#include <wx/sizer.h>
#include <wx/splitter.h>

#include "store/repositories.hpp"
#include "ui/accessibility.hpp"
#include "ui/areas_panel.hpp"
#include "ui/sites_panel.hpp"

namespace kaiku::ui {

NetworkView::NetworkView(wxWindow* parent, Services& services) : View(parent, services) {
    splitter_ = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_NOBORDER | wxSP_3DSASH);
    splitter_->SetMinimumPaneSize(FromDIP(220));
    areas_ = new AreasPanel(splitter_);
    sites_ = new SitesPanel(splitter_);
    splitter_->SplitVertically(areas_, sites_, FromDIP(430));
    set_accessible(splitter_, _("Areas and sites"), "main-splitter");
    wxPersistentRegisterAndRestore(splitter_, "main-splitter");
    areas_->on_selection = [this](const core::Area* area) { on_area_selected(area); };
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(splitter_, wxSizerFlags(1).Expand());
    SetSizer(sizer);
}

wxString NetworkView::title() const { return _("Network"); }

void NetworkView::reload() {
    services_.read<std::vector<core::Area>>(
        [](store::Database& db) { return store::AreaRepository{db}.list(); },
        [this](Loaded<std::vector<core::Area>> loaded) {
            if (!loaded.ok()) {
                wxLogMessage("Reading the local cache failed: %s", loaded.error);
                return;
            }
            areas_->set_areas(std::move(loaded.value));
            // The selected area may have new or changed sites after a sync.
            if (const core::Area* area = areas_->selected_area()) on_area_selected(area);
        });
}

void NetworkView::on_area_selected(const core::Area* area) {
    sites_->show_area(area);
    pending_area_id_ = area ? area->id : std::string();
    if (!area) return;
    services_.read<std::vector<core::Site>>(
        [id = area->id](store::Database& db) { return store::SiteRepository{db}.list_for_area(id); },
        [this, id = area->id](Loaded<std::vector<core::Site>> loaded) {
            if (id != pending_area_id_) return;  // the user has moved on to another area
            if (!loaded.ok()) wxLogMessage("Reading sites from the local cache failed: %s", loaded.error);
            sites_->set_sites(std::move(loaded.value));
        });
}

void NetworkView::focus_filter() { sites_->focus_filter(); }

void NetworkView::focus_main() { areas_->SetFocus(); }

}  // namespace kaiku::ui
