#include "i18n/catalog.hpp"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include <wx/app.h>
#include <wx/filename.h>
#include <wx/init.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#ifndef KAIKU_LOCALEDIR
#define KAIKU_LOCALEDIR "/usr/local/share/locale"
#endif

namespace kaiku::i18n {

namespace {

std::string g_language = "en";

// The language a locale name or LANGUAGE entry names by its first two letters, "" when none we ship.
std::string supported_prefix(const std::string& value) {
    const std::string two = value.substr(0, 2);
    return value.size() >= 2 && (value.size() == 2 || value[2] == '_' || value[2] == '.' || value[2] == '@') &&
                   is_supported_language(two)
               ? two
               : std::string();
}

}  // namespace

bool is_supported_language(const std::string& lang) { return lang == "fi" || lang == "sv" || lang == "en"; }

void add_catalog_lookup_paths() {
    static std::once_flag once;
    std::call_once(once, [] {
        // wxStandardPaths needs a wx application object; without one (tests, before wx starts) ask the kernel.
        std::error_code ec;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        const wxString exe_path = wxAppConsole::GetInstance() || ec ? wxStandardPaths::Get().GetExecutablePath()
                                                                     : wxString::FromUTF8(self.string());
        const wxString exe_dir = wxFileName(exe_path).GetPath();
        const wxString prefixes[] = {
            exe_dir + "/../share/locale",  // installed: <prefix>/bin/../share/locale; build tree: build/<dir>/exe
            exe_dir + "/locale",           // build tree, executable at the top
            exe_dir + "/../locale",        // build tree, executable in a subdirectory
            KAIKU_LOCALEDIR,
        };
        for (const auto& p : prefixes) wxFileTranslationsLoader::AddCatalogLookupPathPrefix(p);
    });
}

std::string language_from_environment() {
    if (const char* v = std::getenv("LANGUAGE"); v && *v) {
        const std::string list = v;
        std::size_t start = 0;
        while (start <= list.size()) {
            const auto end = list.find(':', start);
            const auto lang = supported_prefix(list.substr(start, end == std::string::npos ? end : end - start));
            if (!lang.empty()) return lang;
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (const char* v = std::getenv(name); v && *v) {
            const auto lang = supported_prefix(v);
            return lang.empty() ? "en" : lang;
        }
    }
    return "en";
}

std::string install_global_translations(const std::string& lang, bool with_std_catalog) {
    add_catalog_lookup_paths();
    auto* translations = new wxTranslations;
    if (!lang.empty()) translations->SetLanguage(wxString::FromUTF8(lang));
    wxTranslations::Set(translations);  // takes ownership, deletes the earlier one
    if (with_std_catalog) translations->AddStdCatalog();
    translations->AddCatalog(kDomain);
    const wxString found = translations->GetBestTranslation(kDomain, wxLANGUAGE_ENGLISH_US);
    g_language = found.StartsWith("fi") ? "fi" : found.StartsWith("sv") ? "sv" : "en";
    return g_language;
}

std::string global_language() { return wxTranslations::Get() ? g_language : std::string("en"); }

WxBase::WxBase() {
    if (wxAppConsole::GetInstance()) return;
    init_ = std::make_unique<wxInitializer>();
    if (!init_->IsOk()) throw std::runtime_error("cannot initialise wxWidgets");
}

WxBase::~WxBase() = default;

Catalog::Catalog(const std::string& lang)
    : lang_(lang), base_(std::make_unique<WxBase>()), translations_(std::make_unique<wxTranslations>()) {
    add_catalog_lookup_paths();
    translations_->SetLanguage(wxString::FromUTF8(lang));
    translations_->AddCatalog(kDomain);
}

Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

std::string Catalog::tr(const char* msgid) const {
    const wxString* t = translations_->GetTranslatedString(wxString::FromUTF8(msgid), kDomain);
    return t ? t->utf8_string() : std::string(msgid);
}

std::string Catalog::trn(const char* singular, const char* plural, unsigned long n) const {
    const wxString* t =
        translations_->GetTranslatedString(wxString::FromUTF8(singular), static_cast<unsigned>(n), kDomain);
    return t ? t->utf8_string() : std::string(n == 1 ? singular : plural);
}

}  // namespace kaiku::i18n
