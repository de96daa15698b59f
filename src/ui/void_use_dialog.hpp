// Voids a use with a reason (uses are append-only: a correction is a void plus a new use). The dialog closes
// once the void is saved on this computer; a refused void keeps the reason typed.
#pragma once

#include <string>

#include <wx/dialog.h>

#include "ui/services.hpp"

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class VoidUseDialog : public wxDialog {
public:
    VoidUseDialog(wxWindow* parent, Services& services, std::string usage_id, const wxString& summary);

private:
    bool check_reason(bool show_required);
    void save();
    void show_problem(const wxString& text);

    Services& services_;
    std::string usage_id_;
    wxTextCtrl* reason_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxButton* ok_ = nullptr;
};

}  // namespace kaiku::ui
