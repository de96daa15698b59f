#include "ui/field_values_dialog.hpp"


#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/use_labels.hpp"
#include "net/dto.hpp"

namespace kaiku::ui {

wxString value_text(const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (value.is_string()) return wxString::FromUTF8(value.get<std::string>());
    return wxString::FromUTF8(value.dump());
}

FieldValuesDialog::FieldValuesDialog(wxWindow* parent, const wxString& title, const wxString& intro,
                                     const std::vector<std::string>& fields, const nlohmann::json& values)
    : wxDialog(parent, wxID_ANY, title), fields_(fields), original_(values) {
    auto* text = new wxStaticText(this, wxID_ANY, intro);
    text->Wrap(FromDIP(460));
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    for (const auto& f : fields_) {
        const wxString label = field_label(f);
        auto* l = new wxStaticText(this, wxID_ANY, label + ":");
        auto* input = new wxTextCtrl(this, wxID_ANY, value_text(values.value(f, nlohmann::json())), wxDefaultPosition,
                                     wxSize(FromDIP(300), -1));
        set_accessible(input, label, ("field-" + f).c_str());
        grid->Add(l, wxSizerFlags().CenterVertical());
        grid->Add(input, wxSizerFlags().Expand());
        inputs_.push_back(input);
    }
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = FindWindow(wxID_OK)) set_accessible(ok, _("OK"), "fields-ok");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(text, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(sizer);
    if (!inputs_.empty()) inputs_.front()->SetFocus();
}

nlohmann::json FieldValuesDialog::values() const {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t i = 0; i < fields_.size(); ++i) {
        const std::string typed = inputs_[i]->GetValue().utf8_string();
        const auto& before = original_.value(fields_[i], nlohmann::json());
        if (before.is_number() || before.is_boolean()) {
            const auto parsed = net::parse_json(typed);
            if (!parsed.is_discarded() && (parsed.is_number() || parsed.is_boolean())) {
                out[fields_[i]] = parsed;
                continue;
            }
        }
        out[fields_[i]] = typed;
    }
    return out;
}

}  // namespace kaiku::ui
