// A SQLite (client cache, embedded server) or PostgreSQL (server) database with the schema migrated.
// One Database per thread: SOCI sessions are not thread-safe.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include <soci/soci.h>

namespace kaiku::store {

enum class Dialect { sqlite, postgresql };

class Database {
public:
    // url: "sqlite:PATH", a plain file path, or "postgresql://…". Creates a SQLite file with owner-only
    // permissions, turns on WAL and foreign keys, and runs pending migrations. Throws StoreError.
    explicit Database(const std::string& url);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    soci::session& sql() { return sql_; }
    Dialect dialect() const { return dialect_; }
    const std::string& url() const { return url_; }
    int schema_version();

private:
    std::string url_;
    Dialect dialect_;
    soci::session sql_;
};

// Every store failure: the message names what failed (never contains holder data).
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace kaiku::store
