#include <doctest/doctest.h>

#include "core/date.hpp"

using namespace kaiku::core;

namespace {
Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }
}  // namespace

TEST_CASE("date: epoch and round trip") {
    CHECK(ymd(1970, 1, 1).days() == 0);
    CHECK(ymd(2000, 3, 1).days() == 11017);
    CHECK(Date::from_days(-1).iso() == "1969-12-31");
    for (int days = -25567; days < 40000; days += 37) {  // 1900 .. 2079
        const Date d = Date::from_days(days);
        REQUIRE(Date::from_ymd(d.year(), d.month(), d.day()).has_value());
        CHECK(Date::from_ymd(d.year(), d.month(), d.day())->days() == days);
        CHECK(Date::parse(d.iso())->days() == days);
    }
}

TEST_CASE("date: leap years") {
    CHECK(is_leap_year(2024));
    CHECK_FALSE(is_leap_year(2023));
    CHECK_FALSE(is_leap_year(1900));
    CHECK(is_leap_year(2000));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(2023, 2) == 28);
    CHECK(days_in_month(2023, 4) == 30);
    CHECK(days_in_month(2023, 12) == 31);
    CHECK(days_in_month(2023, 13) == 0);
    CHECK(Date::from_ymd(2024, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(2023, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(2100, 2, 29).has_value());
    CHECK(ymd(2024, 3, 1).plus_days(-1) == ymd(2024, 2, 29));
    CHECK(ymd(2023, 3, 1).plus_days(-1) == ymd(2023, 2, 28));
}

TEST_CASE("date: parse accepts only YYYY-MM-DD of a real day") {
    CHECK(Date::parse("2024-02-29") == ymd(2024, 2, 29));
    CHECK(Date::parse("2024-12-31")->iso() == "2024-12-31");
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK_FALSE(Date::parse("2023-13-01"));
    CHECK_FALSE(Date::parse("2023-00-10"));
    CHECK_FALSE(Date::parse("2023-1-01"));
    CHECK_FALSE(Date::parse("2023/01/01"));
    CHECK_FALSE(Date::parse("2023-01-01 "));
    CHECK_FALSE(Date::parse("+023-01-01"));
    CHECK_FALSE(Date::parse("1899-12-31"));
    CHECK_FALSE(Date::parse(""));
}

TEST_CASE("date: plus_months clamps to the month's last day") {
    CHECK(ymd(2023, 1, 31).plus_months(1) == ymd(2023, 2, 28));
    CHECK(ymd(2024, 1, 31).plus_months(1) == ymd(2024, 2, 29));
    CHECK(ymd(2024, 2, 29).plus_months(12) == ymd(2025, 2, 28));
    CHECK(ymd(2024, 2, 29).plus_months(48) == ymd(2028, 2, 29));
    CHECK(ymd(2023, 10, 31).plus_months(1) == ymd(2023, 11, 30));
    CHECK(ymd(2023, 12, 15).plus_months(1) == ymd(2024, 1, 15));
    CHECK(ymd(2024, 3, 31).plus_months(-1) == ymd(2024, 2, 29));
    CHECK(ymd(2024, 1, 15).plus_months(-1) == ymd(2023, 12, 15));
}

TEST_CASE("date: ordering") {
    CHECK(ymd(2023, 12, 31) < ymd(2024, 1, 1));
    CHECK(ymd(2024, 1, 1) == ymd(2023, 12, 31).plus_days(1));
    CHECK(Date::today().year() >= 2024);
}
