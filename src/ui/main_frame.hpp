// The main window: areas on the left, the selected area's sites on the right, sync state below.
// It only arranges panels and forwards work to the NetworkWorker; results come back as callbacks
// on the UI thread.
#pragma once

#include <memory>
#include <string>

#include <wx/frame.h>

#include "sync/network_refresh.hpp"
#include "ui/network_worker.hpp"
#include "ui/startup_options.hpp"

class wxButton;
class wxInfoBar;
class wxSplitterWindow;

namespace kaiku::ui {

class AreasPanel;
class SitesPanel;
class StatusBar;

class MainFrame : public wxFrame {
public:
    explicit MainFrame(const StartupOptions& options);
    ~MainFrame() override;

private:
    void build_menu();
    void build_layout();

    void start_refresh();
    void reload_areas();
    void on_area_selected(const core::Area* area);
    void on_areas_loaded(AreasLoaded loaded);
    void on_sites_loaded(SitesLoaded loaded);
    void on_refresh_progress(const sync::Progress& progress);
    void on_refresh_done(const sync::RefreshResult& result);
    void show_problem(const wxString& message);
    void show_last_sync();
    void on_about();

    StartupOptions options_;
    std::unique_ptr<NetworkWorker> worker_;
    bool refreshing_ = false;
    std::string pending_area_id_;  // the area whose sites are being read

    wxInfoBar* info_bar_ = nullptr;
    wxButton* sync_button_ = nullptr;
    wxSplitterWindow* splitter_ = nullptr;
    AreasPanel* areas_ = nullptr;
    SitesPanel* sites_ = nullptr;
    StatusBar* status_ = nullptr;
};

}  // namespace kaiku::ui
