#include "ui/card_history_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/card_rows.hpp"
#include "ui/labels.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

CardHistoryDialog::CardHistoryDialog(wxWindow* parent, Services& services, const std::string& card_id)
    // TRANSLATORS: %s is a card ID
    : wxDialog(parent, wxID_ANY, wxString::Format(_("History of Card %s"), wxString::FromUTF8(card_id)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    summary_ = new wxStaticText(this, wxID_ANY, _(L"Loading\u2026"));
    set_accessible(summary_, _(L"Loading\u2026"), "card-history-summary");
    list_ = new RecordList(this, "card-history", _("Card history"), history_columns(), _("Filter the history"));
    auto* buttons = new wxStdDialogButtonSizer;
    auto* close = new wxButton(this, wxID_CANCEL, _("&Close"));
    set_accessible(close, _("Close"), "card-history-close");
    close->SetDefault();
    buttons->AddButton(close);
    buttons->Realize();
    SetEscapeId(wxID_CANCEL);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(summary_, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(860, 460)));
    CentreOnParent();

    services.read<CardHistory>(
        [card_id, labels = HistoryLabels::make()](store::Database& db) {
            return read_card_history(db, card_id, labels);
        },
        [this, alive = alive_, labels = CardLabels::make()](Loaded<CardHistory> h) {
            if (!*alive) return;
            wxString text;
            if (!h.ok())
                // TRANSLATORS: %s is a technical detail in English
                text = wxString::Format(_("The history could not be read from this computer (%s)."),
                                        wxString::FromUTF8(h.error));
            else if (!h.value.card)
                text = _("This card is not in the data saved on this computer.");
            else {
                const core::Card& c = *h.value.card;
                const auto kind = static_cast<std::size_t>(c.kind);
                // TRANSLATORS: %s: the kind of card (Personal/Community); %s: its status; %s: last valid day
                text = wxString::Format(_("Kind: %s. Status: %s. Valid until: %s."), labels.kind[kind],
                                        labels.status[static_cast<std::size_t>(c.status)], show_date(c.valid_until));
                if (c.kind == core::CardKind::personal)
                    text += "\n" + wxString::Format(wxPLURAL("Holder profile: born in %d, postcode %s, %d child "
                                                             "under 18.",
                                                             "Holder profile: born in %d, postcode %s, %d children "
                                                             "under 18.",
                                                             static_cast<unsigned>(c.holder.children)),
                                                    c.holder.birth_year, wxString::FromUTF8(c.holder.postcode),
                                                    c.holder.children);
            }
            summary_->SetLabel(text);
            set_accessible_name(summary_, text);
            for (auto& row : h.value.rows)
                if (const auto it = h.value.refusals.find(row.id); it != h.value.refusals.end() && row.cells.size() > 3)
                    // TRANSLATORS: %s is why the register refused a change made on this computer
                    row.cells[3] = wxString::Format(_("Refused by the register: %s"), register_problem(it->second));
            list_->set_rows(std::move(h.value.rows));
            Layout();
        });
    list_->focus_list();
}

CardHistoryDialog::~CardHistoryDialog() { *alive_ = false; }

}  // namespace kaiku::ui
