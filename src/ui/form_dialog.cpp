#include "ui/form_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

#include "ui/accessibility.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

FormDialog::FormDialog(wxWindow* parent, Services& services, const wxString& title)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      problems_(this) {
    grid_ = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
    grid_->AddGrowableCol(1);
    intro_ = new wxBoxSizer(wxVERTICAL);
}

void FormDialog::add_intro(wxWindow* win) { intro_->Add(win, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(8))); }

void FormDialog::add_row(const wxString& label, wxWindow* field) {
    grid_->Add(new wxStaticText(this, wxID_ANY, label), wxSizerFlags().Border(wxTOP, FromDIP(4)));
    grid_->Add(field, wxSizerFlags().Expand());
}

void FormDialog::add_field(const wxString& label, wxWindow* field, const std::string& wire_field,
                           const char* problem_id) {
    add_row(label, field);
    grid_->AddSpacer(0);
    grid_->Add(problems_.add(wire_field, problem_id), wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
}

void FormDialog::finish(const wxString& ok_label, const wxString& ok_accessible, const char* ok_id,
                        const char* cancel_id, const char* problem_id) {
    auto* general = problems_.add_general(problem_id);
    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, ok_label);
    ok_->SetDefault();
    set_accessible(ok_, ok_accessible, ok_id);
    auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    set_accessible(cancel, _("Cancel"), cancel_id);
    buttons->AddButton(ok_);
    buttons->AddButton(cancel);
    buttons->Realize();
    SetEscapeId(wxID_CANCEL);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(grid_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(general, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(sizer);
    SetMinSize(GetSize());
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { submit(); });
}

void FormDialog::changed() {
    if (attempted_ && !busy_) check();
}

void FormDialog::submit() {
    if (busy_) return;
    attempted_ = true;
    if (!check()) return;
    busy_ = true;
    ok_->Disable();
    wxWeakRef<FormDialog> self(this);
    services_.write(change(), [self](sync::LocalResult result, std::string error) {
        if (!self) return;  // closed meanwhile: the change was still stored when it was valid
        self->busy_ = false;
        self->ok_->Enable();
        if (!error.empty()) {
            wxLogMessage("A local change failed: %s", error);
            self->problems_.set_general(wxString::Format(_("The change could not be saved on this computer: %s"),
                                                                 short_detail(error)));
            return;
        }
        if (!result.ok()) {
            const std::string first = self->problems_.show(result.errors);
            if (wxWindow* w = self->field_window(first)) w->SetFocus();
            return;
        }
        self->result_ = std::move(result);
        self->EndModal(wxID_OK);
    });
}

}  // namespace kaiku::ui
