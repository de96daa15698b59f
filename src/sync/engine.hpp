// The sync engine: push the outbox, then pull the change feed into the local cache.
// One run happens on the calling thread with the caller's own Database; SyncEngine runs them on a worker.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "net/http.hpp"
#include "store/database.hpp"
#include "sync/network_refresh.hpp"
#include "sync/session.hpp"

namespace kaiku::sync {

struct SyncProgress {
    std::string phase;  // "push", "pull", "purge"
    long long rows = 0;
    long long bytes = 0;
};

struct SyncReport {
    FailureKind failure = FailureKind::none;
    std::string detail;
    long http_status = 0;
    long long pushed = 0, applied = 0, duplicates = 0, conflicts = 0, rejected = 0;
    long long pulled_rows = 0, pulled_bytes = 0, pages = 0, purged_rows = 0;
    bool full_resync = false;
    bool device_revoked = false;  // local register data was wiped
    bool replayed_after_restore = false;  // the register had lost acknowledged changes; they were sent again
    long long pruned = 0;         // acknowledged changes removed after the retention window
    long long quarantined = 0;    // unsent changes the register confirmed keeping in quarantine before the wipe
    double seconds = 0;
    bool ok() const { return failure == FailureKind::none; }
};

struct SyncOptions {
    int page_size = 5000;
    std::size_t push_count = 200;
    std::size_t push_bytes = 256 * 1024;
    // Automatic rounds wait for an entry's back-off; a round the user asked for sends everything now.
    bool respect_backoff = false;
    long backoff_base_ms = 2000;  // first retry delay after a failed push; doubles up to 10 minutes
    // Acknowledged changes are kept this long, so that a register restored from a backup up to this old gets them
    // again; then they are pruned (and never while newer than the register's last safe backup, when it names one).
    int acked_retention_days = 30;
};

// One complete round: sign in if needed, register the installation, push, pull until caught up.
SyncReport sync_once(store::Database&, net::HttpClient&, const Credentials&, const SyncOptions& = {},
                     const std::function<void(const SyncProgress&)>& progress = {},
                     const std::atomic<bool>* cancel = nullptr);

struct SyncStatus {
    long long pending = 0;    // changes not yet accepted by the register
    long long conflicts = 0;  // open conflicts waiting for a decision
    long long rejected = 0;   // changes the register refused (with its reason)
    std::string last_success; // UTC time of the last complete round, or empty
    std::string last_failure; // English detail of the last failed round, or empty
    bool online = false;      // the last round reached the server
};
SyncStatus sync_status(store::Database&);

// Removes every register row and the sync state from the cache (access revoked). Keeps nothing readable:
// secure_delete overwrites, the WAL is truncated and the file vacuumed.
void wipe_local_data(store::Database&);

// Runs sync rounds on its own thread with its own database session.
class SyncEngine {
public:
    using Done = std::function<void(const SyncReport&)>;
    // With `every` > 0, the engine also runs rounds by itself at that interval (respecting back-off), so
    // changes are retried without waiting for the next local write or a user's request.
    SyncEngine(std::string cache_url, std::string server_url, Credentials credentials, net::HttpOptions http = {},
               std::chrono::milliseconds every = std::chrono::milliseconds(0), SyncOptions options = {},
               Done on_automatic_round = {});
    ~SyncEngine();  // cancels and joins
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // Starts a round unless one is running or asked for (then returns false and drops the callbacks); callbacks
    // run on the engine's thread.
    bool request(std::function<void(const SyncProgress&)> progress, Done done);
    void cancel();
    bool busy() const { return busy_; }

private:
    void loop();
    std::string cache_url_, server_url_;
    Credentials credentials_;
    net::HttpOptions http_options_;
    std::chrono::milliseconds every_;
    SyncOptions options_;
    Done on_automatic_;
    std::mutex m_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool pending_ = false;
    std::atomic<bool> busy_{false};
    std::atomic<bool> cancel_{false};
    std::function<void(const SyncProgress&)> progress_;
    Done done_;
    std::thread thread_;
};

}  // namespace kaiku::sync
