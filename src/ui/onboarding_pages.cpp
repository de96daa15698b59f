// The pages of the onboarding dialog and what they hold (see onboarding_dialog.hpp).
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/validation.hpp"
#include "ui/accessibility.hpp"
#include "ui/format.hpp"
#include "ui/use_labels.hpp"
#include "ui/labels.hpp"
#include "ui/onboarding_dialog.hpp"
#include "ui/site_fields.hpp"
#include "ui/venue_profile_form.hpp"

namespace kaiku::ui {

namespace {

std::string value_of(const wxTextCtrl* t) { return core::trimmed(t->GetValue().utf8_string()); }

wxPanel* page_panel(wxWindow* book, const wxString& intro_text, const char* id, wxBoxSizer*& sizer) {
    auto* page = new wxPanel(book, wxID_ANY);
    sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(page, wxID_ANY, intro_text);
    intro->Wrap(page->FromDIP(560));
    set_accessible(intro, intro_text, id);
    sizer->Add(intro, wxSizerFlags().Border(wxBOTTOM, page->FromDIP(10)));
    page->SetSizer(sizer);
    return page;
}

wxTextCtrl* text_ctrl(wxWindow* parent) { return new wxTextCtrl(parent, wxID_ANY); }

// An error made by the form itself (the message is already translated).
core::FieldError form_error(const std::string& field, const wxString& message) {
    return {field, "required", message.utf8_string()};
}

}  // namespace

wxWindow* OnboardingDialog::build_organisation_page() {
    wxBoxSizer* sizer = nullptr;
    auto* page = page_panel(book_, _("Which organisation runs the new site? Choose one of the area's organisations "
                                     "or add a new one."),
                            "onboarding-intro-organisation", sizer);
    FieldProblems& p = problems_[page_organisation];
    existing_ = new wxRadioButton(page, wxID_ANY, _("&Existing organisation:"), wxDefaultPosition, wxDefaultSize,
                                  wxRB_GROUP);
    set_accessible(existing_, _("Existing organisation"), "onboarding-org-existing");
    org_choice_ = new wxChoice(page, wxID_ANY);
    set_accessible(org_choice_, _("Organisation"), "onboarding-org-choice");
    org_choice_->Append(_("(Choose an organisation)"));
    for (const auto& o : network_.organisations) org_choice_->Append(wxString::FromUTF8(o.name));
    org_choice_->SetSelection(0);
    auto* org_choice_problem = p.add(page, "organisation_id", org_choice_, "onboarding-org-choice");
    new_org_ = new wxRadioButton(page, wxID_ANY, _("Ne&w organisation"));
    set_accessible(new_org_, _("New organisation"), "onboarding-org-new");
    auto* grid = form_grid(page);
    org_name_ = add_field(page, grid, p, _("Organisation n&ame:"), _("Organisation name"), "onboarding-org-name",
                          "organisation.name", [page] { return text_ctrl(page); });
    business_id_ = add_field(page, grid, p, _("Business &ID (optional):"), _("Business ID"),
                             "onboarding-org-business-id", "organisation.business_id",
                             [page] { return text_ctrl(page); });
    business_id_->SetHint(_("1234567-8"));
    (network_.organisations.empty() ? new_org_ : existing_)->SetValue(true);
    p.watch(existing_);
    p.watch(new_org_);

    const int indent = FromDIP(24);
    sizer->Add(existing_);
    sizer->Add(org_choice_, wxSizerFlags().Expand().Border(wxLEFT, indent));
    sizer->Add(org_choice_problem, wxSizerFlags().Border(wxLEFT, indent));
    sizer->AddSpacer(FromDIP(12));
    sizer->Add(new_org_);
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT, indent).Border(wxTOP, FromDIP(6)));
    return page;
}

wxWindow* OnboardingDialog::build_site_page() {
    wxBoxSizer* sizer = nullptr;
    auto* page = page_panel(book_, _("What kind of site is it, what is it called and where is it?"),
                            "onboarding-intro-site", sizer);
    FieldProblems& p = problems_[page_site];
    auto* role_label = new wxStaticText(page, wxID_ANY, _("Role of the site:"));
    const wxString role_labels[] = {_("&Issuer (hands out cards)"), _("&Venue (culture, courses, sports)"),
                                    _("Tic&ket agent")};
    const char* role_ids[] = {"onboarding-role-issuer", "onboarding-role-venue", "onboarding-role-ticket-agent"};
    auto* role_row = new wxBoxSizer(wxHORIZONTAL);
    for (std::size_t i = 0; i < roles_.size(); ++i) {
        roles_[i] = new wxRadioButton(page, wxID_ANY, role_labels[i], wxDefaultPosition, wxDefaultSize,
                                      i == 0 ? wxRB_GROUP : 0);
        set_accessible(roles_[i], label(static_cast<core::SiteRole>(i)), role_ids[i]);
        role_row->Add(roles_[i], wxSizerFlags().Border(wxRIGHT, FromDIP(14)));
        p.watch(roles_[i]);
    }
    roles_[static_cast<std::size_t>(site_.role)]->SetValue(true);
    sizer->Add(role_label, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
    sizer->Add(role_row, wxSizerFlags().Border(wxBOTTOM, FromDIP(12)));

    auto* grid = form_grid(page);
    name_ = add_field(page, grid, p, _("&Site name:"), _("Site name"), "onboarding-site-name", "name",
                      [page] { return text_ctrl(page); });
    municipality_ = add_field(page, grid, p, _("&Municipality:"), _("Municipality"), "onboarding-municipality",
                              "municipality_code", [&] { return new MunicipalityChoice(page, network_.area); });
    street_ = add_field(page, grid, p, _("S&treet address:"), _("Street address"), "onboarding-street",
                        "street_address", [page] { return text_ctrl(page); });
    postcode_ = add_field(page, grid, p, _("P&ostcode:"), _("Postcode"), "onboarding-postcode", "postcode",
                          [page] { return text_ctrl(page); });
    postcode_->SetHint(_("5 digits, e.g. 33100"));
    sizer->Add(grid, wxSizerFlags().Expand());
    return page;
}

wxWindow* OnboardingDialog::build_contact_page() {
    wxBoxSizer* sizer = nullptr;
    auto* page = page_panel(book_, _("Who is the site's contact person, and has the site acknowledged the "
                                     "Kaikukortti commitments?"),
                            "onboarding-intro-contact", sizer);
    FieldProblems& p = problems_[page_contact];
    auto* grid = form_grid(page);
    contact_name_ = add_field(page, grid, p, _("&Contact person:"), _("Contact person's name"),
                              "onboarding-contact-name", "contact.name", [page] { return text_ctrl(page); });
    email_ = add_field(page, grid, p, _("&E-mail:"), _("Contact e-mail address"), "onboarding-contact-email",
                       "contact.email", [page] { return text_ctrl(page); });
    phone_ = add_field(page, grid, p, _("&Phone:"), _("Contact phone number"), "onboarding-contact-phone",
                       "contact.phone", [page] { return text_ctrl(page); });
    grid->AddSpacer(0);
    active_ = new wxCheckBox(page, wxID_ANY, _("The site is &active in the network already"));
    set_accessible(active_, _("The site is active in the network already"), "onboarding-active");
    grid->Add(active_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
    grid->AddSpacer(0);
    grid->Add(p.add(page, "status", active_, "onboarding-active"), wxSizerFlags().Expand());
    grid->AddSpacer(0);
    committed_ = new wxCheckBox(page, wxID_ANY, _("Commitments ac&knowledged today"));
    set_accessible(committed_, _("Commitments acknowledged today"), "onboarding-committed");
    grid->Add(committed_);
    grid->AddSpacer(0);
    grid->Add(p.add(page, "commitment_acknowledged_on", committed_, "onboarding-committed"), wxSizerFlags().Expand());
    version_ = add_field(page, grid, p, _("Guideline &version:"), _("Commitment guideline version"),
                         "onboarding-commitment-version", "commitment_version", [page] {
                             return new wxTextCtrl(page, wxID_ANY, kCurrentCommitmentVersion);
                         });
    sizer->Add(grid, wxSizerFlags().Expand());
    return page;
}

wxWindow* OnboardingDialog::build_summary_page() {
    wxBoxSizer* sizer = nullptr;
    auto* page = page_panel(book_, _("Check the new site. Finish saves it on this computer and sends it to the "
                                     "register with the next sync (at once when online)."),
                            "onboarding-intro-summary", sizer);
    auto* label = new wxStaticText(page, wxID_ANY, _("S&ummary:"));
    summary_ = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
    set_accessible(summary_, _("Summary of the new site"), "onboarding-summary");
    sizer->Add(label, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
    sizer->Add(summary_, wxSizerFlags(1).Expand());
    return page;
}

void OnboardingDialog::update_enabled() {
    const bool is_new = new_org_->GetValue();
    org_choice_->Enable(!is_new);
    org_name_->Enable(is_new);
    business_id_->Enable(is_new);
    version_->Enable(committed_->GetValue());
}

void OnboardingDialog::read_entered() {
    organisation_.area_id = network_.area.id;
    organisation_.name = value_of(org_name_);
    organisation_.business_id = value_of(business_id_);
    const int chosen = org_choice_->GetSelection();
    if (new_org_->GetValue())
        site_.organisation_id = organisation_.id;
    else if (chosen > 0 && static_cast<std::size_t>(chosen) <= network_.organisations.size())
        site_.organisation_id = network_.organisations[static_cast<std::size_t>(chosen - 1)].id;
    else
        site_.organisation_id.clear();
    site_.area_id = network_.area.id;
    for (std::size_t i = 0; i < roles_.size(); ++i)
        if (roles_[i]->GetValue()) site_.role = static_cast<core::SiteRole>(i);
    site_.name = value_of(name_);
    site_.municipality_code = municipality_->code();
    site_.street_address = value_of(street_);
    site_.postcode = value_of(postcode_);
    site_.contact = {value_of(contact_name_), value_of(email_), value_of(phone_)};
    site_.status = active_->GetValue() ? core::SiteStatus::active : core::SiteStatus::proposed;
    if (active_->GetValue() && !site_.joined_on) site_.joined_on = core::Date::today();
    if (!active_->GetValue()) site_.joined_on.reset();
    site_.commitment_acknowledged_on.reset();
    site_.commitment_version.clear();
    if (committed_->GetValue()) {
        site_.commitment_acknowledged_on = core::Date::today();
        site_.commitment_version = value_of(version_);
    }
    profile_ = profile_form_->profile(site_.id);
}

core::Errors OnboardingDialog::page_errors(int page) {
    read_entered();
    core::Errors errors;
    if (page == page_organisation) {
        if (new_org_->GetValue()) {
            for (auto e : core::validate(organisation_)) {
                e.field = "organisation." + e.field;
                errors.push_back(std::move(e));
            }
        } else if (site_.organisation_id.empty()) {
            errors.push_back(form_error("organisation_id", _("Organisation: choose one, or add a new one.")));
        }
    } else if (page == page_site || page == page_contact) {
        errors = core::validate(site_);
        if (page == page_contact && site_.contact.name.empty())
            errors.push_back(form_error("contact.name", _("Contact person's name is required for a new site.")));
    } else if (page == page_profile) {
        errors = profile_form_->check();
    }
    return errors;
}

wxString OnboardingDialog::summary() const {
    const auto u = [](const std::string& s) { return wxString::FromUTF8(s); };
    wxString org = u(organisation_.name);
    for (const auto& o : network_.organisations)
        if (o.id == site_.organisation_id) org = u(o.name);
    wxString out;
    const auto line = [&out](const wxString& text) { out << text << "\n"; };
    line(wxString::Format(_("Organisation: %s"), org));
    if (site_.organisation_id == organisation_.id) line(_("The organisation is new in the network."));
    line(wxString::Format(_("Site: %s"), u(site_.name)));
    line(wxString::Format(_("Role: %s"), label(site_.role)));
    line(wxString::Format(_("Municipality: %s"), municipality_text(network_.area, site_.municipality_code)));
    line(wxString::Format(_("Address: %s, %s"), u(site_.street_address), u(site_.postcode)));
    line(wxString::Format(_("Contact person: %s"), u(site_.contact.name)));
    line(wxString::Format(_("E-mail: %s"), u(site_.contact.email)));
    line(wxString::Format(_("Phone: %s"), u(site_.contact.phone)));
    line(wxString::Format(_("Status: %s"), label(site_.status)));
    if (site_.commitment_acknowledged_on)
        // TRANSLATORS: %s (first) is a date, %s (second) the guideline version
        line(wxString::Format(_("Commitments acknowledged on %s (guidelines %s)."),
                              format_date(*site_.commitment_acknowledged_on), u(site_.commitment_version)));
    else
        line(_("Commitments not acknowledged yet."));
    if (!venue()) return out;
    wxString categories;
    for (auto c : profile_.categories) categories << (categories.empty() ? "" : ", ") << label(c);
    // TRANSLATORS: %s is a list of venue categories, e.g. "Culture, Sports"
    line(categories.empty() ? _("Categories: none chosen") : wxString::Format(_("Categories: %s"), categories));
    line(wxString::Format(_("Offers: %s"), u(profile_.offers)));
    line(wxString::Format(_("Booking channels: %s"), u(profile_.booking_channels)));
    line(wxString::Format(_("Accessibility notes: %s"), u(profile_.accessibility_notes)));
    if (profile_.max_tickets_per_event)
        line(wxString::Format(wxPLURAL("At most %d Kaikukortti ticket per event.",
                                       "At most %d Kaikukortti tickets per event.", *profile_.max_tickets_per_event),
                              *profile_.max_tickets_per_event));
    else
        line(_("No cap on Kaikukortti tickets per event."));
    return out;
}

}  // namespace kaiku::ui
