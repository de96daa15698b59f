#include "ui/stock_panel.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/allocate_dialog.hpp"
#include "ui/announce.hpp"
#include "ui/batch_dialog.hpp"
#include "ui/card_sheet_output.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

StockPanel::StockPanel(wxWindow* parent, Services& services) : wxPanel(parent, wxID_ANY), services_(services) {
    const bool manage = services_.session().coordinator();
    auto* heading = new wxStaticText(this, wxID_ANY, _("Printed card batches"));
    heading->SetFont(heading->GetFont().Bold());
    set_accessible(heading, _("Printed card batches"), "batches-heading");
    new_batch_ = new wxButton(this, wxID_ANY, _(L"New &Batch\u2026"));
    new_batch_->SetToolTip(_("Record a printed range of cards for your area"));
    set_accessible(new_batch_, _("New batch"), "new-batch-button");
    allocate_ = new wxButton(this, wxID_ANY, _(L"&Allocate\u2026"));
    allocate_->SetToolTip(_("Hand a range of the selected batch to an issuer site"));
    set_accessible(allocate_, _("Allocate cards"), "allocate-button");
    sheet_ = new wxButton(this, wxID_ANY, _(L"Card &Sheet…"));
    sheet_->SetToolTip(_("Save the selected batch's cards as a PDF to print on A4 card stock"));
    set_accessible(sheet_, _("Card sheet of the selected batch"), "card-sheet-button");
    sheet_->Show(manage || services_.session().national());
    message_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(message_, wxString(), "card-sheet-message");
    new_batch_->Show(manage);
    allocate_->Show(manage);
    batches_ = new RecordList(this, "batches", _("Printed card batches"), batch_columns(), _("Filter batches"));

    auto* stock_heading = new wxStaticText(this, wxID_ANY, _("Card stock per issuer site"));
    stock_heading->SetFont(stock_heading->GetFont().Bold());
    set_accessible(stock_heading, _("Card stock per issuer site"), "stock-heading");
    stock_ = new RecordList(this, "stock", _("Card stock per issuer site"), stock_columns(),
                            _("Filter issuer sites"));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(heading, wxSizerFlags().CenterVertical());
    top->AddStretchSpacer();  // not a stretched heading: a page laid out very small gets no negative widths
    top->Add(new_batch_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(6)));
    top->Add(allocate_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(6)));
    top->Add(sheet_, wxSizerFlags().CenterVertical().Border(wxLEFT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
    sizer->Add(message_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    sizer->Add(batches_, wxSizerFlags(3).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));
    sizer->Add(stock_heading, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(6)));
    sizer->Add(stock_, wxSizerFlags(2).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    SetSizer(sizer);

    // Dialogs open once the event that asked for them has returned (a screen reader's "press" gets its answer first).
    new_batch_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { new_batch(); }); });
    allocate_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { allocate(); }); });
    sheet_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { card_sheet(); }); });
    batches_->on_selection = [this](const ListRow*) { update_buttons(); };
    batches_->on_activate = [this](const ListRow&) {
        if (services_.session().coordinator()) CallAfter([this] { allocate(); });
    };
    update_buttons();
}

void StockPanel::set_loading() {
    batches_->set_loading();
    stock_->set_loading();
}

void StockPanel::set_data(StockData data) {
    data_ = std::move(data);
    batches_->set_rows(data_.batch_rows);
    stock_->set_rows(data_.stock_rows);
    update_buttons();
}

void StockPanel::focus_filter() { batches_->focus_filter(); }
void StockPanel::focus_main() { batches_->focus_list(); }

void StockPanel::update_buttons() {
    const SessionInfo& s = services_.session();
    new_batch_->Enable(s.coordinator() && !s.area_id.empty());
    allocate_->Enable(s.coordinator() && !data_.batches.empty() && !data_.issuers.empty());
    sheet_->Enable(!batches_->selected_id().empty());
}

void StockPanel::card_sheet() {
    const std::string batch = batches_->selected_id();
    if (batch.empty()) return;
    save_card_sheet(this, services_, batch,
                    [this](const wxString& message) { show_line(message_, message, true); });
}

void StockPanel::new_batch() {
    const SessionInfo& s = services_.session();
    const core::Area* area = nullptr;
    for (const auto& a : data_.areas)
        if (a.id == s.area_id) area = &a;
    if (!area) return;
    std::vector<core::CardBatch> existing;
    for (const auto& b : data_.batches)
        if (b.area_id == area->id) existing.push_back(b);
    BatchDialog dialog(this, services_, *area, std::move(existing));
    dialog.ShowModal();
}

void StockPanel::allocate() {
    if (!allocate_->IsEnabled()) return;
    AllocateDialog dialog(this, services_, data_.areas, data_.batches, data_.allocations, data_.issuers,
                          batches_->selected_id());
    dialog.ShowModal();
}

}  // namespace kaiku::ui
