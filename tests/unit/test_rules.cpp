#include <doctest/doctest.h>

#include <vector>

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/rules.hpp"
#include "core/uuid.hpp"

using namespace kaiku::core;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

const std::string kArea = "0190a1b2-c3d4-7e5f-8a9b-0000000000a1";
const std::string kVenue = "0190a1b2-c3d4-7e5f-8a9b-0000000000f1";
const std::string kOtherVenue = "0190a1b2-c3d4-7e5f-8a9b-0000000000f2";

Card card() {
    Card c;
    c.id = format_card_id("TRE", 123);
    c.area_id = kArea;
    c.status = CardStatus::registered;
    c.issuer_site_id = "0190a1b2-c3d4-7e5f-8a9b-0000000000e1";
    c.registered_on = ymd(2024, 1, 15);
    c.valid_until = validity_end(ymd(2024, 1, 15));  // 2025-01-14
    c.holder = {1980, "33100", 2, {}, {}, {}};
    return c;
}

Usage use(Date on, int adults = 1, int children = 0, std::string venue = kVenue, std::string event = "Konsertti") {
    Usage u;
    u.id = new_uuid();
    u.card_id = format_card_id("TRE", 123);
    u.venue_site_id = std::move(venue);
    u.event = std::move(event);
    u.used_on = on;
    u.adults = adults;
    u.children = children;
    return u;
}

Rule rule(RuleScope scope, std::string scope_id, RuleKind kind, int value, int period_days = 0) {
    Rule r;
    r.id = new_uuid();
    r.scope = scope;
    r.scope_id = std::move(scope_id);
    r.kind = kind;
    r.value = value;
    r.period_days = period_days;
    return r;
}

unsigned flags(const Card& c, const Usage& u, const VenueProfile* venue = nullptr, const std::vector<Rule>& rules = {},
               const std::vector<Usage>& earlier = {}) {
    const auto check = evaluate_use(c, u, venue, rules, earlier, kArea);
    CHECK(check.ok());
    return check.anomalies;
}

}  // namespace

TEST_CASE("rules: a normal use has no anomalies") {
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 2)) == anomaly_none);
    CHECK(flags(card(), use(ymd(2024, 1, 15))) == anomaly_none);  // first day
    CHECK(flags(card(), use(ymd(2025, 1, 14))) == anomaly_none);  // last valid day
}

TEST_CASE("rules: blocking errors") {
    Usage u = use(ymd(2024, 2, 1), 0, 0);
    auto check = evaluate_use(card(), u, nullptr, {}, {}, kArea);
    CHECK_FALSE(check.ok());
    REQUIRE(check.errors.size() == 1);
    CHECK(check.errors[0].field == "adults");

    u = use(ymd(2024, 2, 1));
    u.card_id = format_card_id("TRE", 124);
    check = evaluate_use(card(), u, nullptr, {}, {}, kArea);
    REQUIRE(check.errors.size() == 1);
    CHECK(check.errors[0].field == "card_id");
    CHECK(check.errors[0].code == "invalid_value");

    u.card_id = "TRE-000123-Q";
    check = evaluate_use(card(), u, nullptr, {}, {}, kArea);
    CHECK(check.errors.size() == 2);
    CHECK(check.errors[0].code == "invalid_check_character");
}

TEST_CASE("rules: card state anomalies") {
    Card stock = card();
    stock.status = CardStatus::in_stock;
    stock.registered_on.reset();
    stock.valid_until.reset();
    CHECK(flags(stock, use(ymd(2024, 2, 1))) == anomaly_card_not_registered);

    CHECK(flags(card(), use(ymd(2025, 1, 15))) == anomaly_card_expired);
    CHECK(flags(card(), use(ymd(2024, 1, 14))) == anomaly_card_expired);  // before registration

    Card cancelled = card();
    REQUIRE(cancel_card(cancelled, CancelReason::stolen, ymd(2024, 6, 1)).empty());
    CHECK(flags(cancelled, use(ymd(2024, 6, 1))) == anomaly_card_cancelled);
    CHECK(flags(cancelled, use(ymd(2024, 5, 31))) == anomaly_none);  // keyed in later, used before cancelling
    CHECK(flags(cancelled, use(ymd(2025, 2, 1))) == (anomaly_card_cancelled | anomaly_card_expired));
}

TEST_CASE("rules: children") {
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 2)) == anomaly_none);
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 3)) == anomaly_too_many_children);
    Usage course = use(ymd(2024, 2, 1), 1, 1);
    course.item = UsageItem::course_place;  // children are not entitled to course places
    CHECK(flags(card(), course) == anomaly_too_many_children);
    course.children = 0;
    CHECK(flags(card(), course) == anomaly_none);

    Card community = card();
    community.kind = CardKind::community;
    community.holder = {};
    CHECK(flags(community, use(ymd(2024, 2, 1), 2, 6)) == anomaly_none);
}

TEST_CASE("rules: possible double use") {
    const Date day = ymd(2024, 3, 3);
    // Same day, other venue.
    CHECK(flags(card(), use(day), nullptr, {}, {use(day, 1, 0, kOtherVenue, "Ooppera")}) ==
          anomaly_possible_double_use);
    // Same day, same venue, same event.
    CHECK(flags(card(), use(day), nullptr, {}, {use(day)}) == anomaly_possible_double_use);
    // Same day, same venue, another event: fine (matinee and evening show).
    CHECK(flags(card(), use(day), nullptr, {}, {use(day, 1, 0, kVenue, "Iltanäytös")}) == anomaly_none);
    // Another day: fine.
    CHECK(flags(card(), use(day), nullptr, {}, {use(day.plus_days(1)), use(day.plus_days(-1))}) == anomaly_none);
    // Voided uses, the record itself and other cards' uses do not count.
    Usage voided = use(day);
    voided.voided = true;
    voided.void_reason = "Virhe";
    const Usage self = use(day);
    Usage other_card = use(day);
    other_card.card_id = format_card_id("TRE", 124);
    CHECK(flags(card(), self, nullptr, {}, {voided, self, other_card}) == anomaly_none);
}

TEST_CASE("rules: venue ticket cap") {
    VenueProfile venue;
    venue.site_id = kVenue;
    venue.max_tickets_per_event = 2;
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 1), &venue) == anomaly_none);
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 2), &venue) == anomaly_venue_cap_exceeded);

    // Rules: matching scopes apply, the smallest cap wins.
    const auto cap = [](RuleScope s, std::string id, int v) { return rule(s, std::move(id), RuleKind::max_tickets_per_event, v); };
    const Usage three = use(ymd(2024, 2, 1), 1, 2);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::venue, kVenue, 2)}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::venue, kVenue, 3)}) == anomaly_none);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::venue, kOtherVenue, 1)}) == anomaly_none);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::area, kArea, 2)}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::area, "0190a1b2-c3d4-7e5f-8a9b-0000000000a2", 2)}) ==
          anomaly_none);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::national, "", 2)}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::offer, "Konsertti", 2)}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), three, nullptr, {cap(RuleScope::offer, "Ooppera", 2)}) == anomaly_none);
    VenueProfile generous = venue;
    generous.max_tickets_per_event = 10;
    CHECK(flags(card(), three, &generous, {cap(RuleScope::area, kArea, 2)}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), three, &venue, {cap(RuleScope::area, kArea, 10)}) == anomaly_venue_cap_exceeded);

    // Validity dates of the rule, inclusive.
    Rule timed = cap(RuleScope::venue, kVenue, 2);
    timed.valid_from = ymd(2024, 2, 1);
    timed.valid_to = ymd(2024, 2, 29);
    CHECK(flags(card(), use(ymd(2024, 2, 1), 1, 2), nullptr, {timed}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), use(ymd(2024, 2, 29), 1, 2), nullptr, {timed}) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), use(ymd(2024, 1, 31), 1, 2), nullptr, {timed}) == anomaly_none);
    CHECK(flags(card(), use(ymd(2024, 3, 1), 1, 2), nullptr, {timed}) == anomaly_none);
}

TEST_CASE("rules: courses per calendar year") {
    const auto course = [](Date on, std::string venue = kVenue) {
        Usage u = use(on, 1, 0, std::move(venue), "Kurssi " + on.iso());
        u.item = UsageItem::course_place;
        u.category = Category::education;
        return u;
    };
    const std::vector<Rule> area_rule{rule(RuleScope::area, kArea, RuleKind::max_courses_per_year, 2)};
    const std::vector<Usage> one{course(ymd(2024, 2, 1), kOtherVenue)};
    const std::vector<Usage> two{course(ymd(2024, 2, 1), kOtherVenue), course(ymd(2024, 9, 1))};
    CHECK(flags(card(), course(ymd(2024, 10, 1)), nullptr, area_rule, one) == anomaly_none);
    CHECK(flags(card(), course(ymd(2024, 10, 1)), nullptr, area_rule, two) == anomaly_venue_cap_exceeded);
    // A new calendar year starts afresh (the card is still valid on 2025-01-10).
    CHECK(flags(card(), course(ymd(2025, 1, 10)), nullptr, area_rule, two) == anomaly_none);
    // Tickets are not courses.
    CHECK(flags(card(), use(ymd(2024, 10, 1)), nullptr, area_rule, two) == anomaly_none);
    // A venue rule counts only the courses at that venue.
    const std::vector<Rule> venue_rule{rule(RuleScope::venue, kVenue, RuleKind::max_courses_per_year, 1)};
    CHECK(flags(card(), course(ymd(2024, 10, 1)), nullptr, venue_rule, one) == anomaly_none);
    CHECK(flags(card(), course(ymd(2024, 10, 1)), nullptr, venue_rule, two) == anomaly_venue_cap_exceeded);
    // A rule value of 0 means no courses at all.
    const std::vector<Rule> none{rule(RuleScope::national, "", RuleKind::max_courses_per_year, 0)};
    CHECK(flags(card(), course(ymd(2024, 10, 1)), nullptr, none) == anomaly_venue_cap_exceeded);
}

TEST_CASE("rules: uses per card per period") {
    const std::vector<Rule> weekly{rule(RuleScope::venue, kVenue, RuleKind::max_uses_per_card_period, 1, 7)};
    const Date day = ymd(2024, 3, 10);
    // The 7-day period ends on the day of use: 4..10 March.
    CHECK(flags(card(), use(day), nullptr, weekly, {use(ymd(2024, 3, 4), 1, 0, kVenue, "Aiempi")}) ==
          anomaly_venue_cap_exceeded);
    CHECK(flags(card(), use(day), nullptr, weekly, {use(ymd(2024, 3, 3), 1, 0, kVenue, "Aiempi")}) == anomaly_none);
    // Uses at other venues do not count towards a venue rule.
    CHECK(flags(card(), use(day), nullptr, weekly, {use(ymd(2024, 3, 8), 1, 0, kOtherVenue)}) == anomaly_none);
    // Later uses (keyed in out of order) are outside the period that ends today.
    CHECK(flags(card(), use(day), nullptr, weekly, {use(ymd(2024, 3, 11), 1, 0, kVenue, "Myöhempi")}) ==
          anomaly_none);
    // An area rule counts all of the card's uses.
    const std::vector<Rule> area{rule(RuleScope::area, kArea, RuleKind::max_uses_per_card_period, 2, 30)};
    const std::vector<Usage> two{use(ymd(2024, 2, 20), 1, 0, kOtherVenue), use(ymd(2024, 3, 1), 1, 0, kVenue, "X")};
    CHECK(flags(card(), use(day), nullptr, area, two) == anomaly_venue_cap_exceeded);
    CHECK(flags(card(), use(day), nullptr, area, {two[1]}) == anomaly_none);
}

TEST_CASE("rules: several anomalies at once") {
    VenueProfile venue;
    venue.site_id = kVenue;
    venue.max_tickets_per_event = 3;
    const unsigned f =
        flags(card(), use(ymd(2025, 2, 1), 1, 4), &venue, {}, {use(ymd(2025, 2, 1), 1, 0, kOtherVenue)});
    CHECK(f == (anomaly_card_expired | anomaly_too_many_children | anomaly_venue_cap_exceeded |
                anomaly_possible_double_use));
}

TEST_CASE("quota warning when 10 percent or less is left, and when nothing is") {
    CHECK(QuotaUse{100, 89}.warning() == QuotaWarning::none);
    CHECK(QuotaUse{100, 90}.warning() == QuotaWarning::low);
    CHECK(QuotaUse{100, 99}.warning() == QuotaWarning::low);
    CHECK(QuotaUse{100, 100}.warning() == QuotaWarning::exhausted);
    CHECK(QuotaUse{100, 120}.remaining() == -20);
    CHECK(QuotaUse{100, 120}.warning() == QuotaWarning::exhausted);
    CHECK(QuotaUse{3, 2}.warning() == QuotaWarning::none);  // 1 of 3 left is a third
    CHECK(QuotaUse{0, 0}.warning() == QuotaWarning::exhausted);
}
