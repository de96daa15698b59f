// Imports a CSV/XLSX file: a venue's paper/Excel usage log, or (migration, coordinators and the national
// service) areas, sites, cards or uses of an existing register. Choose the file (and sheet), check the column
// mapping (automatic, changeable per field), read the preview with each row's status (ready / error naming row,
// column and reason / already imported), then import with progress and Cancel. Reading and checking run on the
// reader thread, writing on the writer thread; importing the same file again imports nothing twice.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <wx/dialog.h>
#include <wx/timer.h>

#include "import/import.hpp"
#include "ui/import_preview.hpp"
#include "ui/services.hpp"
#include "ui/uses_data.hpp"

class wxButton;
class wxChoice;
class wxFlexGridSizer;
class wxGauge;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class RecordList;

class ImportDialog : public wxDialog {
public:
    ImportDialog(wxWindow* parent, Services& services, bool migration);

private:
    struct ApplyState {
        std::atomic<bool> cancel{false};
        std::atomic<std::size_t> done{0}, total{0};
        import::ApplyReport report;  // written by the writer thread before its answer is posted
    };

    import::ImportKind kind() const;
    void on_kind_changed();
    void update_site_choice();
    void request_preview();
    void on_preview(PreviewResult result);
    void rebuild_mapping(const PreviewResult& result);
    void show_summary(const PreviewResult& result);
    void start_import();
    void on_progress();
    void on_imported(const std::string& error);
    void set_busy(bool busy, const wxString& text);
    void set_status(const wxString& text);
    void browse();
    void cancel_or_close();

    Services& services_;
    bool migration_;
    std::vector<SiteChoice> venues_, issuers_;
    std::map<std::string, std::string> chosen_columns_;  // field -> header ("" = not read), chosen by hand
    std::vector<std::string> mapped_headers_;             // the headers the mapping choices were built for
    import::ImportKind mapped_kind_ = import::ImportKind::uses;
    std::vector<std::pair<std::string, wxChoice*>> mapping_choices_;
    unsigned generation_ = 0;
    std::shared_ptr<const import::ImportPlan> plan_;
    std::shared_ptr<ApplyState> applying_;
    wxString last_report_;
    wxTimer debounce_, progress_timer_;

    wxChoice* kind_ = nullptr;
    wxTextCtrl* file_ = nullptr;
    wxTextCtrl* sheet_ = nullptr;
    wxStaticText* site_label_ = nullptr;
    wxChoice* site_ = nullptr;
    wxScrolledWindow* mapping_panel_ = nullptr;
    wxFlexGridSizer* mapping_grid_ = nullptr;
    wxStaticText* summary_ = nullptr;
    RecordList* preview_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxButton* ok_ = nullptr;
    wxButton* close_ = nullptr;
};

}  // namespace kaiku::ui
