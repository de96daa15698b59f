// The shared i18n library: numbers and dates per language, the language the environment asks for, and
// catalogues of one language read from the built catalogue (build/share/locale).
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "i18n/catalog.hpp"
#include "i18n/numbers.hpp"

using namespace kaiku;

namespace {

// Sets the locale variables for one check and restores them afterwards.
class LanguageEnvironment {
public:
    explicit LanguageEnvironment(const std::map<std::string, std::string>& values) {
        for (const char* name : kNames) {
            if (const char* v = std::getenv(name)) saved_[name] = v;
            unsetenv(name);
        }
        for (const auto& [name, value] : values) setenv(name.c_str(), value.c_str(), 1);
    }
    ~LanguageEnvironment() {
        for (const char* name : kNames) {
            unsetenv(name);
            if (auto it = saved_.find(name); it != saved_.end()) setenv(name, it->second.c_str(), 1);
        }
    }

private:
    static constexpr const char* kNames[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    std::map<std::string, std::string> saved_;
};

std::string env_language(const std::map<std::string, std::string>& values) {
    LanguageEnvironment env(values);
    return i18n::language_from_environment();
}

}  // namespace

TEST_CASE("numbers and dates follow the language: fi and sv 22.11.2026 and 1 234,5, en ISO and 1,234.5") {
    const std::string nbsp = "\u00A0";
    CHECK(i18n::format_count(1234567, "fi") == "1" + nbsp + "234" + nbsp + "567");
    CHECK(i18n::format_count(1234, "sv") == "1" + nbsp + "234");
    CHECK(i18n::format_count(1234567, "en") == "1,234,567");
    CHECK(i18n::format_count(999, "fi") == "999");
    CHECK(i18n::format_count(-1234, "en") == "\u2212" "1,234");
    CHECK(i18n::format_decimal(1234.56, 1, "fi") == "1" + nbsp + "234,6");
    CHECK(i18n::format_decimal(0.05, 2, "en") == "0.05");
    CHECK(i18n::format_decimal(12.5, 0, "sv") == "13");
    CHECK(i18n::format_date(2026, 11, 2, "fi") == "2.11.2026");
    CHECK(i18n::format_date(2026, 11, 2, "sv") == "2.11.2026");
    CHECK(i18n::format_date(2026, 11, 2, "en") == "2026-11-02");
    CHECK(i18n::format_iso_date("2026-11-22T10:05:00Z", "fi") == "22.11.2026");
    CHECK(i18n::format_iso_date("never", "fi") == "never");
}

TEST_CASE("the interface language comes from LANGUAGE, LC_ALL, LC_MESSAGES, LANG, else English") {
    CHECK(env_language({}) == "en");
    CHECK(env_language({{"LANG", "fi_FI.UTF-8"}}) == "fi");
    CHECK(env_language({{"LANG", "sv_FI"}}) == "sv");
    CHECK(env_language({{"LANG", "fi"}}) == "fi");
    CHECK(env_language({{"LANG", "C.UTF-8"}}) == "en");
    CHECK(env_language({{"LANG", "de_DE.UTF-8"}}) == "en");
    CHECK(env_language({{"LANG", "fil_PH.UTF-8"}}) == "en");  // Filipino, not Finnish
    CHECK(env_language({{"LC_MESSAGES", "sv_SE.UTF-8"}, {"LANG", "fi_FI.UTF-8"}}) == "sv");
    CHECK(env_language({{"LC_ALL", "C.UTF-8"}, {"LANG", "fi_FI.UTF-8"}}) == "en");
    CHECK(env_language({{"LANGUAGE", "sv:fi"}, {"LANG", "fi_FI.UTF-8"}}) == "sv");
    CHECK(env_language({{"LANGUAGE", "de:fi_FI"}, {"LANG", "en_GB.UTF-8"}}) == "fi");
    CHECK(env_language({{"LANGUAGE", "de"}, {"LANG", "sv_FI.UTF-8"}}) == "sv");
    CHECK(i18n::is_supported_language("fi"));
    CHECK_FALSE(i18n::is_supported_language("de"));
    CHECK_FALSE(i18n::is_supported_language(""));
}

TEST_CASE("a catalogue of one language translates from the built catalogue without becoming the global one") {
    const i18n::Catalog fi("fi"), sv("sv"), en("en");
    CHECK(fi.tr("Valid until") != "Valid until");
    CHECK(sv.tr("Valid until") != "Valid until");
    CHECK(fi.tr("Valid until") != sv.tr("Valid until"));
    CHECK(en.tr("Valid until") == "Valid until");
    CHECK(fi.tr("no such message in the catalogue") == "no such message in the catalogue");
    CHECK(en.trn("%s finding", "%s findings", 1) == "%s finding");
    CHECK(en.trn("%s finding", "%s findings", 2) == "%s findings");
}
