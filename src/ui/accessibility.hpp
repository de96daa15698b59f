// Accessible names and stable ids for screen readers and GUI tests (AT-SPI on GTK).
// wxWindow::SetName does not reach AT-SPI, so the name and id are set on the native ATK object.
#pragma once

#include <wx/string.h>

class wxWindow;

namespace kaiku::ui {

// Sets the accessible name (translated, what a screen reader says) and a stable, untranslated id
// (what tests look for). For controls wrapped in a scrolled window (wxDataViewCtrl) the inner
// widget gets the name too. No-op on other toolkits.
void set_accessible(wxWindow* win, const wxString& name, const char* id);

// Updates only the accessible name (for windows whose text changes, e.g. the status bar).
void set_accessible_name(wxWindow* win, const wxString& name);

// Names the icon-only buttons GTK puts inside a composite control (e.g. an info bar's close button).
void name_unlabelled_buttons(wxWindow* win, const wxString& name);

}  // namespace kaiku::ui
