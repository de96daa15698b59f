#include "ui/statistics_view.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/simplebook.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "store/repositories.hpp"
#include "sync/statistics_fetch.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/chart_panel.hpp"
#include "ui/format.hpp"
#include "ui/i18n.hpp"
#include "ui/record_list.hpp"
#include "ui/report_output.hpp"
#include "ui/report_text.hpp"
#include "ui/stoppable_read.hpp"

namespace kaiku::ui {

namespace {

const report::GroupBy kGroups[] = {report::GroupBy::year,         report::GroupBy::month,  report::GroupBy::area,
                                   report::GroupBy::municipality, report::GroupBy::issuer, report::GroupBy::venue};
const report::Profile kProfiles[] = {report::Profile::age_group, report::Profile::gender,
                                     report::Profile::life_situation, report::Profile::children};

wxStaticText* label(wxWindow* parent, const wxString& text) { return new wxStaticText(parent, wxID_ANY, text); }

std::vector<ListColumn> national_columns() {
    // The same headers as report::national(), translated; the list is rebuilt from the table when they differ.
    report::Table t;
    t.key_header = N_("Year");
    t.columns = {N_("Registered cards"), N_("Activated cards"),  N_("Uses"),
                 N_("Culture, adults"),  N_("Culture, children"), N_("Education, adults"),
                 N_("Education, children"), N_("Science, adults"), N_("Science, children"),
                 N_("Sports, adults"),   N_("Sports, children"), N_("Municipalities in the network")};
    return table_columns(t);
}

}  // namespace

StatisticsView::StatisticsView(wxWindow* parent, Services& services) : View(parent, services) {
    kind_ = new wxChoice(this, wxID_ANY);
    kind_->Append(_("National table"));
    kind_->Append(_("Use across areas"));
    kind_->Append(_("Holder profiles"));
    kind_->SetSelection(0);
    set_accessible(kind_, _("Statistics"), "stats-kind");
    group_ = new wxChoice(this, wxID_ANY);
    for (const wxString& g : {_("Year"), _("Month"), _("Area"), _("Municipality"), _("Issuer site"), _("Venue")})
        group_->Append(g);
    group_->SetSelection(0);
    set_accessible(group_, _("Group by"), "stats-group");
    profile_ = new wxChoice(this, wxID_ANY);
    for (const wxString& p : {_("Age group"), _("Gender"), _("Life situation"), _("Children")}) profile_->Append(p);
    profile_->SetSelection(0);
    set_accessible(profile_, _("Profile"), "stats-profile");
    area_ = new wxChoice(this, wxID_ANY);
    area_->Append(_("All areas"));
    area_->SetSelection(0);
    set_accessible(area_, _("Area"), "stats-area");
    from_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(110), -1),
                           wxTE_PROCESS_ENTER);
    set_accessible(from_, _("From"), "stats-from");
    from_->SetToolTip(_("First day of the period, for example 1.1.2023; empty: from the beginning"));
    to_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(110), -1),
                         wxTE_PROCESS_ENTER);
    set_accessible(to_, _("To"), "stats-to");
    to_->SetToolTip(_("Last day of the period, for example 31.12.2023; empty: to this day"));
    problem_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(problem_, wxString(), "stats-problem");

    computing_ = std::make_unique<StoppableRead>(this, "stats-refresh", [this] { reload(); });
    export_ = new wxButton(this, wxID_ANY, _(L"E&xport\u2026"));
    set_accessible(export_, _("Export the table"), "stats-export");
    export_->SetToolTip(_("Save the table as CSV, Excel or PDF"));
    preview_ = new wxButton(this, wxID_ANY, _(L"Print Pre&view\u2026"));
    set_accessible(preview_, _("Print preview"), "stats-preview");
    print_ = new wxButton(this, wxID_ANY, _(L"&Print\u2026"));
    set_accessible(print_, _("Print"), "stats-print");

    auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3D);
    split->SetMinimumPaneSize(FromDIP(150));
    chart_ = new ChartPanel(split);
    set_accessible(chart_, _("Chart"), "stats-chart");
    auto* bottom = new wxPanel(split, wxID_ANY);
    note_ = new wxStaticText(bottom, wxID_ANY, wxString());
    set_accessible(note_, wxString(), "stats-note");
    bottom->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        if (!note_text_.empty()) CallAfter([this] { wrap_note(); });
    });
    lists_ = new wxSimplebook(bottom, wxID_ANY);
    national_list_ = new RecordList(lists_, "stats-national", _("National table"), national_columns(),
                                    _("Filter rows"));
    cross_list_ = new RecordList(lists_, "stats-cross", _("Use across areas"),
                                 {{_(L"Home area \u2192 venue area"), 320},
                                  {_("Uses"), 110, true},
                                  {_("Adults"), 110, true},
                                  {_("Children"), 110, true}},
                                 _("Filter rows"));
    profile_list_ = new RecordList(lists_, "stats-profile", _("Holder profiles"),
                                   {{_("Age group"), 240},
                                    {_("Cards"), 130, true},
                                    {_("Activated cards"), 130, true},
                                    {_("Uses"), 110, true}},
                                   _("Filter rows"));
    lists_->AddPage(national_list_, wxString());
    lists_->AddPage(cross_list_, wxString());
    lists_->AddPage(profile_list_, wxString());
    auto* bottom_sizer = new wxBoxSizer(wxVERTICAL);
    bottom_sizer->Add(note_, wxSizerFlags().Border(wxTOP | wxBOTTOM, FromDIP(4)));
    bottom_sizer->Add(lists_, wxSizerFlags(1).Expand());
    bottom->SetSizer(bottom_sizer);
    split->SplitHorizontally(chart_, bottom);  // half and half, growing alike
    split->SetSashGravity(0.5);

    // Labels with mnemonics come right before their control, so Alt+letter reaches it.
    auto* choices = new wxFlexGridSizer(4, FromDIP(4), FromDIP(8));
    choices->Add(label(this, _("&Statistics:")), wxSizerFlags().CenterVertical());
    choices->Add(kind_);
    choices->Add(label(this, _("&Group by:")), wxSizerFlags().CenterVertical());
    choices->Add(group_);
    choices->Add(label(this, _("Pro&file:")), wxSizerFlags().CenterVertical());
    choices->Add(profile_);
    choices->Add(label(this, _("&Area:")), wxSizerFlags().CenterVertical());
    choices->Add(area_);
    choices->Add(label(this, _("F&rom:")), wxSizerFlags().CenterVertical());
    choices->Add(from_);
    choices->Add(label(this, _("T&o:")), wxSizerFlags().CenterVertical());
    choices->Add(to_);
    auto* buttons = new wxBoxSizer(wxVERTICAL);
    buttons->Add(computing_->button(), wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
    buttons->Add(export_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
    buttons->Add(preview_, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
    buttons->Add(print_, wxSizerFlags().Expand());
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(choices, wxSizerFlags(1));
    top->Add(buttons, wxSizerFlags().Border(wxLEFT, FromDIP(8)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
    sizer->Add(problem_, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(8)));
    sizer->Add(split, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(8)));
    SetSizer(sizer);

    for (wxChoice* c : {kind_, group_, profile_, area_})
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            update_controls();
            reload();
        });
    // Dates apply when the field is left or Enter is pressed, not at every keystroke.
    for (wxTextCtrl* t : {from_, to_}) {
        t->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
            e.Skip();
            CallAfter([this] { reload(); });
        });
        t->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    }
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { export_table(); }); });
    preview_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { print(true); }); });
    print_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { print(false); }); });
    update_controls();
}

wxString StatisticsView::title() const { return _("Statistics"); }

void StatisticsView::update_controls() {
    const int kind = kind_->GetSelection();
    group_->Enable(kind == national);
    profile_->Enable(kind == profiles);
    lists_->ChangeSelection(static_cast<size_t>(kind));
    const bool have = table_.has_value();
    export_->Enable(have);
    preview_->Enable(have);
    print_->Enable(have);
}

RecordList* StatisticsView::current_list() const {
    switch (kind_->GetSelection()) {
    case cross_area: return cross_list_;
    case profiles: return profile_list_;
    default: return national_list_;
    }
}

std::optional<report::Filter> StatisticsView::read_filter() {
    report::Filter f;
    f.language = interface_language();
    const wxString problem = read_period(from_->GetValue(), to_->GetValue(), false, f.from, f.to);
    show_line(problem_, problem, !problem.empty());
    if (!problem.empty()) return std::nullopt;
    const SessionInfo& s = services_.session();
    const int area = area_->GetSelection();
    if (area > 0 && static_cast<size_t>(area) <= areas_.size())
        f.area_ids.push_back(areas_[static_cast<size_t>(area) - 1].id);
    else if (s.coordinator() && !s.area_id.empty())
        f.area_ids.push_back(s.area_id);
    return f;
}

void StatisticsView::reload() {
    const auto filter = read_filter();
    if (!filter) return;
    const CancelToken token = computing_->begin();
    table_.reset();  // nothing to export or print until the answer is shown
    update_controls();
    const int kind = kind_->GetSelection();
    const auto group = kGroups[std::max(0, group_->GetSelection())];
    const auto profile = kProfiles[std::max(0, profile_->GetSelection())];
    current_list()->set_loading();
    // The national service's cache holds cards without holder profiles: the register computes those.
    if (kind == profiles && services_.session().national()) {
        sync::ProfileQuery q;
        q.by = profile;
        q.from = filter->from;
        q.to = filter->to;
        if (!filter->area_ids.empty()) q.area_id = filter->area_ids.front();
        services_.ask_register<sync::StatisticsResult>(
            [q](const net::HttpClient* http) {
                sync::StatisticsResult r;
                if (!http) {
                    r.failure = sync::FailureKind::unauthorized;
                    return r;
                }
                return sync::fetch_profile_statistics(*http, q);
            },
            [this, token, f = *filter](Loaded<sync::StatisticsResult> loaded) {
                if (!computing_->is_current(token)) return;  // a newer question is on its way
                computing_->end();
                if (loaded.cancelled) return show_nothing(StoppableRead::stopped_message());
                if (!loaded.ok() || !loaded.value.ok() || !loaded.value.table) {
                    wxLogMessage("Holder profiles from the register failed: %s %s", loaded.error, loaded.value.detail);
                    const wxString text =
                        _("Holder profiles of the whole network are computed by Kaikukanta, which cannot be reached "
                          "now. Try again when the connection is back.");
                    return show_nothing(text);
                }
                // The register counts whole quarters that have ended: the table, its export and its note say
                // which ones.
                shown_filter_ = f;
                shown_filter_.from = loaded.value.from;
                shown_filter_.to = loaded.value.to;
                wxString period;
                if (loaded.value.from && loaded.value.to)
                    // TRANSLATORS: %s are the first and last day of the period, e.g. 1.1.2026 and 30.9.2026
                    period = wxString::Format(_("Kaikukanta counts holder profiles by whole quarters that have "
                                                "ended: %s - %s."),
                                              format_date(*loaded.value.from), format_date(*loaded.value.to));
                else
                    period = _("Kaikukanta counts holder profiles by whole quarters, and no quarter of this period "
                               "has ended yet.");
                show_table(std::move(*loaded.value.table), period);
            },
            token);
        return;
    }
    struct Result {
        std::vector<core::Area> areas;
        report::Table table;
    };
    services_.read<Result>(
        [kind, group, profile, f = *filter](store::Database& db) {
            Result r;
            r.areas = store::AreaRepository{db}.list();
            if (kind == cross_area)
                r.table = report::cross_area_use(db, f);
            else if (kind == profiles)
                r.table = report::profile_breakdown(db, f, profile);
            else
                r.table = report::national(db, f, group);
            return r;
        },
        [this, token, f = *filter](Loaded<Result> loaded) {
            if (!computing_->is_current(token)) return;  // a newer question is on its way
            computing_->end();
            if (loaded.cancelled) return show_nothing(StoppableRead::stopped_message());
            if (!loaded.ok()) {
                wxLogMessage("Computing statistics from the local cache failed: %s", loaded.error);
                const wxString text = _("The statistics could not be computed from the data on this computer.");
                return show_nothing(text);
            }
            // Coordinators see their own area; the national service chooses one or all.
            const SessionInfo& s = services_.session();
            if (s.national() && areas_.size() != loaded.value.areas.size()) {
                areas_ = std::move(loaded.value.areas);
                std::stable_sort(areas_.begin(), areas_.end(), [](const core::Area& a, const core::Area& b) {
                    return area_display_name(a).CmpNoCase(area_display_name(b)) < 0;
                });
                const int keep = area_->GetSelection();
                area_->Clear();
                area_->Append(_("All areas"));
                for (const auto& a : areas_) area_->Append(area_display_name(a));
                area_->SetSelection(keep >= 0 && static_cast<size_t>(keep) <= areas_.size() ? keep : 0);
            } else if (s.coordinator() && own_area_.empty()) {
                for (const auto& a : loaded.value.areas)
                    if (a.id == s.area_id) own_area_ = area_display_name(a);
                if (!own_area_.empty()) {
                    area_->Clear();
                    area_->Append(own_area_);
                    area_->SetSelection(0);
                }
            }
            area_->Enable(s.national());
            shown_filter_ = f;
            show_table(std::move(loaded.value.table));
        },
        token);
}

void StatisticsView::show_nothing(const wxString& why) {
    show_line(problem_, why, true);
    show_note({});
    current_list()->set_rows({});
    chart_->set_chart({});
}

void StatisticsView::show_table(report::Table table, const wxString& period_note) {
    RecordList* list = current_list();
    // The lists have the table's columns; the first one's title follows the grouping or profile.
    std::vector<wxString> titles{report_text(table.key_header)};
    for (const auto& c : table.columns) titles.push_back(report_text(c));
    list->set_titles(titles);
    list->set_rows(table_rows(table));
    set_accessible_name(list->list(), report_text(table.title));
    const wxString note = table.any_suppressed()
                              ? _("Cells with fewer than 5 holders are shown as \"< 5\" so that no one can be "
                                  "recognised.")
                              : wxString();
    show_note(period_note.empty() ? note : note.empty() ? period_note : period_note + " " + note);
    ChartFor chart = ChartFor::trend;
    const int kind = kind_->GetSelection();
    if (kind == cross_area)
        chart = ChartFor::pairs;
    else if (kind == profiles)
        chart = ChartFor::profile;
    else if (group_->GetSelection() > 1)  // not by year or month
        chart = ChartFor::split;
    chart_->set_chart(chart_for(table, chart));
    table_ = std::move(table);
    update_controls();
}

void StatisticsView::show_note(const wxString& text) {
    note_text_ = text;
    show_line(note_, text, false);  // the accessible name keeps the unbroken text
    wrap_note();
}

void StatisticsView::wrap_note() {
    const int width = std::max(note_->GetParent()->GetClientSize().x - FromDIP(8), FromDIP(300));
    note_->SetLabel(note_text_);
    note_->Wrap(width);
    note_->GetParent()->Layout();
}

wxString StatisticsView::scope_text() const {
    const SessionInfo& s = services_.session();
    const int area = area_->GetSelection();
    if (area > 0 && static_cast<size_t>(area) <= areas_.size())
        return area_display_name(areas_[static_cast<size_t>(area) - 1]);
    if (s.national()) return _("All areas");
    if (!own_area_.empty()) return own_area_;
    // TRANSLATORS: the scope of a report made by a coordinator or site staff: their data on this computer
    return _("The data of your area and sites");
}

wxString StatisticsView::period_text() const {
    const auto& f = shown_filter_;
    if (f.from && f.to) return format_date(*f.from) + L" \u2013 " + format_date(*f.to);
    // TRANSLATORS: %s is a date
    if (f.from) return wxString::Format(_("from %s"), format_date(*f.from));
    // TRANSLATORS: %s is a date
    if (f.to) return wxString::Format(_("until %s"), format_date(*f.to));
    return _("All time");
}

void StatisticsView::export_table() {
    if (!table_) return;
    ReportOutput out{*table_, scope_text(), period_text()};
    export_report(this, services_, out, chart_->chart(),
                  [this](const wxString& message) { show_line(problem_, message, true); });
}

void StatisticsView::print(bool preview) {
    if (!table_) return;
    ReportOutput out{*table_, scope_text(), period_text()};
    print_report(this, out, chart_->chart(), preview);
}

void StatisticsView::focus_filter() { current_list()->focus_filter(); }

void StatisticsView::focus_main() { kind_->SetFocus(); }

}  // namespace kaiku::ui
