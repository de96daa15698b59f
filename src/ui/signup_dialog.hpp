// Signing clients up for a group visit: how many from which issuer site (a count, never names).
#pragma once

#include <vector>

#include "ui/form_dialog.hpp"
#include "ui/group_visits_panel.hpp"

class wxChoice;
class wxSpinCtrl;

namespace kaiku::ui {

class SignupDialog : public FormDialog {
public:
    SignupDialog(wxWindow* parent, Services& services, const VisitRow& visit, std::vector<Place> issuers);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;

    VisitRow visit_;
    std::vector<Place> issuers_;
    wxChoice* issuer_ = nullptr;
    wxSpinCtrl* participants_ = nullptr;
};

}  // namespace kaiku::ui
