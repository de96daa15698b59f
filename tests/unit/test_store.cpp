// Local store: migrations from an empty file, the schema, file safety, and every repository.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "core/uuid.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/repositories.hpp"
#include "support/temp_dir.hpp"

using namespace kaiku;
using namespace kaiku::core;
using test::TempDir;

namespace {

std::set<std::string> tables(store::Database& db) {
    std::set<std::string> out;
    soci::rowset<std::string> rs =
        (db.sql().prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const auto& t : rs) out.insert(t);
    return out;
}

std::set<std::string> columns(store::Database& db, const std::string& table) {
    std::set<std::string> out;
    soci::rowset<soci::row> rs = (db.sql().prepare << "PRAGMA table_info(" + table + ")");
    for (const auto& r : rs) out.insert(r.get<std::string>(1));
    return out;
}

// A small, valid network to write and read back.
struct Fixture {
    TempDir dir;
    store::Database db{dir.file("register.sqlite"), store::SchemaKind::server};
    Area area;
    Organisation org;
    Site issuer, venue;
    Fixture() {
        area.id = new_uuid();
        area.prefix = "TRE";
        area.name_fi = "Tampere";
        area.name_sv = "Tammerfors";
        area.status = AreaStatus::permanent;
        area.pilot_start = Date::from_ymd(2016, 1, 1);
        area.municipalities = {{"837", "Tampere", "Tammerfors", 2016}};
        store::AreaRepository{db}.upsert(area);
        org = {new_uuid(), area.id, "Pirkanmaan hyvinvointialue", ""};
        store::OrganisationRepository{db}.upsert(org);
        issuer.id = new_uuid();
        issuer.organisation_id = org.id;
        issuer.area_id = area.id;
        issuer.role = SiteRole::issuer;
        issuer.name = "Tampere, aikuissosiaalityö";
        issuer.postcode = "33100";
        issuer.municipality_code = "837";
        issuer.status = SiteStatus::active;
        issuer.contact = {"Aino Harjuvaara", "aino.harjuvaara@kaiku.example", "+358 40 000 0001"};
        venue = issuer;
        venue.id = new_uuid();
        venue.role = SiteRole::venue;
        venue.name = "Teatteri Pilke, Tampere";
        store::SiteRepository sites{db};
        sites.upsert(issuer);
        sites.upsert(venue);
    }
};

}  // namespace

TEST_CASE("every migration runs from an empty file and the schema is complete") {
    TempDir dir;
    const std::string path = dir.file("fresh.sqlite");
    {
        store::Database db(path);
        CHECK(db.schema_version() == store::latest_schema_version());
        const auto t = tables(db);
        for (const char* name : {"area", "municipality", "organisation", "site", "venue_profile", "card_batch",
                                 "allocation", "card", "card_event", "usage", "rule", "quota", "quota_adjustment",
                                 "message", "message_read", "group_visit", "group_signup", "app_user", "sync_state"})
            CHECK_MESSAGE(t.count(name) == 1, name);
        std::string mode;
        db.sql() << "PRAGMA journal_mode", soci::into(mode);
        CHECK(mode == "wal");
        int fk = 1;
        db.sql() << "PRAGMA foreign_keys", soci::into(fk);
        CHECK(fk == 0);  // a client cache is a partial replica
    }
    // The cache holds register data: only its owner may read it.
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    // Reopening runs nothing again and keeps the data.
    {
        store::Database db(path);
        store::StateRepository{db}.set("k", "v");
    }
    store::Database again(path);
    CHECK(again.schema_version() == store::latest_schema_version());
    CHECK(store::StateRepository{again}.get("k") == std::optional<std::string>("v"));
}

TEST_CASE("migrations are numbered consecutively from 1") {
    int expected = 1;
    for (const auto& m : store::migrations()) {
        CHECK(m.version == expected++);
        CHECK(!m.statements.empty());
    }
}

TEST_CASE("a file from a newer program is refused with a clear message, not damaged") {
    TempDir dir;
    const std::string path = dir.file("newer.sqlite");
    {
        store::Database db(path);
        db.sql() << "PRAGMA user_version = 999";
    }
    try {
        store::Database db(path);
        FAIL("opening a newer schema must fail");
    } catch (const store::StoreError& e) {
        CHECK(std::string(e.what()).find("newer than this program understands") != std::string::npos);
    }
}

TEST_CASE("an unwritable location gives a StoreError naming the file") {
    try {
        store::Database db("/nonexistent-dir/cache.sqlite");
        FAIL("must fail");
    } catch (const store::StoreError& e) {
        CHECK(std::string(e.what()).find("/nonexistent-dir/cache.sqlite") != std::string::npos);
    }
}

TEST_CASE("the card table can hold no identifying holder data") {
    TempDir dir;
    store::Database db(dir.file("c.sqlite"));
    const auto cols = columns(db, "card");
    CHECK(cols.count("birth_year") == 1);
    CHECK(cols.count("postcode") == 1);
    for (const char* forbidden : {"name", "first_name", "last_name", "ssn", "hetu", "identity_code", "birth_date",
                                  "address", "street_address", "email", "phone"})
        CHECK_MESSAGE(cols.count(forbidden) == 0, forbidden);
}

TEST_CASE("foreign keys are enforced in the register") {
    Fixture f;
    Site orphan = f.issuer;
    orphan.id = new_uuid();
    orphan.organisation_id = new_uuid();  // no such organisation
    CHECK_THROWS(store::SiteRepository{f.db}.upsert(orphan));
    CHECK(!store::SiteRepository{f.db}.get(orphan.id));
}

TEST_CASE("nested transactions: an inner rollback keeps the outer work") {
    Fixture f;
    store::StateRepository state{f.db};
    {
        store::Transaction outer(f.db);
        state.set("outer", "1");
        {
            store::Transaction inner(f.db);
            state.set("inner", "1");
        }  // rolled back
        outer.commit();
    }
    CHECK(state.get("outer").has_value());
    CHECK(!state.get("inner").has_value());
    {
        store::Transaction t(f.db);
        state.set("dropped", "1");
    }
    CHECK(!state.get("dropped").has_value());
}

TEST_CASE("areas, organisations, sites and venue profiles round-trip") {
    Fixture f;
    const auto a = store::AreaRepository{f.db}.get(f.area.id);
    REQUIRE(a);
    CHECK(a->name_sv == "Tammerfors");
    CHECK(a->pilot_start == Date::from_ymd(2016, 1, 1));
    CHECK(!a->pilot_end);
    REQUIRE(a->municipalities.size() == 1);
    CHECK(a->municipalities[0].joined_year == 2016);

    // Upsert replaces, including the municipality list.
    Area changed = *a;
    changed.municipalities.push_back({"536", "Nokia", "Nokia", 2019});
    changed.status = AreaStatus::pilot;
    store::AreaRepository{f.db}.upsert(changed);
    CHECK(store::AreaRepository{f.db}.get(f.area.id)->municipalities.size() == 2);
    CHECK(store::AreaRepository{f.db}.list().size() == 1);

    const auto sites = store::SiteRepository{f.db}.list_for_area(f.area.id);
    REQUIRE(sites.size() == 2);
    CHECK(sites[0].role == SiteRole::issuer);  // ordered by role, then name
    CHECK(sites[0].contact.email == "aino.harjuvaara@kaiku.example");
    CHECK(sites[1].name == "Teatteri Pilke, Tampere");
    CHECK(store::OrganisationRepository{f.db}.list_for_area(f.area.id).size() == 1);

    VenueProfile p{f.venue.id, {Category::culture, Category::sports}, "Vapaaliput", "Kassa", "Esteetön", 4};
    store::VenueProfileRepository{f.db}.upsert(p);
    const auto back = store::VenueProfileRepository{f.db}.get(f.venue.id);
    REQUIRE(back);
    CHECK(back->categories == std::vector<Category>{Category::culture, Category::sports});
    CHECK(back->max_tickets_per_event == std::optional<int>(4));
    p.max_tickets_per_event.reset();
    store::VenueProfileRepository{f.db}.upsert(p);
    CHECK(!store::VenueProfileRepository{f.db}.get(f.venue.id)->max_tickets_per_event);
}

TEST_CASE("card stock, cards with holder profile, and append-only uses round-trip") {
    Fixture f;
    CardBatch batch{new_uuid(), f.area.id, 1, 500, CardKind::personal, CardMedium::cardboard, Date::from_ymd(2024, 1, 2)};
    store::CardBatchRepository{f.db}.upsert(batch);
    store::AllocationRepository{f.db}.upsert({new_uuid(), batch.id, f.issuer.id, 1, 100, Date::from_ymd(2024, 1, 3)});
    CHECK(store::AllocationRepository{f.db}.list_for_batch(batch.id).size() == 1);
    CHECK(store::CardBatchRepository{f.db}.list_for_area(f.area.id).at(0).last_serial == 500);

    Card c;
    c.id = "TRE-000123-K";
    c.area_id = f.area.id;
    c.batch_id = batch.id;
    c.status = CardStatus::registered;
    c.issuer_site_id = f.issuer.id;
    c.registered_on = Date::from_ymd(2024, 3, 1);
    c.valid_until = Date::from_ymd(2025, 2, 28);
    c.holder = {1980, "33500", 2, Gender::female, LifeSituation::unemployed, AgeGroup::age_30_64};
    store::CardRepository cards{f.db};
    cards.upsert(c);
    const auto back = cards.get(c.id);
    REQUIRE(back);
    CHECK(back->holder.birth_year == 1980);
    CHECK(back->holder.children == 2);
    CHECK(back->holder.life_situation == LifeSituation::unemployed);
    CHECK(back->valid_until == c.valid_until);
    CHECK(!back->cancel_reason);
    c.status = CardStatus::cancelled;
    c.cancel_reason = CancelReason::lost;
    c.cancelled_on = Date::from_ymd(2024, 6, 1);
    cards.upsert(c);
    CHECK(cards.get(c.id)->cancel_reason == CancelReason::lost);
    CHECK(cards.list_for_site(f.issuer.id).size() == 1);
    CHECK(cards.count() == 1);

    Usage u;
    u.id = new_uuid();
    u.card_id = c.id;
    u.venue_site_id = f.venue.id;
    u.used_on = *Date::from_ymd(2024, 4, 5);
    u.children = 2;
    u.anomalies = anomaly_possible_double_use;
    store::UsageRepository uses{f.db};
    uses.insert(u);
    Usage replay = u;
    replay.children = 0;
    uses.insert(replay);  // the same id again: ignored, the first record stands
    CHECK(uses.count() == 1);
    CHECK(uses.get(u.id)->children == 2);
    uses.set_voided(u.id, "keyed twice");
    const auto voided = uses.get(u.id);
    CHECK(voided->voided);
    CHECK(voided->void_reason == "keyed twice");
    CHECK(voided->anomalies == anomaly_possible_double_use);
    CHECK(uses.list_for_card(c.id).size() == 1);
}

TEST_CASE("rules, quotas with adjustments, messages, group visits and users round-trip") {
    Fixture f;
    store::RuleRepository rules{f.db};
    rules.upsert({new_uuid(), RuleScope::venue, f.venue.id, RuleKind::max_tickets_per_event, 4, 0, {}, {}});
    rules.upsert({new_uuid(), RuleScope::area, f.area.id, RuleKind::max_courses_per_year, 2, 0, {}, {}});
    CHECK(rules.list_for_scope(RuleScope::venue, f.venue.id).size() == 1);
    CHECK(rules.list_for_scope(RuleScope::area, f.venue.id).empty());

    store::QuotaRepository quotas{f.db};
    Quota q{new_uuid(), f.issuer.id, *Date::from_ymd(2024, 1, 1), *Date::from_ymd(2024, 12, 31), 50};
    quotas.upsert(q);
    quotas.add_adjustment({new_uuid(), q.id, 10, "pilot extension", *Date::from_ymd(2024, 5, 1)});
    quotas.add_adjustment({new_uuid(), q.id, -5, "moved to another issuer", *Date::from_ymd(2024, 6, 1)});
    CHECK(quotas.effective_cards(q.id) == 55);
    CHECK(quotas.adjustments(q.id).size() == 2);

    store::MessageRepository messages{f.db};
    Message m{new_uuid(), "", f.issuer.id, "u1", RecipientKind::site, f.venue.id, "Ryhmäkäynti", "Tervetuloa!",
              "2024-05-01T10:00:00Z"};
    m.thread_id = m.id;
    messages.insert(m);
    CHECK(!messages.is_read(m.id, "u2"));
    messages.mark_read(m.id, "u2", "2024-05-01T11:00:00Z");
    messages.mark_read(m.id, "u2", "2024-05-01T12:00:00Z");  // idempotent
    CHECK(messages.is_read(m.id, "u2"));
    CHECK(messages.thread(m.id).at(0).body == "Tervetuloa!");

    store::GroupVisitRepository visits{f.db};
    GroupVisit g{new_uuid(), f.issuer.id, f.venue.id, "Kevätkonsertti", *Date::from_ymd(2024, 5, 20), 20};
    visits.upsert(g);
    CHECK(visits.seats_taken(g.id) == 0);
    visits.add_signup({new_uuid(), g.id, f.issuer.id, 6});
    visits.add_signup({new_uuid(), g.id, f.issuer.id, 4});
    CHECK(visits.seats_taken(g.id) == 10);

    store::UserRepository users{f.db};
    users.upsert({new_uuid(), "coord-tre", "Area coordinator", Role::coordinator_sote, f.area.id, Language::sv, true});
    const auto u = users.by_login("coord-tre");
    REQUIRE(u);
    CHECK(u->language == Language::sv);
    CHECK(u->role == Role::coordinator_sote);
    CHECK(!users.by_login("nobody"));
}

TEST_CASE("text with quotes, SQL metacharacters and non-ASCII letters is stored verbatim") {
    Fixture f;
    Site s = f.venue;
    s.name = "Kulttuurikeskus 'Ääni'; DROP TABLE site; -- Åsa \"Öljy\" 🎭";
    store::SiteRepository{f.db}.upsert(s);
    CHECK(store::SiteRepository{f.db}.get(s.id)->name == s.name);
    CHECK(store::SiteRepository{f.db}.list().size() == 2);
}

TEST_CASE("a query stops when its interrupt flag is set, and later queries run normally") {
    TempDir dir;
    store::Database db(dir.file("cache.sqlite"));
    // About a hundred million steps: seconds of work unless it is stopped.
    const std::string slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
                             "SELECT SUM(i) FROM n";
    std::atomic<bool> stop{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        stop = true;
    });
    const auto started = std::chrono::steady_clock::now();
    {
        store::InterruptScope scope(db, &stop);
        long long sum = 0;
        const auto run_slow = [&] { db.sql() << slow, soci::into(sum); };
        CHECK_THROWS_WITH(run_slow(), doctest::Contains("interrupt"));
    }
    stopper.join();
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    // The scope ended: the flag no longer matters.
    long long count = 0;
    db.sql() << "SELECT COUNT(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                "SELECT i FROM n)",
        soci::into(count);
    CHECK(count == 100000);
    // A null flag installs nothing.
    store::InterruptScope none(db, nullptr);
    db.sql() << "SELECT 41 + 1", soci::into(count);
    CHECK(count == 42);
}
