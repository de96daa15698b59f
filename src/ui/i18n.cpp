#include "ui/i18n.hpp"

#include <wx/log.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include "i18n/catalog.hpp"

namespace kaiku::ui {

namespace {
wxString g_language = "en";
}  // namespace

wxString ui_language() { return g_language; }

wxString area_display_name(const core::Area& a) {
    const std::string& name = g_language == "sv" ? a.name_sv : g_language == "en" ? a.name_en : a.name_fi;
    return wxString::FromUTF8(name.empty() ? a.name_fi : name);
}

bool is_supported_language(const wxString& lang) { return i18n::is_supported_language(lang.utf8_string()); }

void setup_translations(const wxString& lang) {
    wxUILocale::UseDefault();  // dates and numbers in the user's conventions

    // Catalogue lookup paths (installed prefix, build tree) and the catalogues are shared with kaikuctl.
    g_language = wxString::FromUTF8(i18n::install_global_translations(lang.utf8_string(), true));
    if (!wxTranslations::Get()->IsLoaded(i18n::kDomain) && g_language != "en")
        wxLogVerbose("No kaiku-admin translations found for the requested language; using English.");
}

}  // namespace kaiku::ui
