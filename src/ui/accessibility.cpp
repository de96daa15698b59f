#include "ui/accessibility.hpp"

#include <wx/window.h>

#ifdef __WXGTK__
#include <gtk/gtk.h>
#endif

namespace kaiku::ui {

#ifdef __WXGTK__
namespace {

void find_toggle_button(GtkWidget* widget, gpointer data) {
    auto** found = static_cast<GtkWidget**>(data);
    if (*found) return;
    if (GTK_IS_TOGGLE_BUTTON(widget))
        *found = widget;
    else if (GTK_IS_CONTAINER(widget))
        gtk_container_forall(GTK_CONTAINER(widget), find_toggle_button, data);
}

// The button that takes the focus inside a combo box (wxChoice): an internal child, so gtk_container_forall.
GtkWidget* combo_button(GtkWidget* combo) {
    GtkWidget* found = nullptr;
    gtk_container_forall(GTK_CONTAINER(combo), find_toggle_button, &found);
    return found;
}

// The widgets that should carry the name: the window's own widget; for a scrolled window (wxDataViewCtrl puts its
// GtkTreeView inside one), the widget it scrolls; for a combo box (wxChoice), the toggle button that has the
// keyboard focus, which is what a screen reader reads out when the user tabs to the choice.
template <class F>
void for_each_named_widget(wxWindow* win, F&& apply) {
    if (!win) return;
    auto* widget = static_cast<GtkWidget*>(win->GetHandle());
    if (!widget) return;
    apply(widget);
    if (GTK_IS_SCROLLED_WINDOW(widget)) {
        if (GtkWidget* child = gtk_bin_get_child(GTK_BIN(widget))) apply(child);
    } else if (GTK_IS_COMBO_BOX(widget) && !gtk_combo_box_get_has_entry(GTK_COMBO_BOX(widget))) {
        if (GtkWidget* button = combo_button(widget)) apply(button);
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
        // Ids stay unique: the scrolled-window wrapper's gets "-scroll", a combo box's button "-button"; the
        // control a test looks for keeps the plain id.
        const bool inner = widget != static_cast<GtkWidget*>(win->GetHandle());
        wxString full_id(id);
        if (!inner && GTK_IS_SCROLLED_WINDOW(widget)) full_id += "-scroll";
        if (inner && GTK_IS_TOGGLE_BUTTON(widget)) full_id += "-button";
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
