// Role x endpoint x scope: every role sees exactly its scope and may change only what its role allows.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/uuid.hpp"
#include "support/scope_world.hpp"

using namespace kaiku;
using test::json;
using test::ServerProcess;
using test::TempDir;

using test::all_items;
using test::column;
using test::ids;
using World = test::ScopeWorld;

TEST_CASE("reads: each role sees exactly its own scope") {
    World w;
    const std::string tre = w.fx.area_id("TRE"), esp = w.fx.area_id("ESP");
    const std::string issuer_tre = w.fx.scope_of("issuer-tre"), venue_tre = w.fx.scope_of("venue-tre");

    SUBCASE("cards") {
        const auto national = all_items(w.user("kaikukeskus"), "/v1/cards");
        CHECK(ids(national) == column(w.db, "SELECT id FROM card"));
        for (const auto& c : national) CHECK(c["holder"].is_null());  // aggregates only for the national service

        const auto coord = all_items(w.user("coord-tre"), "/v1/cards");
        CHECK(ids(coord) == column(w.db, "SELECT id FROM card WHERE area_id = :p", tre));
        CHECK(!coord.empty());
        CHECK(coord.front()["holder"]["birth_year"].is_number());

        const auto issuer = all_items(w.user("issuer-tre"), "/v1/cards");
        CHECK(ids(issuer) == column(w.db, "SELECT id FROM card WHERE issuer_site_id = :p", issuer_tre));
        CHECK(all_items(w.user("venue-tre"), "/v1/cards").empty());
        // A filter cannot widen the scope.
        CHECK(all_items(w.user("coord-tre"), "/v1/cards?area_id=" + esp).empty());
        CHECK(all_items(w.user("issuer-esp"), "/v1/cards?issuer_site_id=" + issuer_tre).empty());
    }
    SUBCASE("uses") {
        const auto venue = all_items(w.user("venue-tre"), "/v1/uses");
        CHECK(ids(venue) == column(w.db, "SELECT id FROM usage WHERE venue_site_id = :p", venue_tre));
        const auto issuer = all_items(w.user("issuer-tre"), "/v1/uses");
        CHECK(ids(issuer) == column(w.db,
                                    "SELECT u.id FROM usage u JOIN card c ON c.id = u.card_id WHERE c.issuer_site_id = :p",
                                    issuer_tre));
        const auto coord = all_items(w.user("coord-tre"), "/v1/uses");
        auto expected = column(w.db, "SELECT u.id FROM usage u JOIN card c ON c.id = u.card_id WHERE c.area_id = :p", tre);
        for (const auto& id : column(w.db, "SELECT u.id FROM usage u JOIN site s ON s.id = u.venue_site_id "
                                           "WHERE s.area_id = :p",
                                     tre))
            expected.insert(id);
        CHECK(ids(coord) == expected);
        CHECK(ids(all_items(w.user("kaikukeskus"), "/v1/uses")).size() == static_cast<std::size_t>(w.fx.count("usage")));
    }
    SUBCASE("card stock, quotas and users") {
        CHECK(ids(all_items(w.user("coord-tre"), "/v1/card-batches")) ==
              column(w.db, "SELECT id FROM card_batch WHERE area_id = :p", tre));
        CHECK(all_items(w.user("venue-tre"), "/v1/card-batches").empty());
        CHECK(ids(all_items(w.user("issuer-tre"), "/v1/allocations")) ==
              column(w.db, "SELECT id FROM allocation WHERE site_id = :p", issuer_tre));
        CHECK(ids(all_items(w.user("issuer-tre"), "/v1/quotas")) ==
              column(w.db, "SELECT id FROM quota WHERE site_id = :p", issuer_tre));
        const auto users = all_items(w.user("coord-tre"), "/v1/users");
        for (const auto& u : users) CHECK(u["login"].get<std::string>().find("tre") != std::string::npos);
        CHECK(users.size() == 4);  // coord, culture, issuer and venue staff of Tampere
    }
    SUBCASE("network reference data is shared with every signed-in user") {
        const auto all_sites = column(w.db, "SELECT id FROM site");
        for (const char* login : {"kaikukeskus", "coord-esp", "issuer-tre", "venue-esp"})
            CHECK(ids(all_items(w.user(login), "/v1/sites")) == all_sites);
        CHECK(all_items(w.user("venue-tre"), "/v1/areas").size() == 17);
    }
    SUBCASE("the audit log is for coordinators of the area and the national service") {
        REQUIRE(test::command(w.user("coord-tre"), "quota.adjust",
                              {{"id", core::new_uuid()},
                               {"quota_id", *column(w.db, "SELECT id FROM quota WHERE site_id = :p", issuer_tre).begin()},
                               {"delta", 5},
                               {"reason", "extra cards for the autumn"},
                               {"made_on", "2026-11-01"}})
                    .status == 200);
        long status = 0;
        all_items(w.user("issuer-tre"), "/v1/audit", &status);
        CHECK(status == 403);
        const auto mine = all_items(w.user("coord-tre"), "/v1/audit");
        REQUIRE(mine.size() == 1);
        CHECK(mine[0]["action"] == "quota.adjust");
        CHECK(mine[0]["user_id"] == w.fx.user_id("coord-tre"));
        CHECK(mine[0]["after"]["delta"] == 5);
        CHECK(all_items(w.user("coord-esp"), "/v1/audit").empty());
        CHECK(all_items(w.user("kaikukeskus"), "/v1/audit").size() == 1);
    }
}

TEST_CASE("writes: each role may change only what its role and scope allow") {
    World w;
    const std::string tre = w.fx.area_id("TRE"), esp = w.fx.area_id("ESP");
    const std::string issuer_tre = w.fx.scope_of("issuer-tre"), venue_tre = w.fx.scope_of("venue-tre");
    const std::string venue_esp = w.fx.scope_of("venue-esp");
    const std::string before = w.fx.fingerprint();

    auto expect = [&](const std::string& login, const std::string& type, const json& data, long status) {
        const auto r = test::command(w.user(login), type, data);
        CAPTURE(login);
        CAPTURE(type);
        INFO(r.body.dump());
        CHECK(r.status == status);
        if (status >= 400) {
            CHECK(r.body["status"] == status);
            CHECK(!r.body.contains("result"));
        }
        return r;
    };
    const json area = test::get(w.user("kaikukeskus"), "/v1/areas?limit=1").body["items"][0];
    expect("coord-tre", "area.upsert", area, 403);
    expect("issuer-tre", "area.upsert", area, 403);

    json site_json = test::get(w.user("coord-tre"), "/v1/sites?limit=1000&area_id=" + tre).body["items"][0];
    expect("coord-esp", "site.upsert", site_json, 403);
    expect("venue-tre", "site.upsert", site_json, 403);

    const json registration = {{"card_id", w.fx.free_card(issuer_tre, "TRE")},
                               {"issuer_site_id", issuer_tre},
                               {"registered_on", "2026-11-20"},
                               {"holder", {{"birth_year", 1970}, {"postcode", "33100"}, {"children", 1}}}};
    expect("issuer-esp", "card.register", registration, 403);
    expect("venue-tre", "card.register", registration, 403);
    expect("coord-esp", "card.register", registration, 403);

    const std::string tre_card = w.fx.registered_card(issuer_tre);
    // Somebody else's card is answered exactly like a card that does not exist.
    const auto hidden = expect("issuer-esp", "card.renew", {{"card_id", tre_card}, {"renewed_on", "2026-11-20"}}, 422);
    CHECK(hidden.body["errors"][0]["field"] == "card_id");
    CHECK(hidden.body["errors"][0]["code"] == "not_found");
    CHECK(hidden.body.dump().find("birth_year") == std::string::npos);

    const json use = {{"id", core::new_uuid()}, {"card_id", tre_card}, {"venue_site_id", venue_tre},
                      {"used_on", "2026-11-20"},  {"category", "culture"}, {"adults", 1},
                      {"children", 0}};
    expect("venue-esp", "usage.record", use, 403);
    expect("issuer-tre", "usage.record", use, 403);
    expect("coord-esp", "usage.record", use, 403);

    const json announcement = {{"id", core::new_uuid()}, {"recipient_kind", "network"}, {"subject", "Hello"},
                               {"body", "To everyone"}};
    expect("coord-tre", "message.post", announcement, 403);
    expect("coord-tre", "message.post",
           {{"id", core::new_uuid()}, {"recipient_kind", "area_all"}, {"recipient_id", esp}, {"subject", "x"},
            {"body", "y"}},
           403);

    expect("coord-tre", "user.create",
           {{"id", core::new_uuid()}, {"login", "new.staff"}, {"display_name", "New"}, {"role", "venue_staff"},
            {"scope_id", venue_esp}, {"password", "long enough password"}},
           403);
    expect("coord-tre", "user.create",
           {{"id", core::new_uuid()}, {"login", "new.coord"}, {"display_name", "New"}, {"role", "coordinator_sote"},
            {"scope_id", tre}, {"password", "long enough password"}},
           403);
    expect("coord-esp", "grant.add", {{"user_id", w.fx.user_id("issuer-tre")}, {"site_id", issuer_tre}}, 403);
    expect("issuer-tre", "quota.adjust",
           {{"id", core::new_uuid()},
            {"quota_id", *column(w.db, "SELECT id FROM quota WHERE site_id = :p", issuer_tre).begin()},
            {"delta", 5},
            {"reason", "more"},
            {"made_on", "2026-11-01"}},
           403);
    CHECK(w.fx.fingerprint() == before);  // nothing refused changed anything

    // The allowed versions of the same commands succeed.
    expect("kaikukeskus", "area.upsert", area, 200);
    expect("coord-tre", "site.upsert", site_json, 200);
    expect("issuer-tre", "card.register", registration, 200);
    expect("venue-tre", "usage.record", use, 200);
    expect("venue-esp", "usage.record",
           {{"id", core::new_uuid()}, {"card_id", tre_card}, {"venue_site_id", venue_esp}, {"used_on", "2026-11-21"},
            {"category", "culture"}, {"adults", 1}, {"children", 0}},
           200);  // cross-area use: a Tampere card at an Espoo venue
    expect("kaikukeskus", "message.post", announcement, 200);
    expect("coord-tre", "user.create",
           {{"id", core::new_uuid()}, {"login", "new.staff"}, {"display_name", "New staff"}, {"role", "venue_staff"},
            {"scope_id", venue_tre}, {"password", "long enough password"}},
           200);
    // A grant widens what the user sees at once.
    const auto other_issuer =
        *column(w.db, "SELECT id FROM site WHERE area_id = :p AND role = 'issuer' ORDER BY id DESC", tre).begin();
    if (other_issuer != issuer_tre) {
        expect("coord-tre", "grant.add", {{"user_id", w.fx.user_id("issuer-tre")}, {"site_id", other_issuer}}, 200);
        const auto cards = all_items(w.user("issuer-tre"), "/v1/cards");
        CHECK(ids(cards) == [&] {
            auto s = column(w.db, "SELECT id FROM card WHERE issuer_site_id = :p", issuer_tre);
            for (const auto& id : column(w.db, "SELECT id FROM card WHERE issuer_site_id = :p", other_issuer)) s.insert(id);
            return s;
        }());
        expect("coord-tre", "grant.remove", {{"user_id", w.fx.user_id("issuer-tre")}, {"site_id", other_issuer}}, 200);
        CHECK(ids(all_items(w.user("issuer-tre"), "/v1/cards")) ==
              column(w.db, "SELECT id FROM card WHERE issuer_site_id = :p", issuer_tre));
    }
}
