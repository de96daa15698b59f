// The fields of a venue's profile (categories, offers, booking channels, accessibility notes, ticket cap) with
// inline problems; used by the onboarding dialog and by the venue profile editor.
#pragma once

#include <array>
#include <string>

#include <wx/panel.h>

#include "core/entities.hpp"
#include "ui/form_problems.hpp"

class wxCheckBox;
class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {


class VenueProfileForm : public wxPanel {
public:
    // `id_prefix` makes the accessible ids unique per window ("onboarding" -> "onboarding-offers").
    VenueProfileForm(wxWindow* parent, const std::string& id_prefix);

    void set(const core::VenueProfile& profile);
    core::VenueProfile profile(const std::string& site_id) const;

    // Validates what is entered; shows the problems of edited fields (every field after reveal_all()).
    core::Errors check(bool reveal_all = false);
    // Shows errors from the core (field names of core::VenueProfile); returns the first control with one.
    wxWindow* show(const core::Errors& errors);
    wxWindow* first_control() const;

    // Called after every edit.
    std::function<void()> on_edit;

private:
    void update_cap();

    FieldProblems problems_;
    std::array<wxCheckBox*, 4> categories_{};
    wxTextCtrl* offers_ = nullptr;
    wxTextCtrl* booking_ = nullptr;
    wxTextCtrl* accessibility_ = nullptr;
    wxCheckBox* cap_on_ = nullptr;
    wxSpinCtrl* cap_ = nullptr;
};

}  // namespace kaiku::ui
