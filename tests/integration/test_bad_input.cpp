// Bad input on the real server: every kind is answered with a problem document naming the problem,
// and nothing in the register changes.
#include <doctest/doctest.h>

#include <set>

#include "core/uuid.hpp"
#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"

using namespace kaiku;
using test::json;
using test::ServerProcess;
using test::TempDir;

namespace {

struct Setup : test::DemoRegister {
    net::HttpClient coord{server.url()};
    Setup() : DemoRegister("0.01") { test::sign_in(coord, "coord-tre"); }
};

json registration(test::DemoFixture& fx) {
    return {{"card_id", fx.free_card(fx.scope_of("issuer-tre"), "TRE")},
            {"issuer_site_id", fx.scope_of("issuer-tre")},
            {"registered_on", "2026-11-20"},
            {"holder", {{"birth_year", 1980}, {"postcode", "33200"}, {"children", 2}}}};
}

}  // namespace

TEST_CASE("malformed, mistyped, oversized and unknown input changes nothing") {
    Setup s;
    const std::string before = s.fx.fingerprint();

    const auto malformed = s.coord.post_json("/v1/commands/card.register", R"({"card_id": "TRE-000001-)");
    CHECK(malformed.status == 400);
    CHECK(json::parse(malformed.body)["type"] == "/problems/malformed-json");

    const auto not_object = s.coord.post_json("/v1/commands/card.register", "[1, 2, 3]");
    CHECK(not_object.status == 400);

    auto reg = registration(s.fx);
    SUBCASE("wrong types name each field") {
        reg["card_id"] = 123;
        reg["registered_on"] = "20.11.2026";
        reg["holder"]["children"] = "two";
        const auto r = test::command(s.coord, "card.register", reg);
        CHECK(r.status == 422);
        std::set<std::string> fields;
        for (const auto& e : r.body["errors"]) fields.insert(e["field"].get<std::string>());
        CHECK(fields == std::set<std::string>{"card_id", "registered_on", "holder.children"});
    }
    SUBCASE("unknown fields are refused, never ignored") {
        reg["holder"]["name"] = "Matti Meikäläinen";  // holders are never identified
        reg["ssn"] = "010101-123A";
        const auto r = test::command(s.coord, "card.register", reg);
        CHECK(r.status == 422);
        std::set<std::string> fields;
        for (const auto& e : r.body["errors"]) {
            fields.insert(e["field"].get<std::string>());
            CHECK(e["code"] == "unknown_field");
        }
        CHECK(fields == std::set<std::string>{"holder.name", "ssn"});
    }
    SUBCASE("domain validation names the field") {
        reg["holder"]["birth_year"] = 2020;  // a holder must be 16 or turn 16 this year
        const auto r = test::command(s.coord, "card.register", reg);
        CHECK(r.status == 422);
        CHECK(r.body["errors"][0]["field"] == "holder.birth_year");
        reg["holder"]["birth_year"] = 1980;
        reg["card_id"] = "TRE-000001-Q";  // a mistyped check character
        const auto typo = test::command(s.coord, "card.register", reg);
        CHECK(typo.status == 422);
        CHECK(typo.body["errors"][0]["code"] == "invalid_check_character");
    }
    SUBCASE("a huge body is refused with 413") {
        const std::string huge = R"({"subject": "x", "body": ")" + std::string(2 << 20, 'a') + R"("})";
        const auto r = s.coord.post_json("/v1/commands/message.post", huge);
        CHECK(r.status == 413);
        CHECK(json::parse(r.body, nullptr, false)["type"] == "/problems/payload-too-large");
    }
    SUBCASE("an unknown command and a wrong content type") {
        const auto r = test::command(s.coord, "card.explode", json::object());
        CHECK(r.status == 422);
        CHECK(r.body["type"] == "/problems/unknown-mutation");
    }
    CHECK(s.fx.fingerprint() == before);
}

TEST_CASE("SQL metacharacters and Unicode in every text field are stored and returned verbatim") {
    Setup s;
    const std::vector<std::string> nasty = {
        "Robert'); DROP TABLE site;--", "\" OR 1=1 --", "Åsa Öhman-Ääninen", "Kulttuuri 🎭 ja liikunta ⚽",
        "עברית ومرحبا", "back\\slash and % and _ and \t tab", "line\nbreak",
    };
    const std::string tre = s.fx.area_id("TRE");
    auto site = test::get(s.coord, "/v1/sites?limit=1000&role=venue&area_id=" + tre).body["items"][0];
    for (const auto& text : nasty) {
        CAPTURE(text);
        site["name"] = text;
        site["street_address"] = text;
        site["contact"]["name"] = text;
        site["commitment_version"] = "v";
        const auto r = test::command(s.coord, "site.upsert", site);
        REQUIRE(r.status == 200);
        const auto back = test::get(s.coord, "/v1/sites?limit=1000&area_id=" + tre).body["items"];
        bool found = false;
        for (const auto& b : back)
            if (b["id"] == site["id"]) {
                found = true;
                CHECK(b["name"] == text);
                CHECK(b["street_address"] == text);
                CHECK(b["contact"]["name"] == text);
            }
        CHECK(found);
        const json msg = {{"id", core::new_uuid()}, {"recipient_kind", "area_all"}, {"recipient_id", tre},
                          {"subject", text},          {"body", text + text}};
        const auto m = test::command(s.coord, "message.post", msg);
        INFO(m.body.dump());
        REQUIRE(m.status == 200);
        CHECK(m.body["result"]["subject"] == text);
    }
    CHECK(s.fx.count("site") > 0);  // the table is still there
}

TEST_CASE("duplicate ids and replayed batches apply once") {
    Setup s;
    const auto reg = registration(s.fx);
    REQUIRE(test::command(s.coord, "card.register", reg).status == 200);
    const auto again = test::command(s.coord, "card.register", reg);
    CHECK(again.status == 409);
    CHECK(again.body["type"] == "/problems/card-already-registered");

    const std::string tre = s.fx.area_id("TRE");
    const json batch = {{"id", core::new_uuid()}, {"area_id", tre},       {"first_serial", 900000},
                        {"last_serial", 900099},   {"kind", "personal"}, {"medium", "cardboard"}};
    REQUIRE(test::command(s.coord, "batch.create", batch).status == 200);
    CHECK(test::command(s.coord, "batch.create", batch).status == 409);
    json overlapping = batch;
    overlapping["id"] = core::new_uuid();
    overlapping["first_serial"] = 900050;
    overlapping["last_serial"] = 900150;
    const auto overlap = test::command(s.coord, "batch.create", overlapping);
    CHECK(overlap.status == 422);
    CHECK(overlap.body["errors"][0]["message"].get<std::string>().find(batch["id"].get<std::string>()) !=
          std::string::npos);

    // A batch of mutations sent twice (a lost acknowledgement): the second answer is all duplicates.
    net::HttpClient venue(s.server.url());
    test::sign_in(venue, "venue-tre");
    const auto client = json::parse(venue.post_json("/v1/clients", "{}").body);
    const std::string card = s.fx.registered_card(s.fx.scope_of("issuer-tre"));
    json mutations = json::array();
    for (int i = 1; i <= 3; ++i)
        mutations.push_back({{"mutation_id", core::new_uuid()},
                             {"client_seq", i},
                             {"type", "usage.record"},
                             {"data",
                              {{"id", core::new_uuid()}, {"card_id", card}, {"venue_site_id", s.fx.scope_of("venue-tre")},
                               {"used_on", "2026-11-2" + std::to_string(i)}, {"category", "culture"}, {"adults", 1},
                               {"children", 0}}}});
    const json body = {{"client_id", client["client_id"]}, {"epoch", client["epoch"]}, {"mutations", mutations}};
    const long long uses_before = s.fx.count("usage");
    const auto first = venue.post_json("/v1/batch", body.dump());
    REQUIRE(first.status == 200);
    const auto first_doc = json::parse(first.body);  // a range-for over a temporary's member would dangle
    for (const auto& r : first_doc["results"]) CHECK(r["status"] == "applied");
    const auto second = venue.post_json("/v1/batch", body.dump());
    REQUIRE(second.status == 200);
    const auto second_doc = json::parse(second.body);
    for (const auto& r : second_doc["results"]) CHECK(r["status"] == "duplicate");
    CHECK(s.fx.count("usage") == uses_before + 3);

    // A gap in the sequence is answered with the expected number; nothing is applied.
    json gap = body;
    gap["mutations"] = json::array({mutations[0]});
    gap["mutations"][0]["mutation_id"] = core::new_uuid();
    gap["mutations"][0]["client_seq"] = 7;
    const auto g = venue.post_json("/v1/batch", gap.dump());
    CHECK(g.status == 409);
    CHECK(json::parse(g.body)["expected_seq"] == 4);
    // A restored client that reuses old sequence numbers with new mutations is told so.
    gap["mutations"][0]["client_seq"] = 2;
    const auto regressed = venue.post_json("/v1/batch", gap.dump());
    CHECK(regressed.status == 409);
    CHECK(json::parse(regressed.body)["type"] == "/problems/client-state-regressed");
    CHECK(s.fx.count("usage") == uses_before + 3);

    // A rejected mutation is kept in quarantine with its reason.
    json bad = body;
    bad["mutations"] = json::array({mutations[0]});
    bad["mutations"][0]["mutation_id"] = core::new_uuid();
    bad["mutations"][0]["client_seq"] = 4;
    bad["mutations"][0]["data"]["adults"] = -1;
    const auto rejected = venue.post_json("/v1/batch", bad.dump());
    REQUIRE(rejected.status == 200);
    CHECK(json::parse(rejected.body)["results"][0]["status"] == "rejected");
    CHECK(s.fx.count("mutation_quarantine") == 1);
}
