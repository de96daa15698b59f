#include "ui/venue_profile_form.hpp"

#include <algorithm>

#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/validation.hpp"
#include "ui/accessibility.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

namespace {

std::string text_of(const wxTextCtrl* t) { return core::trimmed(t->GetValue().utf8_string()); }

}  // namespace

VenueProfileForm::VenueProfileForm(wxWindow* parent, const std::string& id_prefix) : wxPanel(parent, wxID_ANY) {
    const int gap = FromDIP(6);
    auto* sizer = new wxBoxSizer(wxVERTICAL);

    auto* cat_label = new wxStaticText(this, wxID_ANY, _("Categories of what the venue offers:"));
    sizer->Add(cat_label, wxSizerFlags().Border(wxBOTTOM, gap));
    auto* cats = new wxBoxSizer(wxHORIZONTAL);
    // Mnemonics: C, E, S, P (no clash with the fields below: O, K, A, L, M, nor with Back, Next, Finish).
    const wxString cat_labels[] = {_("&Culture"), _("&Education (courses)"), _("&Science"), _("S&ports")};
    for (std::size_t i = 0; i < categories_.size(); ++i) {
        const auto c = static_cast<core::Category>(i);
        categories_[i] = new wxCheckBox(this, wxID_ANY, cat_labels[i]);
        set_accessible(categories_[i], label(c),
                       (id_prefix + "-category-" + std::string(core::enum_name(c))).c_str());
        cats->Add(categories_[i], wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
        categories_[i]->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& e) {
            e.Skip();
            if (on_edit) on_edit();
        });
    }
    sizer->Add(cats, wxSizerFlags().Border(wxBOTTOM, gap));

    auto* grid = form_grid(this);
    const auto multi = [this] {
        return new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(-1, FromDIP(54)),
                              wxTE_MULTILINE);
    };
    offers_ = add_field(this, grid, problems_, _("&Offers:"), _("Offers"), id_prefix + "-offers", "offers", multi);
    offers_->SetHint(_("Events, courses and passes open to Kaikukortti holders"));
    booking_ = add_field(this, grid, problems_, _("Boo&king channels:"), _("Booking channels"),
                         id_prefix + "-booking", "booking_channels", multi);
    booking_->SetHint(_("How holders book: at the box office, by phone, ..."));
    accessibility_ = add_field(this, grid, problems_, _("&Accessibility notes:"), _("Accessibility notes"),
                               id_prefix + "-accessibility", "accessibility_notes", multi);

    cap_on_ = new wxCheckBox(this, wxID_ANY, _("&Limit Kaikukortti tickets per event"));
    set_accessible(cap_on_, _("Limit Kaikukortti tickets per event"), (id_prefix + "-cap-on").c_str());
    grid->AddSpacer(0);
    grid->Add(cap_on_);
    cap_ = add_field(this, grid, problems_, _("&Maximum tickets per event:"), _("Maximum tickets per event"),
                     id_prefix + "-cap", "max_tickets_per_event", [this] {
                         return new wxSpinCtrl(this, wxID_ANY, "10", wxDefaultPosition, wxDefaultSize,
                                               wxSP_ARROW_KEYS, 0, 1000, 10);
                     });
    cap_on_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& e) {
        e.Skip();
        update_cap();
        if (on_edit) on_edit();
    });
    problems_.on_edit = [this] {
        if (on_edit) on_edit();
    };
    sizer->Add(grid, wxSizerFlags(1).Expand());
    SetSizer(sizer);
    update_cap();
}

void VenueProfileForm::update_cap() { cap_->Enable(cap_on_->GetValue()); }

void VenueProfileForm::set(const core::VenueProfile& p) {
    for (std::size_t i = 0; i < categories_.size(); ++i)
        categories_[i]->SetValue(std::find(p.categories.begin(), p.categories.end(),
                                           static_cast<core::Category>(i)) != p.categories.end());
    offers_->ChangeValue(wxString::FromUTF8(p.offers));
    booking_->ChangeValue(wxString::FromUTF8(p.booking_channels));
    accessibility_->ChangeValue(wxString::FromUTF8(p.accessibility_notes));
    cap_on_->SetValue(p.max_tickets_per_event.has_value());
    if (p.max_tickets_per_event) cap_->SetValue(*p.max_tickets_per_event);
    update_cap();
}

core::VenueProfile VenueProfileForm::profile(const std::string& site_id) const {
    core::VenueProfile p;
    p.site_id = site_id;
    for (std::size_t i = 0; i < categories_.size(); ++i)
        if (categories_[i]->GetValue()) p.categories.push_back(static_cast<core::Category>(i));
    p.offers = text_of(offers_);
    p.booking_channels = text_of(booking_);
    p.accessibility_notes = text_of(accessibility_);
    if (cap_on_->GetValue()) p.max_tickets_per_event = cap_->GetValue();
    return p;
}

core::Errors VenueProfileForm::check(bool reveal_all) {
    if (reveal_all) problems_.reveal_all();
    // The site id is the caller's; a placeholder keeps its "required" error out of this form.
    auto errors = core::validate(profile("-"));
    problems_.show(errors);
    return errors;
}

wxWindow* VenueProfileForm::show(const core::Errors& errors) {
    problems_.reveal_all();
    return problems_.show(errors);
}

wxWindow* VenueProfileForm::first_control() const { return categories_[0]; }

}  // namespace kaiku::ui
