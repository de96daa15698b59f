// Left side of the main window: the Kaikukortti areas in the local cache.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

#include "core/entities.hpp"
#include "ui/area_list_model.hpp"

namespace kaiku::ui {

class AreasPanel : public wxPanel {
public:
    explicit AreasPanel(wxWindow* parent);
    ~AreasPanel() override;

    // Replaces the list, keeping the selected area selected when it is still there.
    void set_areas(std::vector<core::Area> areas);
    const core::Area* selected_area() const;
    bool empty() const { return model_->size() == 0; }

    // Called with the newly selected area, or nullptr when the selection is cleared.
    std::function<void(const core::Area*)> on_selection;

private:
    void notify_selection();

    wxObjectDataPtr<AreaListModel> model_;
    wxDataViewCtrl* list_ = nullptr;
    std::string selected_id_;
    bool updating_ = false;
};

}  // namespace kaiku::ui
