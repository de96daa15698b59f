// Inline problems of a form: a text line under each field that names the field and the problem, filled from the
// core's field-level errors (wire field name -> control). Problems show for fields the user has edited, and for
// every field once the user tries to go on (Next, OK); a screen reader finds each line by its accessible name.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <wx/string.h>

#include "core/errors.hpp"

class wxFlexGridSizer;
class wxSizer;
class wxStaticText;
class wxWindow;

namespace kaiku::ui {

class FieldProblems {
public:
    // `general` shows errors that name no field of this form (may be nullptr).
    explicit FieldProblems(wxStaticText* general = nullptr) : general_(general) {}
    void set_general(wxStaticText* general) { general_ = general; }

    // Registers `control` for `field` ("name", "contact.email"; also matches "field[...]" and "field.sub") and
    // creates its problem line (accessible id "<id>-problem") in `parent`. Edits of the control mark it touched and
    // call on_edit.
    wxStaticText* add(wxWindow* parent, const std::string& field, wxWindow* control, const std::string& id);
    // Edits of `control` (which has no problem line of its own) call on_edit.
    void watch(wxWindow* control);

    // Shows the errors this form has controls for (every field when reveal_all() was called, else the touched
    // ones) and clears the others. With `include_unmatched`, errors of unknown fields go to the general line.
    // Returns the control of the first shown problem, or nullptr.
    wxWindow* show(const core::Errors& errors, bool include_unmatched = false);
    void reveal_all() { reveal_all_ = true; }
    // Whether one of `errors` belongs to a field of this form.
    bool owns(const core::Errors& errors) const;

    std::function<void()> on_edit;

private:
    struct Entry {
        std::string field;
        wxWindow* control;
        wxStaticText* line;
    };
    const Entry* match(const std::string& field) const;

    std::vector<Entry> entries_;
    std::set<wxWindow*> touched_;
    wxStaticText* general_ = nullptr;
    bool reveal_all_ = false;
};

// An empty, hidden problem line (accessible id `id`), e.g. for the problems that belong to no one field.
wxStaticText* problem_line(wxWindow* parent, const std::string& id);

// The user-visible sentence for a core error (the English message, translated when the catalog has it).
wxString problem_message(const core::FieldError& error);

// Adds a labelled field to a two-column grid: the label (with its mnemonic) is created before the control, so that
// the tab order follows the visual order; the problem line sits under the control. Returns the control.
template <class Make>
auto add_field(wxWindow* parent, wxFlexGridSizer* grid, FieldProblems& problems, const wxString& label,
               const wxString& accessible_name, const std::string& id, const std::string& field, Make make);

// Non-template part of add_field.
wxStaticText* make_field_label(wxWindow* parent, const wxString& label);
void place_field(wxWindow* parent, wxFlexGridSizer* grid, FieldProblems& problems, wxStaticText* label,
                 wxWindow* control, const wxString& accessible_name, const std::string& id, const std::string& field);

template <class Make>
auto add_field(wxWindow* parent, wxFlexGridSizer* grid, FieldProblems& problems, const wxString& label,
               const wxString& accessible_name, const std::string& id, const std::string& field, Make make) {
    wxStaticText* text = make_field_label(parent, label);
    auto* control = make();
    place_field(parent, grid, problems, text, control, accessible_name, id, field);
    return control;
}

// A two-column grid for a form (label, control), the second column growing.
wxFlexGridSizer* form_grid(wxWindow* parent);

}  // namespace kaiku::ui
