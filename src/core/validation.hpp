// Validation of every entity: precise, field-level errors; an empty result means valid.
#pragma once

#include "core/entities.hpp"
#include "core/errors.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace kaiku::core {

Errors validate(const Area&);
Errors validate(const Organisation&);
Errors validate(const Site&);
Errors validate(const Contact&, const std::string& field_prefix = "contact");
Errors validate(const VenueProfile&);
Errors validate(const CardBatch&);
Errors validate(const Allocation&, const CardBatch& batch);
Errors validate(const HolderProfile&, int current_year, const std::string& field_prefix = "holder");
Errors validate(const Card&);
Errors validate(const Usage&);
Errors validate(const Rule&);
Errors validate(const Quota&);
Errors validate(const QuotaAdjustment&);
Errors validate(const Message&);
Errors validate(const GroupVisit&);
Errors validate(const GroupSignup&, const GroupVisit& visit, int seats_already_taken);
Errors validate(const User&);

// Printed ranges of one area never overlap, nor do the allocations of one batch (`others` may contain the
// checked value itself: the same id is skipped). The error names first_serial, as the register does.
Errors check_no_overlap(const CardBatch&, std::span<const CardBatch> others);
Errors check_no_overlap(const Allocation&, std::span<const Allocation> others);

// Limits (in characters, i.e. UTF-8 code points).
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxTextLength = 4000;
inline constexpr std::size_t kMaxSubjectLength = 200;
inline constexpr std::size_t kMaxBodyLength = 20000;
inline constexpr int kMaxChildren = 20;
inline constexpr int kMaxAdultsPerUse = 10;
inline constexpr int kMaxGroupVisitSeats = 500;
inline constexpr int kMinHolderAge = 16;   // the holder is 16 or turns 16 in the year of registration
inline constexpr int kMaxHolderAge = 120;

// Leading and trailing white space removed. Validation treats a blank value as missing and measures
// lengths after trimming; forms and importers should store trimmed values.
std::string trimmed(std::string_view);

// Small reusable checks (exposed for forms that validate as the user types).
bool is_valid_postcode(const std::string&);           // exactly 5 digits
bool is_valid_municipality_code(const std::string&);  // exactly 3 digits
bool is_valid_business_id(const std::string&);        // Finnish Y-tunnus with its check digit
bool is_plausible_email(const std::string&);
bool is_plausible_phone(const std::string&);  // digits, spaces, +, -, (, ); 6..20 digits

}  // namespace kaiku::core
