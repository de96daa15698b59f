#include "ui/form_problems.hpp"
#include "ui/labels.hpp"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/colours.hpp"
#include "ui/announce.hpp"

namespace kaiku::ui {

namespace {

// "set.contact.email" (a patch) names the same field as "contact.email".
std::string plain_field(const std::string& field) {
    return field.rfind("set.", 0) == 0 ? field.substr(4) : field;
}

bool field_matches(const std::string& registered, const std::string& field) {
    if (field == registered) return true;
    if (field.size() <= registered.size() || field.compare(0, registered.size(), registered) != 0) return false;
    const char next = field[registered.size()];
    return next == '[' || next == '.';
}

void set_line(wxStaticText* line, const wxString& text) {
    if (!line) return;
    if (line->GetLabel() == text && line->IsShown() == !text.empty()) return;
    line->SetLabel(text);
    line->Wrap(line->GetParent()->FromDIP(380));
    set_accessible_name(line, text);
    announce_problem(line, text);
    line->Show(!text.empty());
    line->GetParent()->Layout();
}

}  // namespace

wxString problem_message(const core::FieldError& error) {
    return core_problem(error);
}

wxStaticText* FieldProblems::add(wxWindow* parent, const std::string& field, wxWindow* control,
                                 const std::string& id) {
    wxStaticText* line = problem_line(parent, id + "-problem");
    entries_.push_back({field, control, line});
    watch(control);
    return line;
}

void FieldProblems::watch(wxWindow* control) {
    auto edited = [this, control](wxEvent& e) {
        e.Skip();
        touched_.insert(control);
        if (on_edit) on_edit();
    };
    control->Bind(wxEVT_TEXT, edited);
    control->Bind(wxEVT_CHOICE, edited);
    control->Bind(wxEVT_CHECKBOX, edited);
    control->Bind(wxEVT_SPINCTRL, edited);
    control->Bind(wxEVT_RADIOBUTTON, edited);
}

const FieldProblems::Entry* FieldProblems::match(const std::string& field) const {
    const std::string f = plain_field(field);
    for (const auto& e : entries_)
        if (field_matches(e.field, f)) return &e;
    return nullptr;
}

bool FieldProblems::owns(const core::Errors& errors) const {
    for (const auto& e : errors)
        if (match(e.field)) return true;
    return false;
}

wxWindow* FieldProblems::show(const core::Errors& errors, bool include_unmatched) {
    wxWindow* first = nullptr;
    wxString general;
    std::vector<wxString> texts(entries_.size());
    for (const auto& error : errors) {
        const Entry* e = match(error.field);
        if (!e) {
            if (include_unmatched && general.empty()) general = problem_message(error);
            continue;
        }
        if (!reveal_all_ && !touched_.count(e->control)) continue;
        auto& text = texts[static_cast<std::size_t>(e - entries_.data())];
        if (!text.empty()) continue;  // one problem per field at a time
        text = problem_message(error);
        if (!first) first = e->control;
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) set_line(entries_[i].line, texts[i]);
    set_line(general_, include_unmatched ? general : wxString());
    return first;
}

wxStaticText* problem_line(wxWindow* parent, const std::string& id) {
    auto* line = new wxStaticText(parent, wxID_ANY, wxString());
    // Not colour alone: the line is a whole sentence naming the field; the colour only helps to spot it.
    line->SetForegroundColour(problem_text_colour(parent));
    set_accessible(line, wxString(), id.c_str());
    line->Hide();
    return line;
}

wxStaticText* make_field_label(wxWindow* parent, const wxString& label) {
    return new wxStaticText(parent, wxID_ANY, label);
}

void place_field(wxWindow* parent, wxFlexGridSizer* grid, FieldProblems& problems, wxStaticText* label,
                 wxWindow* control, const wxString& accessible_name, const std::string& id,
                 const std::string& field) {
    set_accessible(control, accessible_name, id.c_str());
    const bool tall = control->GetWindowStyle() & wxTE_MULTILINE;
    grid->Add(label, tall ? wxSizerFlags().Top().Border(wxTOP, parent->FromDIP(4)) : wxSizerFlags().CenterVertical());
    grid->Add(control, wxSizerFlags().Expand());
    if (field.empty()) return;
    wxStaticText* line = problems.add(parent, field, control, id);
    grid->AddSpacer(0);
    grid->Add(line, wxSizerFlags().Expand());
}

wxFlexGridSizer* form_grid(wxWindow* parent) {
    auto* grid = new wxFlexGridSizer(2, parent->FromDIP(4), parent->FromDIP(8));
    grid->AddGrowableCol(1);
    return grid;
}

}  // namespace kaiku::ui
