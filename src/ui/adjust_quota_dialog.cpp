#include "ui/adjust_quota_dialog.hpp"

#include <wx/intl.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/validation.hpp"
#include "ui/accessibility.hpp"
#include "ui/format.hpp"

namespace kaiku::ui {

AdjustQuotaDialog::AdjustQuotaDialog(wxWindow* parent, Services& services, const QuotaRow& q)
    : FormDialog(parent, services, _("Adjust Card Quota")), quota_id_(q.quota.id) {
    const wxString summary = wxString::Format(
        // TRANSLATORS: issuer site, first and last day of the period, cards granted, cards registered
        _(L"%s, %s \u2013 %s: %d cards granted, %d registered."), q.site_name, format_date(q.quota.period_start),
        format_date(q.quota.period_end), q.use.effective, q.use.consumed) + " " +
        _("An adjustment is kept for good; correct a mistake with another adjustment.");
    auto* intro = new wxStaticText(this, wxID_ANY, summary);
    intro->Wrap(FromDIP(420));
    set_accessible(intro, summary, "adjust-summary");
    add_intro(intro);

    delta_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, -100000,
                            100000, 10);
    set_accessible(delta_, _("Change in cards (negative removes)"), "adjust-delta");
    delta_->SetToolTip(_("Cards to add; a negative number removes cards."));
    add_field(_("&Change in cards:"), delta_, "delta", "adjust-delta-problem");

    reason_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(420, 90)),
                             wxTE_MULTILINE | wxTE_WORDWRAP);
    set_accessible(reason_, _("Reason"), "adjust-reason");
    add_field(_("&Reason:"), reason_, "reason", "adjust-reason-problem");

    finish(_("&Adjust"), _("Adjust"), "adjust-ok", "adjust-cancel", "adjust-problem");
    reason_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    delta_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { changed(); });
    delta_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    delta_->SetFocus();
}

bool AdjustQuotaDialog::check() {
    problems_.set_general(wxString());
    const bool delta = delta_->GetValue() != 0;
    const bool reason = !wxString(reason_->GetValue()).Trim().Trim(false).empty();
    problems_.set("delta", delta ? wxString() : _("Change in cards: add or remove at least one card."));
    problems_.set("reason", reason ? wxString() : _("Reason: write why the quota changes; it is kept with the adjustment."));
    return delta && reason;
}

std::function<sync::LocalResult(store::Database&)> AdjustQuotaDialog::change() {
    return [id = quota_id_, delta = delta_->GetValue(), reason = reason_->GetValue().utf8_string()](
               store::Database& db) { return sync::adjust_quota(db, id, delta, reason, core::Date::today()); };
}

wxWindow* AdjustQuotaDialog::field_window(const std::string& f) {
    if (f == "delta") return delta_;
    if (f == "reason") return reason_;
    return nullptr;
}

}  // namespace kaiku::ui
