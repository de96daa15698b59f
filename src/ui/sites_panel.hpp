// Right side of the main window: the sites (issuers, venues, ticket agents) of the selected area,
// with a filter-as-you-type box on the site name.
#pragma once

#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

#include "core/entities.hpp"
#include "ui/site_list_model.hpp"

class wxSearchCtrl;
class wxStaticText;

namespace kaiku::ui {

class SitesPanel : public wxPanel {
public:
    explicit SitesPanel(wxWindow* parent);
    ~SitesPanel() override;

    // Shows the heading for an area (nullptr: nothing selected) and empties the list until
    // set_sites() delivers its sites.
    void show_area(const core::Area* area);
    void set_sites(std::vector<core::Site> sites);
    void focus_filter();

private:
    void update_count();

    wxObjectDataPtr<SiteListModel> model_;
    wxStaticText* heading_ = nullptr;
    wxSearchCtrl* filter_ = nullptr;
    wxDataViewCtrl* list_ = nullptr;
    wxStaticText* count_ = nullptr;
    bool loading_ = false;
};

}  // namespace kaiku::ui
