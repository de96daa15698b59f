// Pulling changes: the answer to the first GET /v1/changes of a round is the fuzz input (first byte: HTTP status,
// then the body); the client parses the page, applies its rows, buckets and cursor to its cache. Later pages end
// the round. With the first byte's high bit set, the installation is not registered yet and the fuzz input is the
// answer to POST /v1/clients instead (status 201 or the table's).
#include <atomic>

#include "sync_world.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static fuzz::SyncWorld world;
    static const int statuses[] = {200, 200, 200, 200, 400, 401, 403, 404, 410, 500};
    if (size < 1) return 0;
    const bool registering = data[0] & 0x80;
    const int status = registering && (data[0] & 1) ? 201 : statuses[(data[0] & 0x7f) % std::size(statuses)];
    const std::string body(fuzz::as_text(data + 1, size - 1));
    auto served = std::make_shared<std::atomic<int>>(0);
    world.server.set([&, served](const httplib::Request& req, httplib::Response& res) {
        if (registering && req.path == "/v1/clients") {
            res.status = (*served)++ == 0 ? status : 503;
            res.set_content(body, "application/json");
        } else if (!registering && req.path == "/v1/changes" && (*served)++ == 0) {
            res.status = status;
            res.set_content(body, status == 200 ? "application/json" : "application/problem+json");
        } else if (req.path == "/v1/changes") {
            res.status = 200;
            res.set_content(R"({"changes":[],"next_cursor":"end","has_more":false})", "application/json");
        } else {
            res.status = 404;
        }
    });
    world.round(false, registering);
    return 0;
}
