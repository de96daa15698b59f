// The common skeleton of the dialogs that make one local change: labelled fields, each with an inline problem
// line under it, a general problem line, OK (default) and Cancel (Escape). OK checks the form, then runs the change
// on the writer thread; problems the core finds arrive by field and are shown beside it, with everything typed kept.
// After the first OK the form re-checks as the user types.
#pragma once

#include <functional>
#include <string>

#include <wx/dialog.h>

#include "sync/local_commands.hpp"
#include "ui/problem_lines.hpp"
#include "ui/services.hpp"

class wxButton;
class wxFlexGridSizer;
class wxStaticText;

namespace kaiku::ui {

class FormDialog : public wxDialog {
public:
    // The change the dialog made (valid after ShowModal returned wxID_OK).
    const sync::LocalResult& result() const { return result_; }

protected:
    FormDialog(wxWindow* parent, Services& services, const wxString& title);

    // A row: "label | field", with a problem line under the field for core errors naming `wire_field`.
    void add_field(const wxString& label, wxWindow* field, const std::string& wire_field, const char* problem_id);
    // A row without a problem line (read-only information).
    void add_row(const wxString& label, wxWindow* field);
    // A full-width line above the fields (an introduction or a summary).
    void add_intro(wxWindow* win);
    // Lays the dialog out; call at the end of the derived constructor.
    void finish(const wxString& ok_label, const wxString& ok_accessible, const char* ok_id, const char* cancel_id,
                const char* problem_id);
    // Re-checks on every change once the user has pressed OK (bind each field's change event to this).
    void changed();

    // Local checks before anything is stored: set problems_ lines; return true when the form may be sent.
    virtual bool check() = 0;
    // The change to run on the writer thread (capture values, never widgets).
    virtual std::function<sync::LocalResult(store::Database&)> change() = 0;
    // The control showing a field's value (focused when the core names it); nullptr: none.
    virtual wxWindow* field_window(const std::string& wire_field) { (void)wire_field; return nullptr; }

    Services& services_;
    FormProblems problems_;
    wxButton* ok_ = nullptr;

private:
    void submit();

    wxFlexGridSizer* grid_ = nullptr;
    wxSizer* intro_ = nullptr;
    bool attempted_ = false;
    bool busy_ = false;
    sync::LocalResult result_;
};

}  // namespace kaiku::ui
