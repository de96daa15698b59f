// Importing a venue's paper/Excel usage log, or an existing register (cards, areas, sites), into the
// local cache: a preview that writes nothing, then the ok rows written through the local commands so
// that they sync like any local change. Re-importing a file imports nothing twice.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/errors.hpp"
#include "import/mapping.hpp"
#include "import/table.hpp"
#include "store/database.hpp"

namespace kaiku::import {

struct ImportContext {
    std::string venue_site_id;   // uses: the venue when the file names none
    std::string issuer_site_id;  // cards: the issuer site when the file names none
    int current_year = 0;        // 0: this year (holder age checks)
};

struct RowError {
    long row = 0;         // row (XLSX) or line (CSV) number in the file
    std::string column;   // header of the column, or empty when the problem is the whole row
    std::string field;    // import field key ("card_id", "used_on", ...)
    std::string code;     // stable code as in core::FieldError
    std::string message;  // English sentence
};

enum class RowStatus { ok, error, duplicate };

struct CardRegistration {
    std::string card_id, issuer_site_id;
    core::Date registered_on;
    core::HolderProfile holder;
};

struct PlannedRow {
    std::size_t index = 0;  // row index in the table
    long row_number = 0;
    RowStatus status = RowStatus::ok;
    std::vector<RowError> errors;
    std::vector<std::string> notes;  // imported, but worth knowing
    std::string id;                  // use, card, area or site id
    bool updates_existing = false;   // areas and sites: an existing row changes
    std::optional<core::Usage> use;
    std::optional<CardRegistration> card;
    std::optional<core::Area> area;
    std::optional<core::Site> site;
};

struct ImportPlan {
    ImportKind kind = ImportKind::uses;
    std::string source;
    std::vector<PlannedRow> rows;
    core::Errors errors;                       // about the whole import: nothing can be imported
    std::vector<std::string> private_columns;  // left out for privacy, never read
    std::vector<std::pair<std::string, std::string>> ignored_columns;  // header, reason
    std::vector<std::string> unmapped_columns;                         // read by no field
    std::map<std::string, std::string> field_columns;                  // field key -> header of its column
    std::size_t count(RowStatus) const;
    std::vector<RowError> row_errors() const;  // all errors in file order
};

// Reads and maps a file for a kind (privacy columns are dropped at read time).
struct LoadedFile {
    std::optional<Table> table;
    MappingResult mapping;
    core::Errors errors;  // reading or mapping failed
    bool ok() const { return table && errors.empty(); }
};
LoadedFile load_file(const std::string& path, ImportKind, const std::string& sheet = {},
                     const std::vector<MappingOverride>& overrides = {});

// The preview: checks every row against the local cache; writes nothing.
ImportPlan plan_import(store::Database&, const Table&, ImportKind, const Mapping&, const ImportContext& = {});

struct ApplyOptions {
    std::size_t chunk_rows = 500;               // rows per transaction
    const std::atomic<bool>* cancel = nullptr;  // checked between rows; the open chunk rolls back
    std::function<void(std::size_t done, std::size_t total)> progress;  // after each committed chunk
};

struct ApplyReport {
    std::size_t imported = 0, duplicates = 0, failed = 0;
    bool cancelled = false;
    std::vector<RowError> errors;  // rows refused when written (the cache changed since the preview)
};

// Writes the plan's ok rows through the local commands (queued in the outbox for the next sync).
ApplyReport apply_import(store::Database&, const ImportPlan&, const ApplyOptions& = {});

// Value parsers shared with forms: d.m.yyyy, yyyy-mm-dd (a time part after the date is ignored).
std::optional<core::Date> parse_import_date(std::string_view);
std::optional<int> parse_count(std::string_view);  // a non-negative whole number

}  // namespace kaiku::import
