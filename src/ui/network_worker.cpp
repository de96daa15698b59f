#include "ui/network_worker.hpp"

#include <exception>
#include <memory>

#include "net/http.hpp"
#include "store/repositories.hpp"
#include "ui/thread_check.hpp"

namespace kaiku::ui {

NetworkWorker::NetworkWorker(wxWindow* owner, std::string cache_url, std::string server_url,
                             sync::Credentials credentials)
    : server_url_(std::move(server_url)),
      credentials_(std::move(credentials)),
      dispatch_(owner),
      reader_(cache_url, "cache reader"),
      syncer_(cache_url, "sync") {}

NetworkWorker::~NetworkWorker() {
    assert_ui_thread("NetworkWorker::~NetworkWorker");
    syncer_.cancel();
    reader_.cancel();
}

void NetworkWorker::load_areas(std::function<void(AreasLoaded)> done) {
    reader_.post([this, done = std::move(done)](WorkerContext& ctx) {
        assert_not_ui_thread("NetworkWorker::load_areas");
        auto result = std::make_shared<AreasLoaded>();
        try {
            result->areas = store::AreaRepository{ctx.db()}.list();
        } catch (const std::exception& e) {
            result->error = e.what();
        }
        dispatch_.post([done, result] { done(std::move(*result)); });
    });
}

void NetworkWorker::load_sites(std::string area_id, std::function<void(SitesLoaded)> done) {
    reader_.post([this, area_id = std::move(area_id), done = std::move(done)](WorkerContext& ctx) {
        assert_not_ui_thread("NetworkWorker::load_sites");
        auto result = std::make_shared<SitesLoaded>();
        result->area_id = area_id;
        try {
            result->sites = store::SiteRepository{ctx.db()}.list_for_area(area_id);
        } catch (const std::exception& e) {
            result->error = e.what();
        }
        dispatch_.post([done, result] { done(std::move(*result)); });
    });
}

void NetworkWorker::refresh(std::function<void(sync::Progress)> progress,
                            std::function<void(sync::RefreshResult)> done) {
    syncer_.post([this, progress = std::move(progress), done = std::move(done)](WorkerContext& ctx) {
        assert_not_ui_thread("NetworkWorker::refresh");
        auto result = std::make_shared<sync::RefreshResult>();
        try {
            net::HttpOptions options;
            options.cancel = &ctx.cancel_flag();
            net::HttpClient http(server_url_, options);
            std::string last_phase;
            auto report = [&](const sync::Progress& p) {
                if (p.phase == last_phase) return;  // one wake-up per phase, not per row
                last_phase = p.phase;
                dispatch_.post([progress, p] { progress(p); });
            };
            *result = sync::refresh_signed_in(ctx.db(), http, credentials_, report, &ctx.cancel_flag());
        } catch (const store::StoreError& e) {
            result->failure = sync::FailureKind::store_error;
            result->detail = e.what();
        } catch (const std::exception& e) {
            result->failure = sync::FailureKind::bad_response;
            result->detail = e.what();
        }
        dispatch_.post([done, result] { done(std::move(*result)); });
    });
}

void NetworkWorker::cancel_refresh() { syncer_.cancel(); }

}  // namespace kaiku::ui
