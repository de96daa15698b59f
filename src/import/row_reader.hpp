// Internal: reading the mapped cells of one row and collecting its errors.
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/errors.hpp"
#include "import/import.hpp"

namespace kaiku::import {

class RowReader {
public:
    RowReader(const Table& t, const Mapping& m, PlannedRow& row) : t_(t), m_(m), row_(row) {}

    bool has(const std::string& field) const { return m_.column_of(field).has_value(); }
    // The trimmed cell of the field's column ("" when unmapped or blank).
    std::string cell(const std::string& field) const;
    std::string column(const std::string& field) const;

    void fail(const std::string& field, const std::string& code, const std::string& message);
    // Maps a core error's field ("holder.postcode", "contact.email") to the import field and records it.
    void fail(const core::FieldError&);
    void fail_all(const core::Errors& errors) {
        for (const auto& e : errors) fail(e);
    }
    bool failed() const { return !row_.errors.empty(); }
    bool has_error(const std::string& field) const;

    // Typed reads: nullopt when blank (no error) or invalid (error recorded, see failed()).
    std::optional<core::Date> date(const std::string& field, const std::string& label);
    std::optional<int> count(const std::string& field, const std::string& label, int max);
    std::optional<int> year(const std::string& field, const std::string& label);

private:
    const Table& t_;
    const Mapping& m_;
    PlannedRow& row_;
};

// Matches a cell to a code list value by its wire name or a Finnish, Swedish or English word.
template <class E>
struct WordList {
    E value;
    std::vector<const char*> words;
};

template <class E>
std::optional<E> match_word(const std::vector<WordList<E>>& list, const std::string& cell) {
    const auto n = normalise_header(cell);
    for (const auto& w : list)
        for (const char* word : w.words)
            if (normalise_header(word) == n) return w.value;
    return std::nullopt;
}

// Core field names ("holder.postcode", "venue_site_id") as import field keys ("postcode", "venue").
std::string import_field(const std::string& core_field);

// Existing rows that re-imports recognise.
void plan_areas(store::Database&, const Table&, const Mapping&, ImportPlan&);
void plan_sites(store::Database&, const Table&, const Mapping&, ImportPlan&);
// Writing areas and sites (new ones through an upsert, existing sites through a patch).
core::Errors write_area(store::Database&, const PlannedRow&);
core::Errors write_site(store::Database&, const PlannedRow&);

}  // namespace kaiku::import
