// The list used by every view: a virtual wxDataViewCtrl over rows of text, with filter-as-you-type over all
// columns (hidden ones too: a match is never hidden by a column choice), sorting (header click, or the list's context menu from the keyboard: Menu key or Shift+F10),
// a choice of columns, and a count line. Column choice and sort are remembered per list id in wxConfig.
// Rows are prepared off the UI thread (cells already formatted); the list only indexes and draws them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <wx/dataview.h>
#include <wx/panel.h>

class wxSearchCtrl;
class wxStaticText;

namespace kaiku::ui {

struct ListColumn {
    wxString title;
    int width = 120;              // in DIPs
    bool numeric = false;         // right-aligned, sorted by number
    bool shown_by_default = true;
};

struct ListRow {
    std::string id;               // the record's id, handed back on selection
    std::vector<wxString> cells;  // one per column, already formatted for display
    std::vector<std::string> sort_keys = {};  // optional, per column (e.g. ISO dates); empty: sort by the cell text
    bool bold = false;            // emphasis (e.g. unread); always paired with a word in a cell, never alone
};

class RecordModel;

class RecordList : public wxPanel {
public:
    // `list_id` is stable and untranslated: accessible id "<list_id>-list", config key, tests.
    RecordList(wxWindow* parent, const char* list_id, const wxString& accessible_name, std::vector<ListColumn> columns,
               const wxString& filter_hint);
    ~RecordList() override;

    void set_rows(std::vector<ListRow> rows);  // keeps the selection when the id is still there
    const ListRow* selected() const;
    std::string selected_id() const;
    void select(const std::string& id);
    std::size_t total() const;
    std::size_t shown() const;
    void set_loading();
    // Renames columns (e.g. a statistics table's first column follows its grouping); the count must not change.
    void set_titles(const std::vector<wxString>& titles);  // "Loading…" until the next set_rows
    void focus_filter();
    void focus_list();
    wxDataViewCtrl* list() const { return list_; }

    std::function<void(const ListRow*)> on_selection;  // selection changed
    std::function<void(const ListRow&)> on_activate;   // Enter or double click

private:
    void update_count();
    void update_headers();
    void show_menu();
    void sort_by(int column, bool ascending);
    void save_layout() const;

    std::string id_;
    std::vector<ListColumn> columns_;
    std::vector<bool> visible_;
    RecordModel* model_ = nullptr;  // owned through the control's reference
    wxDataViewCtrl* list_ = nullptr;
    wxSearchCtrl* filter_ = nullptr;
    wxStaticText* count_ = nullptr;
    bool loading_ = true;
};

}  // namespace kaiku::ui
