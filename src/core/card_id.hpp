// Card IDs: "PPP-NNNNNN-C" = 3-letter area prefix, 6-digit serial, check character.
// All characters are Code 39-safe (A-Z, 0-9, '-'). The check character is Luhn mod 36 over the
// prefix and serial, so any single mistyped character and any swap of two adjacent characters
// is detected. Input is tolerant of scanners and people: surrounding whitespace, lower case,
// missing hyphens and Code 39 start/stop asterisks are accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace kaiku::core {

inline constexpr std::uint32_t kMaxCardSerial = 999999;

struct CardId {
    std::string prefix;  // "TRE"
    std::uint32_t serial = 0;
    std::string str() const;  // canonical "TRE-000123-K"
    bool operator==(const CardId&) const = default;
};

// Both expect a valid prefix (3 upper-case letters) and serial <= kMaxCardSerial;
// otherwise card_check_character returns '?' and format_card_id an empty string.
char card_check_character(std::string_view prefix, std::uint32_t serial);
std::string format_card_id(std::string_view prefix, std::uint32_t serial);
bool is_valid_area_prefix(std::string_view prefix);  // exactly 3 letters A-Z

struct CardIdParse {
    std::optional<CardId> id;
    std::optional<FieldError> error;  // set when id is empty; field is the one given to parse
};
// Error codes: "required" (blank input), "invalid_format", "invalid_check_character".
CardIdParse parse_card_id(std::string_view input, const std::string& field = "card_id");

}  // namespace kaiku::core
