// The kaiku-admin gettext catalogue through wxWidgets' base library, shared by the GUI and kaikuctl: where the
// compiled catalogues are looked up, which interface language the environment asks for, and per-language
// catalogues that are not the global one (for printing a card sheet in Finnish and Swedish at once).
// No display and no generated system locales are needed: the language is chosen here, never through setlocale.
#pragma once

#include <memory>
#include <string>

class wxInitializer;
class wxTranslations;

namespace kaiku::i18n {

inline constexpr const char* kDomain = "kaiku-admin";

// True for the interface languages the program ships: "fi", "sv", "en".
bool is_supported_language(const std::string& lang);

// Adds the catalogue lookup paths once per process: <exe dir>/../share/locale (installed, and the build tree,
// whose executables sit one level below share/locale), <exe dir>/locale and the configured install prefix.
void add_catalog_lookup_paths();

// The interface language the environment asks for: the first of LANGUAGE (a colon list: its first supported
// entry), LC_ALL, LC_MESSAGES, LANG that is set, by its first two letters; "en" when that is no supported
// language (C, POSIX, C.UTF-8, de_DE...) or nothing is set.
std::string language_from_environment();

// Installs a global wxTranslations in `lang` ("fi", "sv" or "en") with the kaiku-admin catalogue (and wx's own
// when with_std_catalog), replacing any earlier one. Returns the language the catalogue was found in, or "en".
std::string install_global_translations(const std::string& lang, bool with_std_catalog = false);

// The language of the global translations: "fi", "sv" or "en" ("en" when none are installed).
std::string global_language();

// Starts wxWidgets' base (no display) for the catalogues when no wx application runs yet, for as long as it lives;
// does nothing inside the GUI. The catalogue lookup asks wx for standard paths, which needs it.
class WxBase {
public:
    WxBase();
    ~WxBase();
    WxBase(const WxBase&) = delete;
    WxBase& operator=(const WxBase&) = delete;

private:
    std::unique_ptr<wxInitializer> init_;
};

// A catalogue of one language that is not the global one (starts wx base for its lifetime when needed).
class Catalog {
public:
    explicit Catalog(const std::string& lang);
    ~Catalog();
    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;

    const std::string& language() const { return lang_; }
    // The translation of an English msgid in this language as UTF-8; the msgid itself when it has none.
    std::string tr(const char* msgid) const;
    std::string trn(const char* singular, const char* plural, unsigned long n) const;

private:
    std::string lang_;
    std::unique_ptr<WxBase> base_;  // before translations_: outlives them
    std::unique_ptr<wxTranslations> translations_;
};

}  // namespace kaiku::i18n
