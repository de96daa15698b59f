// The main window's status bar: connection, pending changes, open conflicts, last sync, signed-in user.
// wx draws the status bar itself on GTK, so its text is mirrored into the accessible name.
#pragma once

#include <wx/statusbr.h>

namespace kaiku::ui {

class StatusBar : public wxStatusBar {
public:
    explicit StatusBar(wxWindow* parent);

    void set_sync_state(const wxString& text);
    void set_pending(const wxString& text);
    void set_conflicts(const wxString& text);
    void set_last_sync(const wxString& text);
    void set_user(const wxString& login);

private:
    enum Field { field_state, field_pending, field_conflicts, field_last_sync, field_user, field_count };
    void set_field(Field, const wxString& text);
};

}  // namespace kaiku::ui
