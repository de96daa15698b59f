// Randomised property test: several clients make random changes and sync through random network faults;
// at quiescence every mutation ever made is applied (or a duplicate) or refused with a reason, and every
// client holds exactly the server's projection of its scope.
// KAIKU_PROPERTY_SEEDS=N runs seeds 1..N (default 50); KAIKU_PROPERTY_SEED=S replays one failing seed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

#include "core/card_id.hpp"
#include "core/uuid.hpp"
#include "support/fault_proxy.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/local_commands.hpp"

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::Fault;
using test::ServerProcess;
using test::TempDir;

TEST_CASE("property: random changes through random faults converge without losing a write") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.005"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    test::FaultProxy proxy(server.port());
    const std::string tre = fx.area_id("TRE"), issuer = fx.scope_of("issuer-tre"), venue = fx.scope_of("venue-tre");

    // Fresh card stock for the run, allocated to the issuer.
    net::HttpClient coord(server.url());
    test::sign_in(coord, "coord-tre");
    const std::string batch = core::new_uuid();
    REQUIRE(test::command(coord, "batch.create",
                          {{"id", batch}, {"area_id", tre}, {"first_serial", 800000}, {"last_serial", 809999},
                           {"kind", "personal"}, {"medium", "cardboard"}})
                .status == 200);
    REQUIRE(test::command(coord, "allocation.create",
                          {{"id", core::new_uuid()}, {"batch_id", batch}, {"site_id", issuer}, {"first_serial", 800000},
                           {"last_serial", 809999}})
                .status == 200);
    const std::string old_card = fx.registered_card(issuer);

    int first = 1, last = 50;
    if (const char* n = std::getenv("KAIKU_PROPERTY_SEEDS")) last = std::max(1, std::atoi(n));
    if (const char* one = std::getenv("KAIKU_PROPERTY_SEED")) first = last = std::atoi(one);
    std::uint32_t next_serial = 800000;
    const Fault faults[] = {Fault::none, Fault::none, Fault::fail_before, Fault::lose_reply, Fault::duplicate,
                            Fault::truncate_reply, Fault::corrupt_reply};

    for (int seed = first; seed <= last; ++seed) {
        CAPTURE(seed);  // replay with KAIKU_PROPERTY_SEED=<seed>
        std::mt19937 rng(static_cast<unsigned>(seed));
        auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
        const std::string tag = "s" + std::to_string(seed);
        Client issuer_client(dir, tag + "-issuer", "issuer-tre");
        Client venue_client(dir, tag + "-venue", "venue-tre");
        Client* clients[] = {&issuer_client, &venue_client};
        std::vector<std::string> cards = {old_card};

        for (int step = 0; step < 12; ++step) {
            Client& c = *clients[pick(2)];
            const int action = pick(3);
            if (action == 0 && &c == &issuer_client) {
                const auto id = core::format_card_id("TRE", next_serial++);
                const auto r = sync::register_card(c.db, id, issuer, *core::Date::parse("2026-11-15"),
                                                   {1950 + pick(50), "33100", pick(3)});
                if (r.ok()) cards.push_back(id);
            } else if (action <= 1 && &c == &venue_client) {
                auto u = a_use(cards[static_cast<std::size_t>(pick(static_cast<int>(cards.size())))], venue,
                               "2026-11-" + std::to_string(16 + pick(10)));
                sync::record_use(c.db, u);
            } else {
                const Fault f = faults[pick(static_cast<int>(std::size(faults)))];
                const bool on_push = pick(2) == 0;
                proxy.set_rule([f, on_push](const httplib::Request& r) {
                    const bool hit = on_push ? (r.method == "POST" && r.path == "/v1/batch")
                                             : (r.method == "GET" && r.path == "/v1/changes");
                    return hit ? f : Fault::none;
                });
                sync::SyncOptions o;
                o.page_size = 50 + pick(200);
                c.sync(proxy.url(), o);  // may fail: that is the point
            }
        }
        // Quiescence: faults healed, everyone syncs until nothing is left (twice, so each sees the other).
        proxy.set_rule({});
        for (int round = 0; round < 2; ++round)
            for (Client* c : clients) {
                const auto r = c->sync(proxy.url());
                INFO(r.detail);
                REQUIRE(r.ok());
            }
        for (Client* c : clients) {
            // Every mutation is applied, a duplicate, or refused (and then quarantined on the server).
            soci::rowset<soci::row> rs = (c->db.sql().prepare << "SELECT mutation_id, state FROM outbox");
            for (const auto& row : rs) {
                const std::string id = row.get<std::string>(0), state = row.get<std::string>(1);
                std::string status;
                sdb.sql() << "SELECT status FROM applied_mutation WHERE mutation_id = :m", soci::use(id, "m"),
                    soci::into(status);
                CAPTURE(id);
                REQUIRE(sdb.sql().got_data());
                CHECK(((state == "acked" && (status == "applied" || status == "duplicate")) ||
                       (state == "rejected" && status == "rejected") || (state == "conflict" && status == "conflict")));
            }
        }
        CHECK(client_rows(issuer_client.db) == projection(sdb, {"global", "site:" + issuer}));
        CHECK(client_rows(venue_client.db) == projection(sdb, {"global", "site:" + venue}));
    }
}
