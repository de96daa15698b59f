#include "i18n/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/date.hpp"

namespace kaiku::i18n {

namespace {

bool nordic(const std::string& lang) { return lang == "fi" || lang == "sv"; }

std::string group(const std::string& digits, const std::string& lang) {
    const std::string sep = nordic(lang) ? "\u00A0" : ",";
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        const std::size_t left = n - i - 1;
        if (left > 0 && left % 3 == 0) out += sep;
    }
    return out;
}

}  // namespace

std::string format_date(int year, int month, int day, const std::string& lang) {
    char buf[32];
    if (nordic(lang))
        std::snprintf(buf, sizeof buf, "%d.%d.%d", day, month, year);
    else
        std::snprintf(buf, sizeof buf, "%d-%02d-%02d", year, month, day);
    return buf;
}

std::string format_iso_date(const std::string& iso, const std::string& lang) {
    if (iso.size() < 10) return iso;
    const auto d = core::Date::parse(iso.substr(0, 10));
    return d ? format_date(d->year(), d->month(), d->day(), lang) : iso;
}

std::string format_count(long long n, const std::string& lang) {
    const std::string digits = std::to_string(n < 0 ? -static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n));
    return (n < 0 ? std::string("\u2212") : std::string()) + group(digits, lang);
}

std::string format_decimal(double value, int decimals, const std::string& lang) {
    const double scale = std::pow(10.0, decimals);
    const long long scaled = std::llround(std::fabs(value) * scale);
    const long long whole = scaled / static_cast<long long>(scale);
    std::string out = (value < 0 && scaled != 0 ? std::string("\u2212") : std::string()) + group(std::to_string(whole), lang);
    if (decimals > 0) {
        const long long frac = scaled % static_cast<long long>(scale);
        out += nordic(lang) ? "," : ".";
        const std::string digits = std::to_string(frac);
        out += std::string(static_cast<std::size_t>(decimals) - std::min(digits.size(), std::size_t(decimals)), '0') + digits;
    }
    return out;
}

}  // namespace kaiku::i18n
