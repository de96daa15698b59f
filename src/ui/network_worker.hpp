// The window's gateway to the cache and the server: every call returns at once, the work runs on
// worker threads with their own database connections, and the continuation runs on the UI thread
// only while the owning window lives. Reads and the server refresh use separate threads, so the
// lists stay browsable during a slow sync.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "sync/network_refresh.hpp"
#include "sync/session.hpp"
#include "ui/db_worker.hpp"
#include "ui/ui_dispatcher.hpp"

class wxWindow;

namespace kaiku::ui {

struct AreasLoaded {
    std::vector<core::Area> areas;
    std::string error;  // English technical detail when the cache could not be read; empty on success
};

struct SitesLoaded {
    std::string area_id;
    std::vector<core::Site> sites;
    std::string error;
};

class NetworkWorker {
public:
    NetworkWorker(wxWindow* owner, std::string cache_url, std::string server_url, sync::Credentials credentials);
    ~NetworkWorker();  // cancels and joins both threads (UI thread)

    void load_areas(std::function<void(AreasLoaded)> done);
    void load_sites(std::string area_id, std::function<void(SitesLoaded)> done);
    // Fetches the network from the server into the cache. `progress` gets one call per phase.
    void refresh(std::function<void(sync::Progress)> progress, std::function<void(sync::RefreshResult)> done);
    void cancel_refresh();

    const std::string& server_url() const { return server_url_; }

private:
    std::string server_url_;
    sync::Credentials credentials_;
    UiDispatcher dispatch_;  // declared before the workers: outlives their threads
    DbWorker reader_;
    DbWorker syncer_;
};

}  // namespace kaiku::ui
