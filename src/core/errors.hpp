// Field-level validation errors. The core never throws for bad input: it returns these.
#pragma once

#include <string>
#include <vector>

namespace kaiku::core {

struct FieldError {
    std::string field;    // wire name of the field ("holder.postcode", "children", "card_id")
    std::string code;     // stable machine code: required, too_long, out_of_range, invalid_format,
                          // invalid_check_character, invalid_value, not_allowed, conflict
    std::string message;  // English sentence naming the field and the problem (translated by the UI)
};

using Errors = std::vector<FieldError>;

// "field: message; field: message" for logs and command-line output.
std::string to_string(const Errors& errors);

}  // namespace kaiku::core
