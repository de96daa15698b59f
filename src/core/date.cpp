#include "core/date.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace kaiku::core {
namespace {

// Howard Hinnant's civil-date algorithms (public domain description), days since 1970-01-01.
constexpr int days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Ymd {
    int y, m, d;
};

constexpr Ymd civil_from_days(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = yoe + era * 400;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp + (mp < 10 ? 3 : -9);
    return {y + (m <= 2 ? 1 : 0), m, d};
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return from_days(days_from_civil(y, m, d));
}

std::optional<Date> Date::parse(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](size_t pos, size_t len, int& out) {
        for (size_t i = pos; i < pos + len; ++i)
            if (s[i] < '0' || s[i] > '9') return false;
        return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc{};
    };
    int y = 0, m = 0, d = 0;
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
    return from_ymd(y, m, d);
}

Date Date::today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return from_days(days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

std::string Date::iso() const {
    const auto c = civil_from_days(days_);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

Date Date::plus_months(int n) const {
    const auto c = civil_from_days(days_);
    int total = c.y * 12 + (c.m - 1) + n;
    const int y = total / 12;
    const int m = total % 12 + 1;
    const int d = c.d > days_in_month(y, m) ? days_in_month(y, m) : c.d;
    return from_days(days_from_civil(y, m, d));
}

}  // namespace kaiku::core
