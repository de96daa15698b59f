// Hardening: what a signed-in user or a hostile client sends cannot crash the register, reach into another
// area, or make the audit log show a holder profile.
#include <doctest/doctest.h>

#include "core/card_id.hpp"
#include "core/uuid.hpp"
#include "store/migrations.hpp"
#include "support/scope_world.hpp"

using namespace kaiku;
using test::column;
using test::json;
using World = test::ScopeWorld;

namespace {

// One stored row as text, every column: equal before and after means the row did not change.
std::string row_text(store::Database& db, const std::string& table, const std::string& id) {
    std::string out;
    soci::rowset<soci::row> rs = (db.sql().prepare << "SELECT * FROM " + table + " WHERE id = :i", soci::use(id, "i"));
    for (const auto& r : rs)
        for (std::size_t i = 0; i < r.size(); ++i) out += store::RowReader(r).text(i) + "|";
    return out;
}

// Every audit entry as the register stores it, before and after together.
std::vector<std::string> stored_audit(store::Database& db) {
    std::vector<std::string> out;
    soci::rowset<soci::row> rs = (db.sql().prepare << "SELECT entity, COALESCE(before_json, ''), "
                                                      "COALESCE(after_json, '') FROM audit_log ORDER BY seq");
    for (const auto& r : rs) {
        store::RowReader rr(r);
        out.push_back(rr.text(0) + " " + rr.text(1) + " " + rr.text(2));
    }
    return out;
}

bool shows_holder(const std::string& text) {
    for (const char* key : {"\"holder\"", "birth_year", "life_situation", "age_group", "\"gender\""})
        if (text.find(key) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a deeply nested body is refused and the register keeps serving") {
    World w;
    const std::string before = w.fx.fingerprint();
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const std::string deep_object = [] {
        std::string s;
        for (int i = 0; i < 50000; ++i) s += "{\"a\":";
        s += "1";
        s += std::string(50000, '}');
        return s;
    }();
    for (const std::string path : {"/v1/commands/card.register", "/v1/batch", "/v1/login"}) {
        for (const auto* body : {&deep, &deep_object}) {
            CAPTURE(path);
            const auto r = w.user("coord-tre").post_json(path, *body);
            CHECK(r.status == 400);
            CHECK(json::parse(r.body)["type"] == "/problems/malformed-json");
        }
    }
    // Nesting inside an otherwise good command is refused the same way.
    json reg = {{"card_id", "TRE-000001-A"}, {"holder", json::parse(std::string(40, '[') + std::string(40, ']'))}};
    CHECK(test::command(w.user("issuer-tre"), "card.register", reg).status == 400);
    const auto health = w.user("coord-tre").get("/healthz");
    CHECK(health.status == 200);
    CHECK(test::get(w.user("coord-tre"), "/v1/me").status == 200);
    CHECK(w.fx.fingerprint() == before);
}

TEST_CASE("ids of another area's rules, quotas and allocations are refused and change nothing") {
    World w;
    const std::string tre = w.fx.area_id("TRE"), esp = w.fx.area_id("ESP");
    const std::string issuer_esp = w.fx.scope_of("issuer-esp");
    auto& esp_coord = w.user("coord-esp");
    const std::string fingerprint = w.fx.fingerprint();

    SUBCASE("rule.upsert") {
        // A Tampere area rule, sent by the Espoo coordinator as a rule of Espoo under the same id.
        const json rule = test::get(w.user("coord-tre"), "/v1/rules?limit=1000&scope=area&scope_id=" + tre)
                              .body["items"][0];
        REQUIRE(rule.is_object());
        const std::string id = rule["id"], stored = row_text(w.db, "rule", id);
        json taken = rule;
        taken["scope_id"] = esp;
        const auto r = test::command(esp_coord, "rule.upsert", taken);
        INFO(r.body.dump());
        CHECK(r.status == 403);
        CHECK(row_text(w.db, "rule", id) == stored);
        // Its own coordinator may not move it to another scope either.
        const auto moved = test::command(w.user("coord-tre"), "rule.upsert", taken);
        CHECK(moved.status == 422);
        CHECK(moved.body["errors"][0]["field"] == "scope");
        CHECK(row_text(w.db, "rule", id) == stored);
        CHECK(w.fx.fingerprint() == fingerprint);
    }
    SUBCASE("quota.set") {
        const std::string tre_issuer = w.fx.scope_of("issuer-tre");
        const json quota = test::get(w.user("coord-tre"), "/v1/quotas?limit=1&site_id=" + tre_issuer).body["items"][0];
        REQUIRE(quota.is_object());
        const std::string id = quota["id"], stored = row_text(w.db, "quota", id);
        json taken = quota;
        taken["site_id"] = issuer_esp;
        taken["cards"] = 1;
        const auto r = test::command(esp_coord, "quota.set", taken);
        INFO(r.body.dump());
        CHECK(r.status == 403);
        CHECK(row_text(w.db, "quota", id) == stored);
        const auto moved = test::command(w.user("coord-tre"), "quota.set", taken);
        CHECK(moved.status == 422);
        CHECK(moved.body["errors"][0]["field"] == "site_id");
        CHECK(row_text(w.db, "quota", id) == stored);
        CHECK(w.fx.fingerprint() == fingerprint);
    }
    SUBCASE("allocation.create") {
        const std::string tre_issuer = w.fx.scope_of("issuer-tre");
        const json alloc = test::get(w.user("coord-tre"), "/v1/allocations?limit=1&site_id=" + tre_issuer)
                               .body["items"][0];
        REQUIRE(alloc.is_object());
        const std::string id = alloc["id"], stored = row_text(w.db, "allocation", id);
        // An Espoo batch with room, allocated under the Tampere allocation's id.
        const json batch = {{"id", core::new_uuid()}, {"area_id", esp},          {"kind", "personal"},
                            {"first_serial", 990001}, {"last_serial", 990100}, {"printed_on", "2026-11-01"}};
        const auto made = test::command(esp_coord, "batch.create", batch);
        INFO(made.body.dump());
        REQUIRE(made.status == 200);
        const json taken = {{"id", id},
                            {"batch_id", batch["id"]},
                            {"site_id", issuer_esp},
                            {"first_serial", 990001},
                            {"last_serial", 990010},
                            {"allocated_on", "2026-11-02"}};
        const auto r = test::command(esp_coord, "allocation.create", taken);
        INFO(r.body.dump());
        CHECK(r.status == 409);
        CHECK(row_text(w.db, "allocation", id) == stored);
        CHECK(column(w.db, "SELECT id FROM allocation WHERE batch_id = :p", batch["id"]).empty());
    }
}

TEST_CASE("a message is read only by those who receive it") {
    World w;
    const std::string tre = w.fx.area_id("TRE");
    const json note = {{"id", core::new_uuid()}, {"recipient_kind", "area_all"}, {"recipient_id", tre},
                       {"subject", "Tampere only"}, {"body", "For the Tampere network"}};
    REQUIRE(test::command(w.user("coord-tre"), "message.post", note).status == 200);
    for (const char* outsider : {"coord-esp", "issuer-esp", "venue-esp"}) {
        CAPTURE(outsider);
        const auto r = test::command(w.user(outsider), "message.read", {{"message_id", note["id"]}});
        CHECK(r.status == 422);
        CHECK(r.body["errors"][0]["field"] == "message_id");
        // Replying into a thread one cannot see is refused the same way.
        const auto reply = test::command(w.user(outsider), "message.post",
                                         {{"id", core::new_uuid()}, {"thread_id", note["id"]},
                                          {"recipient_kind", "area_all"}, {"recipient_id", tre}, {"subject", "Re"},
                                          {"body", "x"}});
        CHECK(reply.status >= 400);
    }
    CHECK(column(w.db, "SELECT user_id FROM message_read WHERE message_id = :p", note["id"]).empty());
    for (const char* insider : {"issuer-tre", "venue-tre", "kaikukeskus"}) {
        CAPTURE(insider);
        CHECK(test::command(w.user(insider), "message.read", {{"message_id", note["id"]}}).status == 200);
    }
    // A reused message id is refused, whoever's thread it is in.
    json again = note;
    again["subject"] = "overwritten";
    CHECK(test::command(w.user("coord-tre"), "message.post", again).status == 409);
}

TEST_CASE("a mutation that breaks a stored constraint is rejected alone and the rest of the batch is applied") {
    World w;
    auto& national = w.user("kaikukeskus");
    const auto client = json::parse(national.post_json("/v1/clients", "{}").body);
    json area = test::get(national, "/v1/areas?limit=2").body["items"][1];
    const std::string prefix_taken = test::get(national, "/v1/areas?limit=1").body["items"][0]["prefix"];
    area["id"] = core::new_uuid();
    area["prefix"] = prefix_taken;  // a new area under a prefix another area has
    const json note = {{"id", core::new_uuid()}, {"recipient_kind", "network"}, {"subject", "Hello"},
                       {"body", "To everyone"}};
    const json body = {{"client_id", client["client_id"]},
                       {"epoch", client["epoch"]},
                       {"mutations",
                        {{{"mutation_id", core::new_uuid()}, {"client_seq", 1}, {"type", "area.upsert"}, {"data", area}},
                         {{"mutation_id", core::new_uuid()}, {"client_seq", 2}, {"type", "message.post"}, {"data", note}}}}};
    const long long areas = w.fx.count("area");
    const auto r = national.post_json("/v1/batch", body.dump());
    INFO(r.body);
    REQUIRE(r.status == 200);
    const auto results = json::parse(r.body)["results"];
    CHECK(results[0]["status"] == "rejected");
    CHECK(results[1]["status"] == "applied");
    CHECK(w.fx.count("area") == areas);
    CHECK(column(w.db, "SELECT id FROM message WHERE id = :p", note["id"]).size() == 1);
    CHECK(w.user("coord-tre").get("/healthz").status == 200);
}

TEST_CASE("the audit log keeps no holder profile, for any role, and older entries are redacted") {
    World w;
    const std::string issuer_tre = w.fx.scope_of("issuer-tre"), venue_tre = w.fx.scope_of("venue-tre");
    const std::string card = w.fx.free_card(issuer_tre, "TRE");
    const json reg = {{"card_id", card},
                      {"issuer_site_id", issuer_tre},
                      {"registered_on", "2026-11-20"},
                      {"holder", {{"birth_year", 1975}, {"postcode", "33100"}, {"children", 2}, {"gender", "female"}}}};
    REQUIRE(test::command(w.user("issuer-tre"), "card.register", reg).status == 200);
    REQUIRE(test::command(w.user("issuer-tre"), "card.renew", {{"card_id", card}, {"renewed_on", "2026-11-25"}})
                .status == 200);
    const json use = {{"id", core::new_uuid()}, {"card_id", card}, {"venue_site_id", venue_tre},
                      {"used_on", "2026-11-26"}, {"category", "culture"}, {"adults", 1},
                      {"children", 2}};
    REQUIRE(test::command(w.user("venue-tre"), "usage.record", use).status == 200);
    REQUIRE(test::command(w.user("issuer-tre"), "card.cancel",
                          {{"card_id", card}, {"reason", "lost"}, {"cancelled_on", "2026-11-27"}})
                .status == 200);

    const auto stored = stored_audit(w.db);
    REQUIRE(stored.size() >= 4);
    for (const auto& entry : stored) {
        CAPTURE(entry);
        CHECK(!shows_holder(entry));
        if (entry.rfind("card ", 0) == 0) CHECK(entry.find("\"children\"") == std::string::npos);
    }
    // Card uses keep their own head count of children: that is not the holder's profile.
    CHECK(std::count_if(stored.begin(), stored.end(), [](const std::string& e) {
              return e.rfind("usage ", 0) == 0 && e.find("\"children\":2") != std::string::npos;
          }) == 1);
    for (const char* login : {"coord-tre", "kaikukeskus"}) {
        CAPTURE(login);
        const auto items = test::all_items(w.user(login), "/v1/audit");
        CHECK(items.size() >= 4);
        for (const auto& i : items) CHECK(!shows_holder(i.dump()));
    }
}

TEST_CASE("migration 10 redacts holder profiles from audit entries written before it") {
    test::TempDir dir;
    test::TestDatabase tdb{dir};
    const std::string profile = R"({"id":"TRE-000001-A","children":2,"holder":{"birth_year":1975,"postcode":"33100"}})";
    const std::string conflict =
        R"({"id":"k1","entity":"card","server":{"holder":{"birth_year":1975},"children":1},"client":{"children":3}})";
    const std::string use = R"({"id":"u1","children":2})";
    {
        store::Database db{tdb.url(), store::SchemaKind::server};
        int seq = 0;
        for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
                 {"card", profile}, {"sync_conflict", conflict}, {"usage", use}}) {
            ++seq;
            const std::string id = core::new_uuid();
            db.sql() << "INSERT INTO audit_log (id, seq, at, user_id, action, entity, entity_id, before_json, "
                        "after_json) VALUES (:i, :s, '2026-01-01T00:00:00Z', 'u', 'a', :e, 'x', :b, :a)",
                soci::use(id, "i"), soci::use(seq, "s"), soci::use(entity, "e"), soci::use(text, "b"),
                soci::use(text, "a");
        }
        // Back to the schema before the redaction, as a register upgraded from the previous release is.
        if (db.dialect() == store::Dialect::sqlite)
            db.sql() << "PRAGMA user_version = 9";
        else
            db.sql() << "DELETE FROM schema_version WHERE version >= 10";
    }
    store::Database db{tdb.url(), store::SchemaKind::server};
    CHECK(db.schema_version() == store::latest_schema_version());
    const auto stored = stored_audit(db);
    REQUIRE(stored.size() == 3);
    for (const auto& entry : stored) CHECK(!shows_holder(entry));
    CHECK(stored[0].find("children") == std::string::npos);
    CHECK(stored[0].find("TRE-000001-A") != std::string::npos);
    CHECK(stored[1].find("children") == std::string::npos);
    CHECK(stored[2].find("\"children\":2") != std::string::npos);  // a use's own head count stays
}

TEST_CASE("a coordinator grants site access only to staff of the site's own area") {
    World w;
    const std::string issuer_tre = w.fx.scope_of("issuer-tre"), issuer_esp_user = w.fx.user_id("issuer-esp");
    const auto grants = [&] { return column(w.db, "SELECT site_id FROM site_grant WHERE user_id = :p", issuer_esp_user); };
    const auto before = grants();
    // Tampere's coordinator may not hand a Tampere site to Espoo's staff...
    const auto coord = test::command(w.user("coord-tre"), "grant.add", {{"user_id", issuer_esp_user}, {"site_id", issuer_tre}});
    CHECK(coord.status == 403);
    CHECK(grants() == before);
    // ...only the national service lends staff across areas (and the audit log says so).
    const auto national =
        test::command(w.user("kaikukeskus"), "grant.add", {{"user_id", issuer_esp_user}, {"site_id", issuer_tre}});
    CHECK(national.status == 200);
    CHECK(grants().size() == before.size() + 1);
    CHECK(column(w.db, "SELECT id FROM audit_log WHERE action = 'grant.add' AND entity_id = :p", issuer_esp_user).size() == 1);
}

TEST_CASE("revoking a device is audited") {
    World w;
    const std::string user = w.fx.user_id("issuer-tre");
    const auto devices_found = column(w.db, "SELECT id FROM device WHERE user_id = :p", user);
    REQUIRE(!devices_found.empty());
    const std::vector<std::string> devices(devices_found.begin(), devices_found.end());
    const auto r = test::command(w.user("coord-tre"), "device.revoke", {{"device_id", devices[0]}});
    REQUIRE(r.status == 200);
    const auto entries = column(w.db, "SELECT after_json FROM audit_log WHERE action = 'device.revoke' AND entity_id = :p", user);
    REQUIRE(entries.size() == 1);
    CHECK(entries.begin()->find(devices[0]) != std::string::npos);
    CHECK(entries.begin()->find("revoked_at") != std::string::npos);
    // Revoking it again changes nothing and writes no second entry.
    CHECK(test::command(w.user("coord-tre"), "device.revoke", {{"device_id", devices[0]}}).status == 200);
    CHECK(column(w.db, "SELECT id FROM audit_log WHERE action = 'device.revoke' AND entity_id = :p", user).size() == 1);
}

TEST_CASE("a registered card another issuer holds answers as any card not available, never as already registered") {
    World w;
    const std::string tre = w.fx.area_id("TRE"), issuer_tre = w.fx.scope_of("issuer-tre");
    // A new, unallocated batch; Tampere's coordinator registers a card of it for another Tampere issuer.
    std::string other_issuer;
    for (const auto& id : column(w.db, "SELECT id FROM site WHERE area_id = :p AND role = 'issuer'", tre))
        if (id != issuer_tre) other_issuer = id;
    REQUIRE(!other_issuer.empty());
    const json batch = {{"id", core::new_uuid()}, {"area_id", tre}, {"first_serial", 990001}, {"last_serial", 990010},
                        {"kind", "personal"}, {"medium", "cardboard"}};
    const auto made = test::command(w.user("coord-tre"), "batch.create", batch);
    INFO(made.body.dump());
    REQUIRE(made.status == 200);
    const std::string card = core::CardId{"TRE", 990001}.str();
    const auto first = test::command(w.user("coord-tre"), "card.register",
                                     {{"card_id", card}, {"issuer_site_id", other_issuer}, {"registered_on", "2026-11-20"},
                                      {"holder", {{"birth_year", 1980}, {"postcode", "33100"}, {"children", 0}}}});
    if (first.status != 200) MESSAGE(first.body.dump());
    REQUIRE(first.status == 200);
    const auto r = test::command(w.user("issuer-tre"), "card.register",
                                 {{"card_id", card}, {"issuer_site_id", issuer_tre}, {"registered_on", "2026-11-21"},
                                  {"holder", {{"birth_year", 1980}, {"postcode", "33100"}, {"children", 0}}}});
    CHECK(r.status == 422);
    CHECK(r.body["errors"][0]["code"] == "not_allowed");
    CHECK(r.body.dump().find("already") == std::string::npos);
    CHECK(r.body.dump().find(other_issuer) == std::string::npos);
    // The coordinator, who may see the card, is told it exists.
    const auto own = test::command(w.user("coord-tre"), "card.register",
                                   {{"card_id", card}, {"issuer_site_id", other_issuer}, {"registered_on", "2026-11-21"},
                                    {"holder", {{"birth_year", 1980}, {"postcode", "33100"}, {"children", 0}}}});
    CHECK(own.status == 409);
    CHECK(own.body["type"] == "/problems/card-already-registered");
}

TEST_CASE("a mutation id another user has used returns nothing of theirs") {
    World w;
    auto push = [&](const std::string& login, const std::string& mutation_id, const json& note) {
        auto& http = w.user(login);
        const auto client = json::parse(http.post_json("/v1/clients", "{}").body);
        const json body = {{"client_id", client["client_id"]},
                           {"epoch", client["epoch"]},
                           {"mutations", {{{"mutation_id", mutation_id}, {"client_seq", 1}, {"type", "message.post"},
                                           {"data", note}}}}};
        const auto r = http.post_json("/v1/batch", body.dump());
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json::parse(r.body)["results"][0];
    };
    const std::string mid = core::new_uuid(), tre = w.fx.area_id("TRE");
    const json note = {{"id", core::new_uuid()}, {"recipient_kind", "area_all"}, {"recipient_id", tre},
                       {"subject", "Tampere only"}, {"body", "secret"}};
    CHECK(push("coord-tre", mid, note)["status"] == "applied");
    // The same user sending it again gets their own result back.
    CHECK(push("coord-tre", mid, note)["status"] == "duplicate");
    json other = note;
    other["id"] = core::new_uuid();
    const auto theirs = push("coord-esp", mid, other);
    CHECK(theirs["status"] == "rejected");
    CHECK(theirs["problem"]["type"] == "/problems/duplicate-mutation-id");
    CHECK(!theirs.contains("version"));
    CHECK(theirs.dump().find(note["id"].get<std::string>()) == std::string::npos);
    CHECK(column(w.db, "SELECT id FROM message WHERE id = :p", other["id"]).empty());
}
