// Start-up of translations: catalog lookup paths (installed, build tree, configured prefix) and
// the wx and kaiku-admin catalogs in the requested or the system language.
#pragma once

#include <wx/string.h>

namespace kaiku::ui {

// lang: "fi", "sv", "en" or empty for the system language. Call before any window exists.
void setup_translations(const wxString& lang);

// True for the languages the program offers on its command line.
bool is_supported_language(const wxString& lang);

}  // namespace kaiku::ui
