// Onboarding of a new site, step by step with Back and Next: the organisation (existing or new), the site's role,
// name and municipality, the contact person and commitments, for venues the venue profile, then a summary and
// Finish. Each step checks its fields as the user types and does not go on while a field has a problem.
// Finish queues everything as local changes (works offline); the next sync delivers them.
// Pages are built in onboarding_pages.cpp; navigation and Finish are in onboarding_dialog.cpp.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/entities.hpp"
#include "ui/form_problems.hpp"
#include "ui/network_rows.hpp"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxRadioButton;
class wxSimplebook;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class MunicipalityChoice;
class Services;
class VenueProfileForm;

class OnboardingDialog : public wxDialog {
public:
    OnboardingDialog(wxWindow* parent, Services& services, const AreaNetwork& network);
    // The new site's id (after wxID_OK).
    const std::string& site_id() const { return site_.id; }

private:
    enum Page : int { page_organisation, page_site, page_contact, page_profile, page_summary, page_count };

    // onboarding_pages.cpp
    wxWindow* build_organisation_page();
    wxWindow* build_site_page();
    wxWindow* build_contact_page();
    wxWindow* build_summary_page();
    void read_entered();  // fills organisation_, site_, profile_ from the controls
    core::Errors page_errors(int page);
    wxString summary() const;
    void update_enabled();

    // onboarding_dialog.cpp
    std::vector<int> steps() const;  // the pages this site goes through
    void go_to(int page);
    void update_step();
    bool check_page(int page);  // shows every problem of the page; false while there are any
    void next();
    void back();
    void finish();
    void show_finish_errors(const core::Errors& errors);
    void show_general(const wxString& text);

    Services& services_;
    AreaNetwork network_;
    core::Organisation organisation_;
    core::Site site_;
    core::VenueProfile profile_;
    bool venue() const { return site_.role == core::SiteRole::venue; }

    wxStaticText* step_ = nullptr;
    wxSimplebook* book_ = nullptr;
    std::array<FieldProblems, page_count> problems_;
    wxStaticText* general_ = nullptr;
    wxButton* back_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* finish_ = nullptr;
    int page_ = page_organisation;
    bool busy_ = false;

    // organisation
    wxRadioButton* existing_ = nullptr;
    wxChoice* org_choice_ = nullptr;
    wxRadioButton* new_org_ = nullptr;
    wxTextCtrl* org_name_ = nullptr;
    wxTextCtrl* business_id_ = nullptr;
    // site
    std::array<wxRadioButton*, 3> roles_{};
    wxTextCtrl* name_ = nullptr;
    MunicipalityChoice* municipality_ = nullptr;
    wxTextCtrl* street_ = nullptr;
    wxTextCtrl* postcode_ = nullptr;
    // contact and commitment
    wxTextCtrl* contact_name_ = nullptr;
    wxTextCtrl* email_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxCheckBox* active_ = nullptr;
    wxCheckBox* committed_ = nullptr;
    wxTextCtrl* version_ = nullptr;
    // venue profile and summary
    VenueProfileForm* profile_form_ = nullptr;
    wxTextCtrl* summary_ = nullptr;
};

}  // namespace kaiku::ui
