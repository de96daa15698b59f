#include "ui/grant_user_dialog.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

GrantUserDialog::GrantUserDialog(wxWindow* parent, const core::Site& site, const std::vector<core::User>& candidates)
    // TRANSLATORS: title of the dialog that gives a staff account access to a site; %s is the site's name
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Give Access to %s"), wxString::FromUTF8(site.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    const wxString intro_text =
        candidates.empty()
            ? _("Every active staff account of this area that may work for this site has access already.")
            : _("Choose the staff account that may work for this site. Accounts of other sites of the area "
                "with the same role are listed.");
    auto* intro = new wxStaticText(this, wxID_ANY, intro_text);
    intro->Wrap(FromDIP(460));
    set_accessible(intro, intro_text, "grant-intro");
    list_ = new RecordList(this, "grant-users", _("Staff accounts"),
                           {{_("Name"), 200}, {_("Login name"), 140}}, _("Filter accounts"));
    std::vector<ListRow> rows;
    for (const auto& u : candidates)
        rows.push_back({u.id, {wxString::FromUTF8(u.display_name), wxString::FromUTF8(u.login)}, {}});
    list_->set_rows(std::move(rows));
    list_->on_selection = [this](const ListRow* row) { ok_->Enable(row != nullptr); };
    list_->on_activate = [this](const ListRow&) { EndModal(wxID_OK); };

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, _("&Give Access"));
    ok_->SetDefault();
    ok_->Enable(false);
    set_accessible(ok_, _("Give access"), "grant-ok");
    auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    set_accessible(cancel, _("Cancel"), "grant-cancel");
    buttons->AddButton(ok_);
    buttons->AddButton(cancel);
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(500, 420)));
    CentreOnParent();
    list_->focus_filter();
}

std::string GrantUserDialog::user_id() const { return list_->selected_id(); }

}  // namespace kaiku::ui
