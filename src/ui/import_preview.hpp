// The preview behind the import dialog, built on a worker thread: reads the file, maps its columns (automatic,
// then the user's choices), checks every row against the local cache (writing nothing) and formats the rows of
// the preview list. Wording is translated on the UI thread and handed in.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/string.h>

#include "import/import.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

struct PreviewRequest {
    std::string path, sheet;
    import::ImportKind kind = import::ImportKind::uses;
    std::vector<import::MappingOverride> overrides;  // one per field the user chose by hand
    import::ImportContext context;
};

// Translated on the UI thread by make_preview_words().
struct PreviewWords {
    wxString ready, error, duplicate;
    wxString row_problem, row_column_problem;  // formats: row; row, column, problem
    wxString separator;
};
PreviewWords make_preview_words();

enum PreviewColumn { preview_col_row, preview_col_status, preview_col_record, preview_col_problem, preview_col_count };
std::vector<ListColumn> preview_columns();

struct PreviewResult {
    PreviewRequest request;
    std::vector<std::string> headers;                           // the file's columns (privacy columns left out)
    std::map<std::string, std::optional<std::size_t>> mapped;  // field key -> column (after the choices)
    core::Errors errors;                                        // nothing can be imported while not empty
    std::shared_ptr<const import::ImportPlan> plan;             // set when the rows were checked
    std::vector<ListRow> rows;
    std::size_t ready = 0, failed = 0, duplicates = 0;
};

// Runs on a worker thread with its own database session.
PreviewResult make_preview(store::Database&, PreviewRequest, const PreviewWords&);

}  // namespace kaiku::ui
