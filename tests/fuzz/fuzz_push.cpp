// Pushing changes: two changes (mutation ids "m1", "m2") are queued, and the answer to the first POST /v1/batch is
// the fuzz input (first byte: HTTP status, then the body); the client reads the results into its outbox, takes
// back refused changes and restores the register's rows. Later batches get 503, pages are empty.
#include <atomic>

#include "sync_world.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::SyncWorld world;
    static const int statuses[] = {200, 200, 200, 200, 400, 401, 403, 409, 410, 422};
    if (size < 1) return 0;
    const int status = statuses[data[0] % std::size(statuses)];
    const std::string body(fuzz::as_text(data + 1, size - 1));
    auto served = std::make_shared<std::atomic<int>>(0);
    world.server.set([&, served](const httplib::Request& req, httplib::Response& res) {
        if (req.path == "/v1/batch" && (*served)++ == 0) {
            res.status = status;
            res.set_content(body, status == 200 ? "application/json" : "application/problem+json");
        } else if (req.path == "/v1/batch") {
            res.status = 503;
        } else if (req.path == "/v1/clients") {
            res.status = 201;
            res.set_content(R"({"client_id":"fuzz-client-2","epoch":"fuzz-epoch"})", "application/json");
        } else if (req.path == "/v1/changes") {
            res.status = 200;
            res.set_content(R"({"changes":[],"next_cursor":"end","has_more":false})", "application/json");
        } else {
            res.status = 404;
        }
    });
    world.round(true);
    return 0;
}
