#include "ui/group_visit_dialog.hpp"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include "core/validation.hpp"
#include "ui/accessibility.hpp"
#include "ui/format.hpp"

namespace kaiku::ui {

GroupVisitDialog::GroupVisitDialog(wxWindow* parent, Services& services, std::vector<Place> issuers,
                                   std::vector<Place> venues)
    : FormDialog(parent, services, _("Propose Group Visit")), issuers_(std::move(issuers)), venues_(std::move(venues)) {
    organiser_ = new wxChoice(this, wxID_ANY);
    for (const auto& p : issuers_) organiser_->Append(wxString::FromUTF8(p.name));
    if (!issuers_.empty()) organiser_->SetSelection(0);
    set_accessible(organiser_, _("Organising issuer"), "visit-organiser");
    add_field(_("&Organiser:"), organiser_, "organiser_site_id", "visit-organiser-problem");

    venue_ = new wxChoice(this, wxID_ANY);
    for (const auto& p : venues_) venue_->Append(wxString::FromUTF8(p.name));
    set_accessible(venue_, _("Venue"), "visit-venue");
    add_field(_("&Venue:"), venue_, "venue_site_id", "visit-venue-problem");

    event_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(320, -1)));
    event_->SetMaxLength(core::kMaxNameLength);
    set_accessible(event_, _("Event"), "visit-event");
    add_field(_("&Event:"), event_, "event", "visit-event-problem");

    date_ = new wxTextCtrl(this, wxID_ANY, format_date(core::Date::today().plus_days(14)));
    set_accessible(date_, _("Date of the visit"), "visit-date");
    date_->SetToolTip(_("For example 31.12.2025 or 2025-12-31"));
    add_field(_("&Date:"), date_, "visit_on", "visit-date-problem");

    seats_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1,
                            core::kMaxGroupVisitSeats, 10);
    set_accessible(seats_, _("Seats"), "visit-seats");
    add_field(_("&Seats:"), seats_, "seats", "visit-seats-problem");

    finish(_("&Propose"), _("Propose"), "visit-ok", "visit-cancel", "visit-problem");
    for (wxWindow* w : {static_cast<wxWindow*>(event_), static_cast<wxWindow*>(date_)})
        w->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    venue_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    (issuers_.size() > 1 ? static_cast<wxWindow*>(organiser_) : static_cast<wxWindow*>(venue_))->SetFocus();
}

bool GroupVisitDialog::check() {
    bool ok = true;
    problems_.set_general(wxString());
    auto need = [&](const std::string& field, bool good, const wxString& problem) {
        problems_.set(field, good ? wxString() : problem);
        ok = ok && good;
    };
    need("organiser_site_id", organiser_->GetSelection() >= 0, _("Organiser: choose the issuer site that organises."));
    need("venue_site_id", venue_->GetSelection() >= 0, _("Venue: choose the venue of the visit."));
    need("event", !wxString(event_->GetValue()).Trim().Trim(false).empty(), _("Event: write what the group goes to."));
    need("visit_on", parse_user_date(date_->GetValue()).has_value(),
         _("Date: write the date of the visit, for example 31.12.2025."));
    return ok;
}

std::function<sync::LocalResult(store::Database&)> GroupVisitDialog::change() {
    core::GroupVisit g;
    g.organiser_site_id = issuers_[static_cast<size_t>(organiser_->GetSelection())].id;
    g.venue_site_id = venues_[static_cast<size_t>(venue_->GetSelection())].id;
    g.event = wxString(event_->GetValue()).Trim().Trim(false).utf8_string();
    g.visit_on = *parse_user_date(date_->GetValue());
    g.seats = seats_->GetValue();
    return [g](store::Database& db) { return sync::create_group_visit(db, g); };
}

wxWindow* GroupVisitDialog::field_window(const std::string& f) {
    if (f == "organiser_site_id") return organiser_;
    if (f == "venue_site_id") return venue_;
    if (f == "event") return event_;
    if (f == "visit_on") return date_;
    if (f == "seats") return seats_;
    return nullptr;
}

}  // namespace kaiku::ui
