#include "ui/i18n.hpp"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#ifndef KAIKU_LOCALEDIR
#define KAIKU_LOCALEDIR "/usr/local/share/locale"
#endif

namespace kaiku::ui {

namespace {
wxString g_language = "en";
}  // namespace

wxString ui_language() { return g_language; }

wxString area_display_name(const core::Area& a) {
    const std::string& name = g_language == "sv" ? a.name_sv : g_language == "en" ? a.name_en : a.name_fi;
    return wxString::FromUTF8(name.empty() ? a.name_fi : name);
}

bool is_supported_language(const wxString& lang) { return lang == "fi" || lang == "sv" || lang == "en"; }

void setup_translations(const wxString& lang) {
    wxUILocale::UseDefault();  // dates and numbers in the user's conventions

    const wxString exe_dir = wxFileName(wxStandardPaths::Get().GetExecutablePath()).GetPath();
    const wxString prefixes[] = {
        exe_dir + "/../share/locale",  // installed: <prefix>/bin/../share/locale
        exe_dir + "/locale",           // build tree, executable at the top
        exe_dir + "/../locale",        // build tree, executable in a subdirectory
        KAIKU_LOCALEDIR,
    };
    for (const auto& p : prefixes) wxFileTranslationsLoader::AddCatalogLookupPathPrefix(p);

    auto* translations = new wxTranslations;
    if (!lang.empty()) translations->SetLanguage(lang);
    wxTranslations::Set(translations);
    translations->AddStdCatalog();
    if (!translations->AddCatalog("kaiku-admin"))
        wxLogVerbose("No kaiku-admin translations found for the requested language; using English.");
    const wxString found = translations->GetBestTranslation("kaiku-admin", wxLANGUAGE_ENGLISH_US);
    g_language = found.StartsWith("fi") ? "fi" : found.StartsWith("sv") ? "sv" : "en";
}

}  // namespace kaiku::ui
