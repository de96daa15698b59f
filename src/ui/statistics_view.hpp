// Statistics for the user's scope, computed from the local cache (and, for holder profiles of the whole country,
// by the register): the national table per year, month, area, municipality, issuer or venue; cross-area use; holder
// profiles with small cells shown as "< 5". A chart above the table; export to CSV, Excel and PDF; print.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "report/statistics.hpp"
#include "ui/view.hpp"

class wxButton;
class wxChoice;
class wxSimplebook;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class ChartPanel;
class RecordList;
class StoppableRead;

class StatisticsView : public View {
public:
    StatisticsView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "statistics"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;

private:
    enum Kind { national = 0, cross_area = 1, profiles = 2 };

    void update_controls();
    std::optional<report::Filter> read_filter();
    RecordList* current_list() const;
    void show_table(report::Table table, const wxString& period_note = {});
    // An empty table and chart, and why (stopped, or it could not be computed).
    void show_nothing(const wxString& why);
    // The note under the chart (which quarters were counted, what is hidden), wrapped to the view's width.
    void show_note(const wxString& text);
    void wrap_note();
    void export_table();
    void print(bool preview);
    wxString scope_text() const;
    wxString period_text() const;

    wxChoice* kind_ = nullptr;
    wxChoice* group_ = nullptr;
    wxChoice* profile_ = nullptr;
    wxChoice* area_ = nullptr;
    wxTextCtrl* from_ = nullptr;
    wxTextCtrl* to_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxStaticText* note_ = nullptr;
    wxString note_text_;
    wxButton* export_ = nullptr;
    wxButton* preview_ = nullptr;
    wxButton* print_ = nullptr;
    ChartPanel* chart_ = nullptr;
    wxSimplebook* lists_ = nullptr;
    RecordList* national_list_ = nullptr;
    RecordList* cross_list_ = nullptr;
    RecordList* profile_list_ = nullptr;
    std::vector<core::Area> areas_;  // the national service's choice of areas
    wxString own_area_;              // a coordinator's area, the scope of the statistics
    std::optional<report::Table> table_;
    report::Filter shown_filter_;
    std::unique_ptr<StoppableRead> computing_;
};

}  // namespace kaiku::ui
