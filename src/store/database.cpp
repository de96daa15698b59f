#include "store/database.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
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

std::string percent_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string conninfo_value(const std::string& v) {
    std::string out = "'";
    for (char c : v) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string postgres_conninfo(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) throw StoreError("Not a PostgreSQL URL (expected postgresql://...)");
    std::string rest = url.substr(scheme + 3);
    std::string query;
    if (const auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string db;
    if (const auto slash = rest.find('/'); slash != std::string::npos) {
        db = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string user, password;
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        user = rest.substr(0, at);
        rest = rest.substr(at + 1);
        if (const auto colon = user.find(':'); colon != std::string::npos) {
            password = user.substr(colon + 1);
            user = user.substr(0, colon);
        }
    }
    std::string host = rest, port;
    if (const auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    std::string out;
    auto add = [&](const char* key, const std::string& v) {
        if (!v.empty()) out += (out.empty() ? "" : " ") + std::string(key) + "=" + conninfo_value(percent_decode(v));
    };
    add("host", host);
    add("port", port);
    add("user", user);
    add("password", password);
    add("dbname", db);
    std::size_t pos = 0;
    while (pos < query.size()) {
        auto amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        const std::string kv = query.substr(pos, amp - pos);
        if (const auto eq = kv.find('='); eq != std::string::npos && eq > 0) {
            const std::string key = kv.substr(0, eq);
            bool ok = true;
            for (char c : key) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
            if (!ok) throw StoreError("Bad parameter name in the PostgreSQL URL: " + key);
            add(key.c_str(), kv.substr(eq + 1));
        }
        pos = amp + 1;
    }
    return out;
}

Database::Database(const std::string& url, SchemaKind kind, OtherKind other)
    : url_(url), dialect_(dialect_of(url)), kind_(kind) {
    core::check_blocking_io_allowed("opening a database");
    try {
        if (dialect_ == Dialect::sqlite) {
            const std::string path = sqlite_path(url);
            if (path.empty()) throw StoreError("The database URL names no file: " + url);
            create_private_file(path);
            sql_.open(*soci::factory_sqlite3(), "db=\"" + path + "\" timeout=30 shared_cache=false");
            std::string mode;
            sql_ << "PRAGMA journal_mode=WAL", soci::into(mode);
            // FULL: a committed transaction survives a power cut (in WAL mode NORMAL may lose the last ones), so a
            // batch the register acknowledged, or a use the user saw saved, is never lost.
            sql_ << "PRAGMA synchronous=FULL";
            // The server enforces references. The client's cache is a partial replica of the register: a use
            // seen by a venue refers to a card outside the venue's scope, so references are not enforced there.
            sql_ << (kind_ == SchemaKind::server ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
            sql_ << "PRAGMA secure_delete=ON";
            // Statement journals and temporary tables in memory: no holder data in temporary files, and each row
            // of a bulk write (whose triggers keep the statistics' daily sums) costs no file of its own.
            sql_ << "PRAGMA temp_store=MEMORY";
        } else {
#ifdef KAIKU_HAVE_POSTGRESQL
            sql_.open(*soci::factory_postgresql(), postgres_conninfo(url));
            sql_ << "SET client_min_messages TO WARNING";
#else
            throw StoreError("This build has no PostgreSQL support.");
#endif
        }
        if (const auto made_as = existing_schema_kind(sql_, dialect_); made_as && *made_as != kind_) {
            if (other == OtherKind::refuse)
                throw StoreError("The database " + where() +
                                 (*made_as == SchemaKind::server
                                      ? " is a register of kaiku-server, not a cache of Kaiku Admin."
                                      : " is a cache of Kaiku Admin, not a register of kaiku-server."));
            kind_ = *made_as;
            if (dialect_ == Dialect::sqlite)
                sql_ << (kind_ == SchemaKind::server ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
        }
        migrate(sql_, dialect_, kind_);
    } catch (const StoreError&) {
        throw;
    } catch (const std::exception& e) {
        throw StoreError("Cannot open the database " + where() + ": " + e.what());
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

std::string Database::where() const {
    return dialect_ == Dialect::sqlite ? sqlite_path(url_) : std::string("(PostgreSQL)");
}

int Database::schema_version() { return current_schema_version(sql_, dialect_); }

namespace {
int stop_when_set(void* flag) { return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0; }
}  // namespace

void Database::interrupt_when(const std::atomic<bool>* flag) {
    if (dialect_ != Dialect::sqlite) return;
    auto* backend = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend());
    sqlite_api::sqlite3_progress_handler(backend->conn_, flag ? 4000 : 0, flag ? &stop_when_set : nullptr,
                                         const_cast<std::atomic<bool>*>(flag));
}

}  // namespace kaiku::store
