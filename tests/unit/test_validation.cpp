#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/card_id.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"

using namespace kaiku::core;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// Exactly one error, on `field`, with `code`, and a message.
void check_only(const Errors& errors, const std::string& field, const std::string& code) {
    CAPTURE(to_string(errors));
    CHECK(errors.size() == 1);
    if (errors.size() != 1) return;
    CHECK(errors[0].field == field);
    CHECK(errors[0].code == code);
    CHECK(errors[0].message.size() > 10);
    CHECK(errors[0].message.back() == '.');
}

bool has(const Errors& errors, const std::string& field, const std::string& code) {
    for (const auto& e : errors)
        if (e.field == field && e.code == code) return true;
    return false;
}

// Applies `change` to a copy of `valid` and expects exactly one error.
template <class T, class... Extra>
void expect(const T& valid, std::function<void(T&)> change, const std::string& field, const std::string& code,
            const Extra&... extra) {
    T copy = valid;
    change(copy);
    check_only(validate(copy, extra...), field, code);
}

Area valid_area() {
    Area a;
    a.id = new_uuid();
    a.prefix = "TRE";
    a.name_fi = "Tampere";
    a.name_sv = "Tammerfors";
    a.status = AreaStatus::permanent;
    a.pilot_start = ymd(2019, 1, 1);
    a.pilot_end = ymd(2019, 12, 31);
    a.municipalities = {{"837", "Tampere", "Tammerfors", 2019}, {"211", "Kangasala", "Kangasala", 2021},
                        {"980", "Ylöjärvi", "Ylöjärvi", 0}};
    return a;
}

Site valid_site() {
    Site s;
    s.id = new_uuid();
    s.organisation_id = new_uuid();
    s.area_id = new_uuid();
    s.role = SiteRole::venue;
    s.name = "Tampereen Teatteri";
    s.street_address = "Keskustori 2";
    s.postcode = "33100";
    s.municipality_code = "837";
    s.status = SiteStatus::active;
    s.contact = {"Maija Meikäläinen", "maija@example.fi", "+358 40 123 4567"};
    s.commitment_acknowledged_on = ymd(2025, 1, 15);
    s.commitment_version = "2025-1";
    return s;
}

HolderProfile valid_holder() { return {1980, "33100", 2, Gender::female, LifeSituation::unemployed, AgeGroup::age_30_64}; }

Usage valid_usage() {
    Usage u;
    u.id = new_uuid();
    u.card_id = "TRE-000123-K";
    u.venue_site_id = new_uuid();
    u.event = "Peppi Pitkätossu";
    u.used_on = ymd(2024, 5, 4);
    u.adults = 1;
    u.children = 2;
    return u;
}

Card valid_card() {
    Card c;
    c.id = "TRE-000123-K";
    c.area_id = new_uuid();
    c.batch_id = new_uuid();
    c.status = CardStatus::activated;
    c.issuer_site_id = new_uuid();
    c.registered_on = ymd(2024, 3, 1);
    c.valid_until = ymd(2025, 2, 28);
    c.activated_on = ymd(2024, 3, 10);
    c.holder = valid_holder();
    return c;
}

}  // namespace

TEST_CASE("validation: small checks") {
    CHECK(is_valid_postcode("00100"));
    CHECK_FALSE(is_valid_postcode("0010"));
    CHECK_FALSE(is_valid_postcode("001000"));
    CHECK_FALSE(is_valid_postcode("0010a"));
    CHECK_FALSE(is_valid_postcode(" 0010"));
    CHECK(is_valid_municipality_code("091"));
    CHECK_FALSE(is_valid_municipality_code("91"));
    CHECK_FALSE(is_valid_municipality_code("0911"));

    // Y-tunnus: weights 7,9,10,5,8,4,2.
    CHECK(is_valid_business_id("0112038-9"));  // sum 57, remainder 2 -> 9
    CHECK(is_valid_business_id("1572860-0"));  // remainder 0 -> 0
    CHECK(is_valid_business_id("0201256-6"));
    CHECK(is_valid_business_id("1000000-4"));  // remainder 7 -> 4
    CHECK_FALSE(is_valid_business_id("0112038-8"));
    CHECK_FALSE(is_valid_business_id("1572860-1"));
    CHECK_FALSE(is_valid_business_id("1000000-7"));  // the remainder itself is not the check digit
    for (char d = '0'; d <= '9'; ++d) CHECK_FALSE(is_valid_business_id(std::string("0000102-") + d));  // remainder 1
    CHECK_FALSE(is_valid_business_id("0112038-X"));
    CHECK_FALSE(is_valid_business_id("01120389"));
    CHECK_FALSE(is_valid_business_id("0112038 9"));
    CHECK_FALSE(is_valid_business_id("112038-9"));
    CHECK_FALSE(is_valid_business_id(" 0112038-9"));
    CHECK_FALSE(is_valid_business_id("0112038-9 "));

    CHECK(is_plausible_email("maija.meikalainen@tampere.fi"));
    CHECK(is_plausible_email("a+b@sub.example.org"));
    CHECK_FALSE(is_plausible_email("maija"));
    CHECK_FALSE(is_plausible_email("@tampere.fi"));
    CHECK_FALSE(is_plausible_email("maija@"));
    CHECK_FALSE(is_plausible_email("maija@tampere"));
    CHECK_FALSE(is_plausible_email("maija@tampere.f"));
    CHECK_FALSE(is_plausible_email("maija@@tampere.fi"));
    CHECK_FALSE(is_plausible_email("maija @tampere.fi"));
    CHECK_FALSE(is_plausible_email("maija@.tampere.fi"));
    CHECK_FALSE(is_plausible_email("maija@tampere..fi"));
    CHECK_FALSE(is_plausible_email("a@b.fi, c@d.fi"));

    CHECK(is_plausible_phone("+358 40 123 4567"));
    CHECK(is_plausible_phone("(03) 565 611"));
    CHECK(is_plausible_phone("040-1234567"));
    CHECK(is_plausible_phone("123456"));
    CHECK_FALSE(is_plausible_phone("12345"));
    CHECK(is_plausible_phone("12345678901234567890"));
    CHECK_FALSE(is_plausible_phone("123456789012345678901"));
    CHECK_FALSE(is_plausible_phone("040 123 456 7 ext"));
    CHECK_FALSE(is_plausible_phone("040+1234567"));
    CHECK_FALSE(is_plausible_phone(""));

    CHECK(trimmed("  a b \t\r\n") == "a b");
    CHECK(trimmed(" \n ") == "");
}

TEST_CASE("validation: area") {
    const Area a = valid_area();
    CHECK(validate(a).empty());
    expect<Area>(a, [](Area& x) { x.id = ""; }, "id", "required");
    expect<Area>(a, [](Area& x) { x.id = "area-1"; }, "id", "invalid_format");
    expect<Area>(a, [](Area& x) { x.prefix = ""; }, "prefix", "required");
    expect<Area>(a, [](Area& x) { x.prefix = "tre"; }, "prefix", "invalid_format");
    expect<Area>(a, [](Area& x) { x.prefix = "TRE1"; }, "prefix", "invalid_format");
    expect<Area>(a, [](Area& x) { x.name_fi = "  "; }, "name_fi", "required");
    expect<Area>(a, [](Area& x) { x.name_fi = std::string(201, 'a'); }, "name_fi", "too_long");
    expect<Area>(a, [](Area& x) { x.name_en = std::string(201, 'a'); }, "name_en", "too_long");
    {
        Area x = a;
        x.name_fi = std::string(200, 'a');
        x.name_sv = "";
        x.name_en = "";
        CHECK(validate(x).empty());
        // Length counts characters, not UTF-8 bytes: 200 'ä' (400 bytes) is fine.
        x.name_fi.clear();
        for (int i = 0; i < 200; ++i) x.name_fi += "ä";
        CHECK(validate(x).empty());
        x.name_fi += "ä";
        check_only(validate(x), "name_fi", "too_long");
    }
    expect<Area>(a, [](Area& x) { x.pilot_end = ymd(2018, 12, 31); }, "pilot_end", "out_of_range");
    {
        Area x = a;
        x.pilot_end = x.pilot_start;  // a one-day pilot is allowed
        CHECK(validate(x).empty());
        x.pilot_start.reset();
        CHECK(validate(x).empty());
    }
    expect<Area>(a, [](Area& x) { x.municipalities[2].code = "98"; }, "municipalities[2].code", "invalid_format");
    expect<Area>(a, [](Area& x) { x.municipalities[1].code = ""; }, "municipalities[1].code", "required");
    expect<Area>(a, [](Area& x) { x.municipalities[2].code = "837"; }, "municipalities[2].code", "invalid_value");
    expect<Area>(a, [](Area& x) { x.municipalities[0].name_fi = ""; }, "municipalities[0].name_fi", "required");
    expect<Area>(a, [](Area& x) { x.municipalities[0].joined_year = 1999; }, "municipalities[0].joined_year",
                 "out_of_range");
    expect<Area>(a, [](Area& x) { x.status = static_cast<AreaStatus>(7); }, "status", "invalid_value");
}

TEST_CASE("validation: organisation and its business id") {
    const Organisation o{new_uuid(), new_uuid(), "Tampereen kaupunki", "0211675-2"};
    CHECK(validate(o).empty());
    {
        Organisation ngo = o;
        ngo.business_id = "";  // NGOs may lack a business id
        CHECK(validate(ngo).empty());
    }
    expect<Organisation>(o, [](Organisation& x) { x.business_id = "0211675-3"; }, "business_id",
                         "invalid_check_character");
    expect<Organisation>(o, [](Organisation& x) { x.business_id = "211675-2"; }, "business_id",
                         "invalid_check_character");
    expect<Organisation>(o, [](Organisation& x) { x.name = ""; }, "name", "required");
    expect<Organisation>(o, [](Organisation& x) { x.area_id = ""; }, "area_id", "required");
    expect<Organisation>(o, [](Organisation& x) { x.id = "x"; }, "id", "invalid_format");
}

TEST_CASE("validation: site and contact") {
    const Site s = valid_site();
    CHECK(validate(s).empty());
    expect<Site>(s, [](Site& x) { x.postcode = "3310"; }, "postcode", "invalid_format");
    expect<Site>(s, [](Site& x) { x.postcode = ""; }, "postcode", "required");
    expect<Site>(s, [](Site& x) { x.municipality_code = "8370"; }, "municipality_code", "invalid_format");
    expect<Site>(s, [](Site& x) { x.municipality_code = ""; }, "municipality_code", "required");
    expect<Site>(s, [](Site& x) { x.contact.email = "maija(at)example.fi"; }, "contact.email", "invalid_format");
    expect<Site>(s, [](Site& x) { x.contact.phone = "12 34"; }, "contact.phone", "invalid_format");
    expect<Site>(s, [](Site& x) { x.contact.name = std::string(201, 'x'); }, "contact.name", "too_long");
    expect<Site>(s, [](Site& x) { x.contact.name = " "; }, "contact.name", "required");
    expect<Site>(s, [](Site& x) { x.name = ""; }, "name", "required");
    expect<Site>(s, [](Site& x) { x.organisation_id = ""; }, "organisation_id", "required");
    expect<Site>(s, [](Site& x) { x.area_id = ""; }, "area_id", "required");
    expect<Site>(s, [](Site& x) { x.street_address = std::string(201, 'k'); }, "street_address", "too_long");
    expect<Site>(s, [](Site& x) { x.commitment_version = ""; }, "commitment_version", "required");
    expect<Site>(s, [](Site& x) { x.role = static_cast<SiteRole>(9); }, "role", "invalid_value");
    {
        Site x = s;  // a proposed site may lack a contact person; e-mail and phone are optional
        x.status = SiteStatus::proposed;
        x.contact = {};
        x.commitment_acknowledged_on.reset();
        x.commitment_version.clear();
        CHECK(validate(x).empty());
        x.status = SiteStatus::paused;
        CHECK(validate(x).empty());
        x.status = SiteStatus::active;
        check_only(validate(x), "contact.name", "required");
    }
    // Contacts validated on their own use the given prefix.
    const Contact bad{"", "nobody", ""};
    check_only(validate(bad, "coordinator"), "coordinator.email", "invalid_format");
    check_only(validate(bad), "contact.email", "invalid_format");
}

TEST_CASE("validation: venue profile") {
    VenueProfile v{new_uuid(), {Category::culture, Category::education}, "Näytökset", "Lipunmyynti", "Esteetön", 4};
    CHECK(validate(v).empty());
    expect<VenueProfile>(v, [](VenueProfile& x) { x.site_id = ""; }, "site_id", "required");
    expect<VenueProfile>(v, [](VenueProfile& x) { x.categories.push_back(Category::culture); }, "categories[2]",
                         "invalid_value");
    expect<VenueProfile>(v, [](VenueProfile& x) { x.offers = std::string(4001, 'o'); }, "offers", "too_long");
    expect<VenueProfile>(v, [](VenueProfile& x) { x.max_tickets_per_event = 0; }, "max_tickets_per_event",
                         "out_of_range");
    {
        VenueProfile x = v;
        x.offers = std::string(4000, 'o');
        x.max_tickets_per_event.reset();
        CHECK(validate(x).empty());
    }
}

TEST_CASE("validation: card batch and allocation") {
    CardBatch b{new_uuid(), new_uuid(), 1000, 1999, CardKind::personal, CardMedium::cardboard, ymd(2024, 1, 10)};
    CHECK(validate(b).empty());
    expect<CardBatch>(b, [](CardBatch& x) { x.last_serial = 999; }, "last_serial", "out_of_range");
    expect<CardBatch>(b, [](CardBatch& x) { x.last_serial = kMaxCardSerial + 1; }, "last_serial", "out_of_range");
    expect<CardBatch>(b, [](CardBatch& x) { x.area_id = ""; }, "area_id", "required");
    {
        CardBatch x = b;
        x.first_serial = 0;
        x.last_serial = 99999;  // exactly 100000 cards
        CHECK(validate(x).empty());
        x.last_serial = 100000;
        check_only(validate(x), "last_serial", "out_of_range");
        x.first_serial = kMaxCardSerial;
        x.last_serial = kMaxCardSerial;
        CHECK(validate(x).empty());
        x.first_serial = kMaxCardSerial + 1;
        x.last_serial = kMaxCardSerial + 1;
        CHECK(has(validate(x), "first_serial", "out_of_range"));
    }

    Allocation a{new_uuid(), b.id, new_uuid(), 1000, 1049, ymd(2024, 2, 1)};
    CHECK(validate(a, b).empty());
    {
        Allocation whole = a;
        whole.last_serial = 1999;
        CHECK(validate(whole, b).empty());
    }
    expect<Allocation>(a, [](Allocation& x) { x.first_serial = 999; }, "first_serial", "out_of_range", b);
    expect<Allocation>(a, [](Allocation& x) { x.last_serial = 2000; }, "last_serial", "out_of_range", b);
    expect<Allocation>(a, [](Allocation& x) { x.last_serial = 1500, x.first_serial = 1501; }, "last_serial",
                       "out_of_range", b);
    expect<Allocation>(a, [](Allocation& x) { x.batch_id = new_uuid(); }, "batch_id", "invalid_value", b);
    expect<Allocation>(a, [](Allocation& x) { x.site_id = ""; }, "site_id", "required", b);
}

TEST_CASE("validation: holder profile and the 16-year boundary") {
    const HolderProfile h = valid_holder();
    CHECK(validate(h, 2024).empty());
    HolderProfile x = h;
    x.birth_year = 2008;  // turns 16 in 2024
    CHECK(validate(x, 2024).empty());
    x.birth_year = 2009;  // turns 15
    check_only(validate(x, 2024), "holder.birth_year", "out_of_range");
    CHECK(validate(x, 2025).empty());
    x.birth_year = 1904;  // 120 this year
    CHECK(validate(x, 2024).empty());
    x.birth_year = 1903;
    check_only(validate(x, 2024), "holder.birth_year", "out_of_range");
    x.birth_year = 0;
    check_only(validate(x, 2024), "holder.birth_year", "out_of_range");

    expect<HolderProfile>(h, [](HolderProfile& y) { y.postcode = "331"; }, "holder.postcode", "invalid_format", 2024);
    expect<HolderProfile>(h, [](HolderProfile& y) { y.postcode = ""; }, "holder.postcode", "required", 2024);
    expect<HolderProfile>(h, [](HolderProfile& y) { y.children = -1; }, "holder.children", "out_of_range", 2024);
    expect<HolderProfile>(h, [](HolderProfile& y) { y.children = 21; }, "holder.children", "out_of_range", 2024);
    expect<HolderProfile>(h, [](HolderProfile& y) { y.gender = static_cast<Gender>(4); }, "holder.gender",
                          "invalid_value", 2024);
    x = h;
    x.children = 20;
    CHECK(validate(x, 2024).empty());
    x.children = 0;
    x.gender = Gender::unspecified;
    x.life_situation = LifeSituation::unspecified;
    x.age_group = AgeGroup::unspecified;
    CHECK(validate(x, 2024).empty());
    x.postcode = "x";
    check_only(validate(x, 2024, "profile"), "profile.postcode", "invalid_format");
}

TEST_CASE("validation: card") {
    const Card c = valid_card();
    CHECK(validate(c).empty());
    expect<Card>(c, [](Card& x) { x.id = "TRE-000123-L"; }, "id", "invalid_check_character");
    expect<Card>(c, [](Card& x) { x.id = "tre000123k"; }, "id", "invalid_format");  // must be stored canonical
    expect<Card>(c, [](Card& x) { x.id = "TRE-123"; }, "id", "invalid_format");
    expect<Card>(c, [](Card& x) { x.area_id = ""; }, "area_id", "required");
    expect<Card>(c, [](Card& x) { x.issuer_site_id = ""; }, "issuer_site_id", "required");
    expect<Card>(c, [](Card& x) { x.valid_until.reset(); }, "valid_until", "required");
    expect<Card>(c, [](Card& x) { x.valid_until = ymd(2024, 2, 29); }, "valid_until", "out_of_range");
    expect<Card>(c, [](Card& x) { x.activated_on.reset(); }, "activated_on", "required");
    expect<Card>(c, [](Card& x) { x.activated_on = ymd(2024, 2, 1); }, "activated_on", "out_of_range");
    expect<Card>(c, [](Card& x) { x.holder.postcode = "1"; }, "holder.postcode", "invalid_format");
    // The age rule is checked against the year of registration.
    expect<Card>(c, [](Card& x) { x.holder.birth_year = 2009; }, "holder.birth_year", "out_of_range");
    {
        Card x = c;
        x.holder.birth_year = 2008;
        CHECK(validate(x).empty());
    }
    expect<Card>(c, [](Card& x) { x.status = CardStatus::cancelled, x.cancelled_on = ymd(2024, 6, 1); },
                 "cancel_reason", "required");
    expect<Card>(c, [](Card& x) { x.status = CardStatus::cancelled, x.cancel_reason = CancelReason::misuse; },
                 "cancelled_on", "required");
    expect<Card>(c, [](Card& x) { x.status = CardStatus::registered, x.registered_on.reset(), x.activated_on.reset(); },
                 "registered_on", "required");
    {
        Card x = c;
        x.status = CardStatus::cancelled;
        x.cancel_reason = CancelReason::lost;
        x.cancelled_on = ymd(2024, 6, 1);
        x.replaced_by = format_card_id("TRE", 124);
        CHECK(validate(x).empty());
        x.replaced_by = "TRE-000124-0";
        CHECK(has(validate(x), "replaced_by", "invalid_check_character"));
        x.replaced_by = x.id;
        check_only(validate(x), "replaced_by", "invalid_value");
    }
    expect<Card>(c, [](Card& x) { x.replaced_by = format_card_id("TRE", 124); }, "replaced_by", "not_allowed");
    {
        Card stock;
        stock.id = format_card_id("TRE", 5);
        stock.area_id = new_uuid();
        CHECK(validate(stock).empty());  // a card in stock has no holder yet
        Card community = c;
        community.kind = CardKind::community;
        community.holder = {};
        CHECK(validate(community).empty());
        community.holder.children = 1;
        check_only(validate(community), "holder.children", "not_allowed");
    }
}

TEST_CASE("validation: usage") {
    const Usage u = valid_usage();
    CHECK(validate(u).empty());
    expect<Usage>(u, [](Usage& x) { x.card_id = "TRE-000123-X"; }, "card_id", "invalid_check_character");
    expect<Usage>(u, [](Usage& x) { x.card_id = "TRE000123K"; }, "card_id", "invalid_format");
    expect<Usage>(u, [](Usage& x) { x.card_id = ""; }, "card_id", "required");
    expect<Usage>(u, [](Usage& x) { x.venue_site_id = ""; }, "venue_site_id", "required");
    expect<Usage>(u, [](Usage& x) { x.adults = -1; }, "adults", "out_of_range");
    expect<Usage>(u, [](Usage& x) { x.adults = 11; }, "adults", "out_of_range");
    expect<Usage>(u, [](Usage& x) { x.children = -1; }, "children", "out_of_range");
    expect<Usage>(u, [](Usage& x) { x.children = 21; }, "children", "out_of_range");
    expect<Usage>(u, [](Usage& x) { x.adults = 0, x.children = 0; }, "adults", "out_of_range");
    expect<Usage>(u, [](Usage& x) { x.voided = true; }, "void_reason", "required");
    expect<Usage>(u, [](Usage& x) { x.event = std::string(201, 'e'); }, "event", "too_long");
    expect<Usage>(u, [](Usage& x) { x.id = ""; }, "id", "required");
    Usage x = u;
    x.adults = 10;
    x.children = 20;
    CHECK(validate(x).empty());
    x.adults = 0;
    x.children = 1;  // children of a community group without the adult counted
    CHECK(validate(x).empty());
    x.event.clear();
    x.voided = true;
    x.void_reason = "Kirjattu kahteen kertaan";
    CHECK(validate(x).empty());
}

TEST_CASE("validation: rule, quota and adjustment") {
    Rule r{new_uuid(), RuleScope::venue, new_uuid(), RuleKind::max_uses_per_card_period, 2, 30, ymd(2024, 1, 1),
           ymd(2024, 12, 31)};
    CHECK(validate(r).empty());
    expect<Rule>(r, [](Rule& x) { x.value = -1; }, "value", "out_of_range");
    expect<Rule>(r, [](Rule& x) { x.period_days = 0; }, "period_days", "out_of_range");
    expect<Rule>(r, [](Rule& x) { x.kind = RuleKind::max_tickets_per_event; }, "period_days", "not_allowed");
    expect<Rule>(r, [](Rule& x) { x.scope_id = ""; }, "scope_id", "required");
    expect<Rule>(r, [](Rule& x) { x.scope = RuleScope::national; }, "scope_id", "not_allowed");
    expect<Rule>(r, [](Rule& x) { x.valid_to = ymd(2023, 12, 31); }, "valid_to", "out_of_range");
    {
        Rule n{new_uuid(), RuleScope::national, "", RuleKind::max_courses_per_year, 0, 0, {}, {}};
        CHECK(validate(n).empty());
    }

    Quota q{new_uuid(), new_uuid(), ymd(2024, 1, 1), ymd(2024, 12, 31), 120};
    CHECK(validate(q).empty());
    expect<Quota>(q, [](Quota& x) { x.period_end = ymd(2023, 12, 31); }, "period_end", "out_of_range");
    expect<Quota>(q, [](Quota& x) { x.cards = -1; }, "cards", "out_of_range");
    expect<Quota>(q, [](Quota& x) { x.site_id = ""; }, "site_id", "required");
    {
        Quota x = q;
        x.cards = 0;
        x.period_end = x.period_start;
        CHECK(validate(x).empty());
    }

    QuotaAdjustment adj{new_uuid(), q.id, -5, "Kortteja palautettiin", ymd(2024, 6, 1)};
    CHECK(validate(adj).empty());
    expect<QuotaAdjustment>(adj, [](QuotaAdjustment& x) { x.delta = 0; }, "delta", "invalid_value");
    expect<QuotaAdjustment>(adj, [](QuotaAdjustment& x) { x.reason = "\t"; }, "reason", "required");
    expect<QuotaAdjustment>(adj, [](QuotaAdjustment& x) { x.quota_id = ""; }, "quota_id", "required");
}

TEST_CASE("validation: message") {
    Message m;
    m.id = new_uuid();
    m.thread_id = m.id;
    m.sender_site_id = new_uuid();
    m.sender_user_id = new_uuid();
    m.recipient_kind = RecipientKind::site;
    m.recipient_id = new_uuid();
    m.subject = "Ryhmäkäynti";
    m.body = "Tervetuloa!";
    CHECK(validate(m).empty());
    expect<Message>(m, [](Message& x) { x.subject = ""; }, "subject", "required");
    expect<Message>(m, [](Message& x) { x.subject = std::string(201, 's'); }, "subject", "too_long");
    expect<Message>(m, [](Message& x) { x.body = " \n"; }, "body", "required");
    expect<Message>(m, [](Message& x) { x.body = std::string(20001, 'b'); }, "body", "too_long");
    expect<Message>(m, [](Message& x) { x.recipient_id = ""; }, "recipient_id", "required");
    expect<Message>(m, [](Message& x) { x.recipient_kind = RecipientKind::area_venues, x.recipient_id = ""; },
                    "recipient_id", "required");
    expect<Message>(m, [](Message& x) { x.recipient_kind = RecipientKind::network; }, "recipient_id", "not_allowed");
    expect<Message>(m, [](Message& x) { x.sender_user_id = ""; }, "sender_user_id", "required");
    Message net = m;
    net.recipient_kind = RecipientKind::network;
    net.recipient_id.clear();
    net.body = std::string(20000, 'b');
    CHECK(validate(net).empty());
}

TEST_CASE("validation: group visit and sign-up") {
    GroupVisit g{new_uuid(), new_uuid(), new_uuid(), "Taidemuseo, opastettu kierros", ymd(2024, 9, 14), 12};
    CHECK(validate(g).empty());
    expect<GroupVisit>(g, [](GroupVisit& x) { x.seats = 0; }, "seats", "out_of_range");
    expect<GroupVisit>(g, [](GroupVisit& x) { x.seats = 501; }, "seats", "out_of_range");
    expect<GroupVisit>(g, [](GroupVisit& x) { x.venue_site_id = ""; }, "venue_site_id", "required");
    expect<GroupVisit>(g, [](GroupVisit& x) { x.event = ""; }, "event", "required");
    {
        GroupVisit x = g;
        x.seats = 500;
        CHECK(validate(x).empty());
    }

    GroupSignup s{new_uuid(), g.id, new_uuid(), 4};
    CHECK(validate(s, g, 8).empty());  // exactly the 4 seats left
    check_only(validate(s, g, 9), "participants", "out_of_range");
    check_only(validate(s, g, 12), "participants", "out_of_range");
    expect<GroupSignup>(s, [](GroupSignup& x) { x.participants = 0; }, "participants", "out_of_range", g, 0);
    expect<GroupSignup>(s, [](GroupSignup& x) { x.visit_id = new_uuid(); }, "visit_id", "invalid_value", g, 0);
    expect<GroupSignup>(s, [](GroupSignup& x) { x.issuer_site_id = ""; }, "issuer_site_id", "required", g, 0);
}

TEST_CASE("validation: user") {
    User u{new_uuid(), "maija.m@tre", "Maija Meikäläinen", Role::issuer_staff, new_uuid(), Language::fi, true};
    CHECK(validate(u).empty());
    expect<User>(u, [](User& x) { x.login = ""; }, "login", "required");
    expect<User>(u, [](User& x) { x.login = "ab"; }, "login", "invalid_format");
    expect<User>(u, [](User& x) { x.login = "Maija"; }, "login", "invalid_format");
    expect<User>(u, [](User& x) { x.login = "maija m"; }, "login", "invalid_format");
    expect<User>(u, [](User& x) { x.login = std::string(65, 'a'); }, "login", "too_long");
    expect<User>(u, [](User& x) { x.scope_id = ""; }, "scope_id", "required");
    expect<User>(u, [](User& x) { x.role = Role::coordinator_sote, x.scope_id = ""; }, "scope_id", "required");
    expect<User>(u, [](User& x) { x.role = Role::national_service; }, "scope_id", "not_allowed");
    expect<User>(u, [](User& x) { x.display_name = ""; }, "display_name", "required");
    User x = u;
    x.login = "abc";
    CHECK(validate(x).empty());
    x.login = std::string(64, 'z');
    CHECK(validate(x).empty());
    x.login = "a_b-c.d@e9";
    CHECK(validate(x).empty());
    x.role = Role::national_service;
    x.scope_id.clear();
    CHECK(validate(x).empty());
}

TEST_CASE("validation: several errors are all reported") {
    Usage u = valid_usage();
    u.card_id = "bad";
    u.venue_site_id = "";
    u.adults = -2;
    const Errors e = validate(u);
    CHECK(e.size() == 3);
    CHECK(has(e, "card_id", "invalid_format"));
    CHECK(has(e, "venue_site_id", "required"));
    CHECK(has(e, "adults", "out_of_range"));
}

TEST_CASE("printed ranges and allocations must not overlap") {
    CardBatch a, b;
    a.id = "a";
    a.first_serial = 1;
    a.last_serial = 100;
    b = a;
    b.id = "b";
    b.first_serial = 101;
    b.last_serial = 200;
    const std::vector<CardBatch> existing = {a};
    CHECK(check_no_overlap(b, existing).empty());
    CHECK(check_no_overlap(a, existing).empty());  // the same batch again
    b.first_serial = 100;
    const auto e = check_no_overlap(b, existing);
    REQUIRE(e.size() == 1);
    CHECK(e[0].field == "first_serial");
    CHECK(e[0].code == "conflict");
    Allocation x, y;
    x.id = "x";
    x.first_serial = 10;
    x.last_serial = 20;
    y.id = "y";
    y.first_serial = 21;
    y.last_serial = 30;
    const std::vector<Allocation> allocated = {x};
    CHECK(check_no_overlap(y, allocated).empty());
    y.first_serial = 5;
    y.last_serial = 10;
    CHECK(check_no_overlap(y, allocated).size() == 1);
}
