// The network: areas on the left, the selected area's sites on the right.
#pragma once

#include <string>

#include "ui/view.hpp"

class wxSplitterWindow;

namespace kaiku::ui {

class AreasPanel;
class SitesPanel;

class NetworkView : public View {
public:
    NetworkView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "network"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;

private:
    void on_area_selected(const core::Area* area);

    wxSplitterWindow* splitter_ = nullptr;
    AreasPanel* areas_ = nullptr;
    SitesPanel* sites_ = nullptr;
    std::string pending_area_id_;  // the area whose sites are being read
};

}  // namespace kaiku::ui
