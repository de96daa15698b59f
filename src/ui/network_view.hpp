// The network: areas on the left; the selected area's sites (issuers, venues, ticket agents) with their
// organisation, contact person, status and commitment on the right, with the coordinator's actions on them:
// onboarding a new site, site details, site access and the venue profile.
#pragma once

#include <string>
#include <vector>

#include "ui/network_rows.hpp"
#include "ui/view.hpp"

class wxButton;
class wxSplitterWindow;
class wxStaticText;

namespace kaiku::ui {

class RecordList;

class NetworkView : public View {
public:
    NetworkView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "network"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;
    bool show_record(const std::string& entity, const std::string& id, const std::string& area_id) override;

private:
    wxWindow* build_sites(wxWindow* parent);
    void on_area_selected(const std::string& area_id);
    void load_sites();
    void update_buttons();
    bool manages_area() const;
    const core::Site* selected_site() const;

    void onboard();
    void edit_site();
    void site_access();
    void venue_profile();

    wxSplitterWindow* splitter_ = nullptr;
    RecordList* areas_ = nullptr;
    RecordList* sites_ = nullptr;
    wxStaticText* sites_heading_ = nullptr;
    wxButton* new_site_ = nullptr;
    wxButton* details_ = nullptr;
    wxButton* access_ = nullptr;
    wxButton* profile_ = nullptr;

    SessionInfo session_;  // re-read with the data: the first sign-in may finish after the view is made
    std::vector<core::Area> areas_data_;
    std::string area_id_;    // the area whose sites are shown (or being read)
    AreaNetwork network_;    // what the sites list shows
    bool first_load_ = true;
    std::string show_area_, show_site_;  // a site opened from elsewhere (an audit finding)
};

}  // namespace kaiku::ui
