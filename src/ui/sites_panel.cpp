#include "ui/sites_panel.hpp"

#include <wx/intl.h>
#include <wx/persist/dataview.h>
#include <wx/srchctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/i18n.hpp"

#include "ui/accessibility.hpp"
#include "ui/layout.hpp"

namespace kaiku::ui {

SitesPanel::SitesPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY), model_(new SiteListModel) {
    heading_ = new wxStaticText(this, wxID_ANY, wxString());
    heading_->SetFont(heading_->GetFont().Bold());

    filter_ = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(260), -1));
    filter_->SetDescriptiveText(_("Filter by site name"));
    filter_->ShowCancelButton(true);
    set_accessible(filter_, _("Filter sites by name"), "sites-filter");
    filter_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        model_->set_filter(filter_->GetValue());
        update_count();
    });
    filter_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { filter_->Clear(); });

    list_ = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_SINGLE | wxDV_ROW_LINES);
    list_->AssociateModel(model_.get());
    const auto add = [this](const wxString& title, unsigned col, int width, wxAlignment align = wxALIGN_LEFT) {
        list_->AppendTextColumn(title, col, wxDATAVIEW_CELL_INERT, FromDIP(width), align,
                                wxDATAVIEW_COL_RESIZABLE);
    };
    add(_("Name"), SiteListModel::col_name, 240);
    add(_("Role"), SiteListModel::col_role, 100);
    add(_("Municipality code"), SiteListModel::col_municipality, 140);
    add(_("Status"), SiteListModel::col_status, 90);
    add(_("Contact person"), SiteListModel::col_contact, 150);
    set_accessible(list_, _("Sites"), "sites-list");
    wxPersistentRegisterAndRestore(list_, "sites-list");

    count_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(count_, wxString(), "sites-count");

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->SetMinSize(wxSize(-1, heading_row_height(this)));
    top->Add(heading_, wxSizerFlags(1).CenterVertical());
    top->Add(filter_, wxSizerFlags().CenterVertical());

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
    sizer->Add(list_, wxSizerFlags(1).Expand());
    sizer->Add(count_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(sizer, wxSizerFlags(1).Expand().Border(wxLEFT, FromDIP(4)));
    SetSizer(outer);

    show_area(nullptr);
}

SitesPanel::~SitesPanel() = default;

void SitesPanel::show_area(const core::Area* area) {
    const wxString heading = area ? wxString::Format(_("Sites in %s"), area_display_name(*area))
                                  : _("Sites");
    heading_->SetLabel(heading);
    set_accessible(heading_, heading, "sites-heading");
    set_accessible_name(list_, heading);  // a screen reader announces "Sites in Tampere"
    loading_ = area != nullptr;
    model_->set_sites({});
    filter_->Enable(area != nullptr);
    update_count();
    Layout();
}

void SitesPanel::set_sites(std::vector<core::Site> sites) {
    loading_ = false;
    model_->set_sites(std::move(sites));
    model_->set_filter(filter_->GetValue());
    update_count();
}

void SitesPanel::focus_filter() { filter_->SetFocus(); }

void SitesPanel::update_count() {
    wxString text;
    const auto total = static_cast<unsigned>(model_->total());
    const auto shown = static_cast<unsigned>(model_->shown());
    if (!filter_->IsEnabled())
        text = _("Select an area to see its sites.");
    else if (loading_)
        text = _(L"Loading sites\u2026");
    else if (shown == total)
        text = wxString::Format(wxPLURAL("%u site", "%u sites", total), total);
    else
        // TRANSLATORS: shown when the filter hides some sites; the plural follows the total
        text = wxString::Format(wxPLURAL("Showing %u of %u site", "Showing %u of %u sites", total), shown, total);
    count_->SetLabel(text);
    set_accessible_name(count_, text);
}

}  // namespace kaiku::ui
