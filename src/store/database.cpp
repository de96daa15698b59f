#include "store/database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef KAIKU_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include "store/migrations.hpp"

namespace kaiku::store {
namespace {

Dialect dialect_of(const std::string& url) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return Dialect::postgresql;
    return Dialect::sqlite;
}

std::string sqlite_path(const std::string& url) {
    return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
}

// The cache holds register data: create it readable by its owner only, before SQLite touches it.
void create_private_file(const std::string& path) {
    if (path.empty() || path == ":memory:") return;
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno != EEXIST)
        throw StoreError("Cannot create the database file " + path + ": " + std::strerror(errno));
}

}  // namespace

Database::Database(const std::string& url) : url_(url), dialect_(dialect_of(url)) {
    try {
        if (dialect_ == Dialect::sqlite) {
            const std::string path = sqlite_path(url);
            if (path.empty()) throw StoreError("The database URL names no file: " + url);
            create_private_file(path);
            sql_.open(*soci::factory_sqlite3(), "db=\"" + path + "\" timeout=30 shared_cache=false");
            std::string mode;
            sql_ << "PRAGMA journal_mode=WAL", soci::into(mode);
            sql_ << "PRAGMA synchronous=NORMAL";
            sql_ << "PRAGMA foreign_keys=ON";
            sql_ << "PRAGMA secure_delete=ON";
        } else {
#ifdef KAIKU_HAVE_POSTGRESQL
            sql_.open(*soci::factory_postgresql(), url);
            sql_ << "SET client_min_messages TO WARNING";
#else
            throw StoreError("This build has no PostgreSQL support.");
#endif
        }
        migrate(sql_, dialect_);
    } catch (const StoreError&) {
        throw;
    } catch (const std::exception& e) {
        throw StoreError("Cannot open the database " + (dialect_ == Dialect::sqlite ? sqlite_path(url) : std::string("(PostgreSQL)")) +
                         ": " + e.what());
    }
}

Database::~Database() = default;

Transaction::Transaction(Database& db) : db_(db), level_(db.transaction_depth_) {
    if (level_ == 0)
        db_.sql().begin();
    else
        db_.sql() << "SAVEPOINT kaiku_sp" + std::to_string(level_);
    ++db_.transaction_depth_;
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        if (level_ == 0)
            db_.sql().rollback();
        else
            db_.sql() << "ROLLBACK TO SAVEPOINT kaiku_sp" + std::to_string(level_);
    } catch (...) {
        // Nothing sensible to do in a destructor; the connection reports the failure on next use.
    }
    --db_.transaction_depth_;
}

void Transaction::commit() {
    if (done_) return;
    if (level_ == 0)
        db_.sql().commit();
    else
        db_.sql() << "RELEASE SAVEPOINT kaiku_sp" + std::to_string(level_);
    done_ = true;
    --db_.transaction_depth_;
}

int Database::schema_version() { return current_schema_version(sql_, dialect_); }

}  // namespace kaiku::store
