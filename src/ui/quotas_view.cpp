#include "ui/quotas_view.hpp"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/choicebk.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/adjust_quota_dialog.hpp"
#include "ui/quota_dialog.hpp"
#include "ui/record_list.hpp"
#include "ui/rule_dialog.hpp"

namespace kaiku::ui {

QuotasView::QuotasView(wxWindow* parent, Services& services) : View(parent, services) {
    book_ = new wxChoicebook(this, wxID_ANY);
    set_accessible(book_->GetChoiceCtrl(), _("Page"), "quotas-page");
    book_->GetChoiceCtrl()->SetToolTip(_("Choose the page of this view"));
    // A choice rather than tabs: GTK notebook tabs misbehave with assistive technology when windows close.
    set_accessible(book_->GetChoiceCtrl(), _("Show"), "quotas-page-choice");
    set_accessible(book_, _("Quotas and rules"), "quotas-pages");
    book_->AddPage(build_quotas_page(book_), _("Card Quotas"));
    book_->AddPage(build_rules_page(book_), _("Rules and Caps"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(book_, wxSizerFlags(1).Expand());
    SetSizer(sizer);
    update_warning();
    update_buttons();
}

wxWindow* QuotasView::build_quotas_page(wxWindow* book) {
    auto* page = new wxPanel(book, wxID_ANY);
    warning_icon_ = new wxStaticBitmap(page, wxID_ANY, wxArtProvider::GetBitmapBundle(wxART_WARNING, wxART_OTHER));
    warning_ = new wxStaticText(page, wxID_ANY, wxString());
    set_accessible(warning_, wxString(), "quotas-warning");
    set_ = new wxButton(page, wxID_ANY, _(L"&Set Quota\u2026"));
    set_accessible(set_, _("Set quota"), "quotas-set");
    adjust_ = new wxButton(page, wxID_ANY, _(L"&Adjust\u2026"));
    set_accessible(adjust_, _("Adjust the selected quota"), "quotas-adjust");

    quotas_ = new RecordList(page, "quotas", _("Issuer card quotas"),
                             {{_("Issuer site"), 220}, {_("Period"), 170}, {_("Quota"), 70, true},
                              {_("Adjustments"), 90, true}, {_("Granted"), 80, true},
                              // TRANSLATORS: column heading: how many cards the site has registered in the period
                              {wxGETTEXT_IN_CONTEXT("number of cards", "Registered"), 90, true},
                              {_("Remaining"), 90, true}, {_("State"), 110}, {_("Area"), 120, false, false}},
                             _("Filter quotas"));
    adjustments_heading_ = new wxStaticText(page, wxID_ANY, _("Adjustments of the selected quota"));
    adjustments_heading_->SetFont(adjustments_heading_->GetFont().Bold());
    adjustments_ = new RecordList(page, "quota-adjustments", _("Adjustments of the selected quota"),
                                  {{_("Date"), 110}, {_("Change"), 80, true}, {_("Reason"), 420}},
                                  _("Filter adjustments"));

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(warning_icon_, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(6)));
    top->Add(warning_, wxSizerFlags(1).CenterVertical());
    top->Add(set_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    top->Add(adjust_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
    sizer->Add(quotas_, wxSizerFlags(3).Expand().Border(wxLEFT | wxRIGHT, FromDIP(6)));
    sizer->Add(adjustments_heading_, wxSizerFlags().Border(wxLEFT | wxTOP, FromDIP(6)));
    sizer->Add(adjustments_, wxSizerFlags(2).Expand().Border(wxALL, FromDIP(6)));
    page->SetSizer(sizer);

    quotas_->on_selection = [this](const ListRow*) { on_quota_selected(); };
    quotas_->on_activate = [this](const ListRow&) {
        if (adjust_->IsShown()) adjust();
    };
    // Dialogs open after the click's handler returned, so that assistive technology is answered meanwhile.
    set_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { set_quota(); }); });
    adjust_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { adjust(); }); });
    return page;
}

wxWindow* QuotasView::build_rules_page(wxWindow* book) {
    auto* page = new wxPanel(book, wxID_ANY);
    auto* intro = new wxStaticText(page, wxID_ANY,
                                   _("Rules limit free tickets and course places. A venue's cap is a rule on the "
                                     "venue: most tickets per card and event."));
    add_rule_ = new wxButton(page, wxID_ANY, _(L"Add &Rule\u2026"));
    set_accessible(add_rule_, _("Add a rule"), "rules-add");
    edit_rule_ = new wxButton(page, wxID_ANY, _(L"&Edit Rule\u2026"));
    set_accessible(edit_rule_, _("Edit the selected rule"), "rules-edit");
    rules_ = new RecordList(page, "rules", _("Rules and caps"),
                            {{_("Applies to"), 220}, {_("Rule"), 260}, {_("Value"), 100}, {_("Valid from"), 100},
                             {_("Valid until"), 120}},
                            _("Filter rules"));
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(intro, wxSizerFlags(1).CenterVertical());
    top->Add(add_rule_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    top->Add(edit_rule_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
    sizer->Add(rules_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    page->SetSizer(sizer);
    rules_->on_selection = [this](const ListRow*) { update_buttons(); };
    rules_->on_activate = [this](const ListRow&) {
        if (edit_rule_->IsShown()) edit_rule(false);
    };
    add_rule_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { edit_rule(true); }); });
    edit_rule_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { edit_rule(false); }); });
    return page;
}

wxString QuotasView::title() const { return _("Quotas"); }

void QuotasView::reload() {
    SessionInfo session = services_.session();
    services_.read<QuotasData>([session](store::Database& db) { return read_quotas(db, session); },
                               [this](Loaded<QuotasData> loaded) {
                                   if (!loaded.ok()) {
                                       wxLogMessage("Reading quotas from the local cache failed: %s", loaded.error);
                                       return;
                                   }
                                   data_ = std::move(loaded.value);
                                   quotas_->set_rows(data_.quota_rows);
                                   rules_->set_rows(data_.rule_rows);
                                   if (!select_after_load_.empty()) {
                                       quotas_->select(select_after_load_);
                                       select_after_load_.clear();
                                   }
                                   update_warning();
                                   update_buttons();
                                   on_quota_selected();
                               });
}

const QuotaRow* QuotasView::selected_quota() const {
    const std::string id = quotas_->selected_id();
    for (const auto& q : data_.quotas)
        if (q.quota.id == id) return &q;
    return nullptr;
}

const core::Rule* QuotasView::selected_rule() const {
    const std::string id = rules_->selected_id();
    for (const auto& r : data_.rules)
        if (r.id == id) return &r;
    return nullptr;
}

void QuotasView::on_quota_selected() {
    update_buttons();
    const QuotaRow* q = selected_quota();
    pending_quota_ = q ? q->quota.id : std::string();
    if (!q) {
        adjustments_->set_rows({});
        return;
    }
    services_.read<std::vector<ListRow>>(
        [id = q->quota.id](store::Database& db) { return read_adjustments(db, id); },
        [this, id = q->quota.id](Loaded<std::vector<ListRow>> loaded) {
            if (id != pending_quota_) return;
            if (!loaded.ok()) wxLogMessage("Reading quota adjustments failed: %s", loaded.error);
            adjustments_->set_rows(std::move(loaded.value));
        });
}

void QuotasView::update_warning() {
    int low = 0, out = 0;
    wxString first;
    for (const auto& q : data_.quotas) {
        const auto w = q.use.warning();
        if (w == core::QuotaWarning::none || q.quota.period_end < core::Date::today()) continue;
        if (first.empty()) first = q.site_name;
        (w == core::QuotaWarning::exhausted ? out : low)++;
    }
    wxString text;
    if (low + out == 0)
        text = _("No current quota is running out.");
    else if (low + out == 1)
        // TRANSLATORS: %s is an issuer site's name
        text = wxString::Format(out ? _("Warning: the card quota of %s is used up.")
                                    : _("Warning: the card quota of %s is running out (10%% or less left)."),
                                first);
    else
        text = wxString::Format(wxPLURAL("Warning: %d current card quota is running out or used up; see the State column.",
                                         "Warning: %d current card quotas are running out or used up; see the State column.",
                                         low + out),
                                low + out);
    warning_->SetLabel(text);
    set_accessible_name(warning_, text);
    warning_icon_->Show(low + out > 0);
    warning_->GetParent()->Layout();
}

void QuotasView::update_buttons() {
    // Issuer staff read only; the role may become known only after the first sync signed in.
    const bool editable = services_.session().coordinator() || services_.session().national();
    if (set_->IsShown() != editable) {
        for (wxButton* b : {set_, adjust_, add_rule_, edit_rule_}) b->Show(editable);
        set_->GetParent()->Layout();
        add_rule_->GetParent()->Layout();
    }
    set_->Enable(!data_.issuers.empty());
    adjust_->Enable(selected_quota() != nullptr);
    add_rule_->Enable(!data_.scopes.empty());
    edit_rule_->Enable(selected_rule() != nullptr && !data_.scopes.empty());
    const QuotaRow* q = selected_quota();
    const wxString heading = q ? wxString::Format(_("Adjustments of the quota of %s"), q->site_name)
                               : _("Adjustments of the selected quota");
    adjustments_heading_->SetLabel(heading);
    set_accessible_name(adjustments_->list(), heading);
}

void QuotasView::set_quota() {
    QuotaDialog dialog(this, services_, data_.issuers, data_.quotas, selected_quota());
    if (dialog.ShowModal() == wxID_OK) quotas_->select(dialog.result().id);
}

void QuotasView::adjust() {
    const QuotaRow* q = selected_quota();
    if (!q) return;
    AdjustQuotaDialog dialog(this, services_, *q);
    dialog.ShowModal();
}

void QuotasView::edit_rule(bool add) {
    const core::Rule* r = add ? nullptr : selected_rule();
    if (!add && !r) return;
    RuleDialog dialog(this, services_, data_.scopes, r);
    dialog.ShowModal();
}

bool QuotasView::show_record(const std::string& entity, const std::string& id, const std::string&) {
    if (entity != "quota") return false;
    book_->ChangeSelection(0);
    select_after_load_ = id;
    return true;
}

void QuotasView::focus_filter() {
    if (book_->GetSelection() == 0)
        quotas_->focus_filter();
    else
        rules_->focus_filter();
}

void QuotasView::focus_main() { quotas_->focus_list(); }

}  // namespace kaiku::ui
