// The offline sync engine against the real server: offline work, lost acknowledgements, interrupted pulls,
// lost scope, revoked devices, restored servers, killed clients. After each, the invariant is checked:
// every mutation made is applied (or a duplicate) on the server, and the client holds exactly the
// server's projection of its scope.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <set>
#include <thread>

#include "core/uuid.hpp"
#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"
#include "sync/engine.hpp"
#include "sync/local_commands.hpp"
#include "sync/outbox.hpp"
#include "support/sync_checks.hpp"

using namespace kaiku;
using test::json;
using test::ServerProcess;
using test::TempDir;

using namespace kaiku::test::sync_checks;

TEST_CASE("work done while the server is down is delivered by one sync when it returns") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    std::optional<ServerProcess> server;
    server.emplace(dir, tdb.url(), std::vector<std::string>{"--seed", "demo:0.01"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    Client c(dir, "coord", "coord-tre");
    REQUIRE(c.sync(server->url()).ok());
    CHECK(client_rows(c.db) == projection(sdb, coordinator_buckets(fx, "TRE")));

    server.reset();  // the server is down
    const std::string issuer = fx.scope_of("issuer-tre"), venue = fx.scope_of("venue-tre");
    const std::string card = fx.free_card(issuer, "TRE");
    const auto reg = sync::register_card(c.db, card, issuer, *core::Date::parse("2026-11-20"),
                                         {1985, "33500", 2, core::Gender::female});
    REQUIRE(reg.ok());
    for (const char* day : {"2026-11-20", "2026-11-21", "2026-11-22"}) REQUIRE(sync::record_use(c.db, a_use(card, venue, day)).ok());
    const auto offline = c.sync("http://127.0.0.1:1");
    CHECK(offline.failure == sync::FailureKind::server_unreachable);
    CHECK(sync::sync_status(c.db).pending == 4);
    CHECK(sync::sync_status(c.db).online == false);

    server.emplace(dir, tdb.url());
    const auto r = c.sync(server->url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.applied == 4);
    CHECK(sync::sync_status(c.db).pending == 0);
    const auto on_server = store::CardRepository{sdb}.get(card);
    REQUIRE(on_server);
    CHECK(on_server->holder.birth_year == 1985);
    CHECK(on_server->activated_on == core::Date::parse("2026-11-20"));  // first use activated it
    CHECK(store::UsageRepository{sdb}.list_for_card(card).size() == 3);
    check_all_delivered(c.db, sdb);
    CHECK(client_rows(c.db) == projection(sdb, coordinator_buckets(fx, "TRE")));

    // Another device of the issuer sees the card after its own sync.
    Client other(dir, "issuer", "issuer-tre");
    REQUIRE(other.sync(server->url()).ok());
    CHECK(store::CardRepository{other.db}.get(card).has_value());
}

TEST_CASE("a lost acknowledgement is answered with duplicates and nothing is applied twice") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    Client c(dir, "venue", "venue-tre");
    REQUIRE(c.sync(server.url()).ok());
    const std::string card = fx.registered_card(fx.scope_of("issuer-tre"));
    REQUIRE(sync::record_use(c.db, a_use(card, fx.scope_of("venue-tre"), "2026-11-20")).ok());
    REQUIRE(sync::record_use(c.db, a_use(card, fx.scope_of("venue-tre"), "2026-11-21")).ok());
    REQUIRE(c.sync(server.url()).ok());
    const long long uses = fx.count("usage");
    // The acknowledgement "never arrived": the client still thinks the changes are in flight.
    c.db.sql() << "UPDATE outbox SET state = 'inflight'";
    const auto again = c.sync(server.url());
    REQUIRE(again.ok());
    CHECK(again.duplicates == 2);
    CHECK(again.applied == 0);
    CHECK(fx.count("usage") == uses);
    check_all_delivered(c.db, sdb);
}

TEST_CASE("a pull interrupted by the server going down keeps its pages and resumes") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    std::optional<ServerProcess> server;
    server.emplace(dir, tdb.url(), std::vector<std::string>{"--seed", "demo:0.02"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    Client c(dir, "coord", "coord-tre");
    sync::SyncOptions small;
    small.page_size = 100;
    const auto first = c.sync(server->url(), small, [&](const sync::SyncProgress& p) {
        if (p.phase == "pull" && p.rows >= 300) server->stop();  // killed after page 3
    });
    CHECK(!first.ok());
    CHECK(first.pages >= 3);  // the next page may already have been fetched when the server went down
    const auto kept = client_rows(c.db).size();
    CHECK(kept >= 300);
    CHECK(!store::StateRepository{c.db}.get("cursor").value_or("").empty());

    server.emplace(dir, tdb.url());
    const auto resumed = c.sync(server->url(), small);
    REQUIRE(resumed.ok());
    CHECK(!resumed.full_resync);
    CHECK(client_rows(c.db) == projection(sdb, coordinator_buckets(fx, "TRE")));
    // Nothing was fetched twice: the resumed pull started after the kept pages.
    CHECK(first.pulled_rows + resumed.pulled_rows == static_cast<long long>(projection(sdb, coordinator_buckets(fx, "TRE")).size()));
}

TEST_CASE("lost scope is purged from the file, and a revoked device wipes its data") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.02"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    const std::string tre = fx.area_id("TRE"), own = fx.scope_of("issuer-tre");
    std::string other;
    sdb.sql() << "SELECT s.id FROM site s WHERE s.area_id = :a AND s.role = 'issuer' AND s.id <> :o AND "
                 "EXISTS (SELECT 1 FROM card c WHERE c.issuer_site_id = s.id) ORDER BY s.id LIMIT 1",
        soci::use(tre, "a"), soci::use(own, "o"), soci::into(other);
    REQUIRE(!other.empty());
    net::HttpClient coord(server.url());
    test::sign_in(coord, "coord-tre");
    REQUIRE(test::command(coord, "grant.add", {{"user_id", fx.user_id("issuer-tre")}, {"site_id", other}}).status == 200);

    Client c(dir, "issuer", "issuer-tre");
    REQUIRE(c.sync(server.url()).ok());
    const std::string other_card = fx.registered_card(other), own_card = fx.registered_card(own);
    REQUIRE(store::CardRepository{c.db}.get(other_card).has_value());

    REQUIRE(test::command(coord, "grant.remove", {{"user_id", fx.user_id("issuer-tre")}, {"site_id", other}}).status ==
            200);
    const auto r = c.sync(server.url());
    REQUIRE(r.ok());
    CHECK(r.purged_rows > 0);
    CHECK(!store::CardRepository{c.db}.get(other_card).has_value());
    CHECK(store::CardRepository{c.db}.get(own_card).has_value());
    CHECK(client_rows(c.db) == projection(sdb, {"global", "site:" + own}));
    {
        const std::string bytes = file_bytes(c.path);
        CHECK(bytes.find(other_card) == std::string::npos);  // not even in free pages or the WAL
        CHECK(bytes.find(own_card) != std::string::npos);
    }

    // The device is revoked while the client is away: its next contact wipes the local register data.
    const auto me = [&] {
        net::HttpClient http(server.url());
        sync::use_saved_session(c.db, http, "issuer-tre");
        return test::get(http, "/v1/me").body;
    }();
    REQUIRE(test::command(coord, "device.revoke", {{"device_id", me["device_id"]}}).status == 200);
    const auto revoked = c.sync(server.url());
    CHECK(revoked.device_revoked);
    CHECK(client_rows(c.db).empty());
    CHECK(file_bytes(c.path).find(own_card) == std::string::npos);
}

TEST_CASE("after a server restore from backup, clients send again what the backup lost") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    std::optional<ServerProcess> server;
    server.emplace(dir, tdb.url(), std::vector<std::string>{"--seed", "demo:0.01"});
    Client c(dir, "venue", "venue-tre");
    REQUIRE(c.sync(server->url()).ok());
    server.reset();
    tdb.backup(dir);  // the nightly backup

    server.emplace(dir, tdb.url());
    std::string card, venue;
    {
        store::Database sdb(tdb.url(), store::SchemaKind::server);
        test::DemoFixture fx{sdb};
        card = fx.registered_card(fx.scope_of("issuer-tre"));
        venue = fx.scope_of("venue-tre");
    }
    const auto u1 = a_use(card, venue, "2026-11-20");
    REQUIRE(sync::record_use(c.db, u1).ok());
    REQUIRE(c.sync(server->url()).ok());
    server.reset();

    // Disaster: the register is restored from the backup (which lacks the use) and gets a new epoch.
    tdb.restore(dir);
    REQUIRE(test::run({KAIKU_SERVER_BIN, "rotate-epoch", "--database", tdb.url()}, dir).status == 0);
    server.emplace(dir, tdb.url());
    const auto r = c.sync(server->url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.full_resync);
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    long long n = 0;
    sdb.sql() << "SELECT COUNT(*) FROM usage WHERE card_id = :c AND used_on = '2026-11-20' AND venue_site_id = :v",
        soci::use(card, "c"), soci::use(venue, "v"), soci::into(n);
    CHECK(n == 1);  // back, exactly once
    check_all_delivered(c.db, sdb);
    CHECK(client_rows(c.db) == projection(sdb, {"global", "site:" + venue}));
}

TEST_CASE("killing the client during local edits and during a sync loses nothing") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.02"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    const std::string cache = dir.file("killed.sqlite");
    const std::string pw = dir.file("pw");
    std::ofstream(pw) << test::kDemoPassword << "\n";
    const std::vector<std::string> base = {KAIKUCTL_BIN, "--server", server.url(), "--cache", cache, "--user",
                                           "coord-tre", "--password-file", pw};
    auto args = [&](std::vector<std::string> more) {
        auto a = base;
        a.insert(a.end(), more.begin(), more.end());
        return a;
    };
    // Kill during the first pull, a few times, at different moments.
    for (int ms : {150, 400, 800}) {
        const pid_t pid = test::spawn(args({"sync"}), dir.file("sync.err"));
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    // Kill during local edits: each edit is all-or-nothing.
    const std::string card = fx.registered_card(fx.scope_of("issuer-tre")), venue = fx.scope_of("venue-tre");
    for (int i = 0; i < 6; ++i) {
        const pid_t pid = test::spawn(args({"record-use", "--card", card, "--venue", venue, "--date",
                                            "2026-10-" + std::to_string(10 + i)}),
                                      dir.file("edit.err"));
        std::this_thread::sleep_for(std::chrono::milliseconds(i * 15));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    long long uses_local = 0, outbox_rows = 0;
    {
        store::Database db(cache);
        db.sql() << "SELECT COUNT(*) FROM usage WHERE server_version IS NULL", soci::into(uses_local);
        db.sql() << "SELECT COUNT(*) FROM outbox", soci::into(outbox_rows);
    }
    CHECK(uses_local == outbox_rows);  // never a use without its mutation, or the reverse
    // Kill during a push + pull with pending edits, then let it finish.
    const pid_t pid = test::spawn(args({"sync"}), dir.file("sync2.err"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    const auto done = test::run(args({"sync"}), dir);
    INFO(done.err);
    REQUIRE(done.status == 0);
    store::Database db(cache);
    check_all_delivered(db, sdb);
    CHECK(client_rows(db) == projection(sdb, coordinator_buckets(fx, "TRE")));
}
