// Import kinds, their fields, and the mapping of a file's columns to fields (by header names in
// Finnish, Swedish or English, overridable by the user).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "import/table.hpp"

namespace kaiku::import {

enum class ImportKind { uses, cards, areas, sites };

std::string_view kind_name(ImportKind);
std::optional<ImportKind> parse_kind(std::string_view);  // "uses", "cards", "areas", "sites"

struct FieldSpec {
    std::string key;    // "card_id", "used_on", ...
    std::string label;  // English label for messages ("Card number")
    bool required = false;
    std::vector<std::string> aliases;  // header names accepted (fi, sv, en), compared normalised
};

const std::vector<FieldSpec>& fields_of(ImportKind);
const FieldSpec* find_field(ImportKind, std::string_view key);

// Header text compared without case, accents of å/ä/ö, spaces and punctuation ("Kortin numero" = "kortinnumero").
std::string normalise_header(std::string_view);

// Columns that would identify a cardholder (name, personal identity code, address, birth date, phone, e-mail):
// never read for uses and cards imports.
bool is_private_column(ImportKind, std::string_view header);
// Columns recognised but not stored, with the reason (free-text notes may name a person).
std::optional<std::string> ignored_column_reason(ImportKind, std::string_view header);

// Field key -> column index in the table.
struct Mapping {
    std::map<std::string, std::size_t> columns;
    std::optional<std::size_t> column_of(const std::string& field) const {
        const auto it = columns.find(field);
        return it == columns.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
};

// A user's override: field key = column header (exact or normalised match), or "field=" to unmap.
struct MappingOverride {
    std::string field, column;
};

// Automatic mapping by header names, then the overrides. Errors: unknown field, unknown column,
// a required field without a column (field "mapping.<key>").
struct MappingResult {
    Mapping mapping;
    core::Errors errors;
    std::vector<std::string> unmapped_headers;  // columns that no field reads
};
MappingResult map_columns(ImportKind, const Table&, const std::vector<MappingOverride>& overrides = {});

// Reading options for a kind: leaves out private and ignored columns at read time.
ReadOptions read_options_for(ImportKind, std::string sheet = {});

}  // namespace kaiku::import
