#include "ui/status_bar.hpp"

#include <wx/intl.h>

#include "ui/accessibility.hpp"
#include "ui/announce.hpp"

namespace kaiku::ui {

StatusBar::StatusBar(wxWindow* parent) : wxStatusBar(parent, wxID_ANY) {
    const int widths[field_count] = {-3, -2, -2, -3, -2};
    SetFieldsCount(field_count, widths);
    set_accessible(this, wxString(), "status-text");
}

void StatusBar::set_sync_state(const wxString& text) { set_field(field_state, text); }

void StatusBar::set_sync_outcome(const wxString& text, bool announce_change) {
    set_field(field_state, text);
    // The first outcome after start-up is not a change (going offline or coming back online is).
    if (announce_change && !outcome_.empty() && outcome_ != text) announce(this, text);
    outcome_ = text;
}

void StatusBar::set_pending(const wxString& text) { set_field(field_pending, text); }

void StatusBar::set_conflicts(const wxString& text) { set_field(field_conflicts, text); }

void StatusBar::set_last_sync(const wxString& text) { set_field(field_last_sync, text); }

void StatusBar::set_user(const wxString& login, bool signed_in) {
    set_field(field_user, signed_in
                              // TRANSLATORS: %s is the login name of the signed-in user
                              ? wxString::Format(_("Signed in as %s"), login)
                              // TRANSLATORS: %s is a login name the register has not accepted yet
                              : wxString::Format(_("%s, not signed in"), login));
}

void StatusBar::set_field(Field field, const wxString& text) {
    SetStatusText(text, field);
    wxString all;
    for (int i = 0; i < field_count; ++i) {
        const wxString part = GetStatusText(i);
        if (part.empty()) continue;
        if (!all.empty()) all += "; ";
        all += part;
    }
    set_accessible_name(this, all);
}

}  // namespace kaiku::ui
