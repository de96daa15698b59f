// What the client keeps and what it gives up when the register takes access away (a revoked device hands every
// unsent change to the quarantine before its data goes; a lost scope takes the client's own copies with it), and
// the secrets the cache holds only sealed.
#include <doctest/doctest.h>

#include "core/card_id.hpp"
#include "core/timestamp.hpp"
#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "store/migrations.hpp"
#include "sync/local_commands.hpp"
#include "sync/local_secret.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdlib>
#include <optional>

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::json;
using test::ServerProcess;
using test::TempDir;

namespace {

using Setup = test::DemoRegister;

std::string device_of(store::Database& cache, const std::string& url, const std::string& login) {
    net::HttpClient http(url);
    sync::use_saved_session(cache, http, login);
    return test::get(http, "/v1/me").body["device_id"];
}

// Registers `n` cards offline on the issuer's own site; returns their mutation ids.
std::vector<std::string> register_offline(Setup& s, Client& c, int n) {
    const std::string own = s.fx.scope_of("issuer-tre");
    for (int i = 0; i < n; ++i)
        REQUIRE(sync::register_card(c.db, s.fx.free_card(own, "TRE", i), own, *core::Date::parse("2026-11-16"),
                                    {1960 + i, "33100", 0})
                    .ok());
    std::vector<std::string> ids;
    for (const auto& e : sync::Outbox(c.db).list("pending")) ids.push_back(e.mutation_id);
    return ids;
}

long long quarantined(Setup& s, const std::vector<std::string>& ids) {
    long long n = 0;
    for (const auto& id : ids) {
        long long one = 0;
        s.db.sql() << "SELECT COUNT(*) FROM mutation_quarantine WHERE mutation_id = :m", soci::use(id, "m"),
            soci::into(one);
        n += one;
    }
    return n;
}

}  // namespace

TEST_CASE("a revoked device hands every unsent change to the quarantine, not only the batch in flight") {
    Setup s;
    Client c(s.dir, "issuer", "issuer-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    const auto ids = register_offline(s, c, 7);
    REQUIRE(ids.size() == 7);
    net::HttpClient coord(s.server.url());
    test::sign_in(coord, "coord-tre");
    REQUIRE(test::command(coord, "device.revoke", {{"device_id", device_of(c.db, s.server.url(), "issuer-tre")}})
                .status == 200);
    sync::SyncOptions small;
    small.push_count = 2;  // seven changes take four batches
    const auto r = c.sync(s.server.url(), small);
    CHECK(r.device_revoked);
    CHECK(r.quarantined == 7);
    CHECK(quarantined(s, ids) == 7);
    CHECK(client_rows(c.db).empty());
    CHECK(sync::Outbox(c.db).count("pending") == 0);
    // None of the quarantined changes was applied.
    for (const auto& id : ids) {
        long long applied = 0;
        s.db.sql() << "SELECT COUNT(*) FROM applied_mutation WHERE mutation_id = :m", soci::use(id, "m"),
            soci::into(applied);
        CHECK(applied == 0);
    }
}

TEST_CASE("a device revoked before it registered its installation still hands over what it holds") {
    Setup s;
    Client c(s.dir, "issuer", "issuer-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    const auto ids = register_offline(s, c, 3);
    // The cache lost its installation identity (a copied file): the next round starts with registration.
    c.db.sql() << "UPDATE sync_state SET v = '' WHERE k = 'client_id'";
    net::HttpClient coord(s.server.url());
    test::sign_in(coord, "coord-tre");
    REQUIRE(test::command(coord, "device.revoke", {{"device_id", device_of(c.db, s.server.url(), "issuer-tre")}})
                .status == 200);
    const auto r = c.sync(s.server.url());
    CHECK(r.device_revoked);
    CHECK(r.quarantined == 3);
    CHECK(quarantined(s, ids) == 3);
    CHECK(client_rows(c.db).empty());
}

TEST_CASE("a lost scope takes with it the client's own changes to it: acknowledged changes, snapshots, conflicts") {
    Setup s;
    const std::string tre = s.fx.area_id("TRE"), own = s.fx.scope_of("issuer-tre");
    std::string other;
    s.db.sql() << "SELECT id FROM site WHERE area_id = :a AND role = 'issuer' AND id <> :o ORDER BY id LIMIT 1",
        soci::use(tre, "a"), soci::use(own, "o"), soci::into(other);
    net::HttpClient coord(s.server.url());
    test::sign_in(coord, "coord-tre");
    REQUIRE(test::command(coord, "grant.add", {{"user_id", s.fx.user_id("issuer-tre")}, {"site_id", other}}).status == 200);
    Client c(s.dir, "issuer", "issuer-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    // Cards registered here for the granted site and for the own site, both accepted by the register.
    const std::string lost_card = s.fx.free_card(other, "TRE"), kept_card = s.fx.free_card(own, "TRE");
    REQUIRE(sync::register_card(c.db, lost_card, other, *core::Date::parse("2026-11-15"), {1977, "33700", 1}).ok());
    REQUIRE(sync::register_card(c.db, kept_card, own, *core::Date::parse("2026-11-15"), {1981, "33100", 0}).ok());
    REQUIRE(c.sync(s.server.url()).ok());
    REQUIRE(sync::Outbox(c.db).count("acked") == 2);
    // A conflict copy about the lost card, already decided.
    c.db.sql() << "INSERT INTO local_conflict (id, mutation_id, entity, entity_id, local_json, problem, created_at, "
                  "resolved_at) VALUES ('lc1', 'gone', 'card', :c, '{\"card\":\"" + lost_card +
                      "\"}', '{}', '2026-11-15T10:00:00Z', '2026-11-15T11:00:00Z')",
        soci::use(lost_card, "c");

    REQUIRE(test::command(coord, "grant.remove", {{"user_id", s.fx.user_id("issuer-tre")}, {"site_id", other}}).status ==
            200);
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.purged_rows > 0);
    CHECK(!store::CardRepository{c.db}.get(lost_card).has_value());
    long long left = -1;
    c.db.sql() << "SELECT (SELECT COUNT(*) FROM outbox WHERE entity_id = :c) + (SELECT COUNT(*) FROM outbox_row WHERE "
                  "entity_id = :c) + (SELECT COUNT(*) FROM local_conflict WHERE entity_id = :c) + (SELECT COUNT(*) FROM "
                  "card_event WHERE card_id = :c)",
        soci::use(lost_card, "c"), soci::into(left);
    CHECK(left == 0);
    CHECK(sync::Outbox(c.db).count("acked") == 1);  // the own site's change stays
    const std::string bytes = file_bytes(c.path);
    CHECK(bytes.find(lost_card) == std::string::npos);  // not even in free pages or the WAL
    CHECK(bytes.find(kept_card) != std::string::npos);
}

TEST_CASE("without a keyring the session token is sealed in the cache, and a new account's password never waits in clear") {
    Setup s;
    Client c(s.dir, "coord", "coord-tre");  // no keyring: the token stays in the cache
    REQUIRE(c.sync(s.server.url()).ok());
    const std::string stored = store::StateRepository{c.db}.get("token").value_or("");
    REQUIRE(sync::is_sealed(stored));
    const auto token = sync::unseal_secret(stored);
    REQUIRE(token);
    CHECK(token->size() >= 32);
    CHECK(file_bytes(c.path).find(*token) == std::string::npos);
    {
        net::HttpClient http(s.server.url());
        REQUIRE(sync::use_saved_session(c.db, http, "coord-tre"));
        CHECK(test::get(http, "/v1/me").status == 200);
    }

    // A staff account made offline: its password waits sealed, is sent, and is gone once the register has it.
    core::User staff;
    staff.login = "tre-new-staff";
    staff.display_name = "Uusi työntekijä";
    staff.role = core::Role::issuer_staff;
    staff.scope_id = s.fx.scope_of("issuer-tre");
    const std::string password = "vappu-salasana-2026";
    REQUIRE(sync::create_user(c.db, staff, password).ok());
    CHECK(file_bytes(c.path).find(password) == std::string::npos);
    const auto pending = sync::Outbox(c.db).list("pending");
    REQUIRE(pending.size() == 1);
    CHECK(sync::is_sealed(pending[0].payload.at("password").get<std::string>()));
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.applied == 1);
    {
        net::HttpClient http(s.server.url());
        const json login = {{"login", "tre-new-staff"}, {"password", password}, {"device_name", "test"}};
        CHECK(http.post_json("/v1/login", login.dump()).status == 200);  // the register got the password itself
    }
    CHECK(!sync::Outbox(c.db).list("acked").at(0).payload.contains("password"));
    CHECK(file_bytes(c.path).find(password) == std::string::npos);

    // A token from an older version, kept in clear, is sealed the first time it is read.
    store::StateRepository{c.db}.set("token", *token);
    CHECK(sync::has_saved_session(c.db, "coord-tre"));
    CHECK(sync::is_sealed(store::StateRepository{c.db}.get("token").value_or("")));

    // A copy of the cache on a machine without the key holds no usable session: the user signs in again.
    TempDir other_home;
    const std::string key_file = other_home.file("other.key");
    ::setenv("KAIKU_SECRET_KEY_FILE", key_file.c_str(), 1);
    CHECK(!sync::has_saved_session(c.db, "coord-tre"));
    ::unsetenv("KAIKU_SECRET_KEY_FILE");
    CHECK(sync::has_saved_session(c.db, "coord-tre"));
}

TEST_CASE("SQLite registers and caches commit with synchronous=FULL") {
    TempDir dir;
    for (const auto kind : {store::SchemaKind::server, store::SchemaKind::client}) {
        store::Database db(dir.file(kind == store::SchemaKind::server ? "register.sqlite" : "cache.sqlite"), kind);
        int level = -1;
        db.sql() << "PRAGMA synchronous", soci::into(level);
        CHECK(level == 2);  // FULL: an acknowledged commit survives a power cut
    }
}

TEST_CASE("a register restored from a backup without a new epoch is detected and gets back what it lost") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    std::optional<ServerProcess> server;
    server.emplace(dir, tdb.url(), std::vector<std::string>{"--seed", "demo:0.01"});
    std::string card, venue;
    {
        store::Database sdb(tdb.url(), store::SchemaKind::server);
        test::DemoFixture fx{sdb};
        card = fx.registered_card(fx.scope_of("issuer-tre"));
        venue = fx.scope_of("venue-tre");
    }
    Client c(dir, "venue", "venue-tre");
    REQUIRE(c.sync(server->url()).ok());
    server.reset();
    tdb.backup(dir);  // the nightly backup

    // After the backup: uses are recorded and acknowledged, and a second installation registers.
    server.emplace(dir, tdb.url());
    REQUIRE(sync::record_use(c.db, a_use(card, venue, "2026-11-20")).ok());
    REQUIRE(sync::record_use(c.db, a_use(card, venue, "2026-11-21")).ok());
    REQUIRE(c.sync(server->url()).ok());
    Client late(dir, "late", "venue-tre");
    REQUIRE(late.sync(server->url()).ok());
    REQUIRE(sync::record_use(late.db, a_use(card, venue, "2026-11-22")).ok());
    REQUIRE(late.sync(server->url()).ok());
    server.reset();

    // The register is restored, and the runbook's rotate-epoch step is forgotten.
    tdb.restore(dir);
    server.emplace(dir, tdb.url());
    REQUIRE(sync::record_use(c.db, a_use(card, venue, "2026-11-23")).ok());
    const auto r = c.sync(server->url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.full_resync);  // the position ahead of the register's clock forced the restore path
    const auto r_late = late.sync(server->url());
    INFO(r_late.detail);
    REQUIRE(r_late.ok());
    CHECK(r_late.full_resync);
    REQUIRE(c.sync(server->url()).ok());  // and sees what the other installation sent again

    store::Database sdb(tdb.url(), store::SchemaKind::server);
    for (const std::string d : {"2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"}) {
        CAPTURE(d);
        long long n = 0;
        sdb.sql() << "SELECT COUNT(*) FROM usage WHERE card_id = :c AND used_on = :d AND venue_site_id = :v",
            soci::use(card, "c"), soci::use(d, "d"), soci::use(venue, "v"), soci::into(n);
        CHECK(n == 1);  // back, exactly once
    }
    check_all_delivered(c.db, sdb);
    check_all_delivered(late.db, sdb);
    CHECK(client_rows(c.db) == projection(sdb, {"global", "site:" + venue}));
    CHECK(client_rows(late.db) == projection(sdb, {"global", "site:" + venue}));
}

TEST_CASE("acknowledged changes are pruned after the retention window, not before, and never one waiting") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    const std::string card = s.fx.registered_card(s.fx.scope_of("issuer-tre")), venue = s.fx.scope_of("venue-tre");
    for (const char* day : {"2026-10-01", "2026-10-02", "2026-10-03"}) REQUIRE(sync::record_use(c.db, a_use(card, venue, day)).ok());
    REQUIRE(c.sync(s.server.url()).ok());
    REQUIRE(sync::Outbox(c.db).count("acked") == 3);
    // One was acknowledged 40 days ago, one 20 days ago; a fourth change waits unsent.
    const auto acked = sync::Outbox(c.db).list("acked");
    const auto now = std::chrono::system_clock::now();
    const std::string days40 = core::iso_utc(now - std::chrono::hours(24 * 40)),
                      days20 = core::iso_utc(now - std::chrono::hours(24 * 20));
    c.db.sql() << "UPDATE outbox SET acked_at = :a WHERE mutation_id = :m", soci::use(days40, "a"),
        soci::use(acked[0].mutation_id, "m");
    c.db.sql() << "UPDATE outbox SET acked_at = :a WHERE mutation_id = :m", soci::use(days20, "a"),
        soci::use(acked[1].mutation_id, "m");
    REQUIRE(sync::record_use(c.db, a_use(card, venue, "2026-10-04")).ok());
    sync::SyncOptions offline_round;
    const auto r = c.sync(s.server.url(), offline_round);
    REQUIRE(r.ok());
    CHECK(r.pruned == 1);
    CHECK(sync::Outbox(c.db).count("acked") == 3);  // the 20-day-old, the recent and the one just sent
    long long left = -1;
    c.db.sql() << "SELECT COUNT(*) FROM outbox WHERE mutation_id = :m", soci::use(acked[0].mutation_id, "m"),
        soci::into(left);
    CHECK(left == 0);
    c.db.sql() << "SELECT COUNT(*) FROM outbox_row WHERE mutation_id = :m", soci::use(acked[0].mutation_id, "m"),
        soci::into(left);
    CHECK(left == 0);
}

TEST_CASE("a full disk during pull and push stops the sync with its own failure, loses nothing, and the sync resumes") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    const auto limit_growth = [&](int extra_pages) {
        int pages = 0;
        c.db.sql() << "PRAGMA page_count", soci::into(pages);
        c.db.sql() << "PRAGMA max_page_count = " + std::to_string(pages + extra_pages);
    };
    const auto free_space = [&] { c.db.sql() << "PRAGMA max_page_count = 1073741823"; };
    sync::SyncOptions small;
    small.page_size = 100;

    // The first pull fills the disk after a few pages: the pages applied stay, with their cursor.
    limit_growth(40);
    const auto full = c.sync(s.server.url(), small);
    CHECK(full.failure == sync::FailureKind::disk_full);
    CHECK(full.pages >= 1);
    const auto kept = client_rows(c.db).size();
    CHECK(kept > 0);
    free_space();
    const auto resumed = c.sync(s.server.url(), small);
    INFO(resumed.detail);
    REQUIRE(resumed.ok());
    CHECK(!resumed.full_resync);
    CHECK(resumed.pulled_rows + static_cast<long long>(kept) <= full.pulled_rows + resumed.pulled_rows);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + s.fx.scope_of("venue-tre")}));

    // Uses recorded, then the disk fills before the push's bookkeeping and the pull of their rows.
    const std::string card = s.fx.registered_card(s.fx.scope_of("issuer-tre")), venue = s.fx.scope_of("venue-tre");
    const long long before = s.fx.count("usage");
    for (const char* day : {"2026-11-05", "2026-11-06", "2026-11-07"}) REQUIRE(sync::record_use(c.db, a_use(card, venue, day)).ok());
    limit_growth(0);
    const auto pushed = c.sync(s.server.url());
    if (!pushed.ok()) CHECK(pushed.failure == sync::FailureKind::disk_full);
    CHECK(sync::Outbox(c.db).count("pending") + sync::Outbox(c.db).count("inflight") + sync::Outbox(c.db).count("acked") == 3);
    free_space();
    const auto after = c.sync(s.server.url());
    INFO(after.detail);
    REQUIRE(after.ok());
    CHECK(s.fx.count("usage") == before + 3);  // each once, whatever the full disk interrupted
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + venue}));
}

TEST_CASE("a cache of an older schema with a pending outbox is upgraded without losing it, and a too-old client still pushes") {
    Setup s;
    const std::string card = s.fx.registered_card(s.fx.scope_of("issuer-tre")), venue = s.fx.scope_of("venue-tre");
    // The change as today's client writes it, to be put into an old cache.
    sync::OutboxEntry change;
    {
        Client ref(s.dir, "ref", "venue-tre");
        REQUIRE(ref.sync(s.server.url()).ok());
        REQUIRE(sync::record_use(ref.db, a_use(card, venue, "2026-11-12")).ok());
        change = sync::Outbox(ref.db).list("pending").at(0);
    }
    // A cache as the release with schema 4 left it (the first with an outbox), holding that change unsent.
    const std::string old_path = s.dir.file("old.sqlite");
    {
        soci::session old(*soci::factory_sqlite3(), "db=\"" + old_path + "\"");
        for (const auto& m : store::migrations()) {
            if (m.version > 4) break;
            if (m.applies != store::AppliesTo::server)
                for (const auto& st : m.statements) old << st;
        }
        const std::string payload = change.payload.dump();
        old << "INSERT INTO outbox (mutation_id, type, entity, entity_id, payload, recorded_at) VALUES (:m, :t, :e, :i, :p, :r)",
            soci::use(change.mutation_id, "m"), soci::use(change.type, "t"), soci::use(change.entity, "e"),
            soci::use(change.entity_id, "i"), soci::use(payload, "p"), soci::use(change.recorded_at, "r");
        old << "PRAGMA user_version = 4";
    }
    Client upgraded(s.dir, "old", "venue-tre");  // opening it runs the migrations from 5 on
    REQUIRE(upgraded.db.schema_version() == store::latest_schema_version());
    const auto pending = sync::Outbox(upgraded.db).list("pending");
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].mutation_id == change.mutation_id);
    CHECK(pending[0].payload == change.payload);

    // The register now serves only newer caches: this one is refused the pull, but its change is applied first.
    s.server.stop();
    test::ServerProcess newer(s.dir, s.tdb.url(), {"--min-client-schema", std::to_string(store::latest_schema_version() + 1)});
    const long long before = s.fx.count("usage");
    const auto r = upgraded.sync(newer.url());
    CHECK(r.failure == sync::FailureKind::client_too_old);
    CHECK(r.http_status == 426);
    CHECK(r.applied == 1);
    CHECK(s.fx.count("usage") == before + 1);
    check_all_delivered(upgraded.db, s.db);
}
