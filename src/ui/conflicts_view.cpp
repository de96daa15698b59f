#include "ui/conflicts_view.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/format.hpp"
#include "ui/labels.hpp"
#include "ui/field_values_dialog.hpp"
#include "ui/record_list.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

namespace {

using Kind = sync::ReviewItem::Kind;

wxString kind_label(Kind k) {
    switch (k) {
        // TRANSLATORS: a change made on two computers that the register keeps for someone to decide
        case Kind::conflict: return _("Conflict");
        // TRANSLATORS: a change of this computer that the register answered with a conflict
        case Kind::returned: return _("Returned change");
        case Kind::rejected: return _("Refused change");
    }
    return {};
}

wxString entity_label(const std::string& entity) {
    if (entity == "site") return _("Site");
    if (entity == "quota") return _("Quota");
    if (entity == "card") return _("Card");
    if (entity == "usage") return _("Use");
    if (entity == "area") return _("Area");
    if (entity == "message") return _("Message");
    if (entity == "card_batch") return _("Batch");
    return wxString::FromUTF8(entity);
}


}  // namespace

ConflictsView::ConflictsView(wxWindow* parent, Services& services) : View(parent, services) {
    auto* heading = new wxStaticText(this, wxID_ANY, _("Conflicts and refused changes"));
    heading->SetFont(heading->GetFont().Bold());
    set_accessible(heading, heading->GetLabel(), "conflicts-heading");

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    split->SetMinimumPaneSize(FromDIP(120));
    list_ = new RecordList(split, "conflicts", _("Conflicts and refused changes"),
                           {{_("Kind"), 130},
                            // TRANSLATORS: column heading (a noun): which stored item (card, site, use…) it is about
                            {wxGETTEXT_IN_CONTEXT("noun: a stored item", "Record"), 90}, {_("Fields"), 200}, {_("Reason"), 320},
                            {_("Since"), 130}},
                           _("Filter by record, field or reason"));
    auto* detail = new wxPanel(split);
    reason_ = new wxStaticText(detail, wxID_ANY, wxString());
    set_accessible(reason_, wxString(), "conflict-reason");
    compare_ = new RecordList(detail, "conflict-fields", _("Both versions side by side"),
                              {{_("Field"), 160}, {_("Your version"), 260}, {_("Register's version"), 260}},
                              _("Filter fields"));
    keep_mine_ = new wxButton(detail, wxID_ANY, _("Keep &Mine"));
    keep_mine_->SetToolTip(_("Your version stands for the fields in conflict"));
    set_accessible(keep_mine_, _("Keep mine"), "keep-mine");
    keep_theirs_ = new wxButton(detail, wxID_ANY, _("Keep &Theirs"));
    keep_theirs_->SetToolTip(_("The register's version stands"));
    set_accessible(keep_theirs_, _("Keep theirs"), "keep-theirs");
    edit_ = new wxButton(detail, wxID_ANY, _(L"&Edit\u2026"));
    edit_->SetToolTip(_("Type the values that stand"));
    set_accessible(edit_, _("Edit"), "edit-conflict");
    resend_ = new wxButton(detail, wxID_ANY, _(L"&Correct and Resend\u2026"));
    resend_->SetToolTip(_("Correct the refused change and send it again"));
    set_accessible(resend_, _("Correct and resend"), "resend-refused");
    discard_ = new wxButton(detail, wxID_ANY, _("&Discard"));
    discard_->SetToolTip(_("Drop the refused change for good"));
    set_accessible(discard_, _("Discard"), "discard-refused");

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    for (wxButton* b : {keep_mine_, keep_theirs_, edit_, resend_, discard_})
        buttons->Add(b, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    auto* dsizer = new wxBoxSizer(wxVERTICAL);
    dsizer->Add(reason_, wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, FromDIP(6)));
    dsizer->Add(compare_, wxSizerFlags(1).Expand());
    dsizer->Add(buttons, wxSizerFlags().Border(wxTOP, FromDIP(6)));
    detail->SetSizer(dsizer);
    split->SplitHorizontally(list_, detail, FromDIP(260));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(heading, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
    sizer->Add(split, wxSizerFlags(1).Expand());
    SetSizer(sizer);

    list_->on_selection = [this](const ListRow*) { show_selected(); };
    keep_mine_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide("keep_mine"); });
    keep_theirs_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto* item = selected();
        if (item && item->kind == Kind::returned)
            services_.write([id = item->id](store::Database& db) { return sync::dismiss_returned(db, id); },
                            [this](sync::LocalResult r, std::string e) { after_decision(std::move(r), e); });
        else
            decide("keep_theirs");
    });
    edit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit(); });
    resend_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { resend(); });
    discard_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { discard(); });
    show_selected();
}

wxString ConflictsView::title() const { return _("Conflicts"); }

void ConflictsView::reload() {
    services_.read<std::vector<sync::ReviewItem>>(sync::list_review_items, [this](Loaded<std::vector<sync::ReviewItem>> l) {
        if (!l.ok()) {
            wxLogMessage("Reading conflicts failed: %s", l.error);
            return;
        }
        items_ = std::move(l.value);
        std::vector<ListRow> rows;
        for (const auto& item : items_) {
            wxString fields;
            for (const auto& f : item.fields) fields += (fields.empty() ? "" : ", ") + field_label(f);
            rows.push_back({item.id,
                            {kind_label(item.kind), entity_label(item.entity), fields,
                             register_problem(item.problem), format_datetime(item.when)},
                            {"", "", "", "", item.when}});
        }
        list_->set_rows(std::move(rows));
        show_selected();
    });
}

const sync::ReviewItem* ConflictsView::selected() const {
    const std::string id = list_->selected_id();
    const auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& i) { return i.id == id; });
    return it == items_.end() ? nullptr : &*it;
}

void ConflictsView::show_selected() {
    const auto* item = selected();
    std::vector<ListRow> rows;
    wxString reason;
    if (item) {
        std::vector<std::string> names;
        for (auto it = item->mine.begin(); it != item->mine.end(); ++it) names.push_back(it.key());
        for (auto it = item->theirs.begin(); it != item->theirs.end(); ++it)
            if (!item->mine.contains(it.key()) && std::find(item->fields.begin(), item->fields.end(), it.key()) !=
                                                      item->fields.end())
                names.push_back(it.key());
        for (const auto& n : names) {
            const bool disputed = std::find(item->fields.begin(), item->fields.end(), n) != item->fields.end();
            // TRANSLATORS: marks a field whose two versions differ; shown after the field name
            const wxString label = disputed ? wxString::Format(_("%s (in conflict)"), field_label(n)) : field_label(n);
            rows.push_back({n,
                            {label, value_text(item->mine.value(n, nlohmann::json())),
                             value_text(item->theirs.value(n, nlohmann::json()))}});
        }
        if (item->kind == Kind::conflict)
            reason = _("The same record was changed here and elsewhere. Decide which version stands.");
        else if (item->kind == Kind::returned)
            // TRANSLATORS: %s is the register's explanation (a sentence in the interface language)
            reason = wxString::Format(_("The register kept its own version: %s"), register_problem(item->problem));
        else
            // TRANSLATORS: %s is why the register refused the change (a sentence in the interface language)
            reason = wxString::Format(_("The register refused this change: %s"), register_problem(item->problem));
    } else {
        reason = items_.empty() ? _("Nothing waits for a decision.") : _("Select a row to see both versions.");
    }
    compare_->set_rows(std::move(rows));
    reason_->SetLabel(reason);
    reason_->Wrap(std::max(GetClientSize().x - FromDIP(20), FromDIP(300)));
    set_accessible_name(reason_, reason);
    const bool conflict = item && item->kind == Kind::conflict;
    keep_mine_->Enable(conflict);
    keep_theirs_->Enable(item && item->kind != Kind::rejected);
    edit_->Enable(conflict);
    resend_->Enable(item && item->kind == Kind::rejected);
    discard_->Enable(item && item->kind == Kind::rejected);
    Layout();
}

void ConflictsView::decide(const std::string& decision) {
    const auto* item = selected();
    if (!item) return;
    services_.write([id = item->id, decision](store::Database& db) { return sync::resolve_conflict(db, id, decision); },
                    [this](sync::LocalResult r, std::string e) { after_decision(std::move(r), e); });
}

void ConflictsView::edit() {
    const auto* item = selected();
    if (!item) return;
    FieldValuesDialog dialog(this, _("Edit the Values That Stand"),
                             _("Type the value that should stand for each field in conflict."), item->fields,
                             item->mine);
    if (dialog.ShowModal() != wxID_OK) return;
    services_.write(
        [id = item->id, set = dialog.values()](store::Database& db) { return sync::resolve_conflict(db, id, "edit", set); },
        [this](sync::LocalResult r, std::string e) { after_decision(std::move(r), e); });
}

void ConflictsView::resend() {
    const auto* item = selected();
    if (!item) return;
    std::vector<std::string> fields;
    for (auto it = item->mine.begin(); it != item->mine.end(); ++it) fields.push_back(it.key());
    FieldValuesDialog dialog(this, _("Correct and Resend"),
                             wxString::Format(_("The register refused this change: %s\nCorrect the values and send "
                                                "it again."),
                                              register_problem(item->problem)),
                             fields, item->mine);
    if (dialog.ShowModal() != wxID_OK) return;
    services_.write([id = item->id, payload = sync::with_fields(item->payload, dialog.values())](
                        store::Database& db) { return sync::resend_refused(db, id, payload); },
                    [this](sync::LocalResult r, std::string e) { after_decision(std::move(r), e); });
}

void ConflictsView::discard() {
    const auto* item = selected();
    if (!item) return;
    wxMessageDialog ask(this, _("Drop this refused change for good?"), _("Discard Change"),
                        wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetYesNoLabels(_("&Discard"), _("Keep"));
    if (ask.ShowModal() != wxID_YES) return;
    services_.write([id = item->id](store::Database& db) { return sync::discard_refused(db, id); },
                    [this](sync::LocalResult r, std::string e) { after_decision(std::move(r), e); });
}

void ConflictsView::after_decision(sync::LocalResult result, const std::string& error) {
    if (!error.empty() || !result.ok()) {
        const wxString text = !error.empty() ? wxString::FromUTF8(error)
                                             : wxString::FromUTF8(result.errors.front().message);
        // TRANSLATORS: %s explains why the decision could not be saved
        reason_->SetLabel(wxString::Format(_("The decision could not be saved: %s"), text));
        set_accessible_name(reason_, reason_->GetLabel());
        return;
    }
    reload();
    list_->focus_list();
}

void ConflictsView::focus_filter() { list_->focus_filter(); }
void ConflictsView::focus_main() { list_->focus_list(); }

}  // namespace kaiku::ui
