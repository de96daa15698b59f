// Several clients batching at once: nothing is lost, nothing applied twice, and a change feed read
// while they write skips nothing (the commit-order trap of sequence cursors).
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/uuid.hpp"
#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"

using namespace kaiku;
using test::json;
using test::ServerProcess;
using test::TempDir;

TEST_CASE("concurrent writers lose nothing and the change feed skips nothing") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01", "--threads", "8"});
    store::Database db(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{db};
    const std::string venue = fx.scope_of("venue-tre");
    std::vector<std::string> cards;
    {
        soci::rowset<std::string> rs = (db.sql().prepare << "SELECT id FROM card WHERE status <> 'cancelled'");
        for (const auto& id : rs) cards.push_back(id);
    }
    REQUIRE(cards.size() > 20);
    const long long uses_before = fx.count("usage");

    constexpr int kWriters = 4, kBatches = 8, kPerBatch = 10;
    std::mutex m;
    std::set<std::string> written;
    std::atomic<int> writers_left{kWriters};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w)
        threads.emplace_back([&, w] {
            net::HttpClient http(server.url());
            test::sign_in(http, "venue-tre");
            const auto client = json::parse(http.post_json("/v1/clients", "{}").body);
            int seq = 0;
            for (int b = 0; b < kBatches; ++b) {
                json mutations = json::array();
                std::vector<std::string> ids;
                for (int i = 0; i < kPerBatch; ++i) {
                    ids.push_back(core::new_uuid());
                    mutations.push_back(
                        {{"mutation_id", core::new_uuid()},
                         {"client_seq", ++seq},
                         {"type", "usage.record"},
                         {"data",
                          {{"id", ids.back()}, {"card_id", cards[(w * 31 + b * 7 + i) % cards.size()]},
                           {"venue_site_id", venue}, {"used_on", "2026-11-20"}, {"category", "sports"},
                           {"adults", 1}, {"children", 0}}}});
                }
                const json body = {{"client_id", client["client_id"]}, {"epoch", client["epoch"]}, {"mutations", mutations}};
                const auto res = http.post_json("/v1/batch", body.dump());
                bool ok = res.status == 200;
                if (ok) {
                    const auto doc = json::parse(res.body);  // not a range-for over a temporary's member
                    for (const auto& r : doc["results"]) ok = ok && r["status"] == "applied";
                }
                if (!ok) {
                    ++failures;
                    MESSAGE(res.status << " " << res.body.substr(0, 300));
                }
                std::lock_guard lock(m);
                written.insert(ids.begin(), ids.end());
            }
            --writers_left;
        });

    // The reader follows the feed the whole time, as a coordinator's client would.
    std::set<std::string> seen;
    std::map<std::string, long long> last_seq;
    bool ordered = true;
    threads.emplace_back([&] {
        net::HttpClient http(server.url());
        test::sign_in(http, "coord-tre");
        std::string cursor;
        int quiet_rounds = 0;
        while (quiet_rounds < 2) {
            const bool done_before = writers_left == 0;
            const auto res = http.get("/v1/changes?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
            if (res.status != 200) {
                ++failures;
                MESSAGE("changes: " << res.status << " " << res.body.substr(0, 300));
                return;
            }
            const auto doc = json::parse(res.body);
            for (const auto& c : doc["changes"]) {
                if (c.value("entity", "") == "usage" && c["op"] == "upsert") seen.insert(c["id"].get<std::string>());
                if (c.contains("seq") && c["bucket"].get<std::string>().rfind("area:", 0) == 0 &&
                    c.contains("data")) {
                    auto& last = last_seq[c["bucket"]];
                    const long long s = c["seq"];
                    if (s < last) ordered = false;
                    last = s;
                }
            }
            cursor = doc["next_cursor"];
            if (!doc["has_more"].get<bool>() && done_before) ++quiet_rounds;
            if (!doc["has_more"].get<bool>()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    for (auto& t : threads) t.join();

    CHECK(failures == 0);
    CHECK(written.size() == static_cast<std::size_t>(kWriters * kBatches * kPerBatch));
    CHECK(fx.count("usage") == uses_before + kWriters * kBatches * kPerBatch);
    std::size_t missing = 0;
    for (const auto& id : written) missing += seen.count(id) ? 0 : 1;
    CHECK(missing == 0);
    CHECK(ordered);
    // Every use got its own change-log position; positions are unique per bucket.
    long long dupes = 0;
    db.sql() << "SELECT COUNT(*) FROM (SELECT bucket, seq FROM change_log GROUP BY bucket, seq HAVING COUNT(*) > 1) d",
        soci::into(dupes);
    CHECK(dupes == 0);
}
