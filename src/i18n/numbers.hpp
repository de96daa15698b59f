// Numbers and dates written for people in the conventions of a language, whatever locales the system has
// installed: fi and sv write 22.11.2026 and 1 234,5 (no-break space, decimal comma); English writes ISO dates
// (2026-11-22, read the same everywhere) and 1,234.5. Shared by the GUI (ui/format) and kaikuctl. UTF-8.
#pragma once

#include <string>

namespace kaiku::i18n {

// lang: "fi", "sv" or "en" (anything else is treated as English).
std::string format_date(int year, int month, int day, const std::string& lang);
// "YYYY-MM-DD" or a longer ISO text starting with a date: the date part in the language's style; other text as is.
std::string format_iso_date(const std::string& iso, const std::string& lang);
std::string format_count(long long n, const std::string& lang);
std::string format_decimal(double value, int decimals, const std::string& lang);

}  // namespace kaiku::i18n
