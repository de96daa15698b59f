#include "ui/site_dialog.hpp"
#include "ui/format.hpp"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/weakref.h>

#include "core/validation.hpp"
#include "net/dto.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/labels.hpp"
#include "ui/services.hpp"
#include "ui/site_fields.hpp"

namespace kaiku::ui {

namespace {

std::string value_of(const wxTextCtrl* t) { return core::trimmed(t->GetValue().utf8_string()); }

wxStaticText* read_only(wxWindow* parent, wxFlexGridSizer* grid, const wxString& label, const wxString& value,
                        const char* id) {
    grid->Add(new wxStaticText(parent, wxID_ANY, label), wxSizerFlags().CenterVertical());
    auto* text = new wxStaticText(parent, wxID_ANY, value);
    set_accessible(text, value, id);
    grid->Add(text, wxSizerFlags().CenterVertical());
    return text;
}

}  // namespace

SiteDialog::SiteDialog(wxWindow* parent, Services& services, const core::Area& area, const core::Site& site,
                       const wxString& organisation_name, bool editable)
    // TRANSLATORS: title of the site details dialog; %s is the site's name
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Site: %s"), wxString::FromUTF8(site.name)), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      site_(site) {
    auto* grid = form_grid(this);
    read_only(this, grid, _("Organisation:"), organisation_name, "site-organisation");
    read_only(this, grid, _("Role:"), label(site.role), "site-role");

    const auto text = [this](const std::string& value) {
        return [this, value] { return new wxTextCtrl(this, wxID_ANY, wxString::FromUTF8(value)); };
    };
    name_ = add_field(this, grid, problems_, _("&Name:"), _("Site name"), "site-name", "name", text(site.name));
    street_ = add_field(this, grid, problems_, _("S&treet address:"), _("Street address"), "site-street",
                        "street_address", text(site.street_address));
    postcode_ = add_field(this, grid, problems_, _("P&ostcode:"), _("Postcode"), "site-postcode", "postcode",
                          text(site.postcode));
    municipality_ = add_field(this, grid, problems_, _("&Municipality:"), _("Municipality"), "site-municipality",
                              "municipality_code",
                              [&] { return new MunicipalityChoice(this, area, site.municipality_code); });
    status_ = add_field(this, grid, problems_, _("Stat&us:"), _("Status"), "site-status", "status",
                        [&] { return new StatusChoice(this, site.status); });
    contact_name_ = add_field(this, grid, problems_, _("&Contact person:"), _("Contact person's name"),
                              "site-contact-name", "contact.name", text(site.contact.name));
    email_ = add_field(this, grid, problems_, _("&E-mail:"), _("Contact e-mail address"), "site-contact-email",
                       "contact.email", text(site.contact.email));
    phone_ = add_field(this, grid, problems_, _("&Phone:"), _("Contact phone number"), "site-contact-phone",
                       "contact.phone", text(site.contact.phone));
    grid->AddSpacer(0);
    committed_ = new wxCheckBox(this, wxID_ANY, _("Commitments ac&knowledged"));
    committed_->SetValue(site.commitment_acknowledged_on.has_value());
    set_accessible(committed_, _("Commitments acknowledged"), "site-committed");
    grid->Add(committed_);
    grid->AddSpacer(0);
    grid->Add(problems_.add(this, "commitment_acknowledged_on", committed_, "site-committed"), wxSizerFlags().Expand());
    version_ = add_field(this, grid, problems_, _("Guideline &version:"), _("Commitment guideline version"),
                         "site-commitment-version", "commitment_version",
                         text(site.commitment_version.empty() && !site.commitment_acknowledged_on
                                  ? std::string(kCurrentCommitmentVersion)
                                  : site.commitment_version));
    if (site.commitment_acknowledged_on) {
        // TRANSLATORS: %s is a date
        committed_->SetToolTip(wxString::Format(_("Acknowledged on %s"),
                                                format_date(*site.commitment_acknowledged_on)));
    }

    general_ = problem_line(this, "site-problem");
    problems_.set_general(general_);
    problems_.on_edit = [this] { revalidate(); };

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, editable ? _("&Save") : _("Close"));
    ok_->SetDefault();
    set_accessible(ok_, editable ? _("Save") : _("Close"), "site-ok");
    buttons->AddButton(ok_);
    if (editable) {
        auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
        set_accessible(cancel, _("Cancel"), "site-cancel");
        buttons->AddButton(cancel);
    } else {
        SetEscapeId(wxID_OK);
    }
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(general_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetMinSize(FromDIP(wxSize(520, -1)));
    Fit();
    SetSize(wxSize(GetSize().x, GetSize().y + FromDIP(60)));  // room for problem lines

    if (!editable) {
        for (wxWindow* w : {static_cast<wxWindow*>(name_), static_cast<wxWindow*>(street_),
                            static_cast<wxWindow*>(postcode_), static_cast<wxWindow*>(municipality_),
                            static_cast<wxWindow*>(status_), static_cast<wxWindow*>(contact_name_),
                            static_cast<wxWindow*>(email_), static_cast<wxWindow*>(phone_),
                            static_cast<wxWindow*>(committed_), static_cast<wxWindow*>(version_)})
            w->Enable(false);
    } else {
        ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
        Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
            if (!busy_) e.Skip();  // the change being saved decides when the dialog closes
        }, wxID_CANCEL);
        Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
            if (busy_ && e.CanVeto()) return e.Veto();
            e.Skip();
        });
    }
    name_->SetFocus();
    CentreOnParent();
}

core::Site SiteDialog::entered() const {
    core::Site s = site_;
    s.name = value_of(name_);
    s.street_address = value_of(street_);
    s.postcode = value_of(postcode_);
    s.municipality_code = municipality_->code();
    s.status = status_->status();
    s.contact.name = value_of(contact_name_);
    s.contact.email = value_of(email_);
    s.contact.phone = value_of(phone_);
    if (!committed_->GetValue()) {
        s.commitment_acknowledged_on.reset();
    } else if (!s.commitment_acknowledged_on) {
        s.commitment_acknowledged_on = core::Date::today();
    }
    s.commitment_version = committed_->GetValue() ? value_of(version_) : std::string();
    return s;
}

nlohmann::json SiteDialog::changes(const core::Site& after) const {
    const nlohmann::json before = net::to_flat_json(site_), now = net::to_flat_json(after);
    nlohmann::json set = nlohmann::json::object();
    for (const char* f : {"name", "street_address", "postcode", "municipality_code", "status", "contact_name",
                          "contact_email", "contact_phone", "commitment_acknowledged_on", "commitment_version"})
        if (before.value(f, nlohmann::json()) != now.value(f, nlohmann::json())) set[f] = now.value(f, nlohmann::json());
    return set;
}

void SiteDialog::revalidate() {
    version_->Enable(committed_->GetValue() && !busy_);
    problems_.show(core::validate(entered()));
}

void SiteDialog::save() {
    if (busy_) return;
    problems_.reveal_all();
    const core::Site after = entered();
    if (wxWindow* first = problems_.show(core::validate(after))) return first->SetFocus();
    const nlohmann::json set = changes(after);
    if (set.empty()) return EndModal(wxID_OK);
    busy_ = true;
    ok_->Enable(false);
    wxWeakRef<SiteDialog> self(this);
    services_.write(
        [id = site_.id, set](store::Database& db) { return sync::patch_site(db, id, set); },
        [self](sync::LocalResult result, std::string error) {
            if (!self) return;
            self->busy_ = false;
            self->ok_->Enable(true);
            if (!error.empty()) {
                wxLogMessage("Saving the site failed: %s", error);
                // TRANSLATORS: %s is a technical detail in English
                self->general_->SetLabel(wxString::Format(_("The change could not be saved on this computer (%s)."),
                                                          short_detail(error)));
                set_accessible_name(self->general_, self->general_->GetLabel());
                announce_problem(self->general_, self->general_->GetLabel());
                self->general_->Show();
                self->Layout();
                return;
            }
            if (result.ok()) return self->EndModal(wxID_OK);
            if (wxWindow* first = self->problems_.show(result.errors, true)) first->SetFocus();
        });
}

}  // namespace kaiku::ui
