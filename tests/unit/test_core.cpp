#include <doctest/doctest.h>

#include <set>

#include "core/enums.hpp"
#include "core/errors.hpp"
#include "core/uuid.hpp"

using namespace kaiku::core;

TEST_CASE("errors: to_string joins field and message") {
    CHECK(to_string(Errors{}) == "");
    const Errors one{{"postcode", "invalid_format", "Postcode must be exactly 5 digits."}};
    CHECK(to_string(one) == "postcode: Postcode must be exactly 5 digits.");
    const Errors two{{"a", "required", "A is required."}, {"b.c", "too_long", "C is too long."}};
    CHECK(to_string(two) == "a: A is required.; b.c: C is too long.");
}

TEST_CASE("uuid: version 7 layout and uniqueness") {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string u = new_uuid();
        REQUIRE(u.size() == 36);
        CHECK(is_uuid(u));
        CHECK(u[14] == '7');
        CHECK((u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b'));
        for (char c : u) CHECK_FALSE((c >= 'A' && c <= 'F'));
        seen.insert(u);
    }
    CHECK(seen.size() == 2000);
}

TEST_CASE("uuid: timestamp prefix orders ids over time") {
    const std::string a = new_uuid();
    // The first 48 bits are the Unix time in milliseconds: at least 2024-01-01 (0x018cc251f400).
    CHECK(a.substr(0, 8) + a.substr(9, 4) >= std::string("018cc251f400"));
    std::string later;
    do {
        later = new_uuid();
    } while (later.substr(0, 13) == a.substr(0, 13));  // wait for the next millisecond
    CHECK(a < later);
}

TEST_CASE("uuid: is_uuid checks the canonical text form") {
    CHECK(is_uuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    CHECK(is_uuid("0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B"));
    CHECK_FALSE(is_uuid(""));
    CHECK_FALSE(is_uuid("0190a1b2c3d47e5f8a9b0c1d2e3f4a5b"));
    CHECK_FALSE(is_uuid("{0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b}"));
    CHECK_FALSE(is_uuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g"));
    CHECK_FALSE(is_uuid("0190a1b2-c3d4-7e5f-8a9b0-c1d2e3f4a5b"));
    CHECK_FALSE(is_uuid("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b "));
}

TEST_CASE("enums: wire names round trip") {
    CHECK(enum_name(CardStatus::activated) == "activated");
    CHECK(enum_parse<CardStatus>("cancelled") == CardStatus::cancelled);
    CHECK(enum_name(AgeGroup::age_65_plus) == "65+");
    CHECK(enum_parse<AgeGroup>("16-29") == AgeGroup::age_16_29);
    CHECK_FALSE(enum_parse<Role>("admin").has_value());
    CHECK(enum_name(static_cast<Category>(99)).empty());
}
