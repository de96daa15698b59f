#include "ui/announce.hpp"

#include <algorithm>
#include <vector>

#include <wx/stattext.h>
#include <wx/timer.h>
#include <wx/weakref.h>
#include <wx/window.h>

#ifdef __WXGTK__
#include <gtk/gtk.h>
#endif

#include "ui/accessibility.hpp"

namespace kaiku::ui {

namespace {

enum class Mechanism { announcement, notification, description };

#ifdef __WXGTK__
Mechanism mechanism() {
    static const Mechanism m = [] {
        // The class must be initialised before its signals can be looked up.
        const gpointer klass = g_type_class_ref(ATK_TYPE_OBJECT);
        Mechanism found = Mechanism::description;
        if (g_signal_lookup("announcement", ATK_TYPE_OBJECT) != 0)
            found = Mechanism::announcement;
        else if (g_signal_lookup("notification", ATK_TYPE_OBJECT) != 0)
            found = Mechanism::notification;
        g_type_class_unref(klass);
        return found;
    }();
    return m;
}
#endif

// Problems waiting for the user to pause, in the order they appeared.
class PendingProblems : public wxEvtHandler {
public:
    PendingProblems() : timer_(this) {
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) { flush(); });
    }

    void set(wxWindow* line, const wxString& text) {
        auto it = std::find_if(pending_.begin(), pending_.end(), [line](const Entry& e) { return e.line.get() == line; });
        if (text.empty()) {
            if (it != pending_.end()) pending_.erase(it);
            return;
        }
        if (it != pending_.end())
            it->text = text;
        else
            pending_.push_back({wxWeakRef<wxWindow>(line), text});
        timer_.StartOnce(700);
    }

private:
    struct Entry {
        wxWeakRef<wxWindow> line;
        wxString text;
    };

    void flush() {
        auto entries = std::move(pending_);
        pending_.clear();
        for (const auto& e : entries)
            if (e.line && e.line->IsShownOnScreen()) announce(e.line, e.text);
    }

    wxTimer timer_;
    std::vector<Entry> pending_;
};

}  // namespace

void announce(wxWindow* win, const wxString& text) {
    if (!win || text.empty()) return;
#ifdef __WXGTK__
    auto* widget = static_cast<GtkWidget*>(win->GetHandle());
    if (!widget) return;
    AtkObject* a = gtk_widget_get_accessible(widget);
    if (!a) return;
    const wxScopedCharBuffer utf8 = text.utf8_str();
    switch (mechanism()) {
        case Mechanism::announcement: g_signal_emit_by_name(a, "announcement", utf8.data()); break;
        // ATK 2.50: text and politeness (1: polite, wait until the screen reader is done speaking).
        case Mechanism::notification: g_signal_emit_by_name(a, "notification", utf8.data(), 1); break;
        case Mechanism::description: atk_object_set_description(a, utf8.data()); break;
    }
#endif
}

void announce_problem(wxWindow* line, const wxString& text) {
    static PendingProblems* pending = new PendingProblems;  // lives as long as the program (timers need the loop)
    if (line) pending->set(line, text);
}

const char* announce_mechanism() {
#ifdef __WXGTK__
    switch (mechanism()) {
        case Mechanism::announcement: return "announcement";
        case Mechanism::notification: return "notification";
        case Mechanism::description: return "description";
    }
#endif
    return "description";
}

void show_line(wxStaticText* line, const wxString& text, bool spoken) {
    line->SetLabel(text);
    set_accessible_name(line, text);
    if (spoken) announce(line, text);
    line->GetParent()->Layout();
}

}  // namespace kaiku::ui
