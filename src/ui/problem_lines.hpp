// Inline problems of a form: one text line under each field, named for screen readers, so a problem is told in
// words next to the field it is about (never by colour alone). Errors from the core (English sentence, field wire
// name, code) go to the line of the field they name; problems about fields the form does not show go to a general
// line near the buttons. Nothing typed is touched.
#pragma once

#include <map>
#include <string>

#include <wx/string.h>

#include "core/errors.hpp"

class wxStaticText;
class wxWindow;

namespace kaiku::ui {

class FormProblems {
public:
    explicit FormProblems(wxWindow* form) : form_(form) {}

    // A problem line for `field` (core wire name), with a stable accessible id ("<id>").
    wxStaticText* add(const std::string& field, const char* id);
    // The line for problems that name no shown field.
    wxStaticText* add_general(const char* id);

    void set(const std::string& field, const wxString& text);  // empty text clears the line
    void set_general(const wxString& text) { set(general_key, text); }
    void clear();
    // Shows core errors (translated when the catalogue knows the sentence); returns the first field named.
    std::string show(const core::Errors& errors);
    bool any() const;

private:
    static constexpr const char* general_key = "\x01general";  // no wire field is named so
    wxStaticText* line(const std::string& field) const;
    void relayout();

    wxWindow* form_;
    std::map<std::string, wxStaticText*> lines_;
    wxStaticText* general_ = nullptr;
};

// A core error sentence in the user's language when the catalogue has it, else the English sentence.
wxString core_message(const core::FieldError& error);

}  // namespace kaiku::ui
