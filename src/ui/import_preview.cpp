#include "ui/import_preview.hpp"

#include <wx/intl.h>

namespace kaiku::ui {

PreviewWords make_preview_words() {
    PreviewWords w;
    // TRANSLATORS: status of a row in the import preview
    w.ready = _("Ready");
    // TRANSLATORS: status of a row in the import preview
    w.error = _("Error");
    // TRANSLATORS: status of a row in the import preview: the same row was imported before
    w.duplicate = _("Already imported");
    // TRANSLATORS: a problem in an imported file: "Row <number>: <what is wrong>"
    w.row_problem = _("Row %ld: %s");
    // TRANSLATORS: a problem in an imported file: row number, the column's header as in the file, what is wrong
    w.row_column_problem = _(L"Row %ld, column \u201c%s\u201d: %s");
    // TRANSLATORS: separates several problems of one imported row
    w.separator = _("; ");
    return w;
}

std::vector<ListColumn> preview_columns() {
    return {
        {_("Row"), 60, true},
        {_("Status"), 120},
        {_("Card or name"), 160},
        {_("Problem or note"), 520},
    };
}

namespace {

// The cell that names the record of a row (card ID, area or site name), as written in the file.
std::string record_text(const import::Table& t, const import::Mapping& m, import::ImportKind kind, std::size_t row) {
    const char* fields[] = {"card_id", "name_fi", "prefix", "name"};
    for (const char* f : fields) {
        if (kind == import::ImportKind::areas && std::string(f) == "card_id") continue;
        if (const auto col = m.column_of(f); col && row < t.rows.size() && *col < t.rows[row].size())
            if (!t.rows[row][*col].empty()) return t.rows[row][*col];
    }
    return {};
}

}  // namespace

PreviewResult make_preview(store::Database& db, PreviewRequest request, const PreviewWords& words) {
    PreviewResult out;
    auto loaded = import::load_file(request.path, request.kind, request.sheet, request.overrides);
    out.request = std::move(request);
    out.errors = loaded.errors;
    if (!loaded.table) return out;
    const import::Table& table = *loaded.table;
    out.headers = table.headers;
    for (const auto& f : import::fields_of(out.request.kind)) out.mapped[f.key] = loaded.mapping.mapping.column_of(f.key);
    if (!out.errors.empty()) return out;

    auto plan = std::make_shared<import::ImportPlan>(
        import::plan_import(db, table, out.request.kind, loaded.mapping.mapping, out.request.context));
    out.errors = plan->errors;
    out.ready = plan->count(import::RowStatus::ok);
    out.failed = plan->count(import::RowStatus::error);
    out.duplicates = plan->count(import::RowStatus::duplicate);
    out.rows.reserve(plan->rows.size());
    for (const auto& r : plan->rows) {
        ListRow row;
        row.id = std::to_string(r.row_number);
        row.cells.resize(preview_col_count);
        row.cells[preview_col_row] = wxString::Format("%ld", r.row_number);
        row.cells[preview_col_status] = r.status == import::RowStatus::ok      ? words.ready
                                        : r.status == import::RowStatus::error ? words.error
                                                                               : words.duplicate;
        row.cells[preview_col_record] =
            wxString::FromUTF8(record_text(table, loaded.mapping.mapping, out.request.kind, r.index));
        // The import library's sentences are English; a catalogue entry translates them when it has one.
        wxString problem;
        for (const auto& e : r.errors) {
            if (!problem.empty()) problem += words.separator;
            const wxString message = wxGetTranslation(wxString::FromUTF8(e.message));
            problem += e.column.empty() ? wxString::Format(words.row_problem, e.row, message)
                                        : wxString::Format(words.row_column_problem, e.row,
                                                           wxString::FromUTF8(e.column), message);
        }
        for (const auto& note : r.notes) {
            if (!problem.empty()) problem += words.separator;
            problem += wxGetTranslation(wxString::FromUTF8(note));
        }
        row.cells[preview_col_problem] = problem;
        out.rows.push_back(std::move(row));
    }
    out.plan = std::move(plan);
    return out;
}

}  // namespace kaiku::ui
