// "Register card": a printed card handed to a client. The card ID field takes keyboard-wedge scanner input (the
// scanner types the ID and Enter): Enter moves on to the next field, and sends the form only when it is complete.
// The holder profile has no identifying fields: birth year, postcode, number of children and voluntary codes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "ui/card_form_dialog.hpp"

class wxCheckBox;
class wxChoice;
class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {

class RegisterCardDialog : public CardFormDialog {
public:
    // `issuers`: the sites the card may be registered at; `preselected` one of them (or empty).
    RegisterCardDialog(wxWindow* parent, Services& services, std::vector<core::Site> issuers,
                       const std::string& preselected);
    std::string card_id() const { return registered_id_; }

private:
    bool check(bool final) override;
    void send() override;
    bool ready() const;  // every mandatory field has a valid value (no problems shown)
    void on_card_id_enter();
    void look_up_card(const std::string& canonical_id);
    bool community() const;

    std::vector<core::Site> issuers_;
    wxTextCtrl* card_id_ = nullptr;
    wxChoice* issuer_ = nullptr;
    wxTextCtrl* registered_on_ = nullptr;
    wxCheckBox* community_ = nullptr;
    wxTextCtrl* birth_year_ = nullptr;
    wxTextCtrl* postcode_ = nullptr;
    wxSpinCtrl* children_ = nullptr;
    wxChoice* age_group_ = nullptr;
    wxChoice* gender_ = nullptr;
    wxChoice* life_situation_ = nullptr;
    std::string looked_up_;                  // the card ID whose batch was looked up last
    std::optional<core::CardKind> printed_;  // the kind of its printed batch, when this computer knows it
    wxString lookup_problem_;                // already registered, allocated to another site, ...
    std::string registered_id_;
};

}  // namespace kaiku::ui
