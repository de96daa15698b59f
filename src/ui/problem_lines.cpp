#include "ui/problem_lines.hpp"
#include "ui/labels.hpp"

#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/stattext.h>
#include <wx/toplevel.h>

#include "ui/accessibility.hpp"
#include "ui/colours.hpp"
#include "ui/announce.hpp"

namespace kaiku::ui {

namespace {

wxStaticText* make_line(wxWindow* form, const char* id) {
    auto* text = new wxStaticText(form, wxID_ANY, wxString());
    text->SetForegroundColour(problem_text_colour(form));
    set_accessible(text, wxString(), id);
    text->Hide();
    return text;
}

}  // namespace

wxString core_message(const core::FieldError& error) {
    return core_problem(error);
}

wxStaticText* FormProblems::add(const std::string& field, const char* id) {
    auto* text = make_line(form_, id);
    lines_[field] = text;
    return text;
}

wxStaticText* FormProblems::add_general(const char* id) {
    general_ = make_line(form_, id);
    return general_;
}

wxStaticText* FormProblems::line(const std::string& field) const {
    const auto it = lines_.find(field);
    return it != lines_.end() ? it->second : general_;
}

void FormProblems::set(const std::string& field, const wxString& text) {
    wxStaticText* l = line(field);
    if (!l || l->GetLabel() == text) return;
    // TRANSLATORS: an inline problem under a form field; %s is the sentence naming the field and the problem
    const wxString shown = text.empty() ? wxString() : wxString::Format(_(L"\u26A0 %s"), text);
    l->SetLabel(shown);
    l->Wrap(form_->FromDIP(440));
    l->Show(!text.empty());
    set_accessible_name(l, text);
    announce_problem(l, text);
    relayout();
}

void FormProblems::clear() {
    for (auto& [field, l] : lines_) set(field, wxString());
    if (general_) set_general(wxString());
}

std::string FormProblems::show(const core::Errors& errors) {
    std::map<wxStaticText*, wxString> texts;
    std::string first;
    for (const auto& e : errors) {
        wxStaticText* l = line(e.field);
        if (!l) continue;
        if (first.empty()) first = e.field;
        wxString& t = texts[l];
        if (!t.empty()) t += ' ';
        t += core_message(e);
    }
    for (auto& [field, l] : lines_)
        if (!texts.count(l)) set(field, wxString());
    if (general_ && !texts.count(general_)) set_general(wxString());
    for (const auto& [l, t] : texts) {
        std::string field = general_key;
        for (const auto& [f, candidate] : lines_)
            if (candidate == l) field = f;
        set(field, t);
    }
    return first;
}

bool FormProblems::any() const {
    for (const auto& [field, l] : lines_)
        if (l->IsShown()) return true;
    return general_ && general_->IsShown();
}

void FormProblems::relayout() {
    wxWindow* top = wxGetTopLevelParent(form_);
    if (!top) return;
    top->Layout();
    const wxSize best = top->GetBestSize();
    const wxSize now = top->GetSize();
    if (best.y > now.y || best.x > now.x) top->SetSize(std::max(best.x, now.x), std::max(best.y, now.y));
}

}  // namespace kaiku::ui
