// "Replace card": a lost or stolen card is cancelled and a new printed card takes over the same holder profile
// at the same issuer. The new card's ID field takes scanner input like the registration's.
#pragma once

#include <string>

#include "ui/card_form_dialog.hpp"

class wxChoice;
class wxTextCtrl;

namespace kaiku::ui {

class ReplaceCardDialog : public CardFormDialog {
public:
    ReplaceCardDialog(wxWindow* parent, Services& services, const std::string& card_id);
    const std::string& new_card_id() const { return new_id_; }

private:
    bool check(bool final) override;
    void send() override;

    std::string card_id_, new_id_;
    wxTextCtrl* new_card_ = nullptr;
    wxChoice* reason_ = nullptr;
    wxTextCtrl* replaced_on_ = nullptr;
};

}  // namespace kaiku::ui
