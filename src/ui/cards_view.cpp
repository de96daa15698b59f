#include "ui/cards_view.hpp"
#include "ui/format.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/choicebk.h>
#include <wx/choice.h>
#include <wx/sizer.h>

#include "core/lifecycle.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/cancel_card_dialog.hpp"
#include "ui/card_history_dialog.hpp"
#include "ui/card_labels.hpp"
#include "ui/card_rows.hpp"
#include "ui/record_list.hpp"
#include "ui/register_card_dialog.hpp"
#include "ui/replace_card_dialog.hpp"
#include "ui/stock_panel.hpp"

namespace kaiku::ui {

namespace {

wxButton* action(wxWindow* parent, const wxString& label, const wxString& name, const wxString& tip, const char* id) {
    auto* b = new wxButton(parent, wxID_ANY, label);
    b->SetToolTip(tip);
    set_accessible(b, name, id);
    return b;
}

// What the view reads in one go on the reader thread.
struct CardsData {
    std::vector<ListRow> cards;
    StockData stock;
};

}  // namespace

bool CardsView::available(const SessionInfo& s) { return s.national() || s.coordinator() || s.issuer(); }

CardsView::CardsView(wxWindow* parent, Services& services) : View(parent, services) {
    const SessionInfo& s = services_.session();
    // A choice of pages rather than tabs: GTK's notebook upsets the accessibility bridge when it goes away.
    book_ = new wxChoicebook(this, wxID_ANY);
    set_accessible(book_->GetChoiceCtrl(), _("Page"), "cards-page");
    book_->GetChoiceCtrl()->SetToolTip(_("Choose the page of this view"));
    set_accessible(book_->GetChoiceCtrl(), _("Show"), "cards-page-choice");
    book_->GetChoiceCtrl()->SetToolTip(_("Cards, or printed batches and the stock of each issuer site"));

    auto* page = new wxPanel(book_, wxID_ANY);
    register_ = action(page, _(L"&Register Card\u2026"), _("Register card"),
                       _("Register a printed card handed to a client (scan or type its ID)"), "register-card-button");
    renew_ = action(page, _("Re&new Card"), _("Renew card"), _("Make the selected card valid for 12 more months"),
                    "renew-card-button");
    cancel_ = action(page, _(L"Cance&l Card\u2026"), _("Cancel card"), _("Cancel the selected card, with the reason"),
                     "cancel-card-button");
    replace_ = action(page, _(L"Re&place Card\u2026"), _("Replace card"),
                      _("Replace a lost or stolen card with a new one for the same holder"), "replace-card-button");
    history_ = action(page, _(L"Histor&y\u2026"), _("Card history"),
                      _("What happened to the selected card, and its uses (Enter or double click)"),
                      "card-history-button");
    register_->Show(s.issuer());
    for (wxButton* b : {renew_, cancel_, replace_}) b->Show(s.issuer() || s.coordinator());
    cards_ = new RecordList(page, "cards", _("Cards"), card_columns(), _("Filter cards by ID, status, issuer, date"));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* b : {register_, renew_, cancel_, replace_, history_})
        buttons->Add(b, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(6)));
    auto* page_sizer = new wxBoxSizer(wxVERTICAL);
    page_sizer->Add(buttons, wxSizerFlags().Border(wxALL, FromDIP(6)));
    page_sizer->Add(cards_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    page->SetSizer(page_sizer);
    book_->AddPage(page, _("Cards"));

    stock_ = new StockPanel(book_, services_);
    book_->AddPage(stock_, _("Batches and stock"));
    // Coordinators mostly order and allocate stock; issuer staff and the national service start with the cards.
    if (s.coordinator()) book_->SetSelection(1);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(book_, wxSizerFlags(1).Expand());
    SetSizer(sizer);
    // Laid out at the size of the page it fills from the start: a first layout at the default size of a new
    // panel would give the lists negative sizes.
    SetSize(parent->GetClientSize());

    register_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { later(&CardsView::register_card); });
    renew_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { later(&CardsView::renew_card); });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { later(&CardsView::cancel_card); });
    replace_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { later(&CardsView::replace_card); });
    history_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { later(&CardsView::show_history); });
    cards_->on_selection = [this](const ListRow*) { update_buttons(); };
    cards_->on_activate = [this](const ListRow&) { later(&CardsView::show_history); };
    update_buttons();
}

// Dialogs open after the event that asked for them has returned: a screen reader's "press" action (AT-SPI)
// must get its answer before a modal loop starts.
void CardsView::later(void (CardsView::*action)()) {
    CallAfter([this, action] { (this->*action)(); });
}

wxString CardsView::title() const { return _("Cards"); }

void CardsView::reload() {
    const unsigned load = ++load_;
    if (cards_->total() == 0) {
        cards_->set_loading();
        stock_->set_loading();
    }
    services_.read<CardsData>(
        [labels = CardLabels::make(), session = services_.session(), today = core::Date::today()](
            store::Database& db) {
            CardsData d;
            d.cards = card_rows(db, labels, today);
            d.stock = read_stock(db, session, labels);
            return d;
        },
        [this, load](Loaded<CardsData> loaded) {
            if (load != load_) return;  // a newer read is on its way
            if (!loaded.ok()) {
                wxLogMessage("Reading cards from the local cache failed: %s", loaded.error);
                return;
            }
            const SessionInfo& s = services_.session();
            issuers_.clear();
            for (const auto& site : loaded.value.stock.issuers)
                if (!s.issuer() || std::find(s.sites.begin(), s.sites.end(), site.id) != s.sites.end())
                    issuers_.push_back(site);
            cards_->set_rows(std::move(loaded.value.cards));
            stock_->set_data(std::move(loaded.value.stock));
            if (!select_after_load_.empty()) {
                cards_->select(select_after_load_);
                select_after_load_.clear();
            }
            update_buttons();
        });
}

bool CardsView::show_record(const std::string& entity, const std::string& id, const std::string&) {
    if (entity != "card") return false;
    book_->ChangeSelection(0);
    select_after_load_ = id;
    return true;
}

void CardsView::focus_filter() {
    if (book_->GetSelection() == 1) return stock_->focus_filter();
    cards_->focus_filter();
}

void CardsView::focus_main() {
    if (book_->GetSelection() == 1) return stock_->focus_main();
    cards_->focus_list();
}

void CardsView::update_buttons() {
    const bool selected = cards_->selected() != nullptr;
    for (wxButton* b : {renew_, cancel_, replace_, history_}) b->Enable(selected);
}

void CardsView::register_card() {
    const SessionInfo& s = services_.session();
    const std::string preselected = s.sites.empty() ? std::string() : s.sites.front();
    RegisterCardDialog dialog(this, services_, issuers_, preselected);
    if (dialog.ShowModal() == wxID_OK) {
        select_after_load_ = dialog.card_id();
        cards_->select(select_after_load_);
    }
}

void CardsView::renew_card() {
    const ListRow* row = cards_->selected();
    if (!row) return;
    const std::string id = row->id;
    const core::Date today = core::Date::today();
    const auto current = core::Date::parse(row->cells[5].utf8_string());
    const core::Date until = current ? std::max(*current, core::validity_end(today)) : core::validity_end(today);
    // TRANSLATORS: %s is a card ID
    wxMessageDialog ask(this, wxString::Format(_("Renew card %s?"), wxString::FromUTF8(id)), _("Renew Card"),
                        wxYES_NO | wxYES_DEFAULT | wxICON_QUESTION);
    ask.SetExtendedMessage(wxString::Format(_("It will be valid until %s."), format_date(until)));
    ask.SetYesNoLabels(_("&Renew"), _("Cancel"));
    if (ask.ShowModal() != wxID_YES) return;
    services_.write([id, today](store::Database& db) { return sync::renew_card(db, id, today); },
                    [this](sync::LocalResult result, std::string error) {
                        wxString problem;
                        if (!error.empty())
                            // TRANSLATORS: %s is a technical detail in English
                            problem = wxString::Format(_("The renewal could not be saved on this computer (%s)."),
                                                       wxString::FromUTF8(error));
                        for (const auto& e : result.errors)
                            problem += (problem.empty() ? "" : "\n") + describe_error(_("Card"), e);
                        if (!problem.empty())
                            wxMessageBox(problem, _("Renew Card"), wxOK | wxICON_WARNING, this);
                    });
}

void CardsView::cancel_card() {
    const ListRow* row = cards_->selected();
    if (!row) return;
    CancelCardDialog dialog(this, services_, row->id);
    dialog.ShowModal();
}

void CardsView::replace_card() {
    const ListRow* row = cards_->selected();
    if (!row) return;
    ReplaceCardDialog dialog(this, services_, row->id);
    if (dialog.ShowModal() == wxID_OK) select_after_load_ = dialog.new_card_id();
}

void CardsView::show_history() {
    const ListRow* row = cards_->selected();
    if (!row) return;
    CardHistoryDialog dialog(this, services_, row->id);
    dialog.ShowModal();
}

}  // namespace kaiku::ui
