// Translated wording for uses and imports: categories, items, anomaly flags, import kinds and fields, and the
// problems the core and the import library report in English (field + code + sentence).
#pragma once

#include <string>

#include <wx/string.h>

#include "core/enums.hpp"
#include "core/errors.hpp"
#include "import/import.hpp"

namespace kaiku::ui {

wxString label(core::Category);
wxString label(core::UsageItem);
wxString label(import::ImportKind);

// The anomaly flags of a use as words, e.g. "card expired, possible double use"; empty when there are none.
wxString anomaly_words(unsigned anomalies);
// One sentence per flag for a form's warning area, one per line.
wxString anomaly_sentences(unsigned anomalies);

// A field of a use form or an import kind in the user's terms ("card_id" -> "Card ID"); the English label
// (or the key) when it has no translation here.
wxString field_label(const std::string& key, const std::string& english = {});

// "Card ID: <problem>" with the core's English sentence translated when the catalogue has it.
wxString problem_text(const core::FieldError& error);

}  // namespace kaiku::ui
