// Two coordinators edit the same site while offline: sync.md 5.5's per-field policy on the real server.
#include <doctest/doctest.h>

#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/local_commands.hpp"

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::json;
using test::ServerProcess;
using test::TempDir;

namespace {

struct TwoCoordinators : test::DemoRegister {
    Client a{dir, "sote", "coord-tre"};
    Client b{dir, "culture", "culture-tre"};
    std::string site;
    TwoCoordinators() : DemoRegister("0.01") {
        site = fx.scope_of("venue-tre");
        REQUIRE(a.sync(server.url()).ok());
        REQUIRE(b.sync(server.url()).ok());
    }
    core::Site on_server() { return *store::SiteRepository{db}.get(site); }
    void settle() {
        for (int i = 0; i < 2; ++i) {
            REQUIRE(a.sync(server.url()).ok());
            REQUIRE(b.sync(server.url()).ok());
        }
        CHECK(store::SiteRepository{a.db}.get(site)->name == on_server().name);
        CHECK(store::SiteRepository{b.db}.get(site)->contact.email == on_server().contact.email);
        check_all_delivered(a.db, db);
        check_all_delivered(b.db, db);
    }
};

}  // namespace

TEST_CASE("different fields edited offline by two coordinators both apply, without a conflict") {
    TwoCoordinators w;
    REQUIRE(sync::patch_site(w.a.db, w.site, {{"contact_phone", "+358 40 000 1111"}}).ok());
    REQUIRE(sync::patch_site(w.b.db, w.site, {{"street_address", "Kulttuurikatu 5"}}).ok());
    REQUIRE(w.a.sync(w.server.url()).ok());
    const auto r = w.b.sync(w.server.url());
    REQUIRE(r.ok());
    CHECK(r.conflicts == 0);
    CHECK(w.on_server().contact.phone == "+358 40 000 1111");
    CHECK(w.on_server().street_address == "Kulttuurikatu 5");
    w.settle();
    CHECK(store::SiteRepository{w.a.db}.get(w.site)->street_address == "Kulttuurikatu 5");
    CHECK(store::SiteRepository{w.b.db}.get(w.site)->contact.phone == "+358 40 000 1111");
}

TEST_CASE("the same descriptive field: the last to reach the register wins and the other value is audited") {
    TwoCoordinators w;
    REQUIRE(sync::patch_site(w.a.db, w.site, {{"contact_email", "first@kaiku.example"}}).ok());
    REQUIRE(sync::patch_site(w.b.db, w.site, {{"contact_email", "second@kaiku.example"}}).ok());
    REQUIRE(w.a.sync(w.server.url()).ok());
    const auto r = w.b.sync(w.server.url());
    REQUIRE(r.ok());
    CHECK(r.conflicts == 0);
    CHECK(w.on_server().contact.email == "second@kaiku.example");
    std::string before;
    w.db.sql() << "SELECT before_json FROM audit_log WHERE entity = 'site' AND entity_id = :i ORDER BY seq DESC",
        soci::use(w.site, "i"), soci::into(before);
    CHECK(json::parse(before)["contact_email"] == "first@kaiku.example");  // the losing value is kept
    w.settle();
    // The coordinator whose value lost gets a notice from the register, on their own device.
    const std::string loser = w.fx.user_id("coord-tre");
    std::string subject;
    w.a.db.sql() << "SELECT subject FROM message WHERE recipient_kind = 'user' AND recipient_id = :u",
        soci::use(loser, "u"), soci::into(subject);
    CHECK(subject.find("overwritten") != std::string::npos);
    CHECK(subject.find("contact_email") != std::string::npos);
}

TEST_CASE("the same identity field: a conflict both devices see, decided once, idempotently") {
    TwoCoordinators w;
    REQUIRE(sync::patch_site(w.a.db, w.site, {{"name", "Teatteri A"}}).ok());
    REQUIRE(sync::patch_site(w.b.db, w.site, {{"name", "Teatteri B"}}).ok());
    REQUIRE(w.a.sync(w.server.url()).ok());
    const auto r = w.b.sync(w.server.url());
    REQUIRE(r.ok());
    CHECK(r.conflicts == 1);
    CHECK(w.on_server().name == "Teatteri A");
    CHECK(store::SiteRepository{w.b.db}.get(w.site)->name == "Teatteri A");  // shows the register's value again
    REQUIRE(w.a.sync(w.server.url()).ok());
    CHECK(sync::sync_status(w.a.db).conflicts == 1);  // the other coordinator sees it too
    CHECK(sync::sync_status(w.b.db).conflicts == 1);
    std::string conflict;
    w.a.db.sql() << "SELECT id FROM sync_conflict WHERE status = 'open'", soci::into(conflict);
    REQUIRE(!conflict.empty());

    REQUIRE(sync::resolve_conflict(w.b.db, conflict, "keep_mine").ok());
    REQUIRE(w.b.sync(w.server.url()).ok());
    CHECK(w.on_server().name == "Teatteri B");
    // The other device decides the same conflict differently later: decided already, nothing changes.
    REQUIRE(w.a.sync(w.server.url()).ok());
    CHECK(sync::sync_status(w.a.db).conflicts == 0);
    REQUIRE(sync::resolve_conflict(w.a.db, conflict, "keep_theirs").ok());
    w.settle();
    CHECK(w.on_server().name == "Teatteri B");
}

TEST_CASE("an edit of a site archived meanwhile: the archive stands, the edit is kept, and restore works") {
    TwoCoordinators w;
    REQUIRE(sync::patch_site(w.a.db, w.site, {{"status", "left"}}).ok());
    REQUIRE(sync::patch_site(w.b.db, w.site, {{"street_address", "Uusi osoite 1"}}).ok());
    REQUIRE(w.a.sync(w.server.url()).ok());
    const auto r = w.b.sync(w.server.url());
    REQUIRE(r.ok());
    CHECK(r.conflicts == 1);
    CHECK(w.on_server().status == core::SiteStatus::left);
    CHECK(w.on_server().street_address != "Uusi osoite 1");
    std::string conflict, client_json;
    w.db.sql() << "SELECT id, client_json FROM sync_conflict WHERE status = 'open'", soci::into(conflict),
        soci::into(client_json);
    CHECK(json::parse(client_json)["set"]["street_address"] == "Uusi osoite 1");  // the edit is not lost
    REQUIRE(sync::resolve_conflict(w.b.db, conflict, "edit", {{"status", "active"}, {"street_address", "Uusi osoite 1"}})
                .ok());
    w.settle();
    CHECK(w.on_server().status == core::SiteStatus::active);
    CHECK(w.on_server().street_address == "Uusi osoite 1");
}
