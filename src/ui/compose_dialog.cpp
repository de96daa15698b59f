#include "ui/compose_dialog.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/validation.hpp"
#include "ui/accessibility.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

namespace {

wxString title_for(ComposeDialog::Mode mode) {
    switch (mode) {
        case ComposeDialog::Mode::message: return _("New Message");
        case ComposeDialog::Mode::reply: return _("Reply");
        case ComposeDialog::Mode::announcement: return _("New Announcement");
    }
    return {};
}

wxString site_choice_label(const Place& p) {
    // TRANSLATORS: a site in a list of recipients: its name and its role (Issuer, Venue)
    return wxString::Format(_("%s (%s)"), wxString::FromUTF8(p.name), label(p.role));
}

}  // namespace

ComposeDialog::ComposeDialog(wxWindow* parent, Services& services, Mode mode, const MessagesData& data,
                             const ThreadData* thread)
    : FormDialog(parent, services, title_for(mode)), mode_(mode), own_sites_(data.own_sites), areas_(data.areas) {
    const SessionInfo& session = services.session();
    staff_ = session.issuer() || session.venue();

    if (!own_sites_.empty()) {
        from_ = new wxChoice(this, wxID_ANY);
        for (const auto& s : own_sites_) from_->Append(wxString::FromUTF8(s.name));
        from_->SetSelection(0);
        set_accessible(from_, _("From site"), "compose-from");
        add_field(_("&From:"), from_, "sender_site_id", "compose-from-problem");
    }

    if (mode == Mode::message) {
        to_ = new wxChoice(this, wxID_ANY);
        for (const auto& s : data.sites) {
            bool own = false;
            for (const auto& o : own_sites_) own = own || o.id == s.id;
            if (own) continue;
            to_sites_.push_back(s);
            to_->Append(site_choice_label(s));
        }
        set_accessible(to_, _("To site"), "compose-to");
        add_field(_("&To:"), to_, "recipient_id", "compose-to-problem");
        to_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    } else if (mode == Mode::reply) {
        reply_to_ = thread->reply_to;
        auto* to = new wxStaticText(this, wxID_ANY, thread->reply_recipient);
        set_accessible(to, thread->reply_recipient, "compose-to-label");
        add_field(_("To:"), to, "recipient_id", "compose-to-problem");
    } else {
        audiences_ = {{core::RecipientKind::area_issuers, _("All issuers of the area")},
                      {core::RecipientKind::area_venues, _("All venues of the area")},
                      {core::RecipientKind::area_all, _("All issuers and venues of the area")}};
        if (session.national()) audiences_.push_back({core::RecipientKind::network, _("The whole network")});
        audience_ = new wxChoice(this, wxID_ANY);
        for (const auto& a : audiences_) audience_->Append(a.label);
        audience_->SetSelection(0);
        set_accessible(audience_, _("Recipients"), "compose-audience");
        add_field(_("&Recipients:"), audience_, "recipient_kind", "compose-audience-problem");
        area_ = new wxChoice(this, wxID_ANY);
        for (const auto& a : areas_) area_->Append(a.name);
        if (!areas_.empty()) area_->SetSelection(0);
        area_->Enable(areas_.size() > 1);
        set_accessible(area_, _("Area"), "compose-area");
        add_field(_("&Area:"), area_, "recipient_id", "compose-area-problem");
        audience_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            const auto i = audience_->GetSelection();
            area_->Enable(areas_.size() > 1 && i >= 0 && audiences_[static_cast<size_t>(i)].kind != core::RecipientKind::network);
            changed();
        });
    }

    subject_ = new wxTextCtrl(this, wxID_ANY, wxString());
    subject_->SetMaxLength(core::kMaxSubjectLength);
    set_accessible(subject_, _("Subject"), "compose-subject");
    if (mode == Mode::reply) {
        const wxString re = thread->subject.StartsWith("Re: ") ? thread->subject : "Re: " + thread->subject;
        subject_->SetValue(re);
        subject_->SetEditable(false);
    }
    add_field(_("&Subject:"), subject_, "subject", "compose-subject-problem");

    body_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(460, 200)),
                           wxTE_MULTILINE | wxTE_WORDWRAP);
    set_accessible(body_, _("Message text"), "compose-body");
    body_->SetToolTip(_("Ctrl+Enter sends the message."));
    add_field(_("&Message:"), body_, "body", "compose-body-problem");

    finish(mode == Mode::announcement ? _("&Send Announcement") : _("&Send"), _("Send"), "compose-send",
           "compose-cancel", "compose-problem");
    subject_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    body_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    // Enter writes a new line in the message; Ctrl+Enter sends, as in mail programs.
    body_->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) && e.ControlDown()) {
            wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
            click.SetEventObject(ok_);
            ok_->GetEventHandler()->ProcessEvent(click);
            return;
        }
        e.Skip();
    });
    if (mode == Mode::reply)
        body_->SetFocus();
    else if (to_)
        to_->SetFocus();
    else if (audience_)
        audience_->SetFocus();
}

bool ComposeDialog::check() {
    bool ok = true;
    problems_.set_general(wxString());
    auto need = [&](const std::string& field, bool good, const wxString& problem) {
        problems_.set(field, good ? wxString() : problem);
        ok = ok && good;
    };
    if (from_) need("sender_site_id", from_->GetSelection() >= 0, _("From site: choose the site you send from."));
    if (to_) need("recipient_id", to_->GetSelection() >= 0, _("To: choose the site that gets the message."));
    if (area_) {
        const bool network = audiences_[static_cast<size_t>(audience_->GetSelection())].kind == core::RecipientKind::network;
        need("recipient_id", network || area_->GetSelection() >= 0, _("Area: choose the area of the announcement."));
    }
    need("subject", !wxString(subject_->GetValue()).Trim().Trim(false).empty(), _("Subject: write a subject."));
    need("body", !wxString(body_->GetValue()).Trim().Trim(false).empty(), _("Message text: write the message."));
    return ok;
}

std::function<sync::LocalResult(store::Database&)> ComposeDialog::change() {
    const std::string from = from_ ? own_sites_[static_cast<size_t>(from_->GetSelection())].id : std::string();
    const std::string body = body_->GetValue().utf8_string();
    if (mode_ == Mode::reply)
        return [id = reply_to_, from, body, staff = staff_](store::Database& db) {
            return send_reply(db, id, from, body, staff);
        };
    core::Message m;
    m.sender_site_id = from;
    m.subject = wxString(subject_->GetValue()).Trim().Trim(false).utf8_string();
    m.body = body;
    if (mode_ == Mode::message) {
        m.recipient_kind = core::RecipientKind::site;
        m.recipient_id = to_sites_[static_cast<size_t>(to_->GetSelection())].id;
    } else {
        m.recipient_kind = audiences_[static_cast<size_t>(audience_->GetSelection())].kind;
        if (m.recipient_kind != core::RecipientKind::network && area_->GetSelection() >= 0)
            m.recipient_id = areas_[static_cast<size_t>(area_->GetSelection())].id;
    }
    return [m](store::Database& db) { return sync::post_message(db, m); };
}

wxWindow* ComposeDialog::field_window(const std::string& f) {
    if (f == "sender_site_id") return from_;
    if (f == "recipient_id") return to_ ? static_cast<wxWindow*>(to_) : static_cast<wxWindow*>(area_);
    if (f == "recipient_kind") return audience_;
    if (f == "subject") return subject_;
    if (f == "body") return body_;
    return nullptr;
}

}  // namespace kaiku::ui
