// The main window: navigation between the views the user's role has, the sync bar (Sync now, progress, cancel),
// the info bar for problems and the status bar (connection, pending changes, conflicts, last sync, user).
// It arranges and forwards; the work runs in Services on worker threads.
#pragma once

#include <memory>
#include <vector>

#include <wx/frame.h>

#include "ui/services.hpp"
#include "ui/startup_options.hpp"

class wxButton;
class wxGauge;
class wxInfoBar;
class wxListBox;
class wxSimplebook;
class wxStaticText;

namespace kaiku::ui {

class StatusBar;
class View;

class MainFrame : public wxFrame {
public:
    MainFrame(const StartupOptions& options, std::shared_ptr<sync::TokenStore> tokens);
    ~MainFrame() override;

    // Shows a problem in the info bar (and announces it to assistive technology).
    void show_problem(const wxString& message);
    // Goes to the view with this id (e.g. "cards"); false when the role has none.
    bool show_view(const std::string& id);

private:
    void build_menu();
    void build_layout();
    void on_session_loaded(Loaded<SessionInfo> loaded);
    void add_views();
    // The page shown before the first sign-in has told the role.
    wxWindow* signing_in_page();

    void start_sync();
    void on_sync_progress(const sync::SyncProgress& progress);
    void on_round_done(const sync::SyncReport& report);
    void set_syncing(bool syncing);
    void on_data_changed();
    void refresh_status();
    void select_view(int index, bool focus_view = false);
    void sign_out();
    void on_about();

    StartupOptions options_;
    std::unique_ptr<Services> services_;
    std::vector<View*> views_;
    bool syncing_ = false;
    bool user_round_ = false;  // the running round was asked for by the user: report its outcome

    wxInfoBar* info_bar_ = nullptr;
    wxButton* sync_button_ = nullptr;
    wxButton* cancel_button_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* progress_text_ = nullptr;
    wxListBox* nav_ = nullptr;
    wxSimplebook* book_ = nullptr;
    wxMenu* view_menu_ = nullptr;
    StatusBar* status_ = nullptr;
};

}  // namespace kaiku::ui
