// kaikuctl report: bad flags name the flag and exit 2; the reports run on a small database.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "store/database.hpp"
#include "support/processes.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_network.hpp"

using namespace kaiku;

namespace {

// One area with an issuer, a venue, a card and its use, in a client cache or a register; returns the database URL.
std::string one_use_network(test::TempDir& dir, store::SchemaKind kind = store::SchemaKind::client) {
    const std::string db_path = dir.file("r.sqlite");
    store::Database db(db_path, kind);
    test::TinyNetwork n{db};
    n.area("a1", "AAA", "Tampere");
    n.site("i1", "a1", "issuer");
    n.site("v1", "a1", "venue");
    n.card("c1", "a1", "i1", "2023-01-01", "2023-01-02");
    n.use("c1", "v1", "2023-01-02");
    return "sqlite:" + db_path;
}

}  // namespace

TEST_CASE("kaikuctl report answers bad flags with exit 2 and the flag's name") {
    test::TempDir dir;
    const std::string url = one_use_network(dir);
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

// kaikuctl's interface language comes from the real built catalogue (build/share/locale). The messages checked here
// have their Finnish and Swedish translations already (they are the GUI's); newer msgids may still be English.
TEST_CASE("kaikuctl speaks --ui-language or the environment's language, machine outputs stay the same") {
    test::TempDir dir;
    const std::string url = one_use_network(dir);
    const std::string missing = dir.file("no-such-password-file");
    // The environment is cleared of language variables, then given the ones a case sets.
    auto run = [&](std::vector<std::string> env, std::vector<std::string> args) {
        std::vector<std::string> argv = {"/usr/bin/env", "-u", "LANGUAGE", "-u", "LC_ALL", "-u", "LC_MESSAGES",
                                         "-u", "LANG"};
        argv.insert(argv.end(), env.begin(), env.end());
        argv.push_back(KAIKUCTL_BIN);
        argv.insert(argv.end(), args.begin(), args.end());
        return test::run(argv, dir);
    };
    const std::vector<std::string> bad_file = {"--password-file", missing, "status"};
    auto bad_in = [&](const std::string& lang) {
        std::vector<std::string> args = {"--ui-language", lang};
        args.insert(args.end(), bad_file.begin(), bad_file.end());
        return run({}, args);
    };

    // (a) A bad flag is reported in the chosen language, still naming the flag, with exit status 2.
    const auto en = bad_in("en"), fi = bad_in("fi"), sv = bad_in("sv");
    for (const auto* r : {&en, &fi, &sv}) {
        CAPTURE(r->err);
        CHECK(r->status == 2);
        CHECK(r->err.find("--password-file") != std::string::npos);
        CHECK(r->err.find(missing) != std::string::npos);
    }
    CHECK(en.err.find("Cannot read the password file") != std::string::npos);
    CHECK(fi.err != en.err);
    CHECK(sv.err != en.err);
    CHECK(sv.err != fi.err);
    // The environment chooses when --ui-language is not given: LANGUAGE, LC_ALL, LC_MESSAGES, LANG, else English.
    CHECK(run({"LANG=fi_FI.UTF-8"}, bad_file).err == fi.err);
    CHECK(run({"LANGUAGE=sv:fi", "LANG=fi_FI.UTF-8"}, bad_file).err == sv.err);
    CHECK(run({"LANGUAGE=de", "LC_MESSAGES=sv_FI.UTF-8"}, bad_file).err == sv.err);
    CHECK(run({"LC_ALL=C.UTF-8", "LANG=fi_FI.UTF-8"}, bad_file).err == en.err);  // LC_ALL wins: no language
    CHECK(run({}, bad_file).err == en.err);
    CHECK(run({"LANG=fi_FI.UTF-8"}, {"--ui-language", "en", "--password-file", missing, "status"}).err == en.err);
    // Help in another language still shows every option as typed.
    const auto help_fi = run({}, {"--ui-language", "fi", "--help"});
    CHECK(help_fi.status == 0);
    CHECK(help_fi.out.find("--ui-language fi|sv|en") != std::string::npos);
    CHECK(help_fi.out.find("cards sheet --batch ID --output FILE.pdf") != std::string::npos);

    // (b) An unknown or missing language is a usage error naming the flag, in every environment language.
    for (const auto& env : {std::vector<std::string>{}, std::vector<std::string>{"LANG=fi_FI.UTF-8"}}) {
        for (const auto& args : {std::vector<std::string>{"--ui-language", "de", "status"},
                                 std::vector<std::string>{"--ui-language", "FI", "status"},
                                 std::vector<std::string>{"--ui-language"}}) {
            const auto r = run(env, args);
            CAPTURE(r.err);
            CHECK(r.status == 2);
            CHECK(r.err.find("--ui-language") != std::string::npos);
        }
    }
    const auto de = run({}, {"--ui-language", "de", "status"});
    CHECK(de.err.find("\"de\"") != std::string::npos);

    // (c) Machine outputs and exit codes are the same in every interface language: CSV (on standard output,
    // apart from the minute it was generated in), the tab-separated lists and their exit statuses.
    auto without_generated = [](const std::string& csv) {
        std::istringstream in(csv);
        std::string out;
        for (std::string line; std::getline(in, line);)
            if (line.rfind("Generated", 0) != 0) out += line + "\n";
        return out;
    };
    for (const auto& report_args :
         {std::vector<std::string>{"report", "national", "--format", "csv", "--database", url},
          std::vector<std::string>{"report", "national", "--format", "csv", "--language", "fi", "--database", url},
          std::vector<std::string>{"report", "audit", "--format", "csv", "--from", "2023-01-01", "--to",
                                   "2023-12-31", "--database", url}}) {
        std::vector<std::string> args_en = {"--ui-language", "en"}, args_fi = {"--ui-language", "fi"},
                                 args_sv = {"--ui-language", "sv"};
        for (auto* a : {&args_en, &args_fi, &args_sv}) a->insert(a->end(), report_args.begin(), report_args.end());
        const auto csv_en = run({}, args_en), csv_fi = run({}, args_fi), csv_sv = run({"LANG=sv_FI.UTF-8"}, args_sv);
        CAPTURE(csv_fi.err);
        CHECK(csv_en.status == 0);
        CHECK(csv_fi.status == 0);
        CHECK(csv_sv.status == 0);
        CHECK(!csv_en.out.empty());
        CHECK(without_generated(csv_fi.out) == without_generated(csv_en.out));
        CHECK(without_generated(csv_sv.out) == without_generated(csv_en.out));
    }
    const std::string cache = dir.file("cache.sqlite");
    for (const auto& list : {std::vector<std::string>{"list", "areas"}, std::vector<std::string>{"status"}}) {
        std::vector<std::string> en_args = {"--cache", cache}, fi_args = {"--ui-language", "fi", "--cache", cache};
        en_args.insert(en_args.end(), list.begin(), list.end());
        fi_args.insert(fi_args.end(), list.begin(), list.end());
        const auto a = run({}, en_args), b = run({}, fi_args);
        CHECK(a.status == 0);
        CHECK(b.status == a.status);
        CHECK(a.out == b.out);
    }
    // Exit statuses: a usage error stays 2 and a runtime failure 1 in Finnish too.
    CHECK(run({}, {"--ui-language", "fi", "report", "national", "--format", "doc", "--database", url}).status == 2);
    CHECK(run({}, {"--ui-language", "fi", "report", "national", "--format", "doc", "--database", url})
              .err.find("--format") != std::string::npos);
    CHECK(run({}, {"--ui-language", "fi", "--cache", cache, "import", "uses", dir.file("none.csv")}).status == 1);
    // The text report follows the language's number and date conventions but keeps its figures.
    const auto text_fi = run({}, {"--ui-language", "fi", "report", "national", "--database", url});
    CHECK(text_fi.status == 0);
    CHECK(text_fi.out.find("2023") != std::string::npos);
}

TEST_CASE("kaikuctl report reads kaiku-server's register as a register and leaves it as it was") {
    test::TempDir dir;
    const std::string url = one_use_network(dir, store::SchemaKind::server);
    const std::string path = url.substr(std::string("sqlite:").size());
    const int version = store::Database(path, store::SchemaKind::server).schema_version();
    const auto r = test::run({KAIKUCTL_BIN, "report", "national", "--database", url, "--format", "csv"}, dir);
    CHECK(r.status == 0);
    CHECK(r.err == "");
    // Registered cards 1, activated 1, uses 1 in 2023 and in the total.
    CHECK(r.out.find("\n2023,1,1,1,") != std::string::npos);
    CHECK(r.out.find("\nTotal,1,1,1,") != std::string::npos);
    // Still a register: the server opens it, and the client refuses it rather than migrating it as a cache.
    store::Database again(path, store::SchemaKind::server);
    CHECK(again.kind() == store::SchemaKind::server);
    CHECK(again.schema_version() == version);
    CHECK_THROWS_WITH(store::Database{path}, doctest::Contains("is a register of kaiku-server, not a cache"));
    // And the other way round.
    const std::string cache = dir.file("cache.sqlite");
    { store::Database client(cache); }
    CHECK_THROWS_WITH((store::Database{cache, store::SchemaKind::server}),
                      doctest::Contains("is a cache of Kaiku Admin, not a register"));
    CHECK(store::Database(cache, store::SchemaKind::server, store::OtherKind::adopt).kind() == store::SchemaKind::client);
}
