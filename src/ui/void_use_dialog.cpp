#include "ui/void_use_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

#include "core/validation.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

VoidUseDialog::VoidUseDialog(wxWindow* parent, Services& services, std::string usage_id, const wxString& summary)
    : wxDialog(parent, wxID_ANY, _("Void Use")), services_(services), usage_id_(std::move(usage_id)) {
    auto* what = new wxStaticText(this, wxID_ANY, summary);
    set_accessible(what, summary, "void-summary");
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("A voided use stays in the register but no longer counts. To correct a use, "
                                     "void it and record it again."));
    intro->Wrap(FromDIP(420));
    auto* reason_label = new wxStaticText(this, wxID_ANY, _("&Reason:"));
    reason_ = new wxTextCtrl(this, wxID_ANY);
    reason_->SetHint(_("e.g. recorded twice by mistake"));
    set_accessible(reason_, _("Reason for voiding"), "void-reason");
    problem_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(problem_, wxString(), "void-problem");

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, _("&Void Use"));
    ok_->SetDefault();
    set_accessible(ok_, _("Void use"), "void-ok");
    auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    set_accessible(cancel, _("Cancel"), "void-cancel");
    buttons->AddButton(ok_);
    buttons->AddButton(cancel);
    buttons->Realize();

    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(reason_label, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
    row->Add(reason_, wxSizerFlags(1));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(what, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(problem_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetMinSize(FromDIP(wxSize(460, -1)));
    Fit();

    reason_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { check_reason(false); });
    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
    reason_->SetFocus();
}

void VoidUseDialog::show_problem(const wxString& text) {
    problem_->SetLabel(text);
    problem_->Wrap(FromDIP(420));
    set_accessible_name(problem_, text);
    announce_problem(problem_, text);
    Layout();
    Fit();
}

bool VoidUseDialog::check_reason(bool show_required) {
    const wxString reason = wxString(reason_->GetValue()).Trim(true).Trim(false);
    if (reason.empty()) {
        show_problem(show_required ? _("Reason: say why the use is voided.") : wxString());
        return false;
    }
    if (reason.utf8_string().size() > core::kMaxTextLength) {
        show_problem(_("Reason: the text is too long; shorten it."));
        return false;
    }
    show_problem(wxString());
    return true;
}

void VoidUseDialog::save() {
    if (!check_reason(true)) return reason_->SetFocus();
    ok_->Disable();
    show_problem(_(L"Saving\u2026"));
    wxWeakRef<VoidUseDialog> self(this);
    services_.write(
        [id = usage_id_, reason = reason_->GetValue().utf8_string()](store::Database& db) {
            return sync::void_use(db, id, reason);
        },
        [self](sync::LocalResult result, std::string error) {
            if (!self) return;
            self->ok_->Enable();
            if (error.empty() && result.ok()) return self->EndModal(wxID_OK);
            wxString text;
            if (!error.empty())
                // TRANSLATORS: %s is a technical detail in English
                text = wxString::Format(_("The use could not be voided on this computer (%s)."),
                                        wxString::FromUTF8(error));
            for (const auto& e : result.errors) text += (text.empty() ? wxString() : wxString("\n")) + problem_text(e);
            self->show_problem(text);
            self->reason_->SetFocus();
        });
}

}  // namespace kaiku::ui
