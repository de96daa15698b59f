#include "server.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "net/dto.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

using net::json;

namespace {

constexpr std::size_t kMaxBodyBytes = 1 << 20;
constexpr int kMaxPageSize = 1000;
constexpr int kDefaultPageSize = 200;

// One SOCI session per worker thread (sessions are not thread-safe).
store::Database& thread_db(const std::string& url) {
    thread_local std::unique_ptr<store::Database> db;
    thread_local std::string db_url;
    if (!db || db_url != url) {
        db = std::make_unique<store::Database>(url, store::SchemaKind::server);
        db_url = url;
    }
    return *db;
}

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), status >= 400 ? "application/problem+json" : "application/json");
}

void send_problem(httplib::Response& res, int status, const std::string& slug, const std::string& title,
                  const std::string& detail = {}, const core::Errors& errors = {}) {
    send_json(res, status, net::problem(status, slug, title, detail, errors));
}

struct PageParams {
    int limit = kDefaultPageSize;
    std::string after;
};

// Validates limit/after; on error answers 400 naming the parameter and returns false.
bool page_params(const httplib::Request& req, httplib::Response& res, PageParams& p) {
    core::Errors errors;
    if (req.has_param("limit")) {
        const std::string v = req.get_param_value("limit");
        int n = 0;
        bool ok = !v.empty() && v.size() <= 5;
        for (char c : v) ok = ok && c >= '0' && c <= '9';
        if (ok) n = std::stoi(v);
        if (!ok || n < 1 || n > kMaxPageSize)
            errors.push_back({"limit", "out_of_range",
                              "Query parameter 'limit' must be a whole number from 1 to " + std::to_string(kMaxPageSize) + "."});
        else
            p.limit = n;
    }
    if (req.has_param("after")) {
        p.after = req.get_param_value("after");
        if (p.after.size() > 100)
            errors.push_back({"after", "too_long", "Query parameter 'after' must be at most 100 characters."});
    }
    if (!errors.empty()) {
        send_problem(res, 400, "invalid-query", "Invalid query parameters", {}, errors);
        return false;
    }
    return true;
}

template <class T>
void send_page(httplib::Response& res, const std::vector<T>& rows, int limit, const std::string& (*key)(const T&)) {
    json items = json::array();
    for (const auto& r : rows) items.push_back(net::to_json(r));
    json body = {{"items", items}, {"next", nullptr}};
    if (static_cast<int>(rows.size()) == limit && !rows.empty()) body["next"] = key(rows.back());
    send_json(res, 200, body);
}

const std::string& id_of_area(const core::Area& a) { return a.id; }
const std::string& id_of_org(const core::Organisation& o) { return o.id; }
const std::string& id_of_site(const core::Site& s) { return s.id; }
const std::string& id_of_profile(const core::VenueProfile& v) { return v.site_id; }

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

}  // namespace

Server::Server(Options options) : options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
    install_routes();
}

Server::~Server() = default;

void Server::install_routes() {
    auto& s = *http_;
    const std::string url = options_.database;
    const int threads = options_.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
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
        send_json(res, 200, {{"status", "ok"}, {"schema_version", db.schema_version()}});
    });

    s.Get("/v1/areas", [url](const httplib::Request& req, httplib::Response& res) {
        PageParams p;
        if (!page_params(req, res, p)) return;
        auto& db = thread_db(url);
        auto rows = store::page<core::Area>(db, p.after, p.limit);
        store::AreaRepository repo{db};
        for (auto& a : rows) a = repo.get(a.id).value_or(a);  // with municipalities
        send_page(res, rows, p.limit, id_of_area);
    });

    s.Get("/v1/organisations", [url](const httplib::Request& req, httplib::Response& res) {
        PageParams p;
        if (!page_params(req, res, p)) return;
        store::PageFilter f;
        if (req.has_param("area_id")) f = {"area_id", req.get_param_value("area_id")};
        send_page(res, store::page<core::Organisation>(thread_db(url), p.after, p.limit, f), p.limit, id_of_org);
    });

    s.Get("/v1/sites", [url](const httplib::Request& req, httplib::Response& res) {
        PageParams p;
        if (!page_params(req, res, p)) return;
        store::PageFilter f;
        if (req.has_param("area_id")) f = {"area_id", req.get_param_value("area_id")};
        send_page(res, store::page<core::Site>(thread_db(url), p.after, p.limit, f), p.limit, id_of_site);
    });

    s.Get("/v1/venue-profiles", [url](const httplib::Request& req, httplib::Response& res) {
        PageParams p;
        if (!page_params(req, res, p)) return;
        send_page(res, store::page<core::VenueProfile>(thread_db(url), p.after, p.limit), p.limit, id_of_profile);
    });
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
    return true;
}

void Server::run() { http_->listen_after_bind(); }

void Server::stop() { http_->stop(); }

}  // namespace kaiku::server
