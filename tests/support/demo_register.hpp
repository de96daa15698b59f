// A fresh register for one test: a slice of the demo network seeded into the test database (SQLite, or the
// PostgreSQL the test command started), served by the real kaiku-server on loopback, with the database open
// beside it for the checks.
#pragma once

#include <string>
#include <vector>

#include "support/demo_fixture.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"

namespace kaiku::test {

struct DemoRegister {
    // `scale` is the share of the demo network seeded ("0.01" is a few areas' worth of cards and uses).
    explicit DemoRegister(const std::string& scale = "0.02", const std::vector<std::string>& server_flags = {})
        : server(dir, tdb.url(), with_seed(scale, server_flags)) {}

    TempDir dir;
    TestDatabase tdb{dir};
    ServerProcess server;
    store::Database db{tdb.url(), store::SchemaKind::server};
    DemoFixture fx{db};

private:
    static std::vector<std::string> with_seed(const std::string& scale, std::vector<std::string> flags) {
        flags.insert(flags.begin(), {"--seed", "demo:" + scale});
        return flags;
    }
};

}  // namespace kaiku::test
