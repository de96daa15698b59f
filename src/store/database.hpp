// A SQLite (client cache, embedded server) or PostgreSQL (server) database with the schema migrated.
// One Database per thread: SOCI sessions are not thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>

#include <soci/soci.h>

#include "core/thread_guard.hpp"
#include "store/schema_kind.hpp"

namespace kaiku::store {


class Database {
public:
    // url: "sqlite:PATH", a plain file path, or "postgresql://…". Creates a SQLite file with owner-only
    // permissions, turns on WAL and foreign keys, and runs pending migrations. Throws StoreError.
    // A database made as the other kind is refused with a StoreError unless `other` is adopt (then kind() is its).
    explicit Database(const std::string& url, SchemaKind kind = SchemaKind::client,
                      OtherKind other = OtherKind::refuse);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    soci::session& sql() {
        core::check_blocking_io_allowed("a database call");
        return sql_;
    }
    Dialect dialect() const { return dialect_; }
    SchemaKind kind() const { return kind_; }
    const std::string& url() const { return url_; }
    int schema_version();

    // SQLite: once *flag turns true, the statement running stops with an "interrupted" error (checked every few
    // thousand steps); nullptr turns this off. Other databases ignore it. See InterruptScope.
    void interrupt_when(const std::atomic<bool>* flag);

private:
    friend class Transaction;
    std::string where() const;  // the file, or "(PostgreSQL)": never a password
    int transaction_depth_ = 0;
    std::string url_;
    Dialect dialect_;
    SchemaKind kind_;
    soci::session sql_;
};

// Statements run while the scope lives stop once *flag turns true (a null flag does nothing).
class InterruptScope {
public:
    InterruptScope(Database& db, const std::atomic<bool>* flag) : db_(flag ? &db : nullptr) {
        if (db_) db_->interrupt_when(flag);
    }
    ~InterruptScope() {
        if (db_) db_->interrupt_when(nullptr);
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    Database* db_;
};

// "postgresql://user:password@host:port/db?sslmode=require" -> libpq key=value form (SOCI mangles URIs).
// Throws StoreError for a URL it cannot read.
std::string postgres_conninfo(const std::string& url);

// A transaction that nests: the outermost one is a real transaction, inner ones are savepoints.
// Rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    int level_;
    bool done_ = false;
};

// Every store failure: the message names what failed (never contains holder data).
struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace kaiku::store
