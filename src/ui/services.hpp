// The window's gateway to the local cache, the local commands and the sync engine. Every call returns at once: reads
// run on a reader thread, local changes on a writer thread (each with its own database session), sync rounds on the
// engine's thread; continuations run on the UI thread only while the owning window lives.
// Views never open the database themselves; they ask Services and re-read when `changed` fires.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "sync/engine.hpp"
#include "sync/local_commands.hpp"
#include "sync/session.hpp"
#include "ui/db_worker.hpp"
#include "ui/ui_dispatcher.hpp"

class wxWindow;

namespace kaiku::ui {

// Who is signed in, as the cache remembers from the last sign-in.
struct SessionInfo {
    std::string login, user_id, display_name, area_id;
    std::string role;  // core::Role wire name: national_service, coordinator_culture, coordinator_sote,
                       // issuer_staff, venue_staff
    std::vector<std::string> sites;  // granted sites
    bool national() const { return role == "national_service"; }
    bool coordinator() const { return role == "coordinator_culture" || role == "coordinator_sote"; }
    bool issuer() const { return role == "issuer_staff"; }
    bool venue() const { return role == "venue_staff"; }
};

template <class T>
struct Loaded {
    T value{};
    std::string error;  // English technical detail when the cache could not be read
    bool cancelled = false;  // its CancelToken was set before the answer was complete (error then says so too)
    bool ok() const { return error.empty(); }
};

// Calls off a read: one not yet started is skipped, a running SQLite query stops. Set it from the UI thread.
using CancelToken = std::shared_ptr<std::atomic<bool>>;
inline CancelToken make_cancel_token() { return std::make_shared<std::atomic<bool>>(false); }

struct SyncState {
    sync::SyncStatus status;
    bool running = false;
};

class Services {
public:
    Services(wxWindow* owner, std::string cache_path, std::string server_url, sync::Credentials credentials);
    ~Services();  // cancels and joins every thread (UI thread)
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

    const std::string& server_url() const { return server_url_; }
    const std::string& cache_path() const { return cache_path_; }
    const SessionInfo& session() const { return session_; }
    void set_session(SessionInfo s) { session_ = std::move(s); }

    // Runs `job` on the reader thread; `done` gets its value (or the error) on the UI thread.
    template <class T>
    void read(std::function<T(store::Database&)> job, std::function<void(Loaded<T>)> done, CancelToken cancel = {}) {
        reader_.post([this, job = std::move(job), done = std::move(done), cancel](WorkerContext& ctx) {
            auto result = std::make_shared<Loaded<T>>();
            const auto called_off = [&] { return cancel && cancel->load(); };
            try {
                if (!called_off()) {
                    store::Database& db = ctx.db();
                    store::InterruptScope interrupt(db, cancel.get());
                    result->value = job(db);
                }
            } catch (const std::exception& e) {
                result->error = e.what();
            }
            if (called_off()) {
                result->cancelled = true;
                result->error = "cancelled";
            }
            dispatch_.post([done, result] { done(std::move(*result)); });
        });
    }

    // Asks the register on the reader thread with the saved session; `job` gets nullptr when there is none.
    // Short timeouts: the register may be out of reach, and reads queue behind the question.
    template <class T>
    void ask_register(std::function<T(const net::HttpClient*)> job, std::function<void(Loaded<T>)> done,
                      CancelToken cancel = {}) {
        read<T>(
            [url = server_url_, login = credentials_.login, tokens = credentials_.tokens,
             job = std::move(job)](store::Database& db) {
                net::HttpOptions options;
                options.connect_timeout_ms = 3000;
                options.total_timeout_ms = 20000;
                net::HttpClient http(url, options);
                return job(sync::use_saved_session(db, http, login, tokens.get()) ? &http : nullptr);
            },
            std::move(done), std::move(cancel));
    }

    // Runs a local command on the writer thread. On success the views are told (`changed`) and, when the
    // register can be reached, a sync round delivers it at once.
    void write(std::function<sync::LocalResult(store::Database&)> job,
               std::function<void(sync::LocalResult, std::string error)> done);

    // A sync round the user asked for; `progress` gets rows pulled so far (throttled), `done` the report.
    // Returns false when a round is already running (its outcome arrives through `round_done`).
    bool sync_now(std::function<void(const sync::SyncProgress&)> progress, std::function<void(const sync::SyncReport&)> done);
    void cancel_sync();
    bool syncing() const { return engine_->busy(); }

    // Runs `fn` on the UI thread after the answers of every read and change asked for so far have been delivered
    // (e.g. to destroy a view whose reads may still be on their way back).
    void after_queued_work(std::function<void()> fn);

    // Pending changes, conflicts, last sync: re-read from the cache (after writes and rounds).
    void load_sync_state(std::function<void(Loaded<SyncState>)> done);

    // Called on the UI thread whenever cached data changed (local command, finished round, automatic round).
    std::function<void()> changed;
    // Called on the UI thread after every round, asked for or automatic (the status bar shows its outcome).
    std::function<void(const sync::SyncReport&)> round_done;
    // Set by the main window: shows a record in the view that lists it (entity "site", "card", "usage", "quota").
    std::function<void(const std::string& entity, const std::string& id, const std::string& area_id)> open_record;

private:
    std::string cache_path_, server_url_;
    sync::Credentials credentials_;
    SessionInfo session_;
    UiDispatcher dispatch_;  // declared before the threads: outlives them
    DbWorker reader_;
    DbWorker writer_;
    std::unique_ptr<sync::SyncEngine> engine_;
};

// Reads who is signed in from the cache (worker thread).
SessionInfo read_session(store::Database&);

}  // namespace kaiku::ui
