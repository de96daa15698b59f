#include "ui/preferences_dialog.hpp"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

namespace {
const char* const codes[] = {"", "fi", "sv", "en"};
}

wxString preferred_language() {
    const wxString lang = wxConfigBase::Get() ? wxConfigBase::Get()->Read("/ui/language", wxString()) : wxString();
    return is_supported_language(lang) ? lang : wxString();
}

PreferencesDialog::PreferencesDialog(wxWindow* parent) : wxDialog(parent, wxID_ANY, _("Preferences")) {
    auto* label = new wxStaticText(this, wxID_ANY, _("&Language:"));
    language_ = new wxChoice(this, wxID_ANY);
    // Language names in their own language, so that anyone finds theirs.
    language_->Append(_("System default"));
    language_->Append(wxString::FromUTF8("suomi"));
    language_->Append(wxString::FromUTF8("svenska"));
    language_->Append("English");
    const wxString current = preferred_language();
    int selection = 0;
    for (int i = 1; i < 4; ++i)
        if (current == codes[i]) selection = i;
    language_->SetSelection(selection);
    set_accessible(language_, _("Language"), "preferences-language");
    auto* note = new wxStaticText(this, wxID_ANY, _("A new language is used after Kaiku Admin is restarted."));

    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(label, wxSizerFlags().CenterVertical().Border(wxRIGHT, FromDIP(8)));
    row->Add(language_, wxSizerFlags(1));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(row, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(sizer);
    if (auto* ok = FindWindow(wxID_OK)) set_accessible(ok, _("OK"), "preferences-ok");
    language_->SetFocus();
}

bool PreferencesDialog::save() {
    const int i = language_->GetSelection();
    const wxString chosen = i >= 0 && i < 4 ? wxString(codes[i]) : wxString();
    wxConfigBase::Get()->Write("/ui/language", chosen);
    wxConfigBase::Get()->Flush();
    return (chosen.empty() ? wxString() : chosen) != preferred_language() || (!chosen.empty() && chosen != ui_language());
}

}  // namespace kaiku::ui
