#include "ui/services.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "store/repositories.hpp"
#include "ui/thread_check.hpp"
#include "net/dto.hpp"

namespace kaiku::ui {

namespace {
// Automatic rounds: often enough that a change typed offline leaves soon after the network returns.
constexpr std::chrono::seconds automatic_interval{60};
}  // namespace

SessionInfo read_session(store::Database& db) {
    store::StateRepository state{db};
    SessionInfo s;
    s.login = state.get("token_login").value_or("");
    s.user_id = state.get("user_id").value_or("");
    s.display_name = state.get("user_display_name").value_or("");
    s.role = state.get("user_role").value_or("");
    s.area_id = state.get("user_area_id").value_or("");
    const auto sites = net::parse_json(state.get("user_sites").value_or("[]"));
    if (sites.is_array())
        for (const auto& id : sites)
            if (id.is_string()) s.sites.push_back(id);
    return s;
}

Services::Services(wxWindow* owner, std::string cache_path, std::string server_url, sync::Credentials credentials)
    : cache_path_(std::move(cache_path)),
      server_url_(std::move(server_url)),
      credentials_(std::move(credentials)),
      dispatch_(owner),
      reader_(cache_path_, "cache reader"),
      writer_(cache_path_, "local changes") {
    engine_ = std::make_unique<sync::SyncEngine>(
        cache_path_, server_url_, credentials_, net::HttpOptions{}, automatic_interval, sync::SyncOptions{},
        [this](const sync::SyncReport& report) {
            dispatch_.post([this, report] {
                if (round_done) round_done(report);
                if (changed && (report.pulled_rows > 0 || report.pushed > 0 || report.device_revoked)) changed();
            });
        });
}

Services::~Services() {
    assert_ui_thread("Services::~Services");
    engine_.reset();  // cancels a running round and joins
    writer_.cancel();
    reader_.cancel();
}

void Services::write(std::function<sync::LocalResult(store::Database&)> job,
                     std::function<void(sync::LocalResult, std::string)> done) {
    writer_.post([this, job = std::move(job), done = std::move(done)](WorkerContext& ctx) {
        auto result = std::make_shared<sync::LocalResult>();
        auto error = std::make_shared<std::string>();
        try {
            *result = job(ctx.db());
        } catch (const std::exception& e) {
            *error = e.what();
        }
        dispatch_.post([this, done, result, error] {
            const bool stored = error->empty() && result->ok();
            if (done) done(std::move(*result), *error);
            if (!stored) return;
            if (changed) changed();
            // Deliver at once when possible; offline, the change waits in the outbox for the next round.
            sync_now({}, {});
        });
    });
}

bool Services::sync_now(std::function<void(const sync::SyncProgress&)> progress,
                        std::function<void(const sync::SyncReport&)> done) {
    // Progress arrives per page: post only when the phase changes or enough rows passed, so a large first sync
    // does not flood the event loop.
    auto last = std::make_shared<sync::SyncProgress>();
    auto relay = [this, progress, last](const sync::SyncProgress& p) {
        if (!progress) return;
        if (p.phase == last->phase && p.rows - last->rows < 2000) return;
        *last = p;
        dispatch_.post([progress, p] { progress(p); });
    };
    return engine_->request(relay, [this, done](const sync::SyncReport& report) {
        dispatch_.post([this, done, report] {
            if (done) done(report);
            if (round_done) round_done(report);
            if (changed) changed();
        });
    });
}

void Services::after_queued_work(std::function<void()> fn) {
    // Each worker runs its jobs in order and posts each answer when the job ends; posts run in order.
    reader_.post([this, fn = std::move(fn)](WorkerContext&) {
        writer_.post([this, fn](WorkerContext&) { dispatch_.post(fn); });
    });
}

void Services::cancel_sync() { engine_->cancel(); }

void Services::load_sync_state(std::function<void(Loaded<SyncState>)> done) {
    read<SyncState>(
        [this](store::Database& db) {
            SyncState s;
            s.status = sync::sync_status(db);
            s.running = engine_->busy();
            return s;
        },
        std::move(done));
}

}  // namespace kaiku::ui
