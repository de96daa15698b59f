// Imports against the real server: a cards migration and a venue's usage log imported offline, imported
// again (nothing new), then synced: the register holds each use exactly once. And kaikuctl import on a
// file with a bad row.
#include <fstream>

#include <doctest/doctest.h>

#include "import/import.hpp"
#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/engine.hpp"
#include "sync/outbox.hpp"

using namespace kaiku;
using test::ServerProcess;
using test::TempDir;
using namespace kaiku::test::sync_checks;

namespace {

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// d.m.yyyy, as a paper log typed into Excel would have it.
std::string finnish(core::Date d) {
    return std::to_string(d.day()) + "." + std::to_string(d.month()) + "." + std::to_string(d.year());
}

import::ImportPlan plan_file(store::Database& db, const std::string& path, import::ImportKind kind,
                             const import::ImportContext& ctx){auto loaded = import::load_file(path, kind);
INFO(core::to_string(loaded.errors));
REQUIRE(loaded.ok());
auto plan = import::plan_import(db, *loaded.table, kind, loaded.mapping.mapping, ctx);
INFO(core::to_string(plan.errors));
REQUIRE(plan.errors.empty());
return plan;
}  // namespace

long long uses_with_id(store::Database& sdb, const std::string& id) {
    long long n = 0;
    sdb.sql() << "SELECT COUNT(*) FROM usage WHERE id = :i", soci::use(id, "i"), soci::into(n);
    return n;
}

}  // namespace

TEST_CASE("a cards migration and a usage log imported offline and twice reach the register once") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    std::optional<ServerProcess> server;
    server.emplace(dir, tdb.url(), std::vector<std::string>{"--seed", "demo:0.01"});
    std::string issuer, venue, old_card;
    std::vector<std::string> cards;
    {
        store::Database sdb(tdb.url(), store::SchemaKind::server);
        test::DemoFixture fx{sdb};
        issuer = fx.scope_of("issuer-tre");
        venue = fx.scope_of("venue-tre");
        old_card = fx.registered_card(issuer);
        for (int i = 0; i < 3; ++i) cards.push_back(fx.free_card(issuer, "TRE", i));
    }
    Client c(dir, "coord", "coord-tre");
    REQUIRE(c.sync(server->url()).ok());
    server.reset();  // offline from here on

    const auto today = core::Date::today();
    const auto registered = today.plus_days(-40);
    std::string cards_csv = "Kortnummer;Kortutdelare;Registrerad;Giltig till;Födelseår;Postnummer;Barn;Kön;Namn\n";
    for (std::size_t i = 0; i < cards.size(); ++i)
        cards_csv += cards[i] + ";" + issuer + ";" + registered.iso() + ";;" + std::to_string(1970 + i) + ";33100;" +
                     std::to_string(i) + ";kvinna;Anna Exempel\n";
    write_text(dir.file("cards.csv"), cards_csv);
    // The log: the same card twice on one day is two real uses; the old card was registered earlier.
    std::string log = "Kortin numero;Päivämäärä;Aikuiset;Lapset;Kategoria;Nimi\r\n";
    log += cards[0] + ";" + finnish(today.plus_days(-10)) + ";1;0;kulttuuri;Anna\r\n";
    log += cards[0] + ";" + finnish(today.plus_days(-10)) + ";1;0;kulttuuri;Anna\r\n";
    log += cards[1] + ";" + finnish(today.plus_days(-9)) + ";1;1;liikunta;Bertta\r\n";
    log += cards[2] + ";" + today.plus_days(-8).iso() + ";1;2;kulttuuri;Cecilia\r\n";
    log += old_card + ";" + finnish(today.plus_days(-7)) + ";1;0;kulttuuri;Daniel\r\n";
    write_text(dir.file("log.csv"), log);

    import::ImportContext ctx;
    ctx.issuer_site_id = issuer;
    ctx.venue_site_id = venue;
    const auto card_plan = plan_file(c.db, dir.file("cards.csv"), import::ImportKind::cards, ctx);
    CHECK(card_plan.private_columns == std::vector<std::string>{"Namn"});
    REQUIRE(card_plan.count(import::RowStatus::ok) == 3);
    CHECK(import::apply_import(c.db, card_plan).imported == 3);
    const auto use_plan = plan_file(c.db, dir.file("log.csv"), import::ImportKind::uses, ctx);
    REQUIRE(use_plan.count(import::RowStatus::ok) == 5);
    CHECK(import::apply_import(c.db, use_plan).imported == 5);

    // The same files again, offline: nothing new.
    const auto pending = sync::Outbox(c.db).count("pending");
    CHECK(pending == 8);
    for (auto [file, kind] :
         {std::pair{"cards.csv", import::ImportKind::cards}, {"log.csv", import::ImportKind::uses}}) {
        const auto again = plan_file(c.db, dir.file(file), kind, ctx);
        CHECK(again.count(import::RowStatus::ok) == 0);
        CHECK(import::apply_import(c.db, again).imported == 0);
    }
    CHECK(sync::Outbox(c.db).count("pending") == pending);

    server.emplace(dir, tdb.url());
    const auto r = c.sync(server->url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.applied == 8);
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    for (const auto& row : use_plan.rows) CHECK(uses_with_id(sdb, row.id) == 1);
    CHECK(store::UsageRepository{sdb}.list_for_card(cards[0]).size() == 2);
    const auto on_server = store::CardRepository{sdb}.get(cards[2]);
    REQUIRE(on_server);
    CHECK(on_server->registered_on == registered);
    CHECK(on_server->holder.children == 2);
    CHECK(on_server->holder.gender == core::Gender::female);
    check_all_delivered(c.db, sdb);

    // After the sync, the files are still recognised: nothing is queued again.
    for (auto [file, kind] : {std::pair{"cards.csv", import::ImportKind::cards}, {"log.csv", import::ImportKind::uses}})
        CHECK(import::apply_import(c.db, plan_file(c.db, dir.file(file), kind, ctx)).imported == 0);
    CHECK(sync::Outbox(c.db).count("pending") == 0);
    for (const auto& row : use_plan.rows) CHECK(uses_with_id(sdb, row.id) == 1);
}

TEST_CASE("kaikuctl import of a log with a bad row exits 1 naming the row and column and syncs the rest") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    const std::string venue = fx.scope_of("venue-tre"), card = fx.registered_card(fx.scope_of("issuer-tre"));
    {
        Client c(dir, "venue", "venue-tre");
        REQUIRE(c.sync(server.url()).ok());
    }
    const auto day = core::Date::today().plus_days(-3);
    write_text(dir.file("log.csv"), "Card number,Date,Adults,Children,Category,Name\n" + card + "," + day.iso() +
                                        ",1,0,culture,A\n" + card + ",31.2.2024,1,0,culture,B\n" + card + "," +
                                        day.iso() + ",1,1,sports,C\n");
    write_text(dir.file("password"), std::string(test::kDemoPassword) + "\n");
    const std::vector<std::string> base = {
        KAIKUCTL_BIN, "--server",  server.url(),      "--cache",           dir.file("venue.sqlite"),
        "--user",     "venue-tre", "--password-file", dir.file("password")};
    auto args = base;
    args.insert(args.end(), {"import", "uses", dir.file("log.csv"), "--venue", venue, "--dry-run"});
    auto dry = test::run(args, dir);
    INFO(dry.out, dry.err);
    CHECK(dry.status == 1);
    CHECK(dry.out.find("log.csv: 3 rows: 2 ok, 1 with errors, 0 already imported") != std::string::npos);
    CHECK(dry.out.find("Ignored for privacy (never read): \"Name\"") != std::string::npos);
    CHECK(dry.out.find("row 3, column \"Date\": Date \"31.2.2024\" is not a date") != std::string::npos);
    CHECK(dry.out.find("Dry run: nothing was written.") != std::string::npos);
    const auto before = fx.count("usage");

    args = base;
    args.insert(args.end(), {"import", "uses", dir.file("log.csv"), "--venue", venue, "--sync"});
    const auto real = test::run(args, dir);
    INFO(real.out, real.err);
    CHECK(real.status == 1);
    CHECK(real.out.find("row 3, column \"Date\"") != std::string::npos);
    CHECK(real.out.find("Imported 2 rows") != std::string::npos);
    CHECK(real.out.find("the ok rows were imported") != std::string::npos);
    CHECK(real.out.find("applied: 2") != std::string::npos);
    CHECK(fx.count("usage") == before + 2);

    // Run again: the two rows are recognised, nothing new reaches the register.
    const auto again = test::run(args, dir);
    CHECK(again.status == 1);
    CHECK(again.out.find("0 ok, 1 with errors, 2 already imported") != std::string::npos);
    CHECK(fx.count("usage") == before + 2);
    args = base;
    args.insert(args.end(), {"import", "uses", dir.file("log.csv"), "--venue", venue, "--map", "used_on="});
    CHECK(test::run(args, dir).status == 1);  // no date column left: nothing can be imported
}
