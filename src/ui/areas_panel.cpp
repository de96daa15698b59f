#include "ui/areas_panel.hpp"

#include <wx/intl.h>
#include <wx/persist/dataview.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/layout.hpp"

namespace kaiku::ui {

AreasPanel::AreasPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY), model_(new AreaListModel) {
    auto* heading = new wxStaticText(this, wxID_ANY, _("Areas"));
    heading->SetFont(heading->GetFont().Bold());
    set_accessible(heading, _("Areas"), "areas-heading");

    list_ = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxDV_SINGLE | wxDV_ROW_LINES | wxDV_VERT_RULES);
    list_->AssociateModel(model_.get());
    list_->AppendTextColumn(_("Area"), AreaListModel::col_name, wxDATAVIEW_CELL_INERT, FromDIP(195),
                            wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    list_->AppendTextColumn(_("Municipalities"), AreaListModel::col_municipalities, wxDATAVIEW_CELL_INERT,
                            FromDIP(118), wxALIGN_RIGHT, wxDATAVIEW_COL_RESIZABLE);
    list_->AppendTextColumn(_("Status"), AreaListModel::col_status, wxDATAVIEW_CELL_INERT, FromDIP(100),
                            wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
    set_accessible(list_, _("Areas"), "areas-list");
    wxPersistentRegisterAndRestore(list_, "areas-list");
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { notify_selection(); });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->SetMinSize(wxSize(-1, heading_row_height(this)));
    top->Add(heading, wxSizerFlags().CenterVertical());
    sizer->Add(top, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
    sizer->Add(list_, wxSizerFlags(1).Expand());
    // A little room between the list and the splitter sash.
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(sizer, wxSizerFlags(1).Expand().Border(wxRIGHT, FromDIP(4)));
    SetSizer(outer);
}

AreasPanel::~AreasPanel() = default;

void AreasPanel::set_areas(std::vector<core::Area> areas) {
    const std::string keep = selected_id_;
    updating_ = true;  // the reset may report a cleared selection; it is restored below
    model_->set_areas(std::move(areas));
    const auto row = model_->row_of(keep);
    if (row) {
        const wxDataViewItem item = model_->GetItem(*row);
        list_->Select(item);
        list_->EnsureVisible(item);
    }
    updating_ = false;
    if (!row && !keep.empty()) {
        selected_id_.clear();
        if (on_selection) on_selection(nullptr);
    }
}

const core::Area* AreasPanel::selected_area() const {
    const wxDataViewItem item = list_->GetSelection();
    return item.IsOk() ? model_->area_at(model_->GetRow(item)) : nullptr;
}

void AreasPanel::notify_selection() {
    if (updating_) return;
    const core::Area* area = selected_area();
    const std::string id = area ? area->id : std::string();
    if (id == selected_id_) return;
    selected_id_ = id;
    if (on_selection) on_selection(area);
}

}  // namespace kaiku::ui
