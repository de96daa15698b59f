#include "ui/venue_profile_dialog.hpp"

#include <optional>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

#include "core/validation.hpp"
#include "store/repositories.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/labels.hpp"
#include "ui/services.hpp"
#include "ui/venue_profile_form.hpp"

namespace kaiku::ui {

VenueProfileDialog::VenueProfileDialog(wxWindow* parent, Services& services, const core::Site& venue, bool editable)
    // TRANSLATORS: title of the venue profile dialog; %s is the venue's name
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Venue Profile: %s"), wxString::FromUTF8(venue.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      venue_(venue),
      editable_(editable) {
    status_ = new wxStaticText(this, wxID_ANY, _(L"Loading the profile\u2026"));
    set_accessible(status_, status_->GetLabel(), "profile-status");
    form_ = new VenueProfileForm(this, "profile");
    form_->on_edit = [this] {
        if (loaded_) form_->check();
    };
    form_->Enable(false);
    general_ = problem_line(this, "profile-problem");

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, editable ? _("&Save") : _("Close"));
    ok_->SetDefault();
    set_accessible(ok_, editable ? _("Save") : _("Close"), "profile-ok");
    buttons->AddButton(ok_);
    if (editable) {
        auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
        set_accessible(cancel, _("Cancel"), "profile-cancel");
        buttons->AddButton(cancel);
        ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
        Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
            if (!busy_) e.Skip();
        }, wxID_CANCEL);
        Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
            if (busy_ && e.CanVeto()) return e.Veto();
            e.Skip();
        });
    } else {
        SetEscapeId(wxID_OK);
    }
    ok_->Enable(!editable);
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(status_, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(form_, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(general_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetMinSize(FromDIP(wxSize(600, 480)));
    Fit();
    CentreOnParent();

    wxWeakRef<VenueProfileDialog> self(this);
    services_.read<std::optional<core::VenueProfile>>(
        [id = venue.id](store::Database& db) { return store::VenueProfileRepository{db}.get(id); },
        [self](Loaded<std::optional<core::VenueProfile>> loaded) {
            if (!self) return;
            if (!loaded.ok()) wxLogMessage("Reading the venue profile failed: %s", loaded.error);
            if (loaded.value) self->form_->set(*loaded.value);
            const wxString text = loaded.value ? wxString()
                                               : _("This venue has no profile yet. Fill it in and save it.");
            self->status_->SetLabel(text);
            set_accessible_name(self->status_, text);
            self->status_->Show(!text.empty());
            self->loaded_ = true;
            self->form_->Enable(self->editable_);
            self->ok_->Enable(true);
            self->Layout();
            if (self->editable_) self->form_->first_control()->SetFocus();
        });
}

void VenueProfileDialog::show_general(const wxString& text) {
    general_->SetLabel(text);
    set_accessible_name(general_, text);
    announce_problem(general_, text);
    general_->Show(!text.empty());
    Layout();
}

void VenueProfileDialog::save() {
    if (busy_ || !loaded_) return;
    form_->check(true);
    const core::VenueProfile profile = form_->profile(venue_.id);
    if (wxWindow* first = form_->show(core::validate(profile))) return first->SetFocus();
    busy_ = true;
    ok_->Enable(false);
    wxWeakRef<VenueProfileDialog> self(this);
    services_.write([profile](store::Database& db) { return sync::upsert_venue_profile(db, profile); },
                    [self](sync::LocalResult result, std::string error) {
                        if (!self) return;
                        self->busy_ = false;
                        self->ok_->Enable(true);
                        if (!error.empty()) {
                            wxLogMessage("Saving the venue profile failed: %s", error);
                            // TRANSLATORS: %s is a technical detail in English
                            return self->show_general(wxString::Format(
                                _("The change could not be saved on this computer (%s)."), short_detail(error)));
                        }
                        if (result.ok()) return self->EndModal(wxID_OK);
                        if (wxWindow* first = self->form_->show(result.errors)) return first->SetFocus();
                        self->show_general(problem_message(result.errors.front()));
                    });
}

}  // namespace kaiku::ui
