#include "ui/record_use_dialog.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

#include "core/card_id.hpp"
#include "core/validation.hpp"
#include "import/import.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

namespace {
constexpr core::Category kCategories[] = {core::Category::culture, core::Category::education, core::Category::science,
                                          core::Category::sports};
constexpr core::UsageItem kItems[] = {core::UsageItem::ticket, core::UsageItem::course_place,
                                      core::UsageItem::season_pass};
}  // namespace

RecordUseDialog::RecordUseDialog(wxWindow* parent, Services& services)
    : wxDialog(parent, wxID_ANY, _("Record Use"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      preview_timer_(this) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Type the card ID or read it with the scanner, then check the numbers. "
                                     "The dialog stays open for the next card."));
    intro->Wrap(FromDIP(440));

    auto problem = [this](const char* id) {
        auto* t = new wxStaticText(this, wxID_ANY, wxString());
        set_accessible(t, wxString(), id);
        t->Hide();
        return t;
    };
    auto* card_label = new wxStaticText(this, wxID_ANY, _("&Card ID:"));
    card_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    set_accessible(card_, _("Card ID"), "use-card");
    card_->SetHint(_("e.g. TRE-000123-K"));
    card_problem_ = problem("use-card-problem");
    auto* date_label = new wxStaticText(this, wxID_ANY, _("&Date:"));
    date_ = new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(core::Date::today().iso()));
    set_accessible(date_, _("Date of use"), "use-date");
    date_->SetToolTip(_("The day of the use, e.g. 31.12.2024 or 2024-12-31"));
    date_problem_ = problem("use-date-problem");
    auto* venue_label = new wxStaticText(this, wxID_ANY, _("&Venue:"));
    venue_ = new wxChoice(this, wxID_ANY);
    venue_->Append(_(L"Loading\u2026"));
    venue_->SetSelection(0);
    venue_->Disable();
    set_accessible(venue_, _("Venue"), "use-venue");
    auto* adults_label = new wxStaticText(this, wxID_ANY, _("A&dults:"));
    adults_ = new wxSpinCtrl(this, wxID_ANY, "1", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                             core::kMaxAdultsPerUse, 1);
    set_accessible(adults_, _("Adults"), "use-adults");
    auto* children_label = new wxStaticText(this, wxID_ANY, _("C&hildren:"));
    children_ = new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                               core::kMaxChildren, 0);
    set_accessible(children_, _("Children"), "use-children");
    counts_problem_ = problem("use-counts-problem");
    auto* category_label = new wxStaticText(this, wxID_ANY, _("Ca&tegory:"));
    category_ = new wxChoice(this, wxID_ANY);
    for (auto c : kCategories) category_->Append(label(c));
    category_->SetSelection(0);
    set_accessible(category_, _("Category"), "use-category");
    auto* item_label = new wxStaticText(this, wxID_ANY, _("&Item:"));
    item_ = new wxChoice(this, wxID_ANY);
    for (auto i : kItems) item_->Append(label(i));
    item_->SetSelection(0);
    set_accessible(item_, _("Item"), "use-item");
    auto* event_label = new wxStaticText(this, wxID_ANY, _("&Event (optional):"));
    event_ = new wxTextCtrl(this, wxID_ANY);
    set_accessible(event_, _("Event"), "use-event");

    warnings_ = problem("use-warnings");
    status_ = problem("use-status");

    auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
    grid->AddGrowableCol(1);
    auto row = [&](wxWindow* label, wxWindow* field, wxStaticText* under = nullptr) {
        grid->Add(label ? label : new wxStaticText(this, wxID_ANY, wxString()), wxSizerFlags().CenterVertical());
        grid->Add(field, wxSizerFlags().Expand());
        if (under) {
            grid->AddSpacer(0);
            grid->Add(under, wxSizerFlags().Expand());
        }
    };
    row(card_label, card_, card_problem_);
    row(date_label, date_, date_problem_);
    row(venue_label, venue_);
    row(adults_label, adults_);
    row(children_label, children_, counts_problem_);
    row(category_label, category_);
    row(item_label, item_);
    row(event_label, event_);

    auto* buttons = new wxStdDialogButtonSizer;
    // TRANSLATORS: a button (a verb): saves the use typed in the form
    ok_ = new wxButton(this, wxID_OK, wxGETTEXT_IN_CONTEXT("verb: save a use", "&Record"));
    ok_->SetDefault();
    // TRANSLATORS: the screen reader's name of the button that saves the use (a verb)
    set_accessible(ok_, wxGETTEXT_IN_CONTEXT("verb: save a use", "Record"), "use-ok");
    auto* close = new wxButton(this, wxID_CANCEL, _("Close"));
    set_accessible(close, _("Close"), "use-close");
    buttons->AddButton(ok_);
    buttons->AddButton(close);
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(warnings_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(status_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetMinSize(FromDIP(wxSize(520, -1)));
    Fit();

    card_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        entry_ = core::EntryMethod::manual;
        check_card(false);
        schedule_preview();
    });
    // A keyboard-wedge scanner types the code and presses Enter: a good code moves on to the numbers.
    card_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        if (check_card(true)) {
            entry_ = core::EntryMethod::scanner;
            adults_->SetFocus();
            adults_->SetSelection(-1, -1);
        } else {
            card_->SelectAll();
        }
    });
    date_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        check_date(false);
        schedule_preview();
    });
    for (wxSpinCtrl* spin : {adults_, children_}) {
        spin->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) {
            check_counts();
            schedule_preview();
        });
        spin->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { CallAfter([this] { check_counts(); }); });
    }
    venue_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { on_venue_changed(); });
    category_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        item_->SetSelection(kCategories[category_->GetSelection()] == core::Category::education ? 1 : 0);
        schedule_preview();
    });
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { preview(); });
    card_->SetFocus();

    wxWeakRef<RecordUseDialog> self(this);
    services_.read<std::vector<SiteChoice>>(
        [session = services_.session()](store::Database& db) {
            return load_site_choices(db, session, core::SiteRole::venue);
        },
        [self](Loaded<std::vector<SiteChoice>> loaded) {
            if (self) self->on_sites(std::move(loaded.value));
        });
}

void RecordUseDialog::show(wxStaticText* where, const wxString& text) {
    if (where->GetLabel() == text && where->IsShown() == !text.empty()) return;
    where->SetLabel(text);
    where->Show(!text.empty());  // an empty problem line takes no room
    where->Wrap(FromDIP(440));
    set_accessible_name(where, text);
    Layout();
    Fit();
}

void RecordUseDialog::on_sites(std::vector<SiteChoice> sites) {
    sites_ = std::move(sites);
    venue_->Clear();
    for (const auto& s : sites_) venue_->Append(wxString::FromUTF8(s.name));
    if (sites_.empty()) {
        venue_->Append(_("(no venues in the data on this computer)"));
        venue_->SetSelection(0);
        return show(status_, _("There are no venues you can record uses for. Sync, or ask your area coordinator."));
    }
    venue_->Enable();
    int chosen = 0;
    const auto& own = services_.session().sites;
    for (std::size_t i = 0; i < sites_.size(); ++i)
        if (!own.empty() && sites_[i].id == own.front()) chosen = static_cast<int>(i);
    venue_->SetSelection(chosen);
    on_venue_changed();
}

void RecordUseDialog::on_venue_changed() {
    const int v = venue_->GetSelection();
    if (v < 0 || static_cast<std::size_t>(v) >= sites_.size()) return;
    if (!sites_[v].categories.empty()) {
        category_->SetSelection(static_cast<int>(sites_[v].categories.front()));
        item_->SetSelection(sites_[v].categories.front() == core::Category::education ? 1 : 0);
    }
    schedule_preview();
}

bool RecordUseDialog::check_card(bool show_required) {
    const std::string text = card_->GetValue().utf8_string();
    const auto parsed = core::parse_card_id(text, "card_id");
    if (parsed.id) {
        show(card_problem_, wxString());
        return true;
    }
    if (text.empty() && !show_required) {
        show(card_problem_, wxString());
        return false;
    }
    wxString why;
    if (parsed.error->code == "required")
        why = _("Card ID: enter the card's ID or read it with the scanner.");
    else if (parsed.error->code == "invalid_check_character")
        why = _("Card ID: the last character does not match; check the ID for a typing mistake.");
    else
        why = _("Card ID: use the form ABC-123456-X (area letters, six digits, check character).");
    show(card_problem_, why);
    return false;
}

bool RecordUseDialog::check_date(bool show_required) {
    const std::string text = date_->GetValue().utf8_string();
    const auto day = import::parse_import_date(text);
    wxString why;
    if (text.empty())
        why = show_required ? _("Date: enter the day of the use.") : wxString();
    else if (!day)
        why = _("Date: write it as 31.12.2024 or 2024-12-31.");
    else if (*day > core::Date::today())
        why = _("Date: the day of the use cannot be in the future.");
    show(date_problem_, why);
    return day && why.empty();
}

bool RecordUseDialog::check_counts() {
    const bool ok = adults_->GetValue() + children_->GetValue() >= 1;
    show(counts_problem_, ok ? wxString() : _("Adults and children: at least one person must enter."));
    return ok;
}

bool RecordUseDialog::build(core::Usage& use, bool show_required) {
    const bool card_ok = check_card(show_required), date_ok = check_date(show_required), counts_ok = check_counts();
    const int v = venue_->GetSelection();
    const bool venue_ok = v >= 0 && static_cast<std::size_t>(v) < sites_.size();
    if (!card_ok || !date_ok || !counts_ok || !venue_ok) return false;
    use.card_id = core::parse_card_id(card_->GetValue().utf8_string()).id->str();
    use.used_on = *import::parse_import_date(date_->GetValue().utf8_string());
    use.venue_site_id = sites_[v].id;
    use.adults = adults_->GetValue();
    use.children = children_->GetValue();
    use.category = kCategories[category_->GetSelection()];
    use.item = kItems[item_->GetSelection()];
    use.event = wxString(event_->GetValue()).Trim(true).Trim(false).utf8_string();
    use.entry = entry_;
    return true;
}

void RecordUseDialog::schedule_preview() { preview_timer_.StartOnce(300); }

// Before saving: what the cache can already tell about the card (the register checks again when it arrives).
void RecordUseDialog::preview() {
    core::Usage use;
    const unsigned generation = ++preview_generation_;
    if (saving_ || !build(use, false)) {
        if (!saving_) show(warnings_, wxString());
        return;
    }
    wxWeakRef<RecordUseDialog> self(this);
    services_.read<UsePreview>([use](store::Database& db) { return preview_use(db, use); },
                               [self, generation](Loaded<UsePreview> loaded) {
                                   if (!self || generation != self->preview_generation_ || !loaded.ok()) return;
                                   const UsePreview& p = loaded.value;
                                   wxString text;
                                   if (!p.card_known)
                                       text = _("This card is not in the data on this computer. The register "
                                                "checks it when the use is sent.");
                                   else if (p.anomalies)
                                       text = _("Check before saving:") + "\n" + anomaly_sentences(p.anomalies);
                                   self->show(self->warnings_, text);
                               });
}

void RecordUseDialog::save() {
    if (saving_) return;
    core::Usage use;
    if (!build(use, true)) {
        show(status_, _("The use was not saved: correct the problems shown above."));
        if (!card_problem_->GetLabel().empty())
            card_->SetFocus();
        else if (!date_problem_->GetLabel().empty())
            date_->SetFocus();
        else
            adults_->SetFocus();
        return;
    }
    saving_ = true;
    ok_->Disable();
    show(status_, _(L"Saving\u2026"));
    wxWeakRef<RecordUseDialog> self(this);
    const wxString card = wxString::FromUTF8(use.card_id);
    services_.write([use](store::Database& db) { return sync::record_use(db, use); },
                    [self, card](sync::LocalResult result, std::string error) {
                        if (self) self->saved(result, error, card);
                    });
}

void RecordUseDialog::saved(const sync::LocalResult& result, const std::string& error, const wxString& card) {
    saving_ = false;
    ok_->Enable();
    if (!error.empty()) {
        // TRANSLATORS: %s is a technical detail in English
        show(status_, wxString::Format(_("The use could not be saved on this computer (%s). Nothing was lost "
                                         "from the form: try again."),
                                       wxString::FromUTF8(error)));
        return;
    }
    if (!result.ok()) {
        wxString general;
        for (const auto& e : result.errors) {
            const wxString text = problem_text(e);
            if (e.field == "card_id") show(card_problem_, text);
            else if (e.field == "used_on") show(date_problem_, text);
            else if (e.field == "adults" || e.field == "children") show(counts_problem_, text);
            else general += (general.empty() ? wxString() : wxString("\n")) + text;
        }
        show(status_, general.empty() ? _("The use was not saved: correct the problems shown above.") : general);
        return;
    }
    // TRANSLATORS: %s is a card ID
    wxString text = wxString::Format(_("Use of card %s recorded. It is sent to the register with the next sync."),
                                     card);
    show(status_, text);
    show(warnings_, result.anomalies ? _("Recorded with these notes:") + "\n" + anomaly_sentences(result.anomalies)
                                     : wxString());
    // Ready for the next card; date, venue and category stay.
    card_->ChangeValue(wxString());
    adults_->SetValue(1);
    children_->SetValue(0);
    entry_ = core::EntryMethod::manual;
    card_->SetFocus();
}

}  // namespace kaiku::ui
