// Preferences: the interface language (system default, suomi, svenska, English), used from the next start.
#pragma once

#include <wx/dialog.h>

class wxChoice;

namespace kaiku::ui {

class PreferencesDialog : public wxDialog {
public:
    explicit PreferencesDialog(wxWindow* parent);
    // Saves the choice; true when it differs from the language in use (a restart applies it).
    bool save();

private:
    wxChoice* language_ = nullptr;
};

// The language saved in preferences: "fi", "sv", "en" or empty for the system's.
wxString preferred_language();

}  // namespace kaiku::ui
