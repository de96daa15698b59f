#include "ui/import_dialog.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/intl.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

#include "ui/accessibility.hpp"
#include "ui/record_list.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

namespace {
constexpr import::ImportKind kMigrationKinds[] = {import::ImportKind::areas, import::ImportKind::sites,
                                                  import::ImportKind::cards, import::ImportKind::uses};
enum : int { timer_debounce = 1, timer_progress = 2 };
}  // namespace

ImportDialog::ImportDialog(wxWindow* parent, Services& services, bool migration)
    : wxDialog(parent, wxID_ANY, migration ? _("Migration Import") : _("Import Usage Log"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      migration_(migration),
      debounce_(this, timer_debounce),
      progress_timer_(this, timer_progress) {
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        migration ? _("Import areas, sites, cards or uses from a CSV or Excel (XLSX) file of an existing register. "
                      "Import areas first, then sites, cards and uses.")
                  : _("Import a venue's paper or Excel usage log from a CSV or Excel (XLSX) file. Rows imported "
                      "before are recognised and not imported twice."));
    intro->Wrap(FromDIP(760));

    auto* grid = new wxFlexGridSizer(3, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    auto* kind_label = new wxStaticText(this, wxID_ANY, _("&What to import:"));
    kind_ = new wxChoice(this, wxID_ANY);
    for (auto k : kMigrationKinds) kind_->Append(label(k));
    kind_->SetSelection(migration ? 0 : 3);
    set_accessible(kind_, _("What to import"), "import-kind");
    if (migration) {
        grid->Add(kind_label, wxSizerFlags().CenterVertical());
        grid->Add(kind_, wxSizerFlags());
        grid->AddSpacer(0);
    } else {
        kind_label->Hide();
        kind_->Hide();
    }
    auto* file_label = new wxStaticText(this, wxID_ANY, _("&File:"));
    file_ = new wxTextCtrl(this, wxID_ANY);
    file_->SetHint(_("A .csv or .xlsx file"));
    set_accessible(file_, _("File"), "import-file");
    auto* browse_button = new wxButton(this, wxID_ANY, _(L"&Browse\u2026"));
    set_accessible(browse_button, _("Browse for the file"), "import-browse");
    grid->Add(file_label, wxSizerFlags().CenterVertical());
    grid->Add(file_, wxSizerFlags().Expand());
    grid->Add(browse_button);
    auto* sheet_label = new wxStaticText(this, wxID_ANY, _("S&heet:"));
    sheet_ = new wxTextCtrl(this, wxID_ANY);
    sheet_->SetHint(_("Excel files: empty reads the first sheet"));
    set_accessible(sheet_, _("Sheet"), "import-sheet");
    grid->Add(sheet_label, wxSizerFlags().CenterVertical());
    grid->Add(sheet_, wxSizerFlags().Expand());
    grid->AddSpacer(0);
    site_label_ = new wxStaticText(this, wxID_ANY, _("&Venue:"));
    site_ = new wxChoice(this, wxID_ANY);
    set_accessible(site_, _("Venue"), "import-site");
    grid->Add(site_label_, wxSizerFlags().CenterVertical());
    grid->Add(site_, wxSizerFlags().Expand());
    grid->AddSpacer(0);

    auto* mapping_label = new wxStaticText(this, wxID_ANY, _("Columns of the file (found automatically; change "
                                                             "a choice if a field was read from the wrong column):"));
    mapping_panel_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 150)));
    mapping_panel_->SetScrollRate(0, FromDIP(10));
    set_accessible(mapping_panel_, _("Columns of the file"), "import-mapping");
    mapping_grid_ = new wxFlexGridSizer(4, FromDIP(4), FromDIP(8));
    mapping_grid_->AddGrowableCol(1);
    mapping_grid_->AddGrowableCol(3);
    mapping_panel_->SetSizer(mapping_grid_);

    summary_ = new wxStaticText(this, wxID_ANY, _("Choose a file to see what would be imported."));
    set_accessible(summary_, summary_->GetLabel(), "import-summary");
    preview_ = new RecordList(this, "import-preview", _("Rows of the file"), preview_columns(),
                              _("Filter rows by status, card or problem"));
    gauge_ = new wxGauge(this, wxID_ANY, 100);
    set_accessible(gauge_, _("Import progress"), "import-progress");
    status_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(status_, wxString(), "import-status");

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, _("&Import"));
    ok_->SetDefault();
    ok_->Disable();
    set_accessible(ok_, _("Import"), "import-ok");
    close_ = new wxButton(this, wxID_CANCEL, _("Close"));
    set_accessible(close_, _("Close"), "import-cancel");
    buttons->AddButton(ok_);
    buttons->AddButton(close_);
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const int pad = FromDIP(12);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, pad));
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, pad));
    sizer->Add(mapping_label, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, pad));
    sizer->Add(mapping_panel_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(4)).Border(wxLEFT, pad));
    sizer->Add(summary_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, pad));
    sizer->Add(preview_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxTOP, pad));
    sizer->Add(gauge_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, pad));
    sizer->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(4)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, pad));
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(900, 720)));
    SetMinSize(FromDIP(wxSize(640, 560)));
    CentreOnParent();

    kind_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { on_kind_changed(); });
    file_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { debounce_.StartOnce(400); });
    sheet_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { debounce_.StartOnce(400); });
    site_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { request_preview(); });
    browse_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { browse(); });
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start_import(); });
    close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel_or_close(); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (applying_ && e.CanVeto()) {
            e.Veto();
            return cancel_or_close();
        }
        e.Skip();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { request_preview(); }, timer_debounce);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { on_progress(); }, timer_progress);
    file_->SetFocus();

    wxWeakRef<ImportDialog> self(this);
    using Sites = std::pair<std::vector<SiteChoice>, std::vector<SiteChoice>>;
    services_.read<Sites>(
        [session = services_.session()](store::Database& db) {
            return Sites{load_site_choices(db, session, core::SiteRole::venue),
                         load_site_choices(db, session, core::SiteRole::issuer)};
        },
        [self](Loaded<Sites> loaded) {
            if (!self) return;
            self->venues_ = std::move(loaded.value.first);
            self->issuers_ = std::move(loaded.value.second);
            self->update_site_choice();
            self->request_preview();
        });
    update_site_choice();
}

import::ImportKind ImportDialog::kind() const {
    const int i = kind_->GetSelection();
    return i >= 0 && i < 4 ? kMigrationKinds[i] : import::ImportKind::uses;
}

void ImportDialog::on_kind_changed() {
    chosen_columns_.clear();
    update_site_choice();
    request_preview();
}

// Uses name their venue and cards their issuer: either a column of the file or the site chosen here.
void ImportDialog::update_site_choice() {
    const bool uses = kind() == import::ImportKind::uses, cards = kind() == import::ImportKind::cards;
    site_label_->Show(uses || cards);
    site_->Show(uses || cards);
    site_label_->SetLabel(cards ? _("&Issuer site:") : _("&Venue:"));
    set_accessible_name(site_, cards ? _("Issuer site") : _("Venue"));
    site_->Clear();
    site_->Append(_("(named in the file)"));
    const auto& sites = cards ? issuers_ : venues_;
    for (const auto& s : sites) site_->Append(wxString::FromUTF8(s.name));
    int chosen = 0;
    const auto& own = services_.session().sites;
    for (std::size_t i = 0; i < sites.size(); ++i)
        if (!own.empty() && sites[i].id == own.front()) chosen = static_cast<int>(i) + 1;
    if (chosen == 0 && sites.size() == 1) chosen = 1;
    site_->SetSelection(chosen);
    Layout();
}

void ImportDialog::set_status(const wxString& text) {
    status_->SetLabel(text);
    status_->Wrap(GetClientSize().x - FromDIP(24));
    set_accessible_name(status_, text);
    Layout();
}

void ImportDialog::set_busy(bool busy, const wxString& text) {
    if (busy)
        gauge_->Pulse();
    else
        gauge_->SetValue(0);
    set_status(text);
}

void ImportDialog::browse() {
    wxFileDialog dialog(this, _("Choose the File to Import"), wxString(), wxString(),
                        _("Spreadsheets (*.csv;*.xlsx)|*.csv;*.CSV;*.xlsx;*.XLSX|All files|*"),
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    file_->ChangeValue(dialog.GetPath());
    chosen_columns_.clear();
    request_preview();
}

void ImportDialog::request_preview() {
    debounce_.Stop();
    if (applying_) return;
    const unsigned generation = ++generation_;
    plan_.reset();
    ok_->Disable();
    PreviewRequest request;
    request.path = wxString(file_->GetValue()).Trim(true).Trim(false).utf8_string();
    request.sheet = wxString(sheet_->GetValue()).Trim(true).Trim(false).utf8_string();
    request.kind = kind();
    if (request.path.empty()) {
        preview_->set_rows({});
        set_busy(false, wxString());
        return;
    }
    for (const auto& [field, header] : chosen_columns_) request.overrides.push_back({field, header});
    const int s = site_->GetSelection();
    const auto& sites = request.kind == import::ImportKind::cards ? issuers_ : venues_;
    if (s > 0 && static_cast<std::size_t>(s) <= sites.size()) {
        if (request.kind == import::ImportKind::cards)
            request.context.issuer_site_id = sites[s - 1].id;
        else
            request.context.venue_site_id = sites[s - 1].id;
    }
    preview_->set_loading();
    set_busy(true, _(L"Reading and checking the file\u2026"));
    wxWeakRef<ImportDialog> self(this);
    services_.read<PreviewResult>(
        [request, words = make_preview_words()](store::Database& db) { return make_preview(db, request, words); },
        [self, generation](Loaded<PreviewResult> loaded) {
            if (!self || generation != self->generation_) return;  // a newer choice is being checked
            if (!loaded.ok()) loaded.value.errors.push_back({"file", "store_error", loaded.error});
            self->on_preview(std::move(loaded.value));
        });
}

void ImportDialog::rebuild_mapping(const PreviewResult& result) {
    if (result.headers == mapped_headers_ && result.request.kind == mapped_kind_ && !mapping_choices_.empty()) {
        for (auto& [field, choice] : mapping_choices_) {
            const auto it = result.mapped.find(field);
            choice->SetSelection(it != result.mapped.end() && it->second ? static_cast<int>(*it->second) + 1 : 0);
        }
        return;
    }
    mapped_headers_ = result.headers;
    mapped_kind_ = result.request.kind;
    mapping_choices_.clear();
    mapping_panel_->DestroyChildren();
    mapping_grid_->Clear(false);
    if (result.headers.empty()) return mapping_panel_->FitInside();
    for (const auto& f : import::fields_of(result.request.kind)) {
        wxString name = field_label(f.key, f.label);
        // TRANSLATORS: a field that every row must have, in the column mapping
        if (f.required) name = wxString::Format(_("%s (required)"), name);
        auto* text = new wxStaticText(mapping_panel_, wxID_ANY, name + ":");
        auto* choice = new wxChoice(mapping_panel_, wxID_ANY);
        choice->Append(_("(not in the file)"));
        for (const auto& h : result.headers) choice->Append(wxString::FromUTF8(h));
        const auto it = result.mapped.find(f.key);
        choice->SetSelection(it != result.mapped.end() && it->second ? static_cast<int>(*it->second) + 1 : 0);
        set_accessible(choice, name, ("import-map-" + f.key).c_str());
        choice->Bind(wxEVT_CHOICE, [this, key = f.key, choice](wxCommandEvent&) {
            const int i = choice->GetSelection();
            chosen_columns_[key] = i > 0 ? mapped_headers_[static_cast<std::size_t>(i - 1)] : std::string();
            request_preview();
        });
        mapping_grid_->Add(text, wxSizerFlags().CenterVertical());
        mapping_grid_->Add(choice, wxSizerFlags().Expand());
        mapping_choices_.emplace_back(f.key, choice);
    }
    mapping_panel_->FitInside();
    mapping_panel_->Layout();
}

void ImportDialog::show_summary(const PreviewResult& result) {
    wxString text;
    if (!result.errors.empty()) {
        text = _("Nothing can be imported yet:");
        for (const auto& e : result.errors) text += "\n" + problem_text(e);
    } else if (result.plan) {
        text = wxString::Format(wxPLURAL("%zu row is ready to import.", "%zu rows are ready to import.", result.ready),
                                result.ready);
        if (result.failed)
            text += " " + wxString::Format(wxPLURAL("%zu row has problems and will be left out.",
                                                    "%zu rows have problems and will be left out.", result.failed),
                                           result.failed);
        if (result.duplicates)
            text += " " + wxString::Format(wxPLURAL("%zu row was imported before.", "%zu rows were imported before.",
                                                    result.duplicates),
                                           result.duplicates);
    }
    summary_->SetLabel(text);
    summary_->Wrap(GetClientSize().x - FromDIP(24));
    set_accessible_name(summary_, text);
    Layout();
}

void ImportDialog::on_preview(PreviewResult result) {
    rebuild_mapping(result);
    show_summary(result);
    preview_->set_rows(std::move(result.rows));
    plan_ = result.errors.empty() ? result.plan : nullptr;
    // Importing a file whose rows were all imported before is allowed: it says that nothing new was added.
    ok_->Enable(plan_ && result.ready + result.duplicates > 0);
    set_busy(false, last_report_);
    Layout();
}

void ImportDialog::start_import() {
    if (!plan_ || applying_) return;
    auto state = std::make_shared<ApplyState>();
    applying_ = state;
    for (wxWindow* w : {static_cast<wxWindow*>(ok_), static_cast<wxWindow*>(file_), static_cast<wxWindow*>(sheet_),
                        static_cast<wxWindow*>(site_), static_cast<wxWindow*>(kind_),
                        static_cast<wxWindow*>(mapping_panel_)})
        w->Disable();
    close_->SetLabel(_("&Cancel"));
    set_accessible_name(close_, _("Cancel the import"));
    gauge_->SetRange(static_cast<int>(std::max<std::size_t>(plan_->rows.size(), 1)));
    gauge_->SetValue(0);
    set_status(_(L"Importing\u2026"));
    progress_timer_.Start(200);
    wxWeakRef<ImportDialog> self(this);
    services_.write(
        [plan = plan_, state](store::Database& db) {
            import::ApplyOptions options;
            options.cancel = &state->cancel;
            options.progress = [state](std::size_t done, std::size_t total) {
                state->done = done;
                state->total = total;
            };
            state->report = import::apply_import(db, *plan, options);
            return sync::LocalResult{};
        },
        [self](sync::LocalResult, std::string error) {
            if (self) self->on_imported(error);
        });
}

// Polled, so that a large import does not flood the event loop with progress events.
void ImportDialog::on_progress() {
    if (!applying_) return;
    const std::size_t done = applying_->done, total = applying_->total;
    if (total == 0) return;
    gauge_->SetRange(static_cast<int>(total));
    gauge_->SetValue(static_cast<int>(std::min(done, total)));
    if (!applying_->cancel)
        set_status(wxString::Format(wxPLURAL(L"Imported %zu of %zu row\u2026", L"Imported %zu of %zu rows\u2026",
                                             total),
                                    done, total));
}

void ImportDialog::on_imported(const std::string& error) {
    progress_timer_.Stop();
    const import::ApplyReport report = applying_->report;
    applying_.reset();
    for (wxWindow* w : {static_cast<wxWindow*>(file_), static_cast<wxWindow*>(sheet_), static_cast<wxWindow*>(site_),
                        static_cast<wxWindow*>(kind_), static_cast<wxWindow*>(mapping_panel_)})
        w->Enable();
    close_->SetLabel(_("Close"));
    set_accessible_name(close_, _("Close"));
    wxString text;
    if (!error.empty()) {
        // TRANSLATORS: %s is a technical detail in English
        text = wxString::Format(_("The import stopped: the data on this computer could not be written (%s). Rows "
                                  "imported before the problem are kept."),
                                wxString::FromUTF8(error));
    } else {
        text = wxString::Format(wxPLURAL("Imported %zu new row.", "Imported %zu new rows.", report.imported),
                                report.imported);
        if (report.duplicates)
            text += " " + wxString::Format(wxPLURAL("%zu row was already imported.", "%zu rows were already imported.",
                                                    report.duplicates),
                                           report.duplicates);
        if (report.failed)
            text += " " + wxString::Format(wxPLURAL("%zu row was left out.", "%zu rows were left out.", report.failed),
                                           report.failed);
        if (report.cancelled) text += " " + _("The import was cancelled; import the file again to add the rest.");
        if (report.imported) text += " " + _("The new rows are sent to the register with the next sync.");
    }
    last_report_ = text;
    request_preview();  // the rows just imported now show as imported before
}

void ImportDialog::cancel_or_close() {
    if (!applying_) return EndModal(wxID_CANCEL);
    applying_->cancel = true;
    set_status(_(L"Cancelling\u2026 rows already written stay imported."));
}

}  // namespace kaiku::ui
