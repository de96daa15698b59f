#include "ui/site_access_dialog.hpp"

#include <algorithm>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/form_problems.hpp"
#include "ui/grant_user_dialog.hpp"
#include "ui/labels.hpp"
#include "ui/record_list.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

namespace {

wxString access_label(SiteAccessKind k) {
    switch (k) {
        // TRANSLATORS: in the site access list: the account belongs to this site
        case SiteAccessKind::own_site: return _("Own site");
        case SiteAccessKind::granted: return _("Access given");
        case SiteAccessKind::grant_waiting: return _("Access given, not sent yet");
        case SiteAccessKind::removal_waiting: return _("Access removed, not sent yet");
    }
    return {};
}

}  // namespace

SiteAccessDialog::SiteAccessDialog(wxWindow* parent, Services& services, const core::Site& site)
    // TRANSLATORS: title of the site access dialog; %s is the site's name
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Site Access: %s"), wxString::FromUTF8(site.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      services_(services),
      site_(site) {
    const wxString intro_text =
        _("Staff accounts that may work for this site. Access you give or remove here reaches the register "
          "with the next sync; access given on other computers is not listed.");
    auto* intro = new wxStaticText(this, wxID_ANY, intro_text);
    intro->Wrap(FromDIP(540));
    set_accessible(intro, intro_text, "access-intro");
    list_ = new RecordList(this, "access-users", _("Staff accounts with access"),
                           {{_("Name"), 200}, {_("Login name"), 130}, {_("Access"), 200}}, _("Filter accounts"));
    list_->on_selection = [this](const ListRow*) { update_buttons(); };
    problem_ = problem_line(this, "access-problem");

    add_ = new wxButton(this, wxID_ANY, _(L"&Add\u2026"));
    add_->SetToolTip(_("Give a staff account of this area access to the site"));
    set_accessible(add_, _("Add access"), "access-add");
    remove_ = new wxButton(this, wxID_ANY, _("&Remove"));
    remove_->SetToolTip(_("Remove the selected account's access to the site"));
    set_accessible(remove_, _("Remove access"), "access-remove");
    auto* close = new wxButton(this, wxID_CANCEL, _("&Close"));
    set_accessible(close, _("Close"), "access-close");
    close->SetDefault();
    SetEscapeId(wxID_CANCEL);
    add_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add(); });
    remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove(); });

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->Add(add_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
    buttons->Add(remove_);
    buttons->AddStretchSpacer();
    buttons->Add(close);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(list_, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(problem_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(620, 440)));
    CentreOnParent();
    list_->set_loading();
    update_buttons();
    load();
}

void SiteAccessDialog::load() {
    busy_ = true;
    update_buttons();
    wxWeakRef<SiteAccessDialog> self(this);
    services_.read<SiteAccess>([site = site_](store::Database& db) { return read_site_access(db, site); },
                               [self](Loaded<SiteAccess> loaded) {
                                   if (!self) return;
                                   if (!loaded.ok()) wxLogMessage("Reading site access failed: %s", loaded.error);
                                   self->access_ = std::move(loaded.value);
                                   self->apply_own_changes();
                                   std::vector<ListRow> rows;
                                   for (const auto& su : self->access_.users)
                                       rows.push_back({su.user.id,
                                                       {wxString::FromUTF8(su.user.display_name),
                                                        wxString::FromUTF8(su.user.login), access_label(su.access)},
                                                       {}});
                                   self->list_->set_rows(std::move(rows));
                                   if (!self->select_.empty()) self->list_->select(self->select_);
                                   self->select_.clear();
                                   self->busy_ = false;
                                   self->update_buttons();
                               });
}

// The changes made in this dialog are stored before the list is read again; should the read not show them yet,
// the list still tells what was done (the register's answer shows when the dialog is opened again).
void SiteAccessDialog::apply_own_changes() {
    auto& users = access_.users;
    auto& candidates = access_.candidates;
    for (const auto& change : own_changes_) {
        const auto& id = change.first;  // not a structured binding: clang 14 cannot capture one in a lambda
        const bool granted = change.second;
        const auto listed = std::find_if(users.begin(), users.end(), [&](const SiteUser& u) { return u.user.id == id; });
        if (granted && listed == users.end()) {
            const auto c = std::find_if(candidates.begin(), candidates.end(),
                                        [&](const core::User& u) { return u.id == id; });
            if (c == candidates.end()) continue;
            users.push_back({*c, SiteAccessKind::grant_waiting});
            candidates.erase(c);
        } else if (!granted && listed != users.end() && listed->access == SiteAccessKind::granted) {
            listed->access = SiteAccessKind::removal_waiting;
        }
    }
}

void SiteAccessDialog::update_buttons() {
    add_->Enable(!busy_);
    bool removable = false;
    if (const ListRow* row = list_->selected())
        for (const auto& su : access_.users)
            if (su.user.id == row->id)
                removable = su.access == SiteAccessKind::granted || su.access == SiteAccessKind::grant_waiting;
    remove_->Enable(!busy_ && removable);
}

void SiteAccessDialog::show_problem(const wxString& text) {
    problem_->SetLabel(text);
    problem_->Wrap(FromDIP(540));
    set_accessible_name(problem_, text);
    announce_problem(problem_, text);
    problem_->Show(!text.empty());
    Layout();
}

void SiteAccessDialog::add() {
    if (busy_) return;
    GrantUserDialog dlg(this, site_, access_.candidates);
    if (dlg.ShowModal() != wxID_OK || dlg.user_id().empty()) return;
    change(dlg.user_id(), true);
}

void SiteAccessDialog::remove() {
    const std::string id = list_->selected_id();
    if (busy_ || id.empty()) return;
    change(id, false);
}

void SiteAccessDialog::change(const std::string& user_id, bool grant) {
    busy_ = true;
    update_buttons();
    show_problem(wxString());
    wxWeakRef<SiteAccessDialog> self(this);
    services_.write(
        [user_id, site = site_.id, grant](store::Database& db) {
            return grant ? sync::add_grant(db, user_id, site) : sync::remove_grant(db, user_id, site);
        },
        [self, user_id, grant](sync::LocalResult result, std::string error) {
            if (!self) return;
            if (!error.empty()) {
                wxLogMessage("Changing site access failed: %s", error);
                // TRANSLATORS: %s is a technical detail in English
                self->show_problem(wxString::Format(_("The change could not be saved on this computer (%s)."),
                                                    short_detail(error)));
            } else if (!result.ok()) {
                self->show_problem(problem_message(result.errors.front()));
            } else {
                self->own_changes_[user_id] = grant;
            }
            self->select_ = user_id;
            self->load();
        });
}

}  // namespace kaiku::ui
