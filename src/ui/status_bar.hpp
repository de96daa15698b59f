// The main window's status bar: connection, pending changes, open conflicts, last sync, signed-in user.
// wx draws the status bar itself on GTK, so its text is mirrored into the accessible name.
#pragma once

#include <wx/statusbr.h>

namespace kaiku::ui {

class StatusBar : public wxStatusBar {
public:
    explicit StatusBar(wxWindow* parent);

    // A passing state (e.g. "Syncing…"): shown, not announced.
    void set_sync_state(const wxString& text);
    // The state a sync round ended in ("Online", "Offline …"). A change from the last outcome is announced to
    // assistive technology unless `announce_change` is false (the caller announces something more precise).
    void set_sync_outcome(const wxString& text, bool announce_change = true);
    // Whether a round has ended since start-up (its outcome is then what the state field says).
    bool has_outcome() const { return !outcome_.empty(); }
    void set_pending(const wxString& text);
    void set_conflicts(const wxString& text);
    void set_last_sync(const wxString& text);
    // Who works here; `signed_in` is false until the register has accepted the sign-in (or after it refused it).
    void set_user(const wxString& login, bool signed_in);

private:
    enum Field { field_state, field_pending, field_conflicts, field_last_sync, field_user, field_count };
    void set_field(Field, const wxString& text);
    wxString outcome_;
};

}  // namespace kaiku::ui
