#include "ui/main_frame.hpp"

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/menu.h>
#include <wx/panel.h>
#include <wx/persist/splitter.h>
#include <wx/persist/toplevel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include "ui/accessibility.hpp"
#include "ui/areas_panel.hpp"
#include "ui/labels.hpp"
#include "ui/sites_panel.hpp"
#include "ui/status_bar.hpp"
#include "ui/sync_history.hpp"
#include "ui/thread_check.hpp"

#ifndef KAIKU_VERSION
#define KAIKU_VERSION "0.1.0"
#endif

namespace kaiku::ui {

namespace {
enum : int { id_sync = wxID_HIGHEST + 1, id_find_site, id_retry };
}

MainFrame::MainFrame(const StartupOptions& options)
    : wxFrame(nullptr, wxID_ANY, _("Kaiku Admin")), options_(options) {
    build_menu();
    build_layout();

    status_ = new StatusBar(this);
    SetStatusBar(status_);
    status_->set_user(options_.user);
    show_last_sync();

    if (!wxPersistentRegisterAndRestore(this, "main-window")) {
        SetSize(FromDIP(wxSize(1180, 720)));
        Centre();
    }

    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (worker_) worker_->cancel_refresh();  // lets the window close at once
        e.Skip();
    });

    worker_ = std::make_unique<NetworkWorker>(
        this, options_.cache_path.utf8_string(), options_.server_url.utf8_string(),
        sync::Credentials{options_.user.utf8_string(), options_.password, wxGetHostName().utf8_string()});
    reload_areas();   // the cached data first ...
    start_refresh();  // ... then whatever the server has now
}

MainFrame::~MainFrame() {
    worker_.reset();  // joins the worker threads before the widgets go
}

void MainFrame::build_menu() {
    auto* file = new wxMenu;
    file->Append(id_sync, _("&Sync Now\tCtrl+R"), _("Fetch the latest network data from the server"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"), _("Close Kaiku Admin"));

    auto* edit = new wxMenu;
    edit->Append(id_find_site, _(L"&Find Site\u2026\tCtrl+F"), _("Filter the sites of the selected area by name"));

    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Kaiku Admin"));

    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(wxEVT_MENU, [this](wxCommandEvent&) { start_refresh(); }, id_sync);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { sites_->focus_filter(); }, id_find_site);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { on_about(); }, wxID_ABOUT);
}

void MainFrame::build_layout() {
    auto* root = new wxPanel(this, wxID_ANY);
    const int gap = root->FromDIP(8);

    info_bar_ = new wxInfoBar(root, wxID_ANY);
    info_bar_->AddButton(id_retry, _("Try Again"));
    info_bar_->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (e.GetId() != id_retry) return e.Skip();
        info_bar_->Dismiss();
        start_refresh();
    }, id_retry);
    set_accessible(info_bar_, _("Sync problem"), "sync-infobar");
    name_unlabelled_buttons(info_bar_, _("Close this message"));

    sync_button_ = new wxButton(root, id_sync, _("&Sync Now"));
    sync_button_->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_REFRESH, wxART_BUTTON));
    sync_button_->SetToolTip(_("Fetch the latest network data from the server (Ctrl+R)"));
    set_accessible(sync_button_, _("Sync now"), "sync-button");
    sync_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start_refresh(); });

    // TRANSLATORS: %s is the server address, e.g. http://127.0.0.1:8080
    const wxString server_text = wxString::Format(_("Server: %s"), options_.server_url);
    auto* server_label = new wxStaticText(root, wxID_ANY, server_text);
    server_label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    set_accessible(server_label, server_text, "server-label");

    splitter_ = new wxSplitterWindow(root, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_NOBORDER | wxSP_3DSASH);
    splitter_->SetMinimumPaneSize(root->FromDIP(220));
    areas_ = new AreasPanel(splitter_);
    sites_ = new SitesPanel(splitter_);
    splitter_->SplitVertically(areas_, sites_, root->FromDIP(430));
    set_accessible(splitter_, _("Areas and sites"), "main-splitter");
    wxPersistentRegisterAndRestore(splitter_, "main-splitter");
    areas_->on_selection = [this](const core::Area* area) { on_area_selected(area); };

    auto* actions = new wxBoxSizer(wxHORIZONTAL);
    actions->Add(sync_button_, wxSizerFlags().CenterVertical());
    actions->AddStretchSpacer();
    actions->Add(server_label, wxSizerFlags().CenterVertical());

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(info_bar_, wxSizerFlags().Expand());
    sizer->Add(actions, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));
    sizer->Add(splitter_, wxSizerFlags(1).Expand().Border(wxALL, gap));
    root->SetSizer(sizer);
}

void MainFrame::start_refresh() {
    assert_ui_thread("MainFrame::start_refresh");
    if (refreshing_) return;
    refreshing_ = true;
    sync_button_->Disable();
    GetMenuBar()->Enable(id_sync, false);
    status_->set_sync_state(_(L"Syncing\u2026"));
    worker_->refresh([this](sync::Progress p) { on_refresh_progress(p); },
                     [this](sync::RefreshResult r) { on_refresh_done(r); });
}

void MainFrame::reload_areas() {
    worker_->load_areas([this](AreasLoaded loaded) { on_areas_loaded(std::move(loaded)); });
}

void MainFrame::on_area_selected(const core::Area* area) {
    sites_->show_area(area);
    pending_area_id_ = area ? area->id : std::string();
    if (!area) return;
    worker_->load_sites(area->id, [this](SitesLoaded loaded) { on_sites_loaded(std::move(loaded)); });
}

void MainFrame::on_areas_loaded(AreasLoaded loaded) {
    assert_ui_thread("MainFrame::on_areas_loaded");
    if (!loaded.error.empty()) {
        wxLogMessage("Reading the local cache failed: %s", loaded.error);
        // TRANSLATORS: %s (first) is a file path, %s (second) a technical detail in English
        show_problem(wxString::Format(_("The data saved on this computer could not be read from %s (%s)."),
                                      options_.cache_path, short_detail(loaded.error)));
        return;
    }
    areas_->set_areas(std::move(loaded.areas));
    // The selected area may have new or changed sites after a sync.
    if (const core::Area* area = areas_->selected_area()) on_area_selected(area);
}

void MainFrame::on_sites_loaded(SitesLoaded loaded) {
    assert_ui_thread("MainFrame::on_sites_loaded");
    if (loaded.area_id != pending_area_id_) return;  // the user has moved on to another area
    if (!loaded.error.empty()) {
        wxLogMessage("Reading sites from the local cache failed: %s", loaded.error);
        show_problem(wxString::Format(_("The sites could not be read from the data saved on this computer (%s)."),
                                      short_detail(loaded.error)));
    }
    sites_->set_sites(std::move(loaded.sites));
}

void MainFrame::on_refresh_progress(const sync::Progress& progress) {
    wxString phase;
    if (progress.phase == "areas") phase = _(L"Syncing areas\u2026");
    else if (progress.phase == "organisations") phase = _(L"Syncing organisations\u2026");
    else if (progress.phase == "sites") phase = _(L"Syncing sites\u2026");
    else if (progress.phase == "venue_profiles") phase = _(L"Syncing venue profiles\u2026");
    else phase = _(L"Syncing\u2026");
    if (refreshing_) status_->set_sync_state(phase);
}

void MainFrame::on_refresh_done(const sync::RefreshResult& result) {
    assert_ui_thread("MainFrame::on_refresh_done");
    refreshing_ = false;
    sync_button_->Enable();
    GetMenuBar()->Enable(id_sync, true);
    status_->set_sync_state(refresh_failure_status(result));
    if (result.ok()) {
        wxLogMessage("Sync with %s done: %zu areas, %zu sites.", options_.server_url, result.areas, result.sites);
        save_last_sync(options_.cache_path, wxDateTime::Now());
        show_last_sync();
        if (info_bar_->IsShown()) info_bar_->Dismiss();
    } else {
        wxLogMessage("Sync with %s failed: %s", options_.server_url, wxString::FromUTF8(result.detail));
        show_problem(refresh_failure_message(result, options_.server_url));
    }
    reload_areas();
}

void MainFrame::show_problem(const wxString& message) {
    info_bar_->ShowMessage(message, wxICON_WARNING);
    set_accessible_name(info_bar_, message);
}

void MainFrame::show_last_sync() {
    const wxDateTime when = load_last_sync(options_.cache_path);
    // TRANSLATORS: %s is a date and time
    status_->set_last_sync(when.IsValid() ? wxString::Format(_("Last sync: %s"), when.Format("%x %X"))
                                          : _("Last sync: never"));
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
