// Numbered schema migrations. Migration N brings the schema from version N-1 to N; each runs in one
// transaction together with the version bump (SQLite: PRAGMA user_version; PostgreSQL: schema_version table).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace kaiku::store {

// Which databases a migration changes: the register tables are everywhere; the server keeps accounts,
// the change log and the audit log; the client keeps its outbox and sync state.
enum class AppliesTo { both, server, client };

struct Migration {
    int version;
    AppliesTo applies = AppliesTo::both;
    const char* description;
    std::vector<std::string> statements;  // portable SQL, or SQLite's when `postgresql` is given
    std::vector<std::string> postgresql = {};  // PostgreSQL's own statements where the dialects differ (JSON)
};

// The full list, in order; a migration that does not apply to a kind only bumps its version there.
// Statements are portable between SQLite and PostgreSQL.
const std::vector<Migration>& migrations();
int latest_schema_version();

// Runs every migration above the database's current version. Throws StoreError naming the failed migration.
void migrate(soci::session& sql, Dialect dialect, SchemaKind kind);
int current_schema_version(soci::session& sql, Dialect dialect);

// The kind an existing database was made as (a table only that kind has), or nothing for a new or very old one.
std::optional<SchemaKind> existing_schema_kind(soci::session& sql, Dialect dialect);

}  // namespace kaiku::store
