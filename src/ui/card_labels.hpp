// Translated wording for the card code lists, dates typed into forms, and field errors from the core shown
// next to the field they name. The wire names in core/enums.hpp are never shown to users.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include <wx/string.h>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "core/errors.hpp"

namespace kaiku::ui {

wxString label(core::CardStatus);
wxString label(core::CardKind);
wxString label(core::CardMedium);
wxString label(core::CancelReason);
wxString label(core::Gender);
wxString label(core::LifeSituation);
wxString label(core::AgeGroup);

// Labels prepared on the UI thread, for rows that are built on a reader thread.
struct CardLabels {
    std::array<wxString, 5> status;
    std::array<wxString, 2> kind;
    std::array<wxString, 2> medium;
    std::array<wxString, 4> cancel_reason;
    static CardLabels make();
};

// A date as shown in lists and forms: ISO 8601 (2024-03-31), unambiguous in every language.
// A date in the interface language's style (22.11.2026 in fi and sv); empty for none.
wxString show_date(const std::optional<core::Date>&);
// The ISO date as a list's sort key, so that sorting stays chronological whatever the display style.
std::string date_key(const std::optional<core::Date>&);
// A date typed by a person: 2024-03-31 or 31.3.2024. Empty when it is no real date.
std::optional<core::Date> parse_date_text(const wxString& text);

// A card number typed as a serial ("501") or scanned as a whole card ID of the area ("TRE-000501-X").
std::optional<std::uint32_t> parse_serial_text(const wxString& text, const std::string& area_prefix);

// A whole sentence naming the field (its translated label, without mnemonic) and the problem.
wxString describe_error(const wxString& field_label, const core::FieldError&);

}  // namespace kaiku::ui
