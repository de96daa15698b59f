#include "ui/messages_view.hpp"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/choicebk.h>
#include <wx/persist/splitter.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/compose_dialog.hpp"
#include "ui/group_visits_panel.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

MessagesView::MessagesView(wxWindow* parent, Services& services) : View(parent, services) {
    book_ = new wxChoicebook(this, wxID_ANY);
    set_accessible(book_->GetChoiceCtrl(), _("Page"), "messages-page");
    book_->GetChoiceCtrl()->SetToolTip(_("Choose the page of this view"));
    // A choice rather than tabs: GTK notebook tabs misbehave with assistive technology when windows close.
    set_accessible(book_->GetChoiceCtrl(), _("Show"), "messages-page-choice");
    set_accessible(book_, _("Messages and group visits"), "messages-pages");

    auto* page = new wxPanel(book_, wxID_ANY);
    unread_ = new wxStaticText(page, wxID_ANY, wxString());
    unread_->SetFont(unread_->GetFont().Bold());
    set_accessible(unread_, wxString(), "messages-unread");
    new_ = new wxButton(page, wxID_ANY, _(L"&New Message\u2026"));
    set_accessible(new_, _("New message"), "messages-new");
    reply_ = new wxButton(page, wxID_ANY, _(L"&Reply\u2026"));
    set_accessible(reply_, _("Reply"), "messages-reply");
    announce_ = new wxButton(page, wxID_ANY, _(L"New &Announcement\u2026"));
    set_accessible(announce_, _("New announcement"), "messages-announce");

    auto* splitter = new wxSplitterWindow(page, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                          wxSP_LIVE_UPDATE | wxSP_NOBORDER | wxSP_3DSASH);
    splitter->SetMinimumPaneSize(FromDIP(240));
    inbox_ = new RecordList(splitter, "messages", _("Inbox"),
                            {{_("Status"), 80}, {_("From"), 200}, {_("Subject"), 240}, {_("Date"), 130},
                             {_("Messages"), 80, true}, {_("To"), 180, false, false}},
                            _("Filter messages"));
    reading_ = new wxTextCtrl(splitter, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
    set_accessible(reading_, _("Selected conversation"), "messages-thread");
    splitter->SplitVertically(inbox_, reading_, FromDIP(640));
    splitter->SetSashGravity(0.6);
    wxPersistentRegisterAndRestore(splitter, "messages-splitter");

    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(unread_, wxSizerFlags(1).CenterVertical());
    for (wxButton* b : {new_, reply_, announce_}) top->Add(b, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
    sizer->Add(splitter, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
    page->SetSizer(sizer);
    book_->AddPage(page, _("Messages"));

    visits_ = new GroupVisitsPanel(book_, services_);
    // TRANSLATORS: "company for participation": issuers take clients to a venue event together
    book_->AddPage(visits_, _("Group Visits"));

    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(book_, wxSizerFlags(1).Expand());
    SetSizer(outer);

    inbox_->on_selection = [this](const ListRow* row) { on_thread_selected(row); };
    inbox_->on_activate = [this](const ListRow&) { reading_->SetFocus(); };
    // Dialogs open after the click's handler returned, so that assistive technology is answered meanwhile.
    const auto open = [this](ComposeDialog::Mode m) {
        return [this, m](wxCommandEvent&) { CallAfter([this, m] { compose(static_cast<int>(m)); }); };
    };
    new_->Bind(wxEVT_BUTTON, open(ComposeDialog::Mode::message));
    reply_->Bind(wxEVT_BUTTON, open(ComposeDialog::Mode::reply));
    announce_->Bind(wxEVT_BUTTON, open(ComposeDialog::Mode::announcement));
    update_buttons();
    update_unread();
}

wxString MessagesView::title() const { return _("Messages"); }

void MessagesView::reload() {
    if (!loaded_) inbox_->set_loading();
    SessionInfo session = services_.session();
    services_.read<MessagesData>([session](store::Database& db) { return read_messages(db, session); },
                                 [this](Loaded<MessagesData> loaded) {
                                     if (!loaded.ok()) {
                                         wxLogMessage("Reading messages from the local cache failed: %s", loaded.error);
                                         return;
                                     }
                                     loaded_ = true;
                                     data_ = std::move(loaded.value);
                                     inbox_->set_rows(data_.threads);
                                     if (!select_next_.empty()) inbox_->select(select_next_);
                                     select_next_.clear();
                                     update_unread();
                                     update_buttons();
                                     on_thread_selected(inbox_->selected());
                                 });
    visits_->reload();
}

void MessagesView::on_thread_selected(const ListRow* row) {
    pending_thread_ = row ? row->id : std::string();
    update_buttons();
    if (!row) {
        thread_ = {};
        reading_->ChangeValue(_("Select a conversation to read it."));
        return;
    }
    SessionInfo session = services_.session();
    services_.read<ThreadData>(
        [session, id = row->id](store::Database& db) { return read_thread(db, session, id); },
        [this, id = row->id](Loaded<ThreadData> loaded) {
            if (id != pending_thread_) return;  // the user has moved on
            if (!loaded.ok()) {
                wxLogMessage("Reading a message thread from the local cache failed: %s", loaded.error);
                return;
            }
            show_thread(std::move(loaded.value));
        });
}

void MessagesView::show_thread(ThreadData thread) {
    const bool same = thread.thread_id == thread_.thread_id;
    thread_ = std::move(thread);
    if (!same || reading_->GetValue() != thread_.text) reading_->ChangeValue(thread_.text);
    update_buttons();
    if (thread_.unread.empty()) return;
    // Opening a thread reads it: receipts go to the register with the next sync.
    services_.write(
        [ids = thread_.unread](store::Database& db) {
            sync::LocalResult last;
            for (const auto& id : ids) {
                last = sync::mark_message_read(db, id);
                if (!last.ok()) break;
            }
            return last;
        },
        [](sync::LocalResult result, std::string error) {
            if (!error.empty() || !result.ok())
                wxLogMessage("Marking a message read failed: %s",
                             error.empty() ? core::to_string(result.errors) : error);
        });
    thread_.unread.clear();
}

void MessagesView::compose(int mode) {
    const auto m = static_cast<ComposeDialog::Mode>(mode);
    if (m == ComposeDialog::Mode::reply && thread_.reply_to.empty()) return;
    ComposeDialog dialog(this, services_, m, data_, m == ComposeDialog::Mode::reply ? &thread_ : nullptr);
    if (dialog.ShowModal() != wxID_OK) return;
    // The sent message's thread is selected once the inbox is read again (the change notice reloads it).
    if (m != ComposeDialog::Mode::reply) select_next_ = dialog.result().id;
}

void MessagesView::update_unread() {
    wxString text;
    if (!loaded_)
        text = _(L"Loading messages\u2026");
    else if (data_.unread == 0)
        text = _("No unread messages.");
    else
        text = wxString::Format(wxPLURAL("%d unread message", "%d unread messages", data_.unread), data_.unread);
    unread_->SetLabel(text);
    set_accessible_name(unread_, text);
}

void MessagesView::update_buttons() {
    // The role may become known only after the first sync signed in.
    const SessionInfo& s = services_.session();
    if (announce_->IsShown() != (s.coordinator() || s.national())) {
        announce_->Show(s.coordinator() || s.national());
        announce_->GetParent()->Layout();
    }
    reply_->Enable(!thread_.reply_to.empty() && thread_.thread_id == pending_thread_);
    new_->Enable(loaded_);
    announce_->Enable(loaded_ && !data_.areas.empty());
}

void MessagesView::focus_filter() {
    if (book_->GetSelection() == 0) inbox_->focus_filter();
}

void MessagesView::focus_main() { inbox_->focus_list(); }

}  // namespace kaiku::ui
