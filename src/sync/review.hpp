// What waits for a person's decision: conflicts (the register kept both versions), changes this computer sent that
// came back as conflicts, and changes the register refused with its reason. Read and decided here, off the UI thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "store/database.hpp"
#include "sync/local_commands.hpp"

namespace kaiku::sync {

// What the register said when it refused or returned a change, as stored with the change (the problem document).
// The stable codes are what the interface translates; the English text is shown only for codes it does not know.
struct RegisterProblem {
    std::string type;                 // the problem's code: "validation-failed", "forbidden", "duplicate-id", …
    core::Errors errors;              // field errors, each with its stable code (required, not_found, conflict, …)
    std::string english;              // the register's own words, for logs and unknown codes
    std::vector<std::string> fields;  // the fields the register named
};

// Reads a stored problem document (JSON text, as the outbox and local conflicts keep it); other text is kept as the
// English words with no code.
RegisterProblem read_register_problem(const std::string& stored);

struct ReviewItem {
    enum class Kind { conflict, returned, rejected };
    Kind kind = Kind::conflict;
    std::string id;              // sync_conflict id, local_conflict id or the refused mutation's id
    std::string type;            // command, e.g. "site.patch"
    std::string entity, entity_id;
    std::vector<std::string> fields;  // fields in conflict (conflicts), or fields the register named (refusals)
    nlohmann::json mine = nlohmann::json::object();    // flat field -> value as sent
    nlohmann::json theirs = nlohmann::json::object();  // flat field -> the register's value
    nlohmann::json payload;      // refusals: the change as sent, to correct and resend
    std::string reason;          // the register's words (English), refusals and returned changes
    RegisterProblem problem;     // the same with its stable codes, for a sentence in the user's language
    std::string when;            // UTC ISO time
};

std::vector<ReviewItem> list_review_items(store::Database&);

// A returned change (conflict answered to this client only): the register's version stands.
LocalResult dismiss_returned(store::Database&, const std::string& local_conflict_id);
// A refused change is dropped for good.
LocalResult discard_refused(store::Database&, const std::string& mutation_id);
// `payload` with the flat `fields` (as in ReviewItem::mine) put back where they came from.
nlohmann::json with_fields(nlohmann::json payload, const nlohmann::json& fields);
// A refused change corrected by the user goes out again as a new change with the same command.
LocalResult resend_refused(store::Database&, const std::string& mutation_id, const nlohmann::json& payload);

}  // namespace kaiku::sync
