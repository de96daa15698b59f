// Details of a site: name, address, municipality, status, contact person and commitment. Coordinators of the
// area change them here (a site patch, queued locally and synced); others see them read-only. Problems show
// under their fields as the user types; nothing typed is lost when the change is refused.
#pragma once

#include <nlohmann/json.hpp>

#include <wx/dialog.h>

#include "core/entities.hpp"
#include "ui/form_problems.hpp"

class wxButton;
class wxCheckBox;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class MunicipalityChoice;
class Services;
class StatusChoice;

class SiteDialog : public wxDialog {
public:
    SiteDialog(wxWindow* parent, Services& services, const core::Area& area, const core::Site& site,
               const wxString& organisation_name, bool editable);

private:
    core::Site entered() const;
    nlohmann::json changes(const core::Site& after) const;
    void revalidate();
    void save();

    Services& services_;
    core::Site site_;
    wxStaticText* general_ = nullptr;
    FieldProblems problems_;
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* street_ = nullptr;
    wxTextCtrl* postcode_ = nullptr;
    MunicipalityChoice* municipality_ = nullptr;
    StatusChoice* status_ = nullptr;
    wxTextCtrl* contact_name_ = nullptr;
    wxTextCtrl* email_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxCheckBox* committed_ = nullptr;
    wxTextCtrl* version_ = nullptr;
    wxButton* ok_ = nullptr;
    bool busy_ = false;
};

}  // namespace kaiku::ui
