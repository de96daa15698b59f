#include "ui/accessibility.hpp"

#include <wx/window.h>

#ifdef __WXGTK__
#include <gtk/gtk.h>
#endif

namespace kaiku::ui {

#ifdef __WXGTK__
namespace {

// The widgets that should carry the name: the window's own widget and, for a scrolled window
// (wxDataViewCtrl puts its GtkTreeView inside one), the widget it scrolls.
template <class F>
void for_each_named_widget(wxWindow* win, F&& apply) {
    if (!win) return;
    auto* widget = static_cast<GtkWidget*>(win->GetHandle());
    if (!widget) return;
    apply(widget);
    if (GTK_IS_SCROLLED_WINDOW(widget)) {
        if (GtkWidget* child = gtk_bin_get_child(GTK_BIN(widget))) apply(child);
    }
}

}  // namespace
#endif

void set_accessible(wxWindow* win, const wxString& name, const char* id) {
#ifdef __WXGTK__
    for_each_named_widget(win, [&](GtkWidget* widget) {
        AtkObject* a = gtk_widget_get_accessible(widget);
        if (!a) return;
        atk_object_set_name(a, name.utf8_str());
        // The scrolled-window wrapper gets a suffixed id so that the id stays unique.
        const bool inner = widget != static_cast<GtkWidget*>(win->GetHandle());
        const wxString full_id = inner || !GTK_IS_SCROLLED_WINDOW(widget) ? wxString(id) : wxString(id) + "-scroll";
        atk_object_set_accessible_id(a, full_id.utf8_str());
    });
#else
    (void)id;
#endif
    if (win) win->SetName(id);
    (void)name;
}

void set_accessible_name(wxWindow* win, const wxString& name) {
#ifdef __WXGTK__
    for_each_named_widget(win, [&](GtkWidget* widget) {
        if (AtkObject* a = gtk_widget_get_accessible(widget)) atk_object_set_name(a, name.utf8_str());
    });
#else
    (void)win;
    (void)name;
#endif
}

#ifdef __WXGTK__
namespace {

struct ButtonNaming {
    const char* name;
};

void name_if_unlabelled(GtkWidget* widget, gpointer data) {
    const auto* naming = static_cast<const ButtonNaming*>(data);
    if (GTK_IS_BUTTON(widget)) {
        const gchar* label = gtk_button_get_label(GTK_BUTTON(widget));
        AtkObject* a = gtk_widget_get_accessible(widget);
        const gchar* current = a ? atk_object_get_name(a) : nullptr;
        if (a && (!label || !*label) && (!current || !*current)) atk_object_set_name(a, naming->name);
    }
    if (GTK_IS_CONTAINER(widget)) gtk_container_forall(GTK_CONTAINER(widget), name_if_unlabelled, data);
}

}  // namespace
#endif

void name_unlabelled_buttons(wxWindow* win, const wxString& name) {
#ifdef __WXGTK__
    if (!win || !win->GetHandle()) return;
    const wxScopedCharBuffer utf8 = name.utf8_str();
    ButtonNaming naming{utf8.data()};
    name_if_unlabelled(static_cast<GtkWidget*>(win->GetHandle()), &naming);
#else
    (void)win;
    (void)name;
#endif
}

}  // namespace kaiku::ui
