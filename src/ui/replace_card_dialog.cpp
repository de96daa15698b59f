#include "ui/replace_card_dialog.hpp"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/card_id.hpp"
#include "sync/local_commands.hpp"
#include "ui/card_labels.hpp"

namespace kaiku::ui {

ReplaceCardDialog::ReplaceCardDialog(wxWindow* parent, Services& services, const std::string& card_id)
    : CardFormDialog(parent, services, _("Replace Card"), "replace-card"), card_id_(card_id) {
    // TRANSLATORS: %s is a card ID
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   wxString::Format(_("Card %s is cancelled and the new card gets the same holder "
                                                      "profile and issuer. Scan the new card or type its ID."),
                                                    wxString::FromUTF8(card_id)));
    intro->Wrap(FromDIP(400));
    auto* grid = new_grid();
    new_card_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(220), -1),
                               wxTE_PROCESS_ENTER);
    add_row(grid, _("&New card ID:"), new_card_, _("New card ID"), "replace-card-new-id",
            {"new_card_id", "new_card.id", "new_card.kind", "new_card.area_id", "new_card.status"});
    reason_ = new wxChoice(this, wxID_ANY);
    reason_->Append(label(core::CancelReason::lost));
    reason_->Append(label(core::CancelReason::stolen));
    reason_->SetSelection(0);
    add_row(grid, _("&Reason:"), reason_, _("Reason"), "replace-card-reason", {"cancel_reason"});
    replaced_on_ = new wxTextCtrl(this, wxID_ANY, core::Date::today().iso());
    replaced_on_->SetHint(_("YYYY-MM-DD"));
    add_row(grid, _("Replaced &on:"), replaced_on_, _("Replaced on"), "replace-card-date",
            {"replaced_on", "cancelled_on", "card_id", "status"});
    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(intro, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
    body->Add(grid, wxSizerFlags().Expand());
    finish(body, _("&Replace"), _("Replace"));
    for (wxWindow* w : std::initializer_list<wxWindow*>{new_card_, reason_, replaced_on_}) validate_on_change(w);
    // Scanner: Enter sends only a complete form; otherwise it keeps the focus on a wrong ID for the next scan.
    new_card_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (check(true)) return on_ok();
        if (!core::parse_card_id(new_card_->GetValue().utf8_string()).id) new_card_->SelectAll();
    });
    new_card_->SetFocus();
}

bool ReplaceCardDialog::check(bool final) {
    const auto parsed = core::parse_card_id(new_card_->GetValue().utf8_string(), "new_card_id");
    wxString problem;
    if (!parsed.id && (final || parsed.error->code == "invalid_check_character"))
        problem = describe_error(name_of(new_card_), *parsed.error);
    else if (parsed.id && parsed.id->str() == card_id_)
        problem = _("New card ID: the new card must be a different card from the lost one.");
    set_problem(new_card_, problem);
    const auto on = parse_date_text(replaced_on_->GetValue());
    set_problem(replaced_on_, !on && (final || !replaced_on_->IsEmpty())
                                  ? _("Replaced on: type a date such as 2024-03-31 or 31.3.2024.")
                                  : wxString());
    return parsed.id && problem.empty() && on;
}

void ReplaceCardDialog::send() {
    const std::string id = core::parse_card_id(new_card_->GetValue().utf8_string()).id->str();
    const auto reason = reason_->GetSelection() == 1 ? core::CancelReason::stolen : core::CancelReason::lost;
    submit([old = card_id_, id, reason, on = *parse_date_text(replaced_on_->GetValue())](store::Database& db) {
               return sync::replace_card(db, old, id, reason, on);
           },
           [this, id](const sync::LocalResult&) { new_id_ = id; });
}

}  // namespace kaiku::ui
