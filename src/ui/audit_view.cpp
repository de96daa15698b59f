#include "ui/audit_view.hpp"

#include <map>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "store/repositories.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/format.hpp"
#include "ui/i18n.hpp"
#include "ui/record_list.hpp"
#include "ui/report_output.hpp"
#include "ui/report_text.hpp"
#include "ui/stoppable_read.hpp"

namespace kaiku::ui {

namespace {

// The default period: the last twelve months, the horizon of a card's validity.
core::Date year_ago(core::Date today) {
    const auto d = core::Date::from_ymd(today.year() - 1, today.month(), std::min(today.day(), 28));
    return d ? *d : today;
}

}  // namespace

AuditView::AuditView(wxWindow* parent, Services& services) : View(parent, services) {
    const core::Date today = core::Date::today();
    auto* from_label = new wxStaticText(this, wxID_ANY, _("F&rom:"));
    from_ = new wxTextCtrl(this, wxID_ANY, format_date(year_ago(today)), wxDefaultPosition,
                           wxSize(FromDIP(110), -1), wxTE_PROCESS_ENTER);
    set_accessible(from_, _("From"), "audit-from");
    from_->SetToolTip(_("First day of the period in which issuers should have registered cards and venues "
                        "recorded uses"));
    auto* to_label = new wxStaticText(this, wxID_ANY, _("T&o:"));
    to_ = new wxTextCtrl(this, wxID_ANY, format_date(today), wxDefaultPosition, wxSize(FromDIP(110), -1),
                         wxTE_PROCESS_ENTER);
    set_accessible(to_, _("To"), "audit-to");
    to_->SetToolTip(_("Last day of the period"));
    open_ = new wxButton(this, wxID_ANY, _("&Open Record"));
    set_accessible(open_, _("Open the record of the selected finding"), "audit-open");
    computing_ = std::make_unique<StoppableRead>(this, "audit-refresh", [this] { reload(); });
    export_ = new wxButton(this, wxID_ANY, _(L"E&xport\u2026"));
    set_accessible(export_, _("Export the findings"), "audit-export");
    export_->SetToolTip(_("Save the findings as CSV or Excel"));
    problem_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(problem_, wxString(), "audit-problem");
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(summary_, wxString(), "audit-summary");
    list_ = new RecordList(this, "audit", _("Audit findings"),
                           {{_("Finding"), 260}, {_("Concerns"), 220}, {_("Area"), 140}, {_("Details"), 380}},
                           _("Filter findings"));

    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(from_label, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
    bar->Add(from_, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
    bar->Add(to_label, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(4)));
    bar->Add(to_, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
    bar->Add(computing_->button(), wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    bar->AddStretchSpacer();
    bar->Add(open_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    bar->Add(export_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(bar, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    sizer->Add(problem_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    sizer->Add(summary_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
    SetSizer(sizer);

    for (wxTextCtrl* t : {from_, to_}) {
        t->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
            e.Skip();
            CallAfter([this] { reload(); });
        });
        t->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    }
    list_->on_selection = [this](const ListRow*) { update_buttons(); };
    list_->on_activate = [this](const ListRow&) { CallAfter([this] { open_selected(); }); };
    open_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { open_selected(); }); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { export_findings(); }); });
    update_buttons();
}

wxString AuditView::title() const { return _("Audit"); }

std::optional<report::AuditOptions> AuditView::read_options() {
    report::AuditOptions o;
    o.today = core::Date::today();
    std::optional<core::Date> from, to;
    const wxString problem = read_period(from_->GetValue(), to_->GetValue(), true, from, to);
    show_line(problem_, problem, !problem.empty());
    if (!problem.empty()) return std::nullopt;
    o.from = *from;
    o.to = *to;
    const SessionInfo& s = services_.session();
    if (s.coordinator() && !s.area_id.empty()) o.area_ids.push_back(s.area_id);
    return o;
}

void AuditView::reload() {
    const auto options = read_options();
    if (!options) return;
    const CancelToken token = computing_->begin();
    if (findings_.empty()) list_->set_loading();
    struct Result {
        std::vector<report::Finding> findings;
        std::map<std::string, wxString> area_names;
    };
    services_.read<Result>(
        [o = *options](store::Database& db) {
            Result r;
            r.findings = report::audit_network(db, o);
            for (const auto& a : store::AreaRepository{db}.list()) r.area_names[a.id] = area_display_name(a);
            return r;
        },
        [this, token, o = *options](Loaded<Result> loaded) {
            if (!computing_->is_current(token)) return;  // a newer question is on its way
            computing_->end();
            if (loaded.cancelled) {
                // The findings shown, if any, are still those of the period they were computed for.
                if (findings_.empty()) list_->set_rows({});
                show_line(problem_, StoppableRead::stopped_message(), true);
                return;
            }
            if (!loaded.ok()) {
                wxLogMessage("Auditing the network from the local cache failed: %s", loaded.error);
                const wxString text = _("The audit could not be run on the data on this computer.");
                show_line(problem_, text, true);
                return;
            }
            shown_ = o;
            findings_ = std::move(loaded.value.findings);
            std::vector<ListRow> rows;
            rows.reserve(findings_.size());
            for (std::size_t i = 0; i < findings_.size(); ++i) {
                const auto& f = findings_[i];
                ListRow row;
                row.id = std::to_string(i);
                const auto area = loaded.value.area_names.find(f.area_id);
                row.cells = {report_text(report::finding_title(f.kind)), wxString::FromUTF8(f.subject),
                             area == loaded.value.area_names.end() ? wxString() : area->second, finding_detail(f)};
                rows.push_back(std::move(row));
            }
            list_->set_rows(std::move(rows));
            const wxString summary =
                findings_.empty()
                    ? _("No findings in the period: the network's records are complete.")
                    : wxString::Format(wxPLURAL("%s finding. Press Enter on a finding to open its record.",
                                                "%s findings. Press Enter on a finding to open its record.",
                                                static_cast<int>(findings_.size())),
                                       format_count(static_cast<long long>(findings_.size())));
            show_line(summary_, summary, false);
            update_buttons();
        },
        token);
}

const report::Finding* AuditView::selected() const {
    const std::string id = list_->selected_id();
    if (id.empty()) return nullptr;
    const auto i = std::stoul(id);
    return i < findings_.size() ? &findings_[i] : nullptr;
}

void AuditView::update_buttons() {
    open_->Enable(selected() != nullptr && services_.open_record != nullptr);
    export_->Enable(!findings_.empty());
}

void AuditView::open_selected() {
    const report::Finding* f = selected();
    if (!f || !services_.open_record) return;
    services_.open_record(f->entity, f->entity_id, f->area_id);
}

void AuditView::export_findings() {
    if (findings_.empty()) return;
    const wxString period = format_date(shown_.from) + L" \u2013 " + format_date(shown_.to);
    export_audit(this, services_, findings_, period,
                 [this](const wxString& message) { show_line(problem_, message, true); });
}

void AuditView::focus_filter() { list_->focus_filter(); }

void AuditView::focus_main() { list_->focus_list(); }

}  // namespace kaiku::ui
