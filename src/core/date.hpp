// Civil dates without time zones: the register records days, not instants.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kaiku::core {

class Date {
public:
    constexpr Date() = default;
    // Days since 1970-01-01 (may be negative).
    static constexpr Date from_days(int days) {
        Date d;
        d.days_ = days;
        return d;
    }
    // Returns nullopt for an impossible date (2023-02-30, month 13, year outside 1900..2999).
    static std::optional<Date> from_ymd(int y, int m, int d);
    // Accepts exactly YYYY-MM-DD.
    static std::optional<Date> parse(std::string_view iso);
    // Today in the local time zone of the machine.
    static Date today();

    constexpr int days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    std::string iso() const;  // YYYY-MM-DD

    Date plus_days(int n) const { return from_days(days_ + n); }
    // Same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    Date plus_months(int n) const;

    constexpr auto operator<=>(const Date&) const = default;

private:
    int days_ = 0;
};

bool is_leap_year(int y);
int days_in_month(int y, int m);

}  // namespace kaiku::core
