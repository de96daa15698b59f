// kaikuctl report: bad flags name the flag and exit 2; the reports run on a small database.
#include <doctest/doctest.h>

#include "store/database.hpp"
#include "support/processes.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_network.hpp"

using namespace kaiku;

TEST_CASE("kaikuctl report answers bad flags with exit 2 and the flag's name") {
    test::TempDir dir;
    const std::string db_path = dir.file("r.sqlite");
    {
        store::Database db(db_path);
        test::TinyNetwork n{db};
        n.area("a1", "AAA", "Tampere");
        n.site("i1", "a1", "issuer");
        n.site("v1", "a1", "venue");
        n.card("c1", "a1", "i1", "2023-01-01", "2023-01-02");
        n.use("c1", "v1", "2023-01-02");
    }
    const std::string url = "sqlite:" + db_path;
    struct Bad {
        std::vector<std::string> args;
        std::string names;
    };
    const std::vector<Bad> bad = {
        {{"report"}, "report"},
        {{"report", "yearly"}, "yearly"},
        {{"report", "national", "--group-by", "week"}, "--group-by"},
        {{"report", "national", "--group-by"}, "--group-by"},
        {{"report", "national", "--from", "2023-13-01"}, "--from"},
        {{"report", "national", "--to", "yesterday"}, "--to"},
        {{"report", "national", "--language", "de"}, "--language"},
        {{"report", "national", "--format", "doc"}, "--format"},
        {{"report", "national", "--format", "xlsx"}, "--output"},
        {{"report", "national", "--by", "gender"}, "--by"},
        {{"report", "profile"}, "--by"},
        {{"report", "profile", "--by", "shoe-size"}, "--by"},
        {{"report", "audit", "--stale-days", "0"}, "--stale-days"},
        {{"report", "national", "--from", "2023-02-01", "--to", "2023-01-01"}, "--from"},
        {{"report", "national", "--bogus"}, "--bogus"},
    };
    for (const auto& b : bad) {
        std::vector<std::string> argv = {KAIKUCTL_BIN};
        argv.insert(argv.end(), b.args.begin(), b.args.end());
        argv.insert(argv.end(), {"--database", url});
        const auto r = test::run(argv, dir);
        CAPTURE(r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find(b.names) != std::string::npos);
    }
    auto ok = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = {KAIKUCTL_BIN};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"--database", url});
        const auto r = test::run(argv, dir);
        CAPTURE(r.err);
        CHECK(r.status == 0);
        return r.out;
    };
    const auto text = ok({"report", "national", "--stats"});
    CHECK(text.find("2023") != std::string::npos);
    CHECK(text.find("computed in ") != std::string::npos);
    CHECK(ok({"report", "national", "--format", "csv", "--language", "fi", "--group-by", "month"}).find(";") !=
          std::string::npos);
    ok({"report", "profile", "--by", "children", "--format", "xlsx", "--output", dir.file("p.xlsx")});
    CHECK(std::filesystem::file_size(dir.file("p.xlsx")) > 0);
    CHECK(ok({"report", "audit", "--from", "2023-01-01", "--to", "2023-12-31"}).find("findings") != std::string::npos);
    CHECK(ok({"report", "cross-area"}).find("Cross-area use") != std::string::npos);
}
