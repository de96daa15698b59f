#include "ui/cancel_card_dialog.hpp"

#include <array>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "sync/local_commands.hpp"
#include "ui/card_labels.hpp"

namespace kaiku::ui {

namespace {
constexpr std::array kReasons{core::CancelReason::lost, core::CancelReason::stolen, core::CancelReason::misuse,
                              core::CancelReason::data_error};
}

CancelCardDialog::CancelCardDialog(wxWindow* parent, Services& services, const std::string& card_id)
    : CardFormDialog(parent, services, _("Cancel Card"), "cancel-card"), card_id_(card_id) {
    // TRANSLATORS: %s is a card ID
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   wxString::Format(_("Card %s can no longer be used once it is cancelled. To give the "
                                                      "holder a new card, use Replace instead."),
                                                    wxString::FromUTF8(card_id)));
    intro->Wrap(FromDIP(400));
    auto* grid = new_grid();
    reason_ = new wxChoice(this, wxID_ANY);
    for (auto r : kReasons) reason_->Append(label(r));
    add_row(grid, _("&Reason:"), reason_, _("Reason"), "cancel-card-reason", {"cancel_reason", "reason"});
    cancelled_on_ = new wxTextCtrl(this, wxID_ANY, core::Date::today().iso());
    cancelled_on_->SetHint(_("YYYY-MM-DD"));
    add_row(grid, _("Cancelled &on:"), cancelled_on_, _("Cancelled on"), "cancel-card-date",
            {"cancelled_on", "card_id", "status"});
    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(intro, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
    body->Add(grid, wxSizerFlags().Expand());
    finish(body, _("Cancel the &Card"), _("Cancel the card"));
    // TRANSLATORS: the button that closes the dialog without cancelling the card
    cancel_->SetLabel(_("&Keep the Card"));
    validate_on_change(reason_);
    validate_on_change(cancelled_on_);
    reason_->SetFocus();
}

bool CancelCardDialog::check(bool final) {
    const bool reason = reason_->GetSelection() != wxNOT_FOUND;
    set_problem(reason_, !reason && final ? _("Reason: choose why the card is cancelled.") : wxString());
    const auto on = parse_date_text(cancelled_on_->GetValue());
    set_problem(cancelled_on_, !on && (final || !cancelled_on_->IsEmpty())
                                   ? _("Cancelled on: type a date such as 2024-03-31 or 31.3.2024.")
                                   : wxString());
    return reason && on;
}

void CancelCardDialog::send() {
    const auto reason = kReasons[static_cast<std::size_t>(reason_->GetSelection())];
    submit([id = card_id_, reason, on = *parse_date_text(cancelled_on_->GetValue())](store::Database& db) {
        return sync::cancel_card(db, id, reason, on);
    });
}

}  // namespace kaiku::ui
