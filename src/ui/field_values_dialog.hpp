// A small form of named text fields, prefilled, for deciding a conflict by editing or correcting a refused change.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <wx/dialog.h>

class wxTextCtrl;

namespace kaiku::ui {

class FieldValuesDialog : public wxDialog {
public:
    // `fields` are flat field names; values come from `values` (strings, numbers, booleans).
    FieldValuesDialog(wxWindow* parent, const wxString& title, const wxString& intro,
                      const std::vector<std::string>& fields, const nlohmann::json& values);
    // The values as typed; numbers and booleans keep their type when the text still parses as one.
    nlohmann::json values() const;

private:
    std::vector<std::string> fields_;
    nlohmann::json original_;
    std::vector<wxTextCtrl*> inputs_;
};

// A JSON value as text.
wxString value_text(const nlohmann::json& value);

}  // namespace kaiku::ui
