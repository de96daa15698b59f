// Looks up ids in a seeded demo register for tests (reads the server's database directly).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "core/card_id.hpp"
#include "store/database.hpp"
#include "store/repositories.hpp"
#include "store/sql_util.hpp"

namespace kaiku::test {

struct DemoFixture {
    store::Database& db;

    std::string area_id(const std::string& prefix) {
        std::string id;
        db.sql() << "SELECT id FROM area WHERE prefix = :p", soci::use(prefix, "p"), soci::into(id);
        REQUIRE(db.sql().got_data());
        return id;
    }
    std::string scope_of(const std::string& login) {
        const auto u = store::UserRepository{db}.by_login(login);
        REQUIRE(u);
        return u->scope_id;
    }
    std::string user_id(const std::string& login) {
        const auto u = store::UserRepository{db}.by_login(login);
        REQUIRE(u);
        return u->id;
    }
    // A printed card allocated to the issuer site and not registered yet.
    std::string free_card(const std::string& issuer_site_id, const std::string& prefix, int skip = 0) {
        soci::rowset<soci::row> rs = (db.sql().prepare << "SELECT first_serial, last_serial FROM allocation "
                                                          "WHERE site_id = :s ORDER BY first_serial",
                                      soci::use(issuer_site_id, "s"));
        store::CardRepository cards{db};
        for (const auto& r : rs) {
            const long long first = store::RowReader(r).integer(0), last = store::RowReader(r).integer(1);
            for (long long s = last; s >= first; --s) {
                const auto id = core::format_card_id(prefix, static_cast<std::uint32_t>(s));
                if (!cards.get(id) && skip-- == 0) return id;
            }
        }
        FAIL("no free card for the site");
        return {};
    }
    // A card registered by the site, valid (not cancelled).
    std::string registered_card(const std::string& issuer_site_id) {
        std::string id;
        db.sql() << "SELECT id FROM card WHERE issuer_site_id = :s AND status <> 'cancelled' ORDER BY id LIMIT 1",
            soci::use(issuer_site_id, "s"), soci::into(id);
        REQUIRE(db.sql().got_data());
        return id;
    }
    std::string venue_of_area(const std::string& area_id) {
        std::string id;
        db.sql() << "SELECT id FROM site WHERE area_id = :a AND role = 'venue' ORDER BY id LIMIT 1",
            soci::use(area_id, "a"), soci::into(id);
        REQUIRE(db.sql().got_data());
        return id;
    }
    long long count(const std::string& table) {
        long long n = 0;
        db.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return n;
    }
    // Row counts of every register table: equal before and after means nothing changed.
    std::string fingerprint() {
        std::string out;
        for (const char* t : {"area", "organisation", "site", "venue_profile", "card_batch", "allocation", "card",
                              "usage", "rule", "quota", "quota_adjustment", "message", "group_visit", "group_signup",
                              "app_user", "audit_log", "change_log"})
            out += std::string(t) + "=" + std::to_string(count(t)) + " ";
        return out;
    }
};

}  // namespace kaiku::test
