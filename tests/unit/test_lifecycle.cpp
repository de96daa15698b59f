#include <doctest/doctest.h>

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"

using namespace kaiku::core;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

const std::string kArea = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const std::string kIssuer = "0190a1b2-c3d4-7e5f-8a9b-00000000000a";

Card stock_card(std::uint32_t serial, CardKind kind = CardKind::personal) {
    Card c;
    c.id = format_card_id("TRE", serial);
    c.area_id = kArea;
    c.batch_id = "0190a1b2-c3d4-7e5f-8a9b-00000000000b";
    c.kind = kind;
    return c;
}

HolderProfile holder() { return {1975, "33500", 1, Gender::male, LifeSituation::retired, AgeGroup::age_30_64}; }

Card registered_card(Date on) {
    Card c = stock_card(123);
    REQUIRE(register_card(c, kIssuer, on, holder(), on.year()).empty());
    return c;
}

bool has(const Errors& errors, const std::string& field, const std::string& code) {
    for (const auto& e : errors)
        if (e.field == field && e.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("lifecycle: validity end is 12 months inclusive") {
    CHECK(validity_end(ymd(2024, 1, 15)) == ymd(2025, 1, 14));
    CHECK(validity_end(ymd(2024, 1, 1)) == ymd(2024, 12, 31));
    CHECK(validity_end(ymd(2023, 3, 1)) == ymd(2024, 2, 29));  // ends on a leap day
    CHECK(validity_end(ymd(2024, 3, 1)) == ymd(2025, 2, 28));
    CHECK(validity_end(ymd(2024, 2, 29)) == ymd(2025, 2, 27));  // 29 Feb + 12 months clamps to 28 Feb
    CHECK(validity_end(ymd(2024, 2, 28)) == ymd(2025, 2, 27));
    CHECK(validity_end(ymd(2023, 12, 31)) == ymd(2024, 12, 30));
    CHECK(validity_end(ymd(2024, 8, 31)) == ymd(2025, 8, 30));
}

TEST_CASE("lifecycle: register") {
    Card c = stock_card(123);
    const auto errors = register_card(c, kIssuer, ymd(2024, 3, 15), holder(), 2024);
    CHECK(errors.empty());
    CHECK(c.status == CardStatus::registered);
    CHECK(c.issuer_site_id == kIssuer);
    CHECK(c.registered_on == ymd(2024, 3, 15));
    CHECK(c.valid_until == ymd(2025, 3, 14));
    CHECK_FALSE(c.activated_on.has_value());
    CHECK(c.holder.birth_year == 1975);
    CHECK(c.holder.children == 1);
    CHECK(validate(c).empty());

    SUBCASE("only from stock") {
        const Card before = c;
        const auto again = register_card(c, kIssuer, ymd(2024, 4, 1), holder(), 2024);
        REQUIRE(again.size() == 1);
        CHECK(again[0].field == "status");
        CHECK(again[0].code == "not_allowed");
        CHECK(c.registered_on == before.registered_on);
        CHECK(c.valid_until == before.valid_until);
    }
}

TEST_CASE("lifecycle: registration checks the holder and the 16-year boundary") {
    Card c = stock_card(7);
    HolderProfile h = holder();
    h.birth_year = 2009;  // turns 15 in 2024
    auto errors = register_card(c, kIssuer, ymd(2024, 12, 31), h, 2024);
    CHECK(has(errors, "holder.birth_year", "out_of_range"));
    CHECK(c.status == CardStatus::in_stock);  // unchanged on error
    CHECK_FALSE(c.registered_on.has_value());

    h.birth_year = 2008;  // turns 16 in 2024, even if the birthday is on 31 December
    CHECK(register_card(c, kIssuer, ymd(2024, 1, 2), h, 2024).empty());
    CHECK(c.status == CardStatus::registered);

    Card d = stock_card(8);
    h.postcode = "335";
    h.children = 21;
    errors = register_card(d, "", ymd(2024, 1, 2), h, 2024);
    CHECK(errors.size() == 3);
    CHECK(has(errors, "holder.postcode", "invalid_format"));
    CHECK(has(errors, "holder.children", "out_of_range"));
    CHECK(has(errors, "issuer_site_id", "required"));
    CHECK(d.status == CardStatus::in_stock);
}

TEST_CASE("lifecycle: community cards record no holder") {
    Card c = stock_card(9, CardKind::community);
    HolderProfile h{};
    h.children = 3;
    auto errors = register_card(c, kIssuer, ymd(2024, 5, 5), h, 2024);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "holder.children");
    CHECK(errors[0].code == "not_allowed");
    CHECK(c.status == CardStatus::in_stock);

    // Other holder fields are not validated and not stored.
    h = {};
    h.birth_year = 1990;
    h.postcode = "bad";
    CHECK(register_card(c, kIssuer, ymd(2024, 5, 5), h, 2024).empty());
    CHECK(c.status == CardStatus::registered);
    CHECK(c.holder.birth_year == 0);
    CHECK(c.holder.postcode.empty());
    CHECK(validate(c).empty());
}

TEST_CASE("lifecycle: status on a date and validity") {
    Card c = registered_card(ymd(2024, 3, 1));
    CHECK(c.valid_until == ymd(2025, 2, 28));
    CHECK(status_on(c, ymd(2025, 2, 28)) == CardStatus::registered);
    CHECK(status_on(c, ymd(2025, 3, 1)) == CardStatus::expired);
    CHECK(is_valid_on(c, ymd(2024, 3, 1)));
    CHECK(is_valid_on(c, ymd(2025, 2, 28)));
    CHECK_FALSE(is_valid_on(c, ymd(2025, 3, 1)));
    CHECK_FALSE(is_valid_on(c, ymd(2024, 2, 29)));  // before registration

    activate_on_use(c, ymd(2024, 4, 1));
    CHECK(status_on(c, ymd(2024, 4, 1)) == CardStatus::activated);
    CHECK(status_on(c, ymd(2026, 1, 1)) == CardStatus::expired);

    Card stored_expired = c;
    stored_expired.status = CardStatus::expired;
    CHECK(status_on(stored_expired, ymd(2025, 3, 1)) == CardStatus::expired);
    CHECK(status_on(stored_expired, ymd(2024, 5, 1)) == CardStatus::activated);
    CHECK(is_valid_on(stored_expired, ymd(2024, 5, 1)));

    Card stock = stock_card(1);
    CHECK(status_on(stock, ymd(2030, 1, 1)) == CardStatus::in_stock);
    CHECK_FALSE(is_valid_on(stock, ymd(2024, 1, 1)));

    REQUIRE(cancel_card(c, CancelReason::misuse, ymd(2024, 6, 1)).empty());
    CHECK(status_on(c, ymd(2030, 1, 1)) == CardStatus::cancelled);
    CHECK(status_on(c, ymd(2024, 5, 1)) == CardStatus::cancelled);
    CHECK(is_valid_on(c, ymd(2024, 5, 31)));  // it was valid before the cancellation
    CHECK_FALSE(is_valid_on(c, ymd(2024, 6, 1)));
}

TEST_CASE("lifecycle: activation on first use") {
    Card c = registered_card(ymd(2024, 3, 1));
    activate_on_use(c, ymd(2024, 2, 20));  // before registration: not a valid use
    CHECK(c.status == CardStatus::registered);
    CHECK_FALSE(c.activated_on.has_value());
    activate_on_use(c, ymd(2025, 3, 1));  // after expiry
    CHECK(c.status == CardStatus::registered);

    activate_on_use(c, ymd(2024, 5, 10));
    CHECK(c.status == CardStatus::activated);
    CHECK(c.activated_on == ymd(2024, 5, 10));
    activate_on_use(c, ymd(2024, 6, 10));  // later use: first use stays
    CHECK(c.activated_on == ymd(2024, 5, 10));
    activate_on_use(c, ymd(2024, 4, 2));  // an earlier paper-form use keyed in later
    CHECK(c.activated_on == ymd(2024, 4, 2));
    CHECK(validate(c).empty());

    Card stock = stock_card(2);
    activate_on_use(stock, ymd(2024, 5, 10));
    CHECK(stock.status == CardStatus::in_stock);
    CHECK_FALSE(stock.activated_on.has_value());
}

TEST_CASE("lifecycle: renewal") {
    SUBCASE("before expiry never shortens") {
        Card c = registered_card(ymd(2024, 3, 1));  // valid until 2025-02-28
        REQUIRE(renew_card(c, ymd(2024, 3, 20)).empty());
        CHECK(c.valid_until == ymd(2025, 3, 19));
        c.valid_until = ymd(2026, 1, 1);  // e.g. an area that extended validity to a pilot's end
        REQUIRE(renew_card(c, ymd(2024, 3, 20)).empty());
        CHECK(c.valid_until == ymd(2026, 1, 1));
    }
    SUBCASE("expired card renewed at month end") {
        Card c = registered_card(ymd(2023, 1, 31));
        CHECK(c.valid_until == ymd(2024, 1, 30));
        activate_on_use(c, ymd(2023, 2, 3));
        c.status = CardStatus::expired;
        REQUIRE(renew_card(c, ymd(2024, 3, 31)).empty());
        CHECK(c.valid_until == ymd(2025, 3, 30));
        CHECK(c.status == CardStatus::activated);  // it was activated before
        CHECK(c.registered_on == ymd(2023, 1, 31));
        CHECK(validate(c).empty());
    }
    SUBCASE("renewed on a leap day") {
        Card c = registered_card(ymd(2023, 2, 1));
        c.status = CardStatus::expired;
        REQUIRE(renew_card(c, ymd(2024, 2, 29)).empty());
        CHECK(c.valid_until == ymd(2025, 2, 27));
        CHECK(c.status == CardStatus::registered);  // never used
    }
    SUBCASE("not from stock or cancelled") {
        Card stock = stock_card(3);
        auto e = renew_card(stock, ymd(2024, 1, 1));
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "status");
        CHECK(e[0].code == "not_allowed");
        CHECK_FALSE(stock.valid_until.has_value());

        Card c = registered_card(ymd(2024, 3, 1));
        REQUIRE(cancel_card(c, CancelReason::lost, ymd(2024, 4, 1)).empty());
        const auto until = c.valid_until;
        e = renew_card(c, ymd(2024, 5, 1));
        CHECK(has(e, "status", "not_allowed"));
        CHECK(c.valid_until == until);
        CHECK(c.status == CardStatus::cancelled);
    }
}

TEST_CASE("lifecycle: cancellation") {
    Card c = registered_card(ymd(2024, 3, 1));
    auto e = cancel_card(c, CancelReason::stolen, ymd(2024, 2, 1));
    CHECK(has(e, "cancelled_on", "out_of_range"));
    CHECK(c.status == CardStatus::registered);

    REQUIRE(cancel_card(c, CancelReason::stolen, ymd(2024, 3, 1)).empty());
    CHECK(c.status == CardStatus::cancelled);
    CHECK(c.cancel_reason == CancelReason::stolen);
    CHECK(c.cancelled_on == ymd(2024, 3, 1));
    CHECK(validate(c).empty());

    e = cancel_card(c, CancelReason::lost, ymd(2024, 4, 1));
    CHECK(has(e, "status", "not_allowed"));
    CHECK(c.cancel_reason == CancelReason::stolen);

    Card stock = stock_card(4);
    CHECK(has(cancel_card(stock, CancelReason::data_error, ymd(2024, 1, 1)), "status", "not_allowed"));
    CHECK(stock.status == CardStatus::in_stock);

    Card expired = registered_card(ymd(2022, 1, 1));
    expired.status = CardStatus::expired;
    CHECK(cancel_card(expired, CancelReason::data_error, ymd(2024, 1, 1)).empty());
    CHECK(expired.status == CardStatus::cancelled);
}

TEST_CASE("lifecycle: replacing a lost card") {
    Card old_card = registered_card(ymd(2024, 1, 10));
    activate_on_use(old_card, ymd(2024, 2, 1));
    Card new_card = stock_card(500);

    SUBCASE("lost card replaced") {
        REQUIRE(replace_card(old_card, new_card, CancelReason::lost, ymd(2024, 6, 5), 2024).empty());
        CHECK(old_card.status == CardStatus::cancelled);
        CHECK(old_card.cancel_reason == CancelReason::lost);
        CHECK(old_card.cancelled_on == ymd(2024, 6, 5));
        CHECK(old_card.replaced_by == new_card.id);
        CHECK(new_card.replaces == old_card.id);
        CHECK(new_card.status == CardStatus::registered);
        CHECK(new_card.registered_on == ymd(2024, 6, 5));
        CHECK(new_card.valid_until == ymd(2025, 6, 4));
        CHECK(new_card.issuer_site_id == old_card.issuer_site_id);
        CHECK(new_card.holder.birth_year == old_card.holder.birth_year);
        CHECK(new_card.holder.postcode == old_card.holder.postcode);
        CHECK(new_card.holder.children == old_card.holder.children);
        CHECK(validate(old_card).empty());
        CHECK(validate(new_card).empty());
    }
    SUBCASE("only lost or stolen") {
        const auto e = replace_card(old_card, new_card, CancelReason::misuse, ymd(2024, 6, 5), 2024);
        CHECK(has(e, "cancel_reason", "not_allowed"));
        CHECK(old_card.status == CardStatus::activated);
        CHECK(new_card.status == CardStatus::in_stock);
        CHECK(old_card.replaced_by.empty());
    }
    SUBCASE("new card must be in stock, same area and kind") {
        Card used = registered_card(ymd(2024, 1, 1));
        used.id = format_card_id("TRE", 501);
        CHECK(has(replace_card(old_card, used, CancelReason::stolen, ymd(2024, 6, 5), 2024), "new_card.status",
                  "not_allowed"));
        Card other_area = stock_card(502);
        other_area.area_id = "0190a1b2-c3d4-7e5f-8a9b-ffffffffffff";
        CHECK(has(replace_card(old_card, other_area, CancelReason::stolen, ymd(2024, 6, 5), 2024),
                  "new_card.area_id", "invalid_value"));
        Card community = stock_card(503, CardKind::community);
        CHECK(has(replace_card(old_card, community, CancelReason::stolen, ymd(2024, 6, 5), 2024), "new_card.kind",
                  "invalid_value"));
        Card same = stock_card(123);
        CHECK(has(replace_card(old_card, same, CancelReason::stolen, ymd(2024, 6, 5), 2024), "new_card.id",
                  "invalid_value"));
        CHECK(old_card.status == CardStatus::activated);
        CHECK(other_area.status == CardStatus::in_stock);
    }
    SUBCASE("old card must be cancellable") {
        REQUIRE(cancel_card(old_card, CancelReason::lost, ymd(2024, 5, 1)).empty());
        const auto e = replace_card(old_card, new_card, CancelReason::lost, ymd(2024, 6, 5), 2024);
        CHECK(has(e, "status", "not_allowed"));
        CHECK(new_card.status == CardStatus::in_stock);
        CHECK(old_card.replaced_by.empty());
    }
}
