// Numbered schema migrations. Migration N brings the schema from version N-1 to N; each runs in one
// transaction together with the version bump (SQLite: PRAGMA user_version; PostgreSQL: schema_version table).
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace kaiku::store {

struct Migration {
    int version;
    const char* description;
    std::vector<std::string> statements;  // portable SQL; dialect-specific parts via placeholders below
};

// The full list, in order. `{BLOB}` etc. are not used: keep statements portable between SQLite and PostgreSQL.
const std::vector<Migration>& migrations();
int latest_schema_version();

// Runs every migration above the database's current version. Throws StoreError naming the failed migration.
void migrate(soci::session& sql, Dialect dialect);
int current_schema_version(soci::session& sql, Dialect dialect);

}  // namespace kaiku::store
