#include "ui/onboarding_dialog.hpp"

#include <algorithm>
#include <memory>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/radiobut.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

#include "core/uuid.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/i18n.hpp"
#include "ui/labels.hpp"
#include "ui/services.hpp"
#include "ui/venue_profile_form.hpp"

namespace kaiku::ui {

namespace {

wxString page_title(int page) {
    switch (page) {
        case 0: return _("Organisation");
        case 1: return _("Site");
        case 2: return _("Contact person and commitments");
        case 3: return _("Venue profile");
        default: return _("Summary");
    }
}

wxButton* nav_button(wxWindow* parent, wxWindowID id, const wxString& label, const wxString& name, const char* ident) {
    auto* b = new wxButton(parent, id, label);
    set_accessible(b, name, ident);
    return b;
}

// Errors of one command, with their field names put under `prefix` ("organisation.name").
void prefix_fields(sync::LocalResult& r, const std::string& prefix) {
    for (auto& e : r.errors) e.field = prefix + e.field;
}

}  // namespace

OnboardingDialog::OnboardingDialog(wxWindow* parent, Services& services, const AreaNetwork& network)
    // TRANSLATORS: title of the onboarding dialog; %s is the area's name
    : wxDialog(parent, wxID_ANY, wxString::Format(_("New Site in %s"), area_display_name(network.area)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      network_(network) {
    organisation_.id = core::new_uuid();
    site_.id = core::new_uuid();
    const SessionInfo& session = services.session();
    // The culture coordinator onboards venues, the sote coordinator issuers.
    site_.role = session.role == "coordinator_culture" ? core::SiteRole::venue : core::SiteRole::issuer;

    step_ = new wxStaticText(this, wxID_ANY, wxString());
    step_->SetFont(step_->GetFont().Bold());
    book_ = new wxSimplebook(this, wxID_ANY);
    book_->AddPage(build_organisation_page(), page_title(page_organisation));
    book_->AddPage(build_site_page(), page_title(page_site));
    book_->AddPage(build_contact_page(), page_title(page_contact));
    profile_form_ = new VenueProfileForm(book_, "onboarding");
    book_->AddPage(profile_form_, page_title(page_profile));
    book_->AddPage(build_summary_page(), page_title(page_summary));
    general_ = problem_line(this, "onboarding-problem");

    for (int i = 0; i < page_count; ++i)
        problems_[static_cast<std::size_t>(i)].on_edit = [this, i] {
            update_enabled();
            problems_[static_cast<std::size_t>(i)].show(page_errors(i));
            update_step();  // a venue has one step more
        };
    profile_form_->on_edit = [this] { profile_form_->check(); };

    back_ = nav_button(this, wxID_BACKWARD, _("< &Back"), _("Back"), "onboarding-back");
    next_ = nav_button(this, wxID_FORWARD, _("&Next >"), _("Next"), "onboarding-next");
    finish_ = nav_button(this, wxID_OK, _("&Finish"), _("Finish"), "onboarding-finish");
    auto* cancel = nav_button(this, wxID_CANCEL, _("Cancel"), _("Cancel"), "onboarding-cancel");
    back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { back(); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { next(); });
    finish_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (!busy_) e.Skip();  // the changes being saved decide when the dialog closes
    }, wxID_CANCEL);
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (busy_ && e.CanVeto()) return e.Veto();
        e.Skip();
    });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    buttons->Add(back_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    buttons->Add(next_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    buttons->Add(finish_, wxSizerFlags().Border(wxRIGHT, FromDIP(18)));
    buttons->Add(cancel);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(step_, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(book_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(general_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetMinSize(FromDIP(wxSize(660, 600)));
    Fit();
    CentreOnParent();
    update_enabled();
    go_to(page_organisation);
}

void OnboardingDialog::update_step() {
    const auto all = steps();
    const auto index = static_cast<int>(std::find(all.begin(), all.end(), page_) - all.begin()) + 1;
    // TRANSLATORS: the onboarding step, e.g. "Step 2 of 5: Site"
    const wxString text = wxString::Format(_("Step %d of %d: %s"), index, static_cast<int>(all.size()),
                                           page_title(page_));
    if (text == step_->GetLabel()) return;
    step_->SetLabel(text);
    set_accessible(step_, text, "onboarding-step");
}

std::vector<int> OnboardingDialog::steps() const {
    std::vector<int> s = {page_organisation, page_site, page_contact};
    if (venue()) s.push_back(page_profile);
    s.push_back(page_summary);
    return s;
}

void OnboardingDialog::go_to(int page) {
    read_entered();
    page_ = page;
    book_->ChangeSelection(static_cast<std::size_t>(page));
    update_step();
    const bool last = page == page_summary;
    back_->Enable(page != page_organisation && !busy_);
    next_->Enable(!last && !busy_);
    finish_->Enable(last && !busy_);
    (last ? finish_ : next_)->SetDefault();
    if (last) summary_->ChangeValue(summary());
    Layout();
    // Focus goes to the page's first field (the summary: the Finish button, so that Enter finishes).
    switch (page) {
        case page_organisation: (existing_->GetValue() ? static_cast<wxWindow*>(org_choice_) : org_name_)->SetFocus(); break;
        case page_site: name_->SetFocus(); break;
        case page_contact: contact_name_->SetFocus(); break;
        case page_profile: profile_form_->first_control()->SetFocus(); break;
        default: finish_->SetFocus(); break;
    }
}

bool OnboardingDialog::check_page(int page) {
    const core::Errors errors = page_errors(page);
    if (page == page_profile) {
        profile_form_->check(true);
        return errors.empty();
    }
    auto& p = problems_[static_cast<std::size_t>(page)];
    p.reveal_all();
    if (wxWindow* first = p.show(errors)) {
        first->SetFocus();
        return false;
    }
    return true;
}

void OnboardingDialog::next() {
    if (busy_ || page_ == page_summary || !check_page(page_)) return;
    show_general(wxString());
    const auto all = steps();
    const auto it = std::find(all.begin(), all.end(), page_);
    if (it != all.end() && it + 1 != all.end()) go_to(*(it + 1));
}

void OnboardingDialog::back() {
    if (busy_) return;
    const auto all = steps();
    const auto it = std::find(all.begin(), all.end(), page_);
    if (it != all.end() && it != all.begin()) go_to(*(it - 1));
}

void OnboardingDialog::show_general(const wxString& text) {
    general_->SetLabel(text);
    general_->Wrap(FromDIP(600));
    set_accessible_name(general_, text);
    announce_problem(general_, text);
    general_->Show(!text.empty());
    Layout();
}

void OnboardingDialog::finish() {
    if (busy_ || page_ != page_summary) return;
    // Every step again: a value may have been changed after going back.
    for (int page : steps()) {
        if (page == page_summary || check_page(page)) continue;
        go_to(page);
        check_page(page);  // focus on the first problem
        return;
    }
    read_entered();
    std::optional<core::Organisation> organisation;
    if (site_.organisation_id == organisation_.id) organisation = organisation_;
    std::optional<core::VenueProfile> profile;
    if (venue()) profile = profile_;
    busy_ = true;
    for (wxWindow* w : {static_cast<wxWindow*>(back_), static_cast<wxWindow*>(finish_)}) w->Enable(false);
    show_general(_(L"Saving\u2026"));
    wxWeakRef<OnboardingDialog> self(this);
    services_.write(
        [organisation, site = site_, profile](store::Database& db) -> sync::LocalResult {
            // Three local commands in order; the outbox delivers them in the same order.
            if (organisation) {
                auto o = sync::upsert_organisation(db, *organisation);
                if (!o.ok()) {
                    prefix_fields(o, "organisation.");
                    return o;
                }
            }
            auto r = sync::upsert_site(db, site);
            if (!r.ok() || !profile) return r;
            auto p = sync::upsert_venue_profile(db, *profile);
            if (!p.ok()) {
                prefix_fields(p, "profile.");
                return p;
            }
            return r;
        },
        [self](sync::LocalResult result, std::string error) {
            if (!self) return;
            self->busy_ = false;
            self->go_to(self->page_);
            if (!error.empty()) {
                wxLogMessage("Onboarding a site failed: %s", error);
                // TRANSLATORS: %s is a technical detail in English
                return self->show_general(wxString::Format(
                    _("The new site could not be saved on this computer (%s)."), short_detail(error)));
            }
            if (result.ok()) return self->EndModal(wxID_OK);
            self->show_finish_errors(result.errors);
        });
}

void OnboardingDialog::show_finish_errors(const core::Errors& errors) {
    show_general(wxString());
    core::Errors profile_errors;
    for (auto e : errors)
        if (e.field.rfind("profile.", 0) == 0) {
            e.field = e.field.substr(8);
            profile_errors.push_back(std::move(e));
        }
    if (!profile_errors.empty()) {
        go_to(page_profile);
        if (wxWindow* first = profile_form_->show(profile_errors)) return first->SetFocus();
    }
    for (int page : {page_organisation, page_site, page_contact}) {
        auto& p = problems_[static_cast<std::size_t>(page)];
        if (!p.owns(errors)) continue;
        go_to(page);
        p.reveal_all();
        if (wxWindow* first = p.show(errors)) first->SetFocus();
        return;
    }
    show_general(problem_message(errors.front()));
}

}  // namespace kaiku::ui
