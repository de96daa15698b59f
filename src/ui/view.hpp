// One page of the main window (network, cards, uses, messages, …). A view reads what it shows through Services,
// never on the UI thread, and re-reads when told that cached data changed.
#pragma once

#include <string>

#include <wx/panel.h>

#include "ui/services.hpp"

namespace kaiku::ui {

class View : public wxPanel {
public:
    View(wxWindow* parent, Services& services) : wxPanel(parent, wxID_ANY), services_(services) {}

    virtual wxString title() const = 0;    // navigation label, translated
    virtual const char* id() const = 0;    // stable, untranslated: remembered last view, tests
    virtual void reload() = 0;             // re-read from the cache (called when shown and after changes)
    virtual void focus_filter() {}         // Ctrl+F
    // Sets keyboard focus on the view's main control when it is shown.
    virtual void focus_main() { SetFocus(); }
    // Prepares to show one record (an audit finding's link): selects it once loaded. False when this view does not
    // list that kind of record ("site", "card", "usage", "quota").
    virtual bool show_record(const std::string& /*entity*/, const std::string& /*id*/,
                             const std::string& /*area_id*/) {
        return false;
    }

protected:
    Services& services_;
};

// Views are listed in the navigation in registration order; `available` decides by role.
struct ViewFactory {
    bool (*available)(const SessionInfo&);
    View* (*create)(wxWindow* parent, Services&);
};

}  // namespace kaiku::ui
