#include "server.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "connections.hpp"
#include "net/dto.hpp"
#include "routes.hpp"
#include "sign_in_gate.hpp"
#include "store/database.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

using net::json;

namespace {

std::string utc_now() {
    const auto t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// One JSON line per request on stderr: structured, greppable, no bodies (they may hold register data).
void log_request(const httplib::Request& req, const httplib::Response& res) {
    static std::mutex m;
    const json line = {{"ts", utc_now()}, {"level", res.status >= 500 ? "error" : "info"}, {"method", req.method},
                       {"path", req.path},  {"status", res.status},   {"remote", req.remote_addr}};
    std::lock_guard lock(m);
    std::fprintf(stderr, "%s\n", line.dump().c_str());
}

ConnectionLimits limits_of(const Options& o) {
    ConnectionLimits l;
    l.max_connections = o.max_connections;
    l.max_per_address = o.max_per_address;
    return l;
}

}  // namespace

Server::Server(Options options) : options_(std::move(options)), http_(make_guarded_server(limits_of(options_), options_.tls_cert, options_.tls_key)) {
    install_routes();
}

Server::~Server() = default;

void Server::install_routes() {
    auto& s = *http_;
    const std::string url = options_.database;
    set_database_sessions(options_.threads);
    open_first_session(url);
    SignInLimits sign_in;
    sign_in.failures_per_address = options_.sign_in_failures_per_address;
    sign_in.attempts_per_second = options_.sign_in_rate;
    sign_in.concurrent_hashes = options_.hashing_slots;
    configure_sign_in(sign_in);
    s.set_payload_max_length(kMaxBodyBytes);
    s.set_logger(log_request);
    s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;  // a route already wrote a problem document
        if (res.status == 404)
            send_problem(res, 404, "not-found", "Not found", "No resource at " + req.path + ".");
        else if (res.status == 413)
            send_problem(res, 413, "payload-too-large", "Request body too large",
                         "Request bodies may be at most " + std::to_string(kMaxBodyBytes) + " bytes.");
        else
            send_problem(res, res.status, "http-error", "Request failed");
    });
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "%s\n", json({{"ts", utc_now()}, {"level", "error"}, {"error", what}}).dump().c_str());
        send_problem(res, 503, "service-unavailable", "The server could not complete the request",
                     "A database or internal error occurred; try again later.");
    });

    s.Get("/healthz", [url](const httplib::Request&, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto c = connection_stats();
        send_json(res, 200,
                  {{"status", "ok"},
                   {"schema_version", db.schema_version()},
                   {"load",
                    {{"connections_open", c.open},
                     {"refused_per_address", c.refused_per_address},
                     {"timed_out", c.timed_out},
                     {"hashing", hashes_in_progress()},
                     {"hashing_peak", hashes_peak()}}}});
    });

    add_auth_routes(s, url);
    add_read_routes(s, url);
    add_command_routes(s, url);
    add_sync_routes(s, url, options_.min_client_schema);
    add_statistics_routes(s, url);
}

bool Server::bind(std::string& error) {
    if (options_.port == 0) {
        port_ = http_->bind_to_any_port(options_.host);
        if (port_ <= 0) {
            error = "Cannot listen on " + options_.host + " (no free port or bad address)";
            return false;
        }
    } else {
        if (!http_->bind_to_port(options_.host, options_.port)) {
            error = "Cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                    " (address in use or not available)";
            return false;
        }
        port_ = options_.port;
    }
    widen_listen_backlog();
    return true;
}

void Server::run() { http_->listen_after_bind(); }

void Server::stop() { http_->stop(); }

}  // namespace kaiku::server
