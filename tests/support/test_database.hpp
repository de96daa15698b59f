// The server database of one test: a SQLite file, or a fresh database in the suite's throwaway PostgreSQL
// when the integration tests run with --backend=postgres (dropped again at the end of the test).
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "store/database.hpp"
#include "support/temp_dir.hpp"

namespace kaiku::test {

// Set by the integration tests' main() from --backend=sqlite|postgres.
inline std::string& backend() {
    static std::string b = "sqlite";
    return b;
}

inline std::string postgres_admin_url() {
    const char* dir = std::getenv("KAIKU_TEST_PG_DIR");
    if (!dir) throw std::runtime_error("KAIKU_TEST_PG_DIR is not set (the postgres fixture did not run)");
    std::ifstream in(std::string(dir) + "/url");
    std::string url;
    if (!(in >> url)) throw std::runtime_error(std::string("no PostgreSQL URL in ") + dir + "/url");
    return url;
}

class TestDatabase {
public:
    explicit TestDatabase(const TempDir& dir, const std::string& name = "server") {
        if (backend() != "postgres") {
            url_ = "sqlite:" + dir.file(name + ".sqlite");
            return;
        }
        admin_ = postgres_admin_url();
        std::random_device rd;
        db_name_ = "kaiku_" + name + "_" + std::to_string(rd()) + std::to_string(rd() % 1000);
        soci::session s("postgresql", store::postgres_conninfo(admin_));
        s << "CREATE DATABASE " + db_name_;
        url_ = admin_.substr(0, admin_.rfind('/') + 1) + db_name_;
    }
    ~TestDatabase() {
        if (db_name_.empty()) return;
        try {
            soci::session s("postgresql", store::postgres_conninfo(admin_));
            s << "DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)";
        } catch (...) {
        }
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    const std::string& url() const { return url_; }

    // A backup of the whole database, and a restore that replaces the database with it (no open sessions).
    void backup(const TempDir& dir) {
        if (db_name_.empty()) {
            copy_files(url_.substr(7), dir.file("backup.sqlite"));
        } else {
            soci::session s("postgresql", store::postgres_conninfo(admin_));
            s << "CREATE DATABASE " + db_name_ + "_backup TEMPLATE " + db_name_;
        }
    }
    void restore(const TempDir& dir) {
        if (db_name_.empty()) {
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url_.substr(7) + suffix);
            copy_files(dir.file("backup.sqlite"), url_.substr(7));
        } else {
            soci::session s("postgresql", store::postgres_conninfo(admin_));
            s << "DROP DATABASE " + db_name_ + " WITH (FORCE)";
            s << "CREATE DATABASE " + db_name_ + " TEMPLATE " + db_name_ + "_backup";
            s << "DROP DATABASE " + db_name_ + "_backup";
        }
    }

private:
    static void copy_files(const std::string& from, const std::string& to) {
        for (const char* suffix : {"", "-wal", "-shm"})
            if (std::filesystem::exists(from + suffix))
                std::filesystem::copy_file(from + suffix, to + suffix, std::filesystem::copy_options::overwrite_existing);
    }
    std::string url_, admin_, db_name_;
};

}  // namespace kaiku::test
