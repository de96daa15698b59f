#include "ui/main_frame.hpp"

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/config.h>
#include <wx/gauge.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/persist/toplevel.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "net/http.hpp"
#include "store/repositories.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/format.hpp"
#include "ui/app.hpp"
#include "ui/labels.hpp"
#include "ui/preferences_dialog.hpp"
#include "ui/status_bar.hpp"
#include "ui/thread_check.hpp"
#include "ui/views.hpp"

#ifndef KAIKU_VERSION
#define KAIKU_VERSION "0.1.0"
#endif

namespace kaiku::ui {

namespace {
enum : int { id_sync = wxID_HIGHEST + 1, id_cancel_sync, id_find, id_retry, id_sign_out, id_view_first };

}  // namespace

MainFrame::MainFrame(const StartupOptions& options, std::shared_ptr<sync::TokenStore> tokens)
    : wxFrame(nullptr, wxID_ANY, _("Kaiku Admin")), options_(options) {
    services_ = std::make_unique<Services>(
        this, options_.cache_path.utf8_string(), options_.server_url.utf8_string(),
        sync::Credentials{options_.user.utf8_string(), options_.password, wxGetHostName().utf8_string(),
                          std::move(tokens)});
    services_->changed = [this] { on_data_changed(); };
    services_->round_done = [this](const sync::SyncReport& r) { on_round_done(r); };
    services_->open_record = [this](const std::string& entity, const std::string& id, const std::string& area) {
        for (std::size_t i = 0; i < views_.size(); ++i)
            if (views_[i]->show_record(entity, id, area)) return select_view(static_cast<int>(i), true);
    };

    build_menu();
    build_layout();
    status_ = new StatusBar(this);
    SetStatusBar(status_);
    status_->set_user(options_.user, false);

    if (!wxPersistentRegisterAndRestore(this, "main-window")) {
        SetSize(FromDIP(wxSize(1180, 720)));
        Centre();
    }
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        services_->cancel_sync();  // lets the window close at once
        if (book_ && book_->GetSelection() != wxNOT_FOUND && static_cast<size_t>(book_->GetSelection()) < views_.size())
            wxConfigBase::Get()->Write("/main/last-view", views_[book_->GetSelection()]->id());
        e.Skip();
    });

    // Who is signed in decides the views; the cached data shows first, then whatever the server has now.
    services_->read<SessionInfo>(read_session, [this](Loaded<SessionInfo> s) { on_session_loaded(std::move(s)); });
}

MainFrame::~MainFrame() {
    services_.reset();  // joins the worker threads before the widgets go
}

void MainFrame::build_menu() {
    auto* file = new wxMenu;
    file->Append(id_sync, _("&Sync Now\tCtrl+R"), _("Send your changes and fetch the latest data from the register"));
    file->Append(id_cancel_sync, _("&Cancel Sync"), _("Stop the running sync; nothing entered is lost"));
    file->AppendSeparator();
    file->Append(id_sign_out, _(L"Sign &Out\u2026"), _("Sign out of the register on this computer"));
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"), _("Close Kaiku Admin"));

    auto* edit = new wxMenu;
    edit->Append(id_find, _(L"&Find\u2026\tCtrl+F"), _("Filter the list of the current view"));
    edit->AppendSeparator();
    edit->Append(wxID_PREFERENCES, _(L"&Preferences\u2026"), _("Language of Kaiku Admin"));

    view_menu_ = new wxMenu;

    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Kaiku Admin"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(view_menu_, _("&View"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);
    bar->Enable(id_cancel_sync, false);

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { start_sync(); }, id_sync);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { services_->cancel_sync(); }, id_cancel_sync);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { sign_out(); }, id_sign_out);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        const int i = book_->GetSelection();
        if (i != wxNOT_FOUND && static_cast<size_t>(i) < views_.size()) views_[i]->focus_filter();
    }, id_find);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent& e) { select_view(e.GetId() - id_view_first, true); }, id_view_first,
         id_view_first + 99);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { on_about(); }, wxID_ABOUT);
    // Dialogs open after the menu event returns, so that the event loop (and assistive technology) is not held.
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        CallAfter([this] {
            PreferencesDialog dialog(this);
            if (dialog.ShowModal() == wxID_OK && dialog.save())
                show_problem(_("The new language is used after Kaiku Admin is restarted."));
        });
    }, wxID_PREFERENCES);
}

void MainFrame::build_layout() {
    auto* root = new wxPanel(this, wxID_ANY);
    const int gap = root->FromDIP(8);

    info_bar_ = new wxInfoBar(root, wxID_ANY);
    info_bar_->AddButton(id_retry, _("Try Again"));
    info_bar_->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (e.GetId() != id_retry) return e.Skip();
        info_bar_->Dismiss();
        start_sync();
    }, id_retry);
    set_accessible(info_bar_, _("Sync problem"), "sync-infobar");
    name_unlabelled_buttons(info_bar_, _("Close this message"));

    sync_button_ = new wxButton(root, id_sync, _("&Sync Now"));
    sync_button_->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_REFRESH, wxART_BUTTON));
    sync_button_->SetToolTip(_("Send your changes and fetch the latest data from the register (Ctrl+R)"));
    set_accessible(sync_button_, _("Sync now"), "sync-button");
    sync_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start_sync(); });

    cancel_button_ = new wxButton(root, id_cancel_sync, _("Cancel S&ync"));
    cancel_button_->SetToolTip(_("Stop the running sync; nothing entered is lost"));
    set_accessible(cancel_button_, _("Cancel sync"), "cancel-sync-button");
    cancel_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { services_->cancel_sync(); });
    cancel_button_->Hide();

    gauge_ = new wxGauge(root, wxID_ANY, 100, wxDefaultPosition, wxSize(root->FromDIP(140), -1));
    set_accessible(gauge_, _("Sync progress"), "sync-gauge");
    gauge_->Hide();
    progress_text_ = new wxStaticText(root, wxID_ANY, wxString());
    set_accessible(progress_text_, wxString(), "sync-progress");

    // TRANSLATORS: %s is the server address, e.g. http://127.0.0.1:8080
    const wxString server_text = wxString::Format(_("Server: %s"), options_.server_url);
    auto* server_label = new wxStaticText(root, wxID_ANY, server_text);
    server_label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    set_accessible(server_label, server_text, "server-label");

    nav_ = new wxListBox(root, wxID_ANY, wxDefaultPosition, wxSize(root->FromDIP(170), -1));
    set_accessible(nav_, _("Views"), "navigation");
    nav_->SetToolTip(_("Choose what to work on (Ctrl+1, Ctrl+2, ...)"));
    nav_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& e) { select_view(e.GetSelection()); });
    book_ = new wxSimplebook(root, wxID_ANY);

    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    actions->Add(sync_button_, wxSizerFlags().CenterVertical());
    actions->Add(cancel_button_, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
    actions->Add(gauge_, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
    actions->Add(progress_text_, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
    actions->AddStretchSpacer();
    actions->Add(server_label, wxSizerFlags().CenterVertical());

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    body->Add(nav_, wxSizerFlags().Expand().Border(wxRIGHT, gap));
    body->Add(book_, wxSizerFlags(1).Expand());

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(info_bar_, wxSizerFlags().Expand());
    sizer->Add(actions, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));
    sizer->Add(body, wxSizerFlags(1).Expand().Border(wxALL, gap));
    root->SetSizer(sizer);
}

void MainFrame::on_session_loaded(Loaded<SessionInfo> loaded) {
    assert_ui_thread("MainFrame::on_session_loaded");
    if (!loaded.ok()) {
        wxLogMessage("Reading the local cache failed: %s", loaded.error);
        // TRANSLATORS: %s (first) is a file path, %s (second) a technical detail in English
        show_problem(wxString::Format(_("The data saved on this computer could not be read from %s (%s)."),
                                      options_.cache_path, short_detail(loaded.error)));
    }
    if (loaded.value.login.empty()) loaded.value.login = options_.user.utf8_string();
    services_->set_session(std::move(loaded.value));
    status_->set_user(wxString::FromUTF8(services_->session().login), !services_->session().role.empty());
    add_views();
    refresh_status();
    start_sync();
}

void MainFrame::add_views() {
    // Until the first sign-in tells who the user is (started with a password and no saved session), one page says
    // so; the views of the role replace it. Later rebuilds keep the view shown when the role has it.
    const int shown = book_->GetSelection();
    const std::string keep = shown != wxNOT_FOUND && static_cast<std::size_t>(shown) < views_.size()
                                 ? views_[shown]->id()
                                 : wxConfigBase::Get()->Read("/main/last-view", wxString()).utf8_string();
    // An old view is destroyed once the reads it asked for have come back.
    while (book_->GetPageCount() > 0) {
        wxWindow* old = book_->GetPage(0);
        book_->RemovePage(0);
        old->Hide();
        services_->after_queued_work([old] { old->Destroy(); });
    }
    views_.clear();
    nav_->Clear();
    while (view_menu_->GetMenuItemCount() > 0) view_menu_->Destroy(view_menu_->FindItemByPosition(0));
    const SessionInfo& session = services_->session();
    if (session.role.empty()) {
        book_->AddPage(signing_in_page(), wxString());
        book_->ChangeSelection(0);
        return;
    }
    for (const auto& factory : all_views()) {
        if (!factory.available(session)) continue;
        View* view = factory.create(book_, *services_);
        const int index = static_cast<int>(views_.size());
        views_.push_back(view);
        book_->AddPage(view, view->title());
        nav_->Append(view->title());
        const wxString accel = index < 9 ? wxString::Format("\tCtrl+%d", index + 1) : wxString();
        view_menu_->Append(id_view_first + index, view->title() + accel);
    }
    if (keep.empty() || !show_view(keep)) select_view(0);
}

wxWindow* MainFrame::signing_in_page() {
    auto* page = new wxPanel(book_, wxID_ANY);
    const wxString text = _("The views of your role open once Kaikukanta has answered the first sign-in. If it cannot "
                            "be reached, the message above says why; press Sync Now to try again.");
    auto* label = new wxStaticText(page, wxID_ANY, text);
    label->Wrap(page->FromDIP(480));
    set_accessible(label, text, "signing-in");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->AddStretchSpacer();
    sizer->Add(label, wxSizerFlags().Center().Border(wxALL, page->FromDIP(16)));
    sizer->AddStretchSpacer(2);
    page->SetSizer(sizer);
    return page;
}

bool MainFrame::show_view(const std::string& id) {
    for (std::size_t i = 0; i < views_.size(); ++i)
        if (id == views_[i]->id()) {
            select_view(static_cast<int>(i));
            return true;
        }
    return false;
}

void MainFrame::select_view(int index, bool focus_view) {
    if (index < 0 || static_cast<std::size_t>(index) >= views_.size()) return;
    if (nav_->GetSelection() != index) nav_->SetSelection(index);
    if (book_->GetSelection() != index) book_->ChangeSelection(static_cast<size_t>(index));
    views_[index]->reload();
    // From the menu or a shortcut, work continues in the view; from the navigation list, focus stays there.
    if (focus_view || FindFocus() != nav_) views_[index]->focus_main();
}

void MainFrame::start_sync() {
    assert_ui_thread("MainFrame::start_sync");
    user_round_ = true;
    if (!services_->sync_now([this](const sync::SyncProgress& p) { on_sync_progress(p); }, {})) {
        // A round is already running (automatic or after a change); its outcome is shown when it ends.
        if (!syncing_) set_syncing(true);
        return;
    }
    set_syncing(true);
}

void MainFrame::set_syncing(bool syncing) {
    syncing_ = syncing;
    sync_button_->Enable(!syncing);
    GetMenuBar()->Enable(id_sync, !syncing);
    GetMenuBar()->Enable(id_cancel_sync, syncing);
    cancel_button_->Show(syncing);
    gauge_->Show(syncing);
    if (syncing) {
        gauge_->Pulse();
        status_->set_sync_state(_(L"Syncing\u2026"));
        progress_text_->SetLabel(_(L"Syncing\u2026"));
    } else {
        progress_text_->SetLabel(wxString());
    }
    set_accessible_name(progress_text_, progress_text_->GetLabel());
    cancel_button_->GetParent()->Layout();
}

void MainFrame::on_sync_progress(const sync::SyncProgress& p) {
    if (!syncing_) return;
    gauge_->Pulse();
    wxString text;
    if (p.phase == "push")
        // TRANSLATORS: %lld is a number of changes sent so far
        text = wxString::Format(wxPLURAL("Sending changes: %lld sent", "Sending changes: %lld sent", p.rows), p.rows);
    else if (p.phase == "pull")
        // TRANSLATORS: %lld is a number of records received so far
        text = wxString::Format(wxPLURAL("Receiving data: %lld record", "Receiving data: %lld records", p.rows), p.rows);
    else
        text = _(L"Tidying the data saved on this computer\u2026");
    progress_text_->SetLabel(text);
    set_accessible_name(progress_text_, text);
}

void MainFrame::on_round_done(const sync::SyncReport& report) {
    assert_ui_thread("MainFrame::on_round_done");
    const bool reported = user_round_;
    user_round_ = false;
    set_syncing(false);
    status_->set_sync_outcome(sync_failure_status(report.failure), !reported);
    const std::string& login = services_->session().login;
    const wxString user = login.empty() ? options_.user : wxString::FromUTF8(login);
    if (report.ok())
        status_->set_user(user, true);
    else if (report.failure == sync::FailureKind::unauthorized)
        status_->set_user(user, false);
    if (report.ok() && services_->session().role.empty()) {
        // The first round signed in: now the role is known, and with it the views it has.
        services_->read<SessionInfo>(read_session, [this](Loaded<SessionInfo> s) {
            if (!s.ok() || s.value.role.empty()) return;
            if (s.value.login.empty()) s.value.login = options_.user.utf8_string();
            services_->set_session(std::move(s.value));
            add_views();
        });
    }
    if (report.ok()) {
        wxLogMessage("Sync with %s done: %lld sent, %lld received in %.1f s.", options_.server_url, report.pushed,
                     report.pulled_rows, report.seconds);
        if (info_bar_->IsShown()) info_bar_->Dismiss();
        if (reported) {
            // TRANSLATORS: %s is the time of day, e.g. 14:05:09
            const wxString done = wxString::Format(_("Sync finished at %s."), wxDateTime::Now().Format("%H:%M:%S"));
            progress_text_->SetLabel(done);
            set_accessible_name(progress_text_, done);
            announce(progress_text_, done);
        }
    } else {
        wxLogMessage("Sync with %s failed: %s", options_.server_url, wxString::FromUTF8(report.detail));
        if (report.device_revoked)
            show_problem(_("This computer's access to the register was revoked, so the register data saved on it was "
                           "removed. Ask your area coordinator for access."));
        else if (reported || report.failure == sync::FailureKind::unauthorized)
            show_problem(sync_failure_message(report.failure, report.http_status, report.detail, options_.server_url));
    }
    refresh_status();
}

void MainFrame::on_data_changed() {
    const int i = book_->GetSelection();
    if (i != wxNOT_FOUND && static_cast<size_t>(i) < views_.size()) views_[i]->reload();
    refresh_status();
}

void MainFrame::refresh_status() {
    services_->load_sync_state([this](Loaded<SyncState> loaded) {
        if (!loaded.ok()) return;
        const auto& s = loaded.value.status;
        const auto pending = static_cast<unsigned>(s.pending);
        status_->set_pending(pending == 0 ? _("All changes sent")
                                          : wxString::Format(wxPLURAL("%u change not sent yet",
                                                                      "%u changes not sent yet", pending),
                                                             pending));
        const auto open = static_cast<unsigned>(s.conflicts + s.rejected);
        status_->set_conflicts(open == 0 ? _("No conflicts")
                                         : wxString::Format(wxPLURAL("%u conflict to decide", "%u conflicts to decide",
                                                                     open),
                                                            open));
        const wxString when = format_datetime(s.last_success);
        // TRANSLATORS: %s is a date and time
        status_->set_last_sync(when.empty() ? _("Last sync: never") : wxString::Format(_("Last sync: %s"), when));
        if (!syncing_ && !status_->has_outcome() && s.last_success.empty() && s.last_failure.empty())
            status_->set_sync_state(_("Not synced yet"));
    });
}

void MainFrame::show_problem(const wxString& message) {
    info_bar_->ShowMessage(message, wxICON_WARNING);
    set_accessible_name(info_bar_, message);
    announce(info_bar_, message);
}

void MainFrame::sign_out() {
    services_->load_sync_state([this](Loaded<SyncState> loaded) {
        const long long pending = loaded.ok() ? loaded.value.status.pending : 0;
        bool discard = false;
        if (pending > 0) {
            const auto n = static_cast<unsigned>(pending);
            wxMessageDialog ask(this,
                                wxString::Format(wxPLURAL("%u change made on this computer has not reached the "
                                                          "register yet.",
                                                          "%u changes made on this computer have not reached the "
                                                          "register yet.",
                                                          n),
                                                 n),
                                _("Sign Out"), wxYES_NO | wxCANCEL | wxCANCEL_DEFAULT | wxICON_WARNING);
            ask.SetExtendedMessage(_("Sync first to send them. Signing out anyway removes them from this computer "
                                     "for good."));
            ask.SetYesNoCancelLabels(_("Sync &First"), _("&Discard Changes and Sign Out"), _("Cancel"));
            const int answer = ask.ShowModal();
            if (answer == wxID_YES) return start_sync();
            if (answer != wxID_NO) return;
            discard = true;
        }
        ::wxGetApp().sign_out(this, discard);
    });
}

void MainFrame::on_about() {
    wxAboutDialogInfo info;
    info.SetName(_("Kaiku Admin"));
    info.SetVersion(KAIKU_VERSION);
    info.SetDescription(_("Administration client of the Kaikukortti culture-card network: areas, issuers, "
                          "venues, cards and statistics."));
    info.SetWebSite("https://www.kaikukortti.fi");
    wxAboutBox(info, this);
}

}  // namespace kaiku::ui
