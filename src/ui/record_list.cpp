#include "ui/record_list.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <wx/config.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/srchctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/tokenzr.h>

#include "ui/accessibility.hpp"

namespace kaiku::ui {

class RecordModel : public wxDataViewVirtualListModel {
public:
    explicit RecordModel(const std::vector<ListColumn>& columns) : columns_(columns) {}

    void set_rows(std::vector<ListRow> rows) {
        rows_ = std::move(rows);
        folded_.clear();
        folded_.reserve(rows_.size());
        for (const auto& r : rows_) {
            wxString all;
            for (const auto& c : r.cells) {
                all += c.Lower();
                all += '\n';
            }
            folded_.push_back(std::move(all));
        }
        refresh();
    }
    void set_filter(const wxString& text) {
        filter_ = text.Strip(wxString::both).Lower();
        refresh();
    }
    void set_sort(int column, bool ascending) {
        sort_column_ = column;
        ascending_ = ascending;
        refresh();
    }
    int sort_column() const { return sort_column_; }
    bool ascending() const { return ascending_; }
    const ListRow* row_at(unsigned row) const { return row < shown_.size() ? &rows_[shown_[row]] : nullptr; }
    std::optional<unsigned> row_of(const std::string& id) const {
        for (unsigned i = 0; i < shown_.size(); ++i)
            if (rows_[shown_[i]].id == id) return i;
        return std::nullopt;
    }
    std::size_t total() const { return rows_.size(); }
    std::size_t shown() const { return shown_.size(); }

    void GetValueByRow(wxVariant& value, unsigned row, unsigned col) const override {
        const ListRow* r = row_at(row);
        value = r && col < r->cells.size() ? r->cells[col] : wxString();
    }
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }
    bool GetAttrByRow(unsigned row, unsigned, wxDataViewItemAttr& attr) const override {
        const ListRow* r = row_at(row);
        if (!r || !r->bold) return false;
        attr.SetBold(true);
        return true;
    }

private:
    void refresh() {
        shown_.clear();
        // Every word of the filter must appear somewhere in the row ("tre teatteri").
        wxArrayString words = wxStringTokenize(filter_, " \t");
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            bool all = true;
            for (const auto& w : words)
                if (folded_[i].Find(w) == wxNOT_FOUND) {
                    all = false;
                    break;
                }
            if (all) shown_.push_back(i);
        }
        if (sort_column_ >= 0) {
            const auto c = static_cast<std::size_t>(sort_column_);
            const bool numeric = c < columns_.size() && columns_[c].numeric;
            auto key = [&](std::size_t i) -> wxString {
                const auto& r = rows_[i];
                if (c < r.sort_keys.size() && !r.sort_keys[c].empty()) return wxString::FromUTF8(r.sort_keys[c]);
                return c < r.cells.size() ? r.cells[c] : wxString();
            };
            std::stable_sort(shown_.begin(), shown_.end(), [&](std::size_t a, std::size_t b) {
                int cmp;
                if (numeric) {
                    const double x = std::strtod(key(a).utf8_str(), nullptr), y = std::strtod(key(b).utf8_str(), nullptr);
                    cmp = x < y ? -1 : x > y ? 1 : 0;
                } else {
                    cmp = key(a).CmpNoCase(key(b));
                }
                return ascending_ ? cmp < 0 : cmp > 0;
            });
        }
        Reset(static_cast<unsigned>(shown_.size()));
    }

    const std::vector<ListColumn>& columns_;
    std::vector<ListRow> rows_;
    std::vector<wxString> folded_;
    std::vector<std::size_t> shown_;
    wxString filter_;
    int sort_column_ = -1;
    bool ascending_ = true;
};

namespace {
enum : int { id_sort_first = wxID_HIGHEST + 500, id_column_first = wxID_HIGHEST + 600 };
}

RecordList::RecordList(wxWindow* parent, const char* list_id, const wxString& accessible_name,
                       std::vector<ListColumn> columns, const wxString& filter_hint)
    : wxPanel(parent, wxID_ANY), id_(list_id), columns_(std::move(columns)) {
    filter_ = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(280), -1));
    filter_->SetDescriptiveText(filter_hint);
    filter_->ShowCancelButton(true);
    set_accessible(filter_, filter_hint, (id_ + "-filter").c_str());
    filter_->SetToolTip(filter_hint);

    list_ = new wxDataViewCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxDV_SINGLE | wxDV_ROW_LINES);
    model_ = new RecordModel(columns_);
    list_->AssociateModel(model_);
    model_->DecRef();  // the control holds the reference

    // Remembered layout: "1,0,1,…" for shown columns and "column,asc" for the sort.
    wxConfigBase* config = wxConfigBase::Get();
    const wxString key = "/lists/" + wxString::FromUTF8(id_);
    wxString shown_cfg = config ? config->Read(key + "/columns", wxString()) : wxString();
    wxArrayString flags = wxStringTokenize(shown_cfg, ",");
    for (std::size_t i = 0; i < columns_.size(); ++i)
        visible_.push_back(i < flags.size() ? flags[i] == "1" : columns_[i].shown_by_default);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        const auto& c = columns_[i];
        auto* col = list_->AppendTextColumn(c.title, static_cast<unsigned>(i), wxDATAVIEW_CELL_INERT,
                                            FromDIP(c.width), c.numeric ? wxALIGN_RIGHT : wxALIGN_LEFT,
                                            wxDATAVIEW_COL_RESIZABLE);
        col->SetHidden(!visible_[i]);
    }
    long sort_col = -1, asc = 1;
    if (config) {
        config->Read(key + "/sort-column", &sort_col, -1);
        config->Read(key + "/sort-ascending", &asc, 1);
    }
    if (sort_col >= 0 && static_cast<std::size_t>(sort_col) < columns_.size())
        model_->set_sort(static_cast<int>(sort_col), asc != 0);
    update_headers();
    set_accessible(list_, accessible_name, (id_ + "-list").c_str());

    count_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(count_, wxString(), (id_ + "-count").c_str());

    filter_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        const std::string keep = selected_id();
        model_->set_filter(filter_->GetValue());
        if (!keep.empty()) select(keep);
        update_count();
    });
    filter_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { filter_->Clear(); });
    // Down arrow from the filter goes to the list, as in a search field of a file manager.
    filter_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_DOWN) return focus_list();
        e.Skip();
    });
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
        if (on_selection) on_selection(selected());
    });
    list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
        if (const ListRow* r = selected(); r && on_activate) on_activate(*r);
    });
    list_->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_CLICK, [this](wxDataViewEvent& e) {
        const int col = e.GetColumn();
        if (col < 0) return;
        const auto model_col = static_cast<int>(list_->GetColumn(static_cast<unsigned>(col))->GetModelColumn());
        sort_by(model_col, model_->sort_column() == model_col ? !model_->ascending() : true);
    });
    list_->Bind(wxEVT_DATAVIEW_ITEM_CONTEXT_MENU, [this](wxDataViewEvent&) { show_menu(); });
    list_->Bind(wxEVT_DATAVIEW_COLUMN_HEADER_RIGHT_CLICK, [this](wxDataViewEvent&) { show_menu(); });

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->AddStretchSpacer();
    top->Add(filter_, wxSizerFlags().CenterVertical());
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
    sizer->Add(list_, wxSizerFlags(1).Expand());
    sizer->Add(count_, wxSizerFlags().Border(wxTOP, FromDIP(6)));
    SetSizer(sizer);
    update_count();
}

RecordList::~RecordList() = default;

void RecordList::set_rows(std::vector<ListRow> rows) {
    const std::string keep = selected_id();
    loading_ = false;
    model_->set_rows(std::move(rows));
    if (!keep.empty()) select(keep);
    update_count();
}

const ListRow* RecordList::selected() const {
    const wxDataViewItem item = list_->GetSelection();
    return item.IsOk() ? model_->row_at(model_->GetRow(item)) : nullptr;
}

std::string RecordList::selected_id() const {
    const ListRow* r = selected();
    return r ? r->id : std::string();
}

void RecordList::select(const std::string& id) {
    if (const auto row = model_->row_of(id)) {
        const wxDataViewItem item = model_->GetItem(*row);
        list_->Select(item);
        list_->EnsureVisible(item);
    }
}

std::size_t RecordList::total() const { return model_->total(); }
std::size_t RecordList::shown() const { return model_->shown(); }

void RecordList::set_loading() {
    loading_ = true;
    update_count();
}

void RecordList::focus_filter() { filter_->SetFocus(); }

void RecordList::focus_list() {
    list_->SetFocus();
    if (!list_->GetSelection().IsOk() && model_->shown() > 0) list_->Select(model_->GetItem(0));
}

void RecordList::update_count() {
    wxString text;
    const auto total = static_cast<unsigned>(model_->total());
    const auto shown = static_cast<unsigned>(model_->shown());
    if (loading_)
        text = _(L"Loading\u2026");
    else if (shown == total)
        text = wxString::Format(wxPLURAL("%u row", "%u rows", total), total);
    else
        // TRANSLATORS: shown when the filter hides some rows; the plural follows the total
        text = wxString::Format(wxPLURAL("Showing %u of %u row", "Showing %u of %u rows", total), shown, total);
    count_->SetLabel(text);
    set_accessible_name(count_, text);
}

void RecordList::set_titles(const std::vector<wxString>& titles) {
    for (std::size_t i = 0; i < titles.size() && i < columns_.size(); ++i) columns_[i].title = titles[i];
    update_headers();
}

void RecordList::update_headers() {
    for (unsigned i = 0; i < list_->GetColumnCount(); ++i) {
        wxDataViewColumn* col = list_->GetColumn(i);
        const unsigned c = col->GetModelColumn();
        wxString title = columns_[c].title;
        // Arrows in the title rather than the native indicator: the sort stays ours (virtual model) and a
        // screen reader reads the arrow with the header.
        if (static_cast<int>(c) == model_->sort_column()) title += model_->ascending() ? L" \u25B2" : L" \u25BC";
        col->SetTitle(title);
    }
}

void RecordList::sort_by(int column, bool ascending) {
    const std::string keep = selected_id();
    model_->set_sort(column, ascending);
    if (!keep.empty()) select(keep);
    update_headers();
    save_layout();
}

void RecordList::show_menu() {
    wxMenu menu;
    auto* sort = new wxMenu;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        sort->AppendRadioItem(id_sort_first + static_cast<int>(i), columns_[i].title)
            ->Check(model_->sort_column() == static_cast<int>(i));
    sort->AppendSeparator();
    sort->AppendCheckItem(id_sort_first + 99, _("Descending"))->Check(!model_->ascending());
    menu.AppendSubMenu(sort, _("&Sort By"));
    auto* cols = new wxMenu;
    for (std::size_t i = 0; i < columns_.size(); ++i)
        cols->AppendCheckItem(id_column_first + static_cast<int>(i), columns_[i].title)->Check(visible_[i]);
    menu.AppendSubMenu(cols, _("Show &Columns"));
    const int chosen = GetPopupMenuSelectionFromUser(menu);
    if (chosen == id_sort_first + 99) {
        sort_by(std::max(model_->sort_column(), 0), !model_->ascending());
    } else if (chosen >= id_sort_first && chosen < id_sort_first + static_cast<int>(columns_.size())) {
        sort_by(chosen - id_sort_first, model_->ascending());
    } else if (chosen >= id_column_first && chosen < id_column_first + static_cast<int>(columns_.size())) {
        const auto c = static_cast<std::size_t>(chosen - id_column_first);
        const auto shown = std::count(visible_.begin(), visible_.end(), true);
        if (visible_[c] && shown == 1) return;  // keep at least one column
        visible_[c] = !visible_[c];
        for (unsigned i = 0; i < list_->GetColumnCount(); ++i)
            if (list_->GetColumn(i)->GetModelColumn() == c) list_->GetColumn(i)->SetHidden(!visible_[c]);
        save_layout();
    }
    list_->SetFocus();
}

void RecordList::save_layout() const {
    wxConfigBase* config = wxConfigBase::Get();
    if (!config) return;
    const wxString key = "/lists/" + wxString::FromUTF8(id_);
    wxString flags;
    for (std::size_t i = 0; i < visible_.size(); ++i) flags += (i ? "," : "") + wxString(visible_[i] ? "1" : "0");
    config->Write(key + "/columns", flags);
    config->Write(key + "/sort-column", static_cast<long>(model_->sort_column()));
    config->Write(key + "/sort-ascending", model_->ascending() ? 1L : 0L);
}

}  // namespace kaiku::ui
