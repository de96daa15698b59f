#include "ui/quota_dialog.hpp"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/format.hpp"

namespace kaiku::ui {

QuotaDialog::QuotaDialog(wxWindow* parent, Services& services, std::vector<Place> issuers,
                         std::vector<QuotaRow> quotas, const QuotaRow* current)
    : FormDialog(parent, services, _("Set Card Quota")), issuers_(std::move(issuers)), quotas_(std::move(quotas)) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("How many cards the issuer site may register in the period. Setting the quota "
                                     "of the same period again replaces its number; use Adjust for additions with "
                                     "a reason."));
    intro->Wrap(FromDIP(420));
    add_intro(intro);

    site_ = new wxChoice(this, wxID_ANY);
    for (const auto& p : issuers_) site_->Append(wxString::FromUTF8(p.name));
    set_accessible(site_, _("Issuer site"), "quota-site");
    add_field(_("&Issuer site:"), site_, "site_id", "quota-site-problem");

    const int year = core::Date::today().year();
    start_ = new wxTextCtrl(this, wxID_ANY, format_date(*core::Date::from_ymd(year, 1, 1)));
    set_accessible(start_, _("First day of the period"), "quota-start");
    start_->SetToolTip(_("For example 1.1.2025 or 2025-01-01"));
    add_field(_("Period &from:"), start_, "period_start", "quota-start-problem");
    end_ = new wxTextCtrl(this, wxID_ANY, format_date(*core::Date::from_ymd(year, 12, 31)));
    set_accessible(end_, _("Last day of the period"), "quota-end");
    end_->SetToolTip(_("For example 31.12.2025 or 2025-12-31"));
    add_field(_("Period &until:"), end_, "period_end", "quota-end-problem");

    cards_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 100000, 50);
    set_accessible(cards_, _("Number of cards"), "quota-cards");
    add_field(_("Number of &cards:"), cards_, "cards", "quota-cards-problem");

    if (!issuers_.empty()) site_->SetSelection(0);
    if (current) {
        for (std::size_t i = 0; i < issuers_.size(); ++i)
            if (issuers_[i].id == current->quota.site_id) site_->SetSelection(static_cast<int>(i));
        start_->ChangeValue(format_date(current->quota.period_start));
        end_->ChangeValue(format_date(current->quota.period_end));
        cards_->SetValue(current->quota.cards);
    }
    finish(_("&Set Quota"), _("Set quota"), "quota-ok", "quota-cancel", "quota-problem");
    for (wxTextCtrl* t : {start_, end_}) t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    site_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    (current ? static_cast<wxWindow*>(cards_) : static_cast<wxWindow*>(site_))->SetFocus();
}

bool QuotaDialog::check() {
    bool ok = true;
    problems_.set_general(wxString());
    auto need = [&](const std::string& field, bool good, const wxString& problem) {
        problems_.set(field, good ? wxString() : problem);
        ok = ok && good;
    };
    need("site_id", site_->GetSelection() >= 0, _("Issuer site: choose the site the quota is for."));
    const auto start = parse_user_date(start_->GetValue());
    const auto end = parse_user_date(end_->GetValue());
    need("period_start", start.has_value(), _("Period from: write the first day, for example 1.1.2025."));
    if (!end)
        need("period_end", false, _("Period until: write the last day, for example 31.12.2025."));
    else
        need("period_end", !start || *start <= *end, _("Period until: the last day must not be before the first."));
    return ok;
}

std::function<sync::LocalResult(store::Database&)> QuotaDialog::change() {
    core::Quota q;
    q.site_id = issuers_[static_cast<size_t>(site_->GetSelection())].id;
    q.period_start = *parse_user_date(start_->GetValue());
    q.period_end = *parse_user_date(end_->GetValue());
    q.cards = cards_->GetValue();
    for (const auto& existing : quotas_)  // the same site and period: change that quota
        if (existing.quota.site_id == q.site_id && existing.quota.period_start == q.period_start &&
            existing.quota.period_end == q.period_end)
            q.id = existing.quota.id;
    return [q](store::Database& db) { return sync::set_quota(db, q); };
}

wxWindow* QuotaDialog::field_window(const std::string& f) {
    if (f == "site_id") return site_;
    if (f == "period_start") return start_;
    if (f == "period_end") return end_;
    if (f == "cards") return cards_;
    return nullptr;
}

}  // namespace kaiku::ui
