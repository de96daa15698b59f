// Commands: every change to the register is a named mutation, validated by the core, authorised against
// the principal's scope, applied in one transaction with its change-log entries and audit records.
// The REST command endpoints and POST /v1/batch share this single code path.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "principal.hpp"
#include "store/database.hpp"

namespace kaiku::server {

using nlohmann::json;

struct Mutation {
    std::string mutation_id;
    std::string type;  // "card.register", "usage.record", ...
    json data;         // the command's fields
    std::string recorded_at;  // device time, informational
};

struct MutationResult {
    enum class Status { applied, duplicate, conflict, rejected } status = Status::rejected;
    int http_status = 422;
    json problem;      // RFC 9457 document unless applied/duplicate
    long long version = 0;  // change-log position of the change when applied
    json entity;       // the resulting representation when applied
};

// Whether a database error says a stored row contradicts the statement (unique, foreign key, check, not null).
bool is_constraint_violation(const std::string& database_error);

std::string status_name(MutationResult::Status);

// Runs one mutation inside its own savepoint of the caller's transaction. Never throws for bad input;
// database failures propagate (the caller answers 503 and commits nothing).
MutationResult execute(store::Database&, const Principal&, const Mutation&);

// The list of known mutation types (for the OpenAPI document and error messages).
const std::vector<std::string>& mutation_types();

// Ensures the singleton rows (sync epoch) exist; called at server start.
void ensure_sync_meta(store::Database&);
std::string current_epoch(store::Database&);

}  // namespace kaiku::server
