// The common frame of the card dialogs: labelled rows with a problem line under each field (shown as text and
// announced, not by colour alone), live validation as the user types, OK as the default button, Escape to cancel,
// and a local command run on the writer thread whose field errors come back next to the fields they name.
// The dialog stays open with everything typed until the command succeeds.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/errors.hpp"
#include "ui/services.hpp"

class wxButton;
class wxFlexGridSizer;
class wxStaticText;

namespace kaiku::ui {

class CardFormDialog : public wxDialog {
public:
    CardFormDialog(wxWindow* parent, Services& services, const wxString& title, const char* id_prefix);
    ~CardFormDialog() override;

protected:
    // A two-column grid for the rows.
    wxFlexGridSizer* new_grid();
    // Adds "label | control" and, under the control, its problem line. `name` is the field's translated name
    // (no mnemonic, no colon) used in problems and as the control's accessible name; `fields` are the wire names
    // of the core's errors that belong here. Returns the problem line.
    wxStaticText* add_row(wxFlexGridSizer* grid, const wxString& label, wxWindow* control, const wxString& name,
                          const char* id, std::vector<std::string> fields);
    // Puts the body and the buttons together. Call last in the constructor.
    void finish(wxSizer* body, const wxString& ok_label, const wxString& ok_name);

    // Shows (non-empty) or hides the problem line of a control's row.
    void set_problem(wxWindow* control, const wxString& text);
    void set_general_problem(const wxString& text);
    // Shows the core's errors next to their fields; the first field with a problem gets the focus.
    void show_errors(const core::Errors& errors);
    wxString name_of(wxWindow* control) const;

    // Live validation: `final` is true when OK was pressed (then missing values are problems too). Returns true
    // when the form can be sent.
    virtual bool check(bool final) = 0;
    // Called when OK is pressed and check(true) passed: usually submit(...).
    virtual void send() = 0;
    // Runs a local command on the writer thread; on success `done` runs and the dialog closes with wxID_OK.
    void submit(std::function<sync::LocalResult(store::Database&)> job,
                std::function<void(const sync::LocalResult&)> done = {});
    // Re-checks the form as the user types in `control`.
    void validate_on_change(wxWindow* control);
    void on_ok();
    void fit_height();

    Services& services_;
    std::string id_prefix_;
    wxButton* ok_ = nullptr;
    wxButton* cancel_ = nullptr;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // false once the dialog is gone

private:
    struct Row {
        wxWindow* control;
        wxString name;
        wxStaticText* problem;
        std::vector<std::string> fields;
    };
    std::vector<Row> rows_;
    wxStaticText* general_ = nullptr;
    bool busy_ = false;
};

}  // namespace kaiku::ui
