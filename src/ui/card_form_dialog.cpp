#include "ui/card_form_dialog.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/card_labels.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

namespace {
constexpr int kWrapWidth = 360;  // DIPs
}

CardFormDialog::CardFormDialog(wxWindow* parent, Services& services, const wxString& title, const char* id_prefix)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services), id_prefix_(id_prefix) {
    // Escape and the window's close button cancel, but not while a change is being saved.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (busy_ && e.CanVeto()) return e.Veto();
        e.Skip();
    });
}

CardFormDialog::~CardFormDialog() { *alive_ = false; }

wxFlexGridSizer* CardFormDialog::new_grid() {
    auto* grid = new wxFlexGridSizer(2, FromDIP(2), FromDIP(10));
    grid->AddGrowableCol(1);
    return grid;
}

wxStaticText* CardFormDialog::add_row(wxFlexGridSizer* grid, const wxString& label, wxWindow* control,
                                  const wxString& name, const char* id, std::vector<std::string> fields) {
    // The label is created before the control is placed so that the tab order follows the visual order.
    auto* text = new wxStaticText(this, wxID_ANY, label);
    text->MoveBeforeInTabOrder(control);
    set_accessible(control, name, id);
    auto* problem = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(problem, wxString(), (std::string(id) + "-problem").c_str());
    problem->Hide();
    grid->Add(text, wxSizerFlags().CenterVertical().Border(wxTOP, FromDIP(4)));
    grid->Add(control, wxSizerFlags().Expand().Border(wxTOP, FromDIP(4)));
    grid->AddSpacer(0);
    grid->Add(problem, wxSizerFlags().Expand());
    rows_.push_back({control, name, problem, std::move(fields)});
    return problem;
}

void CardFormDialog::finish(wxSizer* body, const wxString& ok_label, const wxString& ok_name) {
    general_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(general_, wxString(), (id_prefix_ + "-problem").c_str());
    general_->Hide();

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, ok_label);
    ok_->SetDefault();
    set_accessible(ok_, ok_name, (id_prefix_ + "-ok").c_str());
    cancel_ = new wxButton(this, wxID_CANCEL, _("Cancel"));
    set_accessible(cancel_, _("Cancel"), (id_prefix_ + "-cancel").c_str());
    buttons->AddButton(ok_);
    buttons->AddButton(cancel_);
    buttons->Realize();
    SetEscapeId(wxID_CANCEL);
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_ok(); });
    cancel_->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (!busy_) e.Skip();
    });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(body, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(general_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(sizer);
    SetMinSize(GetSize());
    CentreOnParent();
}

wxString CardFormDialog::name_of(wxWindow* control) const {
    for (const auto& r : rows_)
        if (r.control == control) return r.name;
    return {};
}

void CardFormDialog::set_problem(wxWindow* control, const wxString& text) {
    for (auto& r : rows_) {
        if (r.control != control) continue;
        if (r.problem->GetLabel() == text && r.problem->IsShown() == !text.empty()) return;
        r.problem->SetLabel(text);
        r.problem->Wrap(FromDIP(kWrapWidth));
        set_accessible_name(r.problem, text);
        announce_problem(r.problem, text);
        r.problem->Show(!text.empty());
        fit_height();
        return;
    }
}

void CardFormDialog::set_general_problem(const wxString& text) {
    general_->SetLabel(text);
    general_->Wrap(FromDIP(kWrapWidth));
    set_accessible_name(general_, text);
    announce_problem(general_, text);
    general_->Show(!text.empty());
    fit_height();
}

void CardFormDialog::fit_height() {
    // Problems come and go: the height follows them, the width the person chose stays.
    Layout();
    const wxSize need = GetSizer()->GetMinSize();
    const wxSize now = GetClientSize();
    if (need.y != now.y) SetClientSize(std::max(now.x, need.x), need.y);
}

void CardFormDialog::show_errors(const core::Errors& errors) {
    wxWindow* first = nullptr;
    wxString general;
    for (const auto& e : errors) {
        bool placed = false;
        for (auto& r : rows_)
            for (const auto& f : r.fields)
                if (!placed && f == e.field) {
                    set_problem(r.control, describe_error(r.name, e));
                    if (!first) first = r.control;
                    placed = true;
                }
        if (!placed) {
            if (!general.empty()) general += "\n";
            general += wxGetTranslation(wxString::FromUTF8(e.message));
        }
    }
    set_general_problem(general);
    if (first) first->SetFocus();
}

void CardFormDialog::validate_on_change(wxWindow* control) {
    auto recheck = [this](wxEvent& e) {
        e.Skip();
        if (!busy_) check(false);
    };
    if (dynamic_cast<wxSpinCtrl*>(control)) {
        control->Bind(wxEVT_SPINCTRL, recheck);
        control->Bind(wxEVT_TEXT, recheck);
    } else if (dynamic_cast<wxChoice*>(control)) {
        control->Bind(wxEVT_CHOICE, recheck);
    } else if (dynamic_cast<wxCheckBox*>(control)) {
        control->Bind(wxEVT_CHECKBOX, recheck);
    } else {
        control->Bind(wxEVT_TEXT, recheck);
    }
}

void CardFormDialog::on_ok() {
    if (busy_) return;
    set_general_problem(wxString());
    if (!check(true)) {
        for (auto& r : rows_)
            if (r.problem->IsShown()) {
                r.control->SetFocus();
                break;
            }
        return;
    }
    send();
}

void CardFormDialog::submit(std::function<sync::LocalResult(store::Database&)> job,
                        std::function<void(const sync::LocalResult&)> done) {
    busy_ = true;
    ok_->Disable();
    cancel_->Disable();
    set_general_problem(_(L"Saving\u2026"));
    services_.write(std::move(job), [this, alive = alive_, done = std::move(done)](sync::LocalResult result,
                                                                                   std::string error) {
        if (!*alive) return;
        busy_ = false;
        ok_->Enable();
        cancel_->Enable();
        set_general_problem(wxString());
        if (!error.empty()) {
            wxLogMessage("Saving a change in the local cache failed: %s", error);
            // TRANSLATORS: %s is a technical detail in English
            set_general_problem(wxString::Format(_("The change could not be saved on this computer (%s). Nothing "
                                                   "you typed was lost; try again."),
                                                 short_detail(error)));
            return;
        }
        if (!result.ok()) return show_errors(result.errors);
        if (done) done(result);
        EndModal(wxID_OK);
    });
}

}  // namespace kaiku::ui
