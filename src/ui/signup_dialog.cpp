#include "ui/signup_dialog.hpp"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/format.hpp"

namespace kaiku::ui {

SignupDialog::SignupDialog(wxWindow* parent, Services& services, const VisitRow& visit, std::vector<Place> issuers)
    : FormDialog(parent, services, _("Sign Up Clients")), visit_(visit), issuers_(std::move(issuers)) {
    // TRANSLATORS: %1$s is the event, %2$s its date, %3$d the seats still free
    const wxString summary = wxString::Format(
        wxPLURAL("%s on %s: %d seat left. Give the number of clients only, never their names.",
                 "%s on %s: %d seats left. Give the number of clients only, never their names.", visit.left()),
        wxString::FromUTF8(visit.visit.event), format_date(visit.visit.visit_on), visit.left());
    auto* intro = new wxStaticText(this, wxID_ANY, summary);
    intro->Wrap(FromDIP(420));
    set_accessible(intro, summary, "signup-summary");
    add_intro(intro);

    issuer_ = new wxChoice(this, wxID_ANY);
    for (const auto& p : issuers_) issuer_->Append(wxString::FromUTF8(p.name));
    if (!issuers_.empty()) issuer_->SetSelection(0);
    set_accessible(issuer_, _("Issuer site"), "signup-issuer");
    add_field(_("&Issuer site:"), issuer_, "issuer_site_id", "signup-issuer-problem");

    participants_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1,
                                   std::max(1, visit.left()), 1);
    set_accessible(participants_, _("Number of clients"), "signup-participants");
    add_field(_("&Number of clients:"), participants_, "participants", "signup-participants-problem");

    finish(_("&Sign Up"), _("Sign up"), "signup-ok", "signup-cancel", "signup-problem");
    participants_->SetFocus();
}

bool SignupDialog::check() {
    problems_.set_general(wxString());
    const bool site = issuer_->GetSelection() >= 0;
    problems_.set("issuer_site_id", site ? wxString() : _("Issuer site: choose the site the clients come from."));
    return site;
}

std::function<sync::LocalResult(store::Database&)> SignupDialog::change() {
    core::GroupSignup s;
    s.visit_id = visit_.visit.id;
    s.issuer_site_id = issuers_[static_cast<size_t>(issuer_->GetSelection())].id;
    s.participants = participants_->GetValue();
    return [s](store::Database& db) { return sync::sign_up_group_visit(db, s); };
}

wxWindow* SignupDialog::field_window(const std::string& f) {
    if (f == "issuer_site_id") return issuer_;
    if (f == "participants") return participants_;
    return nullptr;
}

}  // namespace kaiku::ui
