#include "ui/uses_view.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>

#include "ui/accessibility.hpp"
#include "ui/import_dialog.hpp"
#include "ui/record_list.hpp"
#include "ui/record_use_dialog.hpp"
#include "ui/uses_data.hpp"
#include "ui/void_use_dialog.hpp"

namespace kaiku::ui {

UsesView::UsesView(wxWindow* parent, Services& services) : View(parent, services) {
    record_ = new wxButton(this, wxID_ANY, _(L"&Record Use\u2026"));
    set_accessible(record_, _("Record use"), "uses-record");
    record_->SetToolTip(_("Record a use of a card on behalf of a venue"));
    void_ = new wxButton(this, wxID_ANY, _(L"&Void Use\u2026"));
    set_accessible(void_, _("Void use"), "uses-void");
    void_->SetToolTip(_("Void the selected use, with a reason"));
    auto* import = new wxButton(this, wxID_ANY, _(L"&Import Log\u2026"));
    set_accessible(import, _("Import log"), "uses-import");
    import->SetToolTip(_("Import a venue's usage log from a CSV or Excel file"));
    anomalies_only_ = new wxCheckBox(this, wxID_ANY, _("Only uses with &anomalies"));
    set_accessible(anomalies_only_, _("Only uses with anomalies"), "uses-anomalies-only");

    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(record_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    bar->Add(void_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    bar->Add(import, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    const SessionInfo& session = services_.session();
    if (session.coordinator() || session.national()) {
        auto* migration = new wxButton(this, wxID_ANY, _(L"&Migration Import\u2026"));
        set_accessible(migration, _("Migration import"), "uses-migration");
        migration->SetToolTip(_("Import areas, sites, cards or uses from an existing register"));
        bar->Add(migration, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
        anomalies_only_->MoveAfterInTabOrder(migration);
        migration->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { import_file(true); }); });
    }

    list_ = new RecordList(this, "uses", _("Uses"), use_list_columns(),
                           _("Filter uses by date, card, venue or anomaly"));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(bar, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    // On a line of its own: with the buttons, longer translations would not fit a narrow window.
    sizer->Add(anomalies_only_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(sizer);

    // Dialogs open after the click has been handled: an assistive technology's "click" returns at once instead of
    // waiting for the dialog's own event loop to end.
    record_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { record_use(); }); });
    void_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { void_use(); }); });
    import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { import_file(false); }); });
    anomalies_only_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { reload(); });
    list_->on_selection = [this](const ListRow*) { update_buttons(); };
    update_buttons();
}

wxString UsesView::title() const { return _("Uses"); }

void UsesView::reload() {
    const unsigned generation = ++generation_;
    if (list_->total() == 0) list_->set_loading();
    services_.read<std::vector<ListRow>>(
        [words = make_use_row_words(), only = anomalies_only_->GetValue()](store::Database& db) {
            return load_use_rows(db, words, only);
        },
        [this, generation](Loaded<std::vector<ListRow>> loaded) {
            if (generation != generation_) return;
            if (!loaded.ok()) wxLogMessage("Reading uses from the local cache failed: %s", loaded.error);
            list_->set_rows(std::move(loaded.value));
            if (!select_after_load_.empty()) {
                list_->select(select_after_load_);
                select_after_load_.clear();
            }
            update_buttons();
        });
}

bool UsesView::show_record(const std::string& entity, const std::string& id, const std::string&) {
    if (entity != "usage") return false;
    anomalies_only_->SetValue(false);  // the use may have none
    select_after_load_ = id;
    return true;
}

void UsesView::update_buttons() {
    const ListRow* row = list_->selected();
    void_->Enable(row && row->cells.size() > use_col_voided && row->cells[use_col_voided].empty());
}

void UsesView::record_use() {
    RecordUseDialog dialog(this, services_);
    dialog.ShowModal();
}

void UsesView::void_use() {
    const ListRow* row = list_->selected();
    if (!row) return;
    // TRANSLATORS: describes the use to be voided: date, card ID, venue
    const wxString summary = wxString::Format(_("Use of card %s at %s on %s"), row->cells[use_col_card],
                                              row->cells[use_col_venue], row->cells[use_col_date]);
    VoidUseDialog dialog(this, services_, row->id, summary);
    dialog.ShowModal();
}

void UsesView::import_file(bool migration) {
    ImportDialog dialog(this, services_, migration);
    dialog.ShowModal();
}

void UsesView::focus_filter() { list_->focus_filter(); }

void UsesView::focus_main() { list_->focus_list(); }

}  // namespace kaiku::ui
