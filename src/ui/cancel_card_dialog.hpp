// "Cancel card": a registered card stops being valid (lost, stolen, misuse, data error), with the reason.
#pragma once

#include <string>

#include "ui/card_form_dialog.hpp"

class wxChoice;
class wxTextCtrl;

namespace kaiku::ui {

class CancelCardDialog : public CardFormDialog {
public:
    CancelCardDialog(wxWindow* parent, Services& services, const std::string& card_id);

private:
    bool check(bool final) override;
    void send() override;

    std::string card_id_;
    wxChoice* reason_ = nullptr;
    wxTextCtrl* cancelled_on_ = nullptr;
};

}  // namespace kaiku::ui
