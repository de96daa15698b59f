// Proposing a group visit: the organising issuer site, the venue, the event, its date and the seats offered.
#pragma once

#include <vector>

#include "ui/form_dialog.hpp"
#include "ui/message_data.hpp"

class wxChoice;
class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {

class GroupVisitDialog : public FormDialog {
public:
    GroupVisitDialog(wxWindow* parent, Services& services, std::vector<Place> issuers, std::vector<Place> venues);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;

    std::vector<Place> issuers_, venues_;
    wxChoice* organiser_ = nullptr;
    wxChoice* venue_ = nullptr;
    wxTextCtrl* event_ = nullptr;
    wxTextCtrl* date_ = nullptr;
    wxSpinCtrl* seats_ = nullptr;
};

}  // namespace kaiku::ui
