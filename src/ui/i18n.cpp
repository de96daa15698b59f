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
}

}  // namespace kaiku::ui
