// Start-up of translations: catalog lookup paths (installed, build tree, configured prefix) and
// the wx and kaiku-admin catalogs in the requested or the system language.
#pragma once

#include <wx/string.h>

#include "core/entities.hpp"

namespace kaiku::ui {

// lang: "fi", "sv", "en" or empty for the system language. Call before any window exists.
void setup_translations(const wxString& lang);

// The language the interface ended up in: "fi", "sv" or "en".
wxString ui_language();

// An area's name in the interface language (Finnish when no name in that language is recorded).
wxString area_display_name(const core::Area&);

// True for the languages the program offers on its command line.
bool is_supported_language(const wxString& lang);

}  // namespace kaiku::ui
