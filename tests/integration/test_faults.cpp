// Network faults between the client and the real server (a fault-injecting proxy on loopback), and
// concurrent offline work. Each test ends with the "no lost writes" invariant and projection equality.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "core/card_id.hpp"
#include "core/uuid.hpp"
#include "support/fault_proxy.hpp"
#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/local_commands.hpp"

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::Fault;
using test::json;
using test::ServerProcess;
using test::TempDir;

namespace {

struct Setup : test::DemoRegister {
    test::FaultProxy proxy{server.port()};
    std::string card() { return fx.registered_card(fx.scope_of("issuer-tre")); }
    std::string venue() { return fx.scope_of("venue-tre"); }
};

bool is(const httplib::Request& req, const char* method, const char* path) {
    return req.method == method && req.path == path;
}

}  // namespace

TEST_CASE("a push that never reaches the server, or whose reply is lost, is applied exactly once") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.proxy.url()).ok());
    for (const char* day : {"2026-11-01", "2026-11-02"}) REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), day)).ok());
    const long long before = s.fx.count("usage");

    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "POST", "/v1/batch") ? Fault::fail_before : Fault::none; });
    CHECK(!c.sync(s.proxy.url()).ok());
    CHECK(s.fx.count("usage") == before);  // scenario 2: nothing applied
    CHECK(sync::sync_status(c.db).pending == 2);

    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "POST", "/v1/batch") ? Fault::lose_reply : Fault::none; });
    CHECK(!c.sync(s.proxy.url()).ok());
    CHECK(s.fx.count("usage") == before + 2);  // scenario 3: committed, but the client did not hear
    CHECK(sync::sync_status(c.db).pending == 2);

    // A batch answer nested past the client's limit is a bad answer like any other: nothing is acknowledged.
    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "POST", "/v1/batch") ? Fault::nest_reply : Fault::none; });
    const auto nested = c.sync(s.proxy.url());
    CHECK(nested.failure == sync::FailureKind::bad_response);
    CHECK(sync::sync_status(c.db).pending == 2);

    s.proxy.set_rule({});
    const auto r = c.sync(s.proxy.url());
    REQUIRE(r.ok());
    CHECK(r.duplicates == 2);
    CHECK(r.applied == 0);
    CHECK(s.fx.count("usage") == before + 2);
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + s.venue()}));
}

TEST_CASE("the same batch delivered twice at once is applied once") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.proxy.url()).ok());
    for (const char* day : {"2026-11-03", "2026-11-04", "2026-11-05"})
        REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), day)).ok());
    const long long before = s.fx.count("usage");
    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "POST", "/v1/batch") ? Fault::duplicate : Fault::none; });
    const auto r = c.sync(s.proxy.url());
    REQUIRE(r.ok());
    CHECK(s.fx.count("usage") == before + 3);
    s.proxy.set_rule({});
    REQUIRE(c.sync(s.proxy.url()).ok());
    check_all_delivered(c.db, s.db);
}

TEST_CASE("a truncated, corrupt or too deeply nested page is not applied and the cursor stays") {
    Setup s;
    Client c(s.dir, "coord", "coord-tre");
    sync::SyncOptions small;
    small.page_size = 100;
    for (const Fault fault : {Fault::truncate_reply, Fault::corrupt_reply, Fault::nest_reply}) {
        CAPTURE(static_cast<int>(fault));
        std::atomic<int> pages{0};
        s.proxy.set_rule([&](const httplib::Request& r) {
            return is(r, "GET", "/v1/changes") && ++pages == 3 ? fault : Fault::none;
        });
        const std::string cursor_before = store::StateRepository{c.db}.get("cursor").value_or("");
        const auto rows_before = client_rows(c.db).size();
        const auto r = c.sync(s.proxy.url(), small);
        CHECK(r.failure == sync::FailureKind::bad_response);
        CHECK(r.pages == 2);
        CHECK(client_rows(c.db).size() > rows_before);  // the two good pages were kept
        CHECK(store::StateRepository{c.db}.get("cursor").value_or("") != cursor_before);
    }
    s.proxy.set_rule({});
    REQUIRE(c.sync(s.proxy.url(), small).ok());
    CHECK(client_rows(c.db) == projection(s.db, coordinator_buckets(s.fx, "TRE")));
}

TEST_CASE("asymmetric partitions drain in both directions once healed") {
    Setup s;
    Client c(s.dir, "coord", "coord-tre");
    REQUIRE(c.sync(s.proxy.url()).ok());
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-06")).ok());
    // Uploads pass, downloads are blocked.
    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "GET", "/v1/changes") ? Fault::fail_before : Fault::none; });
    CHECK(!c.sync(s.proxy.url()).ok());
    CHECK(sync::sync_status(c.db).pending == 0);
    // Downloads pass, uploads are blocked; meanwhile another coordinator's change arrives.
    net::HttpClient other(s.server.url());
    test::sign_in(other, "culture-tre");
    const std::string tre = s.fx.area_id("TRE");
    REQUIRE(test::command(other, "message.post",
                          {{"id", core::new_uuid()}, {"recipient_kind", "area_all"}, {"recipient_id", tre},
                           {"subject", "Syksyn ryhmäkäynnit"}, {"body", "Ilmoittautuminen on auki."}})
                .status == 200);
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-07")).ok());
    s.proxy.set_rule([](const httplib::Request& r) { return is(r, "POST", "/v1/batch") ? Fault::fail_before : Fault::none; });
    CHECK(!c.sync(s.proxy.url()).ok());
    CHECK(sync::sync_status(c.db).pending == 1);
    CHECK(sync::Outbox(c.db).count("inflight") == 0);  // never wedged in flight
    s.proxy.set_rule({});
    REQUIRE(c.sync(s.proxy.url()).ok());
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, coordinator_buckets(s.fx, "TRE")));
}

TEST_CASE("the same card used at two venues while both are offline: both kept, double use flagged") {
    Setup s;
    Client a(s.dir, "venue-a", "venue-tre");
    Client b(s.dir, "venue-b", "venue-esp");
    REQUIRE(a.sync(s.server.url()).ok());
    REQUIRE(b.sync(s.server.url()).ok());
    const std::string card = s.card();
    const auto use_a = a_use(card, s.fx.scope_of("venue-tre"), "2026-11-08");
    const auto use_b = a_use(card, s.fx.scope_of("venue-esp"), "2026-11-08");
    REQUIRE(sync::record_use(a.db, use_a).ok());
    REQUIRE(sync::record_use(b.db, use_b).ok());
    REQUIRE(a.sync(s.server.url()).ok());
    const auto r = b.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.rejected == 0);
    long long flagged = 0, total = 0;
    // Only the second use to arrive carries the possible-double-use flag (the card is old: both are "expired").
    s.db.sql() << "SELECT COUNT(*), SUM(CASE WHEN (anomalies & 8) <> 0 THEN 1 ELSE 0 END) FROM usage "
                   "WHERE card_id = :c AND used_on = '2026-11-08'",
        soci::use(card, "c"), soci::into(total), soci::into(flagged);
    CHECK(total == 2);
    CHECK(flagged == 1);
    check_all_delivered(a.db, s.db);
    check_all_delivered(b.db, s.db);
}

TEST_CASE("a change that depends on a refused one is refused too, and both are listed with reasons") {
    Setup s;
    Client c(s.dir, "coord", "coord-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    // Serial 999999 was never printed: the register refuses the registration and then the use.
    const std::string card = core::format_card_id("TRE", 999999);
    REQUIRE(sync::register_card(c.db, card, s.fx.scope_of("issuer-tre"), *core::Date::parse("2026-11-09"),
                                {1990, "33100", 0})
                .ok());
    REQUIRE(sync::record_use(c.db, a_use(card, s.venue(), "2026-11-09")).ok());
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.rejected == 2);
    const auto refused = sync::Outbox(c.db).list("rejected");
    REQUIRE(refused.size() == 2);
    CHECK(refused[0].type == "card.register");
    CHECK(refused[0].last_error.find("No printed card batch") != std::string::npos);
    CHECK(refused[1].last_error.find("card_id") != std::string::npos);
    CHECK(s.fx.count("mutation_quarantine") == 2);
    CHECK(sync::sync_status(c.db).rejected == 2);
}

TEST_CASE("a cache file copied to a second computer: both keep working and nothing is dropped") {
    Setup s;
    Client first(s.dir, "first", "venue-tre");
    REQUIRE(first.sync(s.server.url()).ok());
    REQUIRE(sync::record_use(first.db, a_use(s.card(), s.venue(), "2026-11-10")).ok());
    REQUIRE(first.sync(s.server.url()).ok());
    std::filesystem::copy_file(first.path, s.dir.file("second.sqlite"));
    Client second(s.dir, "second", "venue-tre");
    REQUIRE(sync::record_use(first.db, a_use(s.card(), s.venue(), "2026-11-11")).ok());
    REQUIRE(sync::record_use(second.db, a_use(s.card(), s.venue(), "2026-11-12")).ok());
    REQUIRE(first.sync(s.server.url()).ok());
    const auto r = second.sync(s.server.url());  // same installation id, same sequence numbers: regressed
    INFO(r.detail);
    REQUIRE(r.ok());
    check_all_delivered(first.db, s.db);
    check_all_delivered(second.db, s.db);
    long long n = 0;
    const std::string card = s.card();
    s.db.sql() << "SELECT COUNT(*) FROM usage WHERE card_id = :c AND used_on IN ('2026-11-10', '2026-11-11', '2026-11-12')",
        soci::use(card, "c"), soci::into(n);
    CHECK(n == 3);
    CHECK(store::StateRepository{first.db}.get("client_id") != store::StateRepository{second.db}.get("client_id"));
}

TEST_CASE("two coordinators adjust the same quota offline: both adjustments count") {
    Setup s;
    Client a(s.dir, "coord", "coord-tre");
    Client b(s.dir, "culture", "culture-tre");
    REQUIRE(a.sync(s.server.url()).ok());
    REQUIRE(b.sync(s.server.url()).ok());
    std::string quota;
    const std::string issuer = s.fx.scope_of("issuer-tre");
    s.db.sql() << "SELECT id FROM quota WHERE site_id = :s", soci::use(issuer, "s"), soci::into(quota);
    REQUIRE(!quota.empty());
    const int base = store::QuotaRepository{s.db}.effective_cards(quota);
    for (auto [client, delta] : {std::pair{&a, 10}, std::pair{&b, -5}}) {
        const json adj = {{"id", core::new_uuid()}, {"quota_id", quota}, {"delta", delta},
                          {"reason", "autumn pilot"}, {"made_on", "2026-11-12"}};
        store::Transaction tx(client->db);
        sync::Outbox(client->db).enqueue("quota.adjust", "quota_adjustment", adj["id"], adj);
        tx.commit();
    }
    REQUIRE(a.sync(s.server.url()).ok());
    REQUIRE(b.sync(s.server.url()).ok());
    REQUIRE(a.sync(s.server.url()).ok());
    CHECK(store::QuotaRepository{s.db}.effective_cards(quota) == base + 5);
    CHECK(store::QuotaRepository{a.db}.effective_cards(quota) == base + 5);  // both clients see both
    CHECK(store::QuotaRepository{b.db}.effective_cards(quota) == base + 5);
}

TEST_CASE("a device clock that is wrong changes no outcome and is noted") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-13")).ok());
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-14")).ok());
    // One a year ahead, one three days behind.
    c.db.sql() << "UPDATE outbox SET recorded_at = '2027-11-22T10:00:00Z' WHERE client_seq = (SELECT MIN(client_seq) FROM outbox)";
    c.db.sql() << "UPDATE outbox SET recorded_at = '2020-01-01T10:00:00Z' WHERE client_seq = (SELECT MAX(client_seq) FROM outbox)";
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.applied == 2);
    long long skewed = 0;
    const std::string card = s.card();
    s.db.sql() << "SELECT COUNT(*) FROM usage WHERE card_id = :c AND (anomalies & 64) <> 0", soci::use(card, "c"),
        soci::into(skewed);
    CHECK(skewed == 1);
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + s.venue()}));
}

TEST_CASE("a scope gained is backfilled without downloading the rest again") {
    Setup s;
    Client c(s.dir, "issuer", "issuer-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    const std::string tre = s.fx.area_id("TRE"), own = s.fx.scope_of("issuer-tre");
    std::string other;
    s.db.sql() << "SELECT id FROM site WHERE area_id = :a AND role = 'issuer' AND id <> :o ORDER BY id DESC LIMIT 1",
        soci::use(tre, "a"), soci::use(own, "o"), soci::into(other);
    REQUIRE(!other.empty());
    net::HttpClient coord(s.server.url());
    test::sign_in(coord, "coord-tre");
    REQUIRE(test::command(coord, "grant.add", {{"user_id", s.fx.user_id("issuer-tre")}, {"site_id", other}}).status == 200);
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    long long in_new_bucket = 0;
    const std::string bucket = "site:" + other;
    s.db.sql() << "SELECT COUNT(*) FROM row_bucket WHERE bucket = :b", soci::use(bucket, "b"), soci::into(in_new_bucket);
    CHECK(r.pulled_rows >= in_new_bucket);
    CHECK(r.pulled_rows <= in_new_bucket + 2);  // plus the grant's own change to the user's row
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + own, bucket}));
}

TEST_CASE("pending changes for a lost scope, or from a revoked device, end in the server's quarantine") {
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
    // Offline, a card is registered for the granted site; meanwhile the grant is removed.
    const std::string card = s.fx.free_card(other, "TRE");
    REQUIRE(sync::register_card(c.db, card, other, *core::Date::parse("2026-11-15"), {1977, "33700", 1}).ok());
    REQUIRE(test::command(coord, "grant.remove", {{"user_id", s.fx.user_id("issuer-tre")}, {"site_id", other}}).status == 200);
    const auto r = c.sync(s.server.url());
    REQUIRE(r.ok());
    CHECK(r.rejected == 1);
    CHECK(sync::sync_status(c.db).rejected == 1);
    CHECK(s.fx.count("mutation_quarantine") == 1);
    CHECK(!store::CardRepository{c.db}.get(card).has_value());
    CHECK(sync::Outbox(c.db).list("rejected").size() == 1);  // kept to correct and resend

    // Revoked while offline with a pending change: the change is quarantined, the device wiped.
    REQUIRE(sync::register_card(c.db, s.fx.free_card(own, "TRE"), own, *core::Date::parse("2026-11-16"),
                                {1960, "33100", 0})
                .ok());
    net::HttpClient http(s.server.url());
    sync::use_saved_session(c.db, http, "issuer-tre");
    const std::string device = test::get(http, "/v1/me").body["device_id"];
    REQUIRE(test::command(coord, "device.revoke", {{"device_id", device}}).status == 200);
    const auto revoked = c.sync(s.server.url());
    CHECK(revoked.device_revoked);
    CHECK(s.fx.count("mutation_quarantine") == 2);
    CHECK(client_rows(c.db).empty());
    CHECK(sync::Outbox(c.db).list("pending").empty());
}

TEST_CASE("a long server outage: retries are rescheduled by themselves and deliver once it is over") {
    Setup s;
    const std::string cache = s.dir.file("engine.sqlite");
    {
        Client c(s.dir, "engine", "venue-tre");
        REQUIRE(c.sync(s.proxy.url()).ok());
        REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-17")).ok());
    }
    std::atomic<int> refused{0};
    s.proxy.set_rule([&](const httplib::Request& r) {
        return is(r, "POST", "/v1/batch") && refused++ < 4 ? Fault::fail_before : Fault::none;  // 503 four times
    });
    sync::SyncOptions fast;
    fast.backoff_base_ms = 50;
    std::atomic<int> rounds{0};
    {
        sync::SyncEngine engine(cache, s.proxy.url(), {"venue-tre", test::kDemoPassword, "engine"}, {},
                                std::chrono::milliseconds(100), fast, [&](const sync::SyncReport&) { ++rounds; });
        // Nobody asks for a sync and nothing new is written: the engine retries on its own.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (refused < 5 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    CHECK(refused >= 5);
    CHECK(rounds >= 5);
    store::Database db(cache);
    CHECK(sync::sync_status(db).pending == 0);
    check_all_delivered(db, s.db);
}

TEST_CASE("offline longer than the change log is kept: a full resync pushes first and removes what went") {
    Setup s;
    const std::string own = s.fx.scope_of("venue-tre"), esp = s.fx.scope_of("venue-esp");
    net::HttpClient coord(s.server.url());
    test::sign_in(coord, "kaikukeskus");
    // The national service grants the venue's staff a second venue for a while.
    REQUIRE(test::command(coord, "grant.add", {{"user_id", s.fx.user_id("venue-tre")}, {"site_id", esp}}).status == 200);
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    const auto with_second = client_rows(c.db);
    CHECK(with_second == projection(s.db, {"global", "site:" + own, "site:" + esp}));

    // Away for long: a change is made offline, the grant ends, and the server compacts its change log.
    REQUIRE(sync::record_use(c.db, a_use(s.card(), own, "2026-11-18")).ok());
    REQUIRE(test::command(coord, "grant.remove", {{"user_id", s.fx.user_id("venue-tre")}, {"site_id", esp}}).status == 200);
    REQUIRE(test::run({KAIKU_SERVER_BIN, "compact", "--keep-days", "0", "--database", s.tdb.url()}, s.dir).status == 0);

    const auto r = c.sync(s.server.url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.full_resync);
    CHECK(r.applied == 1);  // pushed before anything was wiped
    CHECK(r.purged_rows > 0);
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + own}));
}

TEST_CASE("a gap in the client's sequence is answered with the expected number and the client converges") {
    Setup s;
    Client c(s.dir, "venue", "venue-tre");
    REQUIRE(c.sync(s.server.url()).ok());
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-19")).ok());
    REQUIRE(c.sync(s.server.url()).ok());
    // The client's numbering went wrong (as after a partial restore): it would send 45 where 2 is expected.
    store::StateRepository{c.db}.set("seq_offset", "-43");
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-20")).ok());
    REQUIRE(sync::record_use(c.db, a_use(s.card(), s.venue(), "2026-11-21")).ok());
    const auto r = c.sync(s.server.url());
    INFO(r.detail);
    REQUIRE(r.ok());
    CHECK(r.applied == 2);
    check_all_delivered(c.db, s.db);
    CHECK(client_rows(c.db) == projection(s.db, {"global", "site:" + s.venue()}));
}
