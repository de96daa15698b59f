// Every local command, made while the register cannot be reached: the cache shows the change at once, one
// sync delivers it to the real server, and a change the client can know is wrong is refused locally with a
// field-named error. Changes only the register can refuse come back rejected (or as conflicts) and the
// optimistic rows are taken back from the cache.
#include <doctest/doctest.h>

#include "core/card_id.hpp"
#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/engine.hpp"
#include "sync/local_commands.hpp"
#include "sync/outbox.hpp"

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::json;
using test::ServerProcess;
using test::TempDir;

namespace {

core::Date day(const char* iso) {
    return *core::Date::parse(iso);
}

std::string field_of(const sync::LocalResult& r) {
    return r.errors.empty() ? "" : r.errors.front().field;
}
std::string code_of(const sync::LocalResult& r) {
    return r.errors.empty() ? "" : r.errors.front().code;
}

const char* const kUnreachable = "http://127.0.0.1:1";

struct Register : test::DemoRegister {
    Register() : DemoRegister("0.01") {}
    std::string area = fx.area_id("TRE");
    std::string issuer = fx.scope_of("issuer-tre");
    std::string venue = fx.scope_of("venue-tre");

    // A client with the network in its cache, then cut off: the next sync fails, the changes wait.
    void synced(Client& c) { REQUIRE(c.sync(server.url()).ok()); }
    void offline(Client& c) { CHECK(c.sync(kUnreachable).failure == sync::FailureKind::server_unreachable); }
    sync::SyncReport deliver(Client& c) {
        const auto r = c.sync(server.url());
        INFO(r.detail);
        REQUIRE(r.ok());
        return r;
    }

    // Registered cards of the issuer, usable for lifecycle changes.
    std::vector<std::string> live_cards(int n) {
        std::vector<std::string> out;
        soci::rowset<std::string> rs =
            (db.sql().prepare << "SELECT id FROM card WHERE issuer_site_id = :s AND status IN ('registered', "
                                  "'activated') AND kind = 'personal' ORDER BY id",
             soci::use(issuer, "s"));
        for (const auto& id : rs)
            if (static_cast<int>(out.size()) < n) out.push_back(id);
        REQUIRE(static_cast<int>(out.size()) == n);
        return out;
    }
    long long max_serial() {
        long long n = 0;
        db.sql() << "SELECT MAX(last_serial) FROM card_batch WHERE area_id = :a", soci::use(area, "a"), soci::into(n);
        return n;
    }
    std::string other_issuer() {
        std::string id;
        db.sql() << "SELECT id FROM site WHERE area_id = :a AND role = 'issuer' AND id <> :s ORDER BY id LIMIT 1",
            soci::use(area, "a"), soci::use(issuer, "s"), soci::into(id);
        REQUIRE(db.sql().got_data());
        return id;
    }
    std::string mutation_status(const std::string& id) {
        std::string status;
        db.sql() << "SELECT status FROM applied_mutation WHERE mutation_id = :m", soci::use(id, "m"),
            soci::into(status);
        return status;
    }
};

bool confirmed(store::Database& cache, const std::string& table, const std::string& id) {
    soci::indicator ind = soci::i_null;
    long long v = 0;
    cache.sql() << "SELECT server_version FROM " + table + " WHERE " + key_of(table) + " = :i", soci::use(id, "i"),
        soci::into(v, ind);
    return cache.sql().got_data() && ind == soci::i_ok;
}

long long rows_with_id(store::Database& db, const std::string& table, const std::string& id) {
    long long n = 0;
    db.sql() << "SELECT COUNT(*) FROM " + table + " WHERE " + key_of(table) + " = :i", soci::use(id, "i"),
        soci::into(n);
    return n;
}

core::CardBatch new_batch(const std::string& area, long long first, long long count) {
    core::CardBatch b;
    b.area_id = area;
    b.first_serial = static_cast<std::uint32_t>(first);
    b.last_serial = static_cast<std::uint32_t>(first + count - 1);
    b.printed_on = day("2026-01-10");
    return b;
}

core::Allocation new_allocation(const std::string& batch, const std::string& site, long long first, long long last) {
    core::Allocation a;
    a.batch_id = batch;
    a.site_id = site;
    a.first_serial = static_cast<std::uint32_t>(first);
    a.last_serial = static_cast<std::uint32_t>(last);
    a.allocated_on = day("2026-01-15");
    return a;
}

}  // namespace

TEST_CASE("card stock and card changes made offline show at once and reach the register with one sync") {
    Register w;
    Client c(w.dir, "coord", "coord-tre");
    w.synced(c);
    const long long top = w.max_serial();
    const auto cards = w.live_cards(3);
    const std::string renewed = cards[0], cancelled = cards[1], lost = cards[2];

    // batch.create, and a batch overlapping it refused here
    const auto batch = sync::create_batch(c.db, new_batch(w.area, top + 1, 100));
    REQUIRE(batch.ok());
    CHECK(store::CardBatchRepository{c.db}.get(batch.id).has_value());
    const auto overlap = sync::create_batch(c.db, new_batch(w.area, top + 50, 100));
    CHECK(field_of(overlap) == "first_serial");
    CHECK(code_of(overlap) == "conflict");

    // allocation.create: the issuer's stock grows; outside the batch or overlapping another allocation is refused
    store::AllocationRepository allocations{c.db};
    const auto stock_before = allocations.stock_for_site(w.issuer);
    const auto alloc = sync::allocate_cards(c.db, new_allocation(batch.id, w.issuer, top + 1, top + 20));
    REQUIRE(alloc.ok());
    CHECK(allocations.stock_for_site(w.issuer).in_stock() == stock_before.in_stock() + 20);
    const auto outside = sync::allocate_cards(c.db, new_allocation(batch.id, w.issuer, top + 90, top + 120));
    CHECK(field_of(outside) == "last_serial");
    CHECK(code_of(outside) == "out_of_range");
    CHECK(field_of(sync::allocate_cards(c.db, new_allocation(batch.id, w.other_issuer(), top + 10, top + 30))) ==
          "first_serial");
    CHECK(field_of(sync::allocate_cards(c.db, new_allocation(batch.id, w.venue, top + 30, top + 40))) == "site_id");

    // a card of the new stock is registered: stock goes down by one
    const std::string fresh = core::format_card_id("TRE", static_cast<std::uint32_t>(top + 1));
    REQUIRE(sync::register_card(c.db, fresh, w.issuer, day("2026-02-01"), {1990, "33100", 1}).ok());
    CHECK(allocations.stock_for_site(w.issuer).in_stock() == stock_before.in_stock() + 19);

    // card.renew, card.cancel; renewing the cancelled card is refused naming the status
    REQUIRE(sync::renew_card(c.db, renewed, day("2026-03-01")).ok());
    CHECK(store::CardRepository{c.db}.get(renewed)->valid_until >= day("2027-02-28"));
    REQUIRE(sync::cancel_card(c.db, cancelled, core::CancelReason::misuse, day("2026-03-02")).ok());
    CHECK(store::CardRepository{c.db}.get(cancelled)->status == core::CardStatus::cancelled);
    const auto renew_cancelled = sync::renew_card(c.db, cancelled, day("2026-03-03"));
    CHECK(field_of(renew_cancelled) == "status");
    CHECK(field_of(sync::renew_card(c.db, "TRE-12345-X", day("2026-03-03"))) == "card_id");

    // card.replace: old cancelled, new registered with the same holder profile
    const std::string replacement = core::format_card_id("TRE", static_cast<std::uint32_t>(top + 2));
    CHECK(field_of(sync::replace_card(c.db, lost, replacement, core::CancelReason::misuse, day("2026-03-04"))) ==
          "cancel_reason");
    const auto replaced = sync::replace_card(c.db, lost, replacement, core::CancelReason::lost, day("2026-03-04"));
    REQUIRE(replaced.ok());
    CHECK(replaced.id == replacement);
    const auto old_local = *store::CardRepository{c.db}.get(lost);
    const auto new_local = *store::CardRepository{c.db}.get(replacement);
    CHECK(old_local.status == core::CardStatus::cancelled);
    CHECK(old_local.replaced_by == replacement);
    CHECK(new_local.replaces == lost);
    CHECK(new_local.holder.birth_year == old_local.holder.birth_year);
    CHECK(new_local.holder.postcode == old_local.holder.postcode);
    CHECK(new_local.issuer_site_id == old_local.issuer_site_id);

    w.offline(c);
    CHECK(sync::sync_status(c.db).pending == 6);
    CHECK(!confirmed(c.db, "card_batch", batch.id));

    const auto r = w.deliver(c);
    CHECK(r.applied == 6);
    CHECK(r.rejected == 0);
    check_all_delivered(c.db, w.db);
    const auto b = store::CardBatchRepository{w.db}.get(batch.id);
    REQUIRE(b);
    CHECK(b->last_serial == top + 100);
    const auto a = store::AllocationRepository{w.db}.get(alloc.id);
    REQUIRE(a);
    CHECK(a->site_id == w.issuer);
    CHECK(store::CardRepository{w.db}.get(fresh)->batch_id == batch.id);
    CHECK(store::CardRepository{w.db}.get(renewed)->valid_until ==
          store::CardRepository{c.db}.get(renewed)->valid_until);
    CHECK(store::CardRepository{w.db}.get(cancelled)->cancel_reason == core::CancelReason::misuse);
    const auto new_server = store::CardRepository{w.db}.get(replacement);
    REQUIRE(new_server);
    CHECK(new_server->replaces == lost);
    CHECK(new_server->holder.birth_year == old_local.holder.birth_year);
    CHECK(store::CardRepository{w.db}.get(lost)->replaced_by == replacement);
    // The register's stock and this cache's agree; the new rows are confirmed by the pull.
    CHECK(store::AllocationRepository{w.db}.stock_for_site(w.issuer).in_stock() ==
          allocations.stock_for_site(w.issuer).in_stock());
    CHECK(confirmed(c.db, "card_batch", batch.id));
    CHECK(confirmed(c.db, "allocation", alloc.id));
    CHECK(confirmed(c.db, "card", replacement));
    CHECK(client_rows(c.db) == projection(w.db, coordinator_buckets(w.fx, "TRE")));
}

TEST_CASE("changes only the register can refuse are taken back from the cache after sync") {
    Register w;
    Client a(w.dir, "sote", "coord-tre"), b(w.dir, "culture", "culture-tre");
    w.synced(a);
    const long long top = w.max_serial();
    const auto batch = sync::create_batch(a.db, new_batch(w.area, top + 1, 50));
    REQUIRE(batch.ok());
    const std::string card = w.live_cards(1)[0];
    const auto recorded = sync::record_use(a.db, a_use(card, w.venue, "2026-04-01"));
    REQUIRE(recorded.ok());
    const std::string use_id = recorded.id;
    w.deliver(a);
    w.synced(b);

    // A changed row: b renews a card that a cancels meanwhile; b's card shows the register's values again.
    const auto valid_before = store::CardRepository{b.db}.get(card)->valid_until;
    REQUIRE(sync::cancel_card(a.db, card, core::CancelReason::stolen, day("2026-05-01")).ok());
    REQUIRE(sync::renew_card(b.db, card, day("2026-05-02")).ok());
    CHECK(store::CardRepository{b.db}.get(card)->valid_until > valid_before);

    // A created row: overlapping allocations made offline by both coordinators; the second is refused.
    REQUIRE(sync::allocate_cards(a.db, new_allocation(batch.id, w.issuer, top + 1, top + 10)).ok());
    const auto second = sync::allocate_cards(b.db, new_allocation(batch.id, w.other_issuer(), top + 5, top + 15));
    REQUIRE(second.ok());
    CHECK(rows_with_id(b.db, "allocation", second.id) == 1);

    // Both void the same use: the later void is kept as a conflict, the cache shows the register's reason.
    REQUIRE(sync::void_use(a.db, use_id, "wrong card").ok());
    CHECK(field_of(sync::void_use(b.db, use_id, "  ")) == "reason");
    const auto late_void = sync::void_use(b.db, use_id, "double entry");
    REQUIRE(late_void.ok());
    CHECK(store::UsageRepository{b.db}.get(use_id)->void_reason == "double entry");
    CHECK(field_of(sync::void_use(b.db, use_id, "again")) == "usage_id");

    w.offline(a);
    w.offline(b);
    CHECK(w.deliver(a).applied == 3);
    const auto r = w.deliver(b);
    CHECK(r.rejected == 2);
    CHECK(r.conflicts == 1);
    CHECK(w.mutation_status(second.mutation_id) == "rejected");

    const auto card_b = *store::CardRepository{b.db}.get(card);
    CHECK(card_b.status == core::CardStatus::cancelled);
    CHECK(card_b.valid_until == valid_before);
    CHECK(rows_with_id(b.db, "allocation", second.id) == 0);
    CHECK(store::UsageRepository{b.db}.get(use_id)->void_reason == "wrong card");
    CHECK(store::UsageRepository{w.db}.get(use_id)->void_reason == "wrong card");
    const auto rejected = sync::Outbox(b.db).list("rejected");
    REQUIRE(rejected.size() == 2);
    CHECK(rejected[0].type == "card.renew");
    CHECK(rejected[0].last_error.find("status") != std::string::npos);
    CHECK(rejected[1].type == "allocation.create");
    CHECK(rejected[1].last_error.find("first_serial") != std::string::npos);
    CHECK(w.mutation_status(late_void.mutation_id) == "conflict");
    CHECK(sync::sync_status(b.db).pending == 0);
    CHECK(client_rows(b.db) == projection(w.db, coordinator_buckets(w.fx, "TRE")));
}

TEST_CASE("network changes made offline reach the register: organisations, sites, venue profiles, accounts, grants") {
    Register w;
    Client c(w.dir, "coord", "coord-tre");
    w.synced(c);

    core::Organisation org;
    org.area_id = w.area;
    org.name = "Lähiöyhdistys Hervanta ry";
    const auto o = sync::upsert_organisation(c.db, org);
    REQUIRE(o.ok());
    core::Site site;
    site.organisation_id = o.id;
    site.area_id = w.area;
    site.role = core::SiteRole::issuer;
    site.name = "Hervannan olohuone";
    site.postcode = "33720";
    site.municipality_code = "837";
    site.status = core::SiteStatus::proposed;
    const auto s = sync::upsert_site(c.db, site);
    REQUIRE(s.ok());
    CHECK(store::SiteRepository{c.db}.get(s.id)->status == core::SiteStatus::proposed);
    site.id = s.id;
    site.role = core::SiteRole::venue;
    CHECK(field_of(sync::upsert_site(c.db, site)) == "role");
    site.role = core::SiteRole::issuer;
    site.status = core::SiteStatus::active;  // onboarding done
    site.joined_on = day("2026-02-01");
    CHECK(field_of(sync::upsert_site(c.db, site)) == "contact.name");  // an active site has a contact person
    site.contact = {"Maija Mallikas", "maija@example.org", "+358 40 123 4567"};
    REQUIRE(sync::upsert_site(c.db, site).ok());
    org.id = o.id;
    org.name = "Hervannan lähiöyhdistys ry";
    REQUIRE(sync::upsert_organisation(c.db, org).ok());

    core::VenueProfile profile;
    profile.site_id = w.venue;
    profile.categories = {core::Category::culture, core::Category::sports};
    profile.offers = "Konsertit ja uimahalli";
    profile.max_tickets_per_event = 5;
    REQUIRE(sync::upsert_venue_profile(c.db, profile).ok());
    profile.site_id = w.issuer;
    CHECK(field_of(sync::upsert_venue_profile(c.db, profile)) == "site_id");

    core::User staff;
    staff.login = "hervanta-staff";
    staff.display_name = "Hervannan työntekijä";
    staff.role = core::Role::issuer_staff;
    staff.scope_id = s.id;
    CHECK(field_of(sync::create_user(c.db, staff, "short")) == "password");
    const auto u = sync::create_user(c.db, staff, "hervanta-password-1");
    REQUIRE(u.ok());
    CHECK(store::UserRepository{c.db}.by_login("hervanta-staff").has_value());
    CHECK(field_of(sync::add_grant(c.db, u.id, w.venue)) == "site_id");  // issuer staff to a venue
    REQUIRE(sync::add_grant(c.db, u.id, w.issuer).ok());
    REQUIRE(sync::add_grant(c.db, u.id, w.other_issuer()).ok());
    REQUIRE(sync::remove_grant(c.db, u.id, w.other_issuer()).ok());
    CHECK(field_of(sync::remove_grant(c.db, u.id, s.id)) == "site_id");  // the user's own site

    core::Area area;
    area.prefix = "TST";
    area.name_fi = "Testialue";
    area.status = core::AreaStatus::planning;
    CHECK(field_of(sync::upsert_area(c.db, area)) == "id");  // coordinators do not manage areas

    // Only the register knows every login: one taken in another area is refused there, and the row goes.
    core::User taken = staff;
    taken.id.clear();
    taken.login = "issuer-esp";
    const auto dup = sync::create_user(c.db, taken, "another-password-2");
    REQUIRE(dup.ok());

    w.offline(c);
    const auto r = w.deliver(c);
    CHECK(r.applied == 9);
    CHECK(r.rejected == 1);
    CHECK(rows_with_id(c.db, "app_user", dup.id) == 0);
    CHECK(sync::Outbox(c.db).list("rejected").at(0).last_error.find("login") != std::string::npos);
    check_all_delivered(c.db, w.db);

    CHECK(store::OrganisationRepository{w.db}.get(o.id)->name == "Hervannan lähiöyhdistys ry");
    const auto site_server = store::SiteRepository{w.db}.get(s.id);
    REQUIRE(site_server);
    CHECK(site_server->status == core::SiteStatus::active);
    CHECK(store::VenueProfileRepository{w.db}.get(w.venue)->max_tickets_per_event == 5);
    CHECK(store::UserRepository{w.db}.get(u.id)->login == "hervanta-staff");
    std::vector<std::string> granted;
    soci::rowset<std::string> rs =
        (w.db.sql().prepare << "SELECT site_id FROM site_grant WHERE user_id = :u ORDER BY site_id",
         soci::use(u.id, "u"));
    for (const auto& g : rs) granted.push_back(g);
    CHECK(granted == std::vector<std::string>{w.issuer});
    // The password reached the register (the new account signs in) and left the outbox.
    net::HttpClient http(w.server.url());
    test::sign_in(http, "hervanta-staff", "hervanta-password-1");
    for (const auto& e : sync::Outbox(c.db).list("acked")) CHECK(!e.payload.contains("password"));
    CHECK(client_rows(c.db) == projection(w.db, coordinator_buckets(w.fx, "TRE")));

    // The national service adds an area offline.
    Client national(w.dir, "national", "kaikukeskus");
    w.synced(national);
    const auto added = sync::upsert_area(national.db, area);
    REQUIRE(added.ok());
    CHECK(store::AreaRepository{national.db}.get(added.id)->prefix == "TST");
    w.offline(national);
    CHECK(w.deliver(national).applied == 1);
    CHECK(store::AreaRepository{w.db}.get(added.id)->name_fi == "Testialue");
}

TEST_CASE("quotas, adjustments and rules set offline reach the register, with the quota warning") {
    Register w;
    Client a(w.dir, "sote", "coord-tre"), b(w.dir, "culture", "culture-tre");
    w.synced(a);

    core::Quota q;
    q.site_id = w.issuer;
    q.period_start = day("2026-01-01");
    q.period_end = day("2026-12-31");
    q.cards = 3;
    const auto quota = sync::set_quota(a.db, q);
    REQUIRE(quota.ok());
    q.id = quota.id;
    core::Quota for_venue = q;
    for_venue.id.clear();
    for_venue.site_id = w.venue;
    CHECK(field_of(sync::set_quota(a.db, for_venue)) == "site_id");

    // Registrations in the period consume the quota: 2 of 3 used leaves 1 (33 %), then 0 (exhausted).
    for (int i = 0; i < 2; ++i)
        REQUIRE(sync::register_card(a.db, w.fx.free_card(w.issuer, "TRE", i), w.issuer, day("2026-02-01"),
                                    {1980, "33100", 0})
                    .ok());
    auto status = sync::current_quota(a.db, w.issuer, day("2026-06-01"));
    REQUIRE(status);
    CHECK(status->use.consumed == 2);
    CHECK(status->use.remaining() == 1);
    CHECK(status->use.warning() == core::QuotaWarning::none);
    CHECK(!sync::current_quota(a.db, w.issuer, day("2027-06-01")));

    CHECK(field_of(sync::adjust_quota(a.db, q.id, 5, "   ", day("2026-03-01"))) == "reason");
    CHECK(field_of(sync::adjust_quota(a.db, q.id, 0, "nothing", day("2026-03-01"))) == "delta");
    REQUIRE(sync::adjust_quota(a.db, q.id, -1, "Budget cut", day("2026-03-01")).ok());
    status = sync::quota_status(a.db, q.id);
    CHECK(status->use.effective == 2);
    CHECK(status->use.warning() == core::QuotaWarning::exhausted);
    REQUIRE(sync::adjust_quota(a.db, q.id, 18, "New funding", day("2026-03-02")).ok());
    status = sync::quota_status(a.db, q.id);
    CHECK(status->use.effective == 20);
    CHECK(status->use.remaining() == 18);

    core::Rule rule;
    rule.scope = core::RuleScope::area;
    rule.scope_id = w.area;
    rule.kind = core::RuleKind::max_courses_per_year;
    rule.value = 2;
    const auto ru = sync::upsert_rule(a.db, rule);
    REQUIRE(ru.ok());
    rule.scope = core::RuleScope::national;
    rule.scope_id.clear();
    rule.id.clear();
    CHECK(field_of(sync::upsert_rule(a.db, rule)) == "scope");

    w.offline(a);
    CHECK(w.deliver(a).applied == 6);
    check_all_delivered(a.db, w.db);
    CHECK(store::QuotaRepository{w.db}.get(q.id)->cards == 3);
    CHECK(store::QuotaRepository{w.db}.effective_cards(q.id) == 20);
    CHECK(store::QuotaRepository{w.db}.adjustments(q.id).size() == 2);
    CHECK(store::QuotaRepository{w.db}.use(q.id).consumed == 2);
    CHECK(store::RuleRepository{w.db}.get(ru.id)->value == 2);

    // Two coordinators change the same limit offline: the later one is kept as a conflict and its cache shows
    // the register's value again; adjustments of both add up.
    w.synced(b);
    q.cards = 10;
    REQUIRE(sync::set_quota(a.db, q).ok());
    q.cards = 7;
    REQUIRE(sync::set_quota(b.db, q).ok());
    CHECK(store::QuotaRepository{b.db}.get(q.id)->cards == 7);
    REQUIRE(sync::adjust_quota(a.db, q.id, 10, "Autumn", day("2026-09-01")).ok());
    REQUIRE(sync::adjust_quota(b.db, q.id, -5, "Returned", day("2026-09-02")).ok());
    w.deliver(a);
    const auto r = w.deliver(b);
    CHECK(r.conflicts == 1);
    CHECK(store::QuotaRepository{b.db}.get(q.id)->cards == 10);
    CHECK(store::QuotaRepository{w.db}.effective_cards(q.id) == 10 - 1 + 18 + 10 - 5);
    CHECK(sync::quota_status(b.db, q.id)->use.effective == 32);
    check_all_delivered(b.db, w.db);
}

TEST_CASE("messages, announcements, read receipts and group visits made offline reach the register") {
    Register w;
    Client venue(w.dir, "venue", "venue-tre"), issuer(w.dir, "issuer", "issuer-tre"),
        coord(w.dir, "coord", "coord-tre");
    w.synced(venue);
    w.synced(issuer);
    w.synced(coord);

    // A venue writes to an issuer; the issuer replies in the thread and marks the message read.
    core::Message m;
    m.sender_site_id = w.venue;
    m.recipient_kind = core::RecipientKind::site;
    m.recipient_id = w.issuer;
    m.subject = "Free seats on Friday";
    m.body = "We have ten seats left for the concert.";
    const auto sent = sync::post_message(venue.db, m);
    REQUIRE(sent.ok());
    CHECK(store::MessageRepository{venue.db}.thread(sent.id).size() == 1);
    m.sender_site_id.clear();
    CHECK(field_of(sync::post_message(venue.db, m)) == "sender_site_id");  // staff write from their site
    w.offline(venue);
    w.deliver(venue);
    w.deliver(issuer);
    const auto reply = sync::reply_message(issuer.db, sent.id, w.issuer, "Thank you, we bring a group.");
    REQUIRE(reply.ok());
    const auto thread = store::MessageRepository{issuer.db}.thread(sent.id);
    REQUIRE(thread.size() == 2);
    CHECK(thread[1].subject == "Re: Free seats on Friday");
    CHECK(thread[1].recipient_id == w.venue);
    const auto me = store::StateRepository{issuer.db}.get("user_id").value_or("");
    REQUIRE(sync::mark_message_read(issuer.db, sent.id).ok());
    CHECK(store::MessageRepository{issuer.db}.is_read(sent.id, me));
    CHECK(field_of(sync::mark_message_read(issuer.db, "0190f3a0-0000-7000-8000-000000000000")) == "message_id");

    // Announcements: the coordinator to the area's issuers; the whole network is for the national service only.
    core::Message news;
    news.recipient_kind = core::RecipientKind::area_issuers;
    news.recipient_id = w.area;
    news.subject = "New cards have arrived";
    news.body = "Order your stock by Friday.";
    const auto announced = sync::post_message(coord.db, news);
    REQUIRE(announced.ok());
    news.recipient_kind = core::RecipientKind::network;
    news.recipient_id.clear();
    news.id.clear();
    news.thread_id.clear();
    CHECK(field_of(sync::post_message(coord.db, news)) == "recipient_kind");

    // A group visit of 10 seats.
    core::GroupVisit visit;
    visit.organiser_site_id = w.issuer;
    visit.venue_site_id = w.venue;
    visit.event = "Konsertti";
    visit.visit_on = day("2026-12-04");
    visit.seats = 10;
    const auto gv = sync::create_group_visit(issuer.db, visit);
    REQUIRE(gv.ok());
    visit.id.clear();
    visit.venue_site_id = w.issuer;
    CHECK(field_of(sync::create_group_visit(issuer.db, visit)) == "venue_site_id");

    w.offline(issuer);
    w.offline(coord);
    CHECK(w.deliver(issuer).applied == 3);
    CHECK(w.deliver(coord).applied == 1);
    check_all_delivered(issuer.db, w.db);
    check_all_delivered(coord.db, w.db);
    const auto on_server = store::MessageRepository{w.db}.thread(sent.id);
    REQUIRE(on_server.size() == 2);
    CHECK(on_server[1].sender_site_id == w.issuer);
    CHECK(on_server[1].sender_user_id == me);
    CHECK(store::MessageRepository{w.db}.is_read(sent.id, me));
    CHECK(store::MessageRepository{w.db}.get(announced.id)->recipient_kind == core::RecipientKind::area_issuers);
    CHECK(store::GroupVisitRepository{w.db}.get(gv.id)->seats == 10);
    // The announcement reaches the issuer's cache; the venue sees the reply and the visit.
    w.deliver(issuer);
    CHECK(store::MessageRepository{issuer.db}.get(announced.id).has_value());
    w.deliver(venue);
    CHECK(store::MessageRepository{venue.db}.thread(sent.id).size() == 2);
    CHECK(store::GroupVisitRepository{venue.db}.get(gv.id).has_value());

    // Sign-ups are counts: 4 fit, 7 more do not. The coordinator, whose cache does not know the 4 yet, signs
    // up 8 from another issuer: the register counts 4 + 8 > 10 and refuses; the optimistic sign-up goes.
    core::GroupSignup signup;
    signup.visit_id = gv.id;
    signup.issuer_site_id = w.issuer;
    signup.participants = 4;
    REQUIRE(sync::sign_up_group_visit(issuer.db, signup).ok());
    signup.id.clear();
    signup.participants = 7;
    CHECK(field_of(sync::sign_up_group_visit(issuer.db, signup)) == "participants");
    CHECK(store::GroupVisitRepository{issuer.db}.seats_taken(gv.id) == 4);
    signup.issuer_site_id = w.other_issuer();
    signup.participants = 8;
    const auto late = sync::sign_up_group_visit(coord.db, signup);
    REQUIRE(late.ok());
    CHECK(store::GroupVisitRepository{coord.db}.seats_taken(gv.id) == 8);
    CHECK(w.deliver(issuer).applied == 1);
    const auto r = w.deliver(coord);
    CHECK(r.rejected == 1);
    CHECK(rows_with_id(coord.db, "group_signup", late.id) == 0);
    CHECK(store::GroupVisitRepository{coord.db}.seats_taken(gv.id) == 4);
    CHECK(store::GroupVisitRepository{w.db}.seats_taken(gv.id) == 4);
    CHECK(sync::Outbox(coord.db).list("rejected").at(0).last_error.find("participants") != std::string::npos);
    check_all_delivered(coord.db, w.db);
}
