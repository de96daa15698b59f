// Checks shared by the sync tests: the "no lost writes" invariant and the client's projection of its scope.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>

#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/temp_dir.hpp"
#include "sync/engine.hpp"
#include "sync/outbox.hpp"

namespace kaiku::test::sync_checks {

using Rows = std::set<std::pair<std::string, std::string>>;

inline const char* const kTables[] = {"area",    "organisation", "site",  "venue_profile", "card_batch",
                               "allocation", "card",      "usage", "rule",          "quota",
                               "quota_adjustment", "message", "group_visit", "group_signup", "app_user"};

inline std::string key_of(const std::string& t) { return t == "venue_profile" ? "site_id" : "id"; }

// Every synced row in a client's cache.
inline Rows client_rows(store::Database& cache) {
    Rows out;
    for (const char* t : kTables) {
        soci::rowset<std::string> rs = (cache.sql().prepare << "SELECT " + key_of(t) + " FROM " + t);
        for (const auto& id : rs) out.insert({t, id});
    }
    return out;
}

// What the server holds for a set of buckets.
inline Rows projection(store::Database& server, const std::vector<std::string>& buckets) {
    Rows out;
    for (const auto& b : buckets) {
        soci::rowset<soci::row> rs =
            (server.sql().prepare << "SELECT entity, entity_id FROM row_bucket WHERE bucket = :b", soci::use(b, "b"));
        for (const auto& r : rs) out.insert({r.get<std::string>(0), r.get<std::string>(1)});
    }
    return out;
}

inline std::vector<std::string> coordinator_buckets(test::DemoFixture& fx, const std::string& prefix) {
    return {"global", "area:" + fx.area_id(prefix)};
}

// Every mutation the client ever made is, on the server, applied, a duplicate, a kept conflict, or in
// quarantine with its reason; and nothing is left waiting on the client.
inline void check_all_delivered(store::Database& cache, store::Database& server) {
    soci::rowset<std::string> rs = (cache.sql().prepare << "SELECT mutation_id FROM outbox");
    for (const auto& id : rs) {
        std::string status;
        server.sql() << "SELECT status FROM applied_mutation WHERE mutation_id = :m", soci::use(id, "m"),
            soci::into(status);
        CAPTURE(id);
        CAPTURE(status);
        CHECK(server.sql().got_data());
        long long kept = 0;
        if (status == "conflict")
            server.sql() << "SELECT COUNT(*) FROM sync_conflict WHERE mutation_id = :m", soci::use(id, "m"),
                soci::into(kept);
        else if (status == "rejected")
            server.sql() << "SELECT COUNT(*) FROM mutation_quarantine WHERE mutation_id = :m", soci::use(id, "m"),
                soci::into(kept);
        CHECK((status == "applied" || status == "duplicate" || kept == 1));
    }
    CHECK(sync::Outbox(cache).count("pending") == 0);
    CHECK(sync::Outbox(cache).count("inflight") == 0);
}

inline std::string file_bytes(const std::string& path) {
    std::string all;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::ifstream in(path + suffix, std::ios::binary);
        all += std::string(std::istreambuf_iterator<char>(in), {});
    }
    return all;
}

struct Client {
    std::string path;
    store::Database db;
    sync::Credentials cred;
    Client(const TempDir& dir, const std::string& name, const std::string& login)
        : path(dir.file(name + ".sqlite")), db(path), cred{login, test::kDemoPassword, "test " + name} {}
    sync::SyncReport sync(const std::string& url, sync::SyncOptions opt = {},
                          std::function<void(const sync::SyncProgress&)> progress = {}) {
        net::HttpClient http(url);
        return sync::sync_once(db, http, cred, opt, progress);
    }
};

inline core::Usage a_use(const std::string& card, const std::string& venue, const std::string& day) {
    core::Usage u;
    u.card_id = card;
    u.venue_site_id = venue;
    u.used_on = *core::Date::parse(day);
    u.category = core::Category::culture;
    return u;
}

}  // namespace kaiku::test::sync_checks
