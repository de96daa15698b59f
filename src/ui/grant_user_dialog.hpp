// Chooses the staff account that gets access to a site: the active staff accounts of the area with the site's
// role, in a list with filter-as-you-type (an area may have hundreds).
#pragma once

#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/entities.hpp"

class wxButton;

namespace kaiku::ui {

class RecordList;

class GrantUserDialog : public wxDialog {
public:
    GrantUserDialog(wxWindow* parent, const core::Site& site, const std::vector<core::User>& candidates);
    std::string user_id() const;

private:
    RecordList* list_ = nullptr;
    wxButton* ok_ = nullptr;
};

}  // namespace kaiku::ui
