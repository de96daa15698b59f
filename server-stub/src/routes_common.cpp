#include "auth.hpp"
#include "commands.hpp"
#include "net/dto.hpp"
#include "routes.hpp"

#include <condition_variable>
#include <mutex>

namespace kaiku::server {

namespace {

struct SessionPool {
    std::mutex m;
    std::condition_variable freed;
    std::vector<std::unique_ptr<store::Database>> idle;
    std::string url;
    int open = 0, max = 8;
};

SessionPool& pool() {
    static SessionPool p;
    return p;
}

thread_local std::unique_ptr<store::Database> t_session;

}  // namespace

void set_database_sessions(int n) {
    std::lock_guard lock(pool().m);
    pool().max = std::max(1, n);
}

store::Database& thread_db(const std::string& url) {
    if (t_session) return *t_session;
    auto& p = pool();
    std::unique_lock lock(p.m);
    if (p.url != url) {  // a new database (tests in one process): sessions of the old one are closed
        p.open -= static_cast<int>(p.idle.size());
        p.idle.clear();
        p.url = url;
    }
    if (!p.freed.wait_for(lock, std::chrono::seconds(10), [&] { return !p.idle.empty() || p.open < p.max; }))
        throw std::runtime_error("All database sessions stayed busy for 10 s");
    if (!p.idle.empty()) {
        t_session = std::move(p.idle.back());
        p.idle.pop_back();
        return *t_session;
    }
    ++p.open;
    lock.unlock();
    try {
        t_session = std::make_unique<store::Database>(url, store::SchemaKind::server);
    } catch (...) {
        lock.lock();
        --p.open;
        p.freed.notify_one();
        throw;
    }
    return *t_session;
}

void release_thread_db() {
    if (!t_session) return;
    auto& p = pool();
    std::lock_guard lock(p.m);
    if (t_session->url() == p.url) p.idle.push_back(std::move(t_session));
    else --p.open;
    t_session.reset();
    p.freed.notify_one();
}

void open_first_session(const std::string& url) {
    // SOCI's SQLite backend builds its table of column types in a function-local static the first time a row's
    // columns are described. Built here, every worker (started later) sees it complete; ThreadSanitizer cannot see
    // the uninstrumented library's guard and would report each worker's first use as a race. A database that cannot
    // be opened now is reported by the first request that needs it.
    try {
        auto& db = thread_db(url);
        soci::rowset<soci::row> rows = (db.sql().prepare << "SELECT 1");
        for ([[maybe_unused]] const auto& r : rows) {
        }
    } catch (const std::exception&) {
    }
    release_thread_db();
}

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), status >= 400 ? "application/problem+json" : "application/json");
}

void send_problem(httplib::Response& res, int status, const std::string& slug, const std::string& title,
                  const std::string& detail, const json& errors) {
    json p = net::problem(status, slug, title, detail);
    if (errors.is_array()) p["errors"] = errors;
    send_json(res, status, p);
}

std::optional<Principal> require_principal(store::Database& db, const httplib::Request& req, httplib::Response& res) {
    const auto r = authenticate(db, req.get_header_value("Authorization"));
    using O = AuthResult::Outcome;
    switch (r.outcome) {
        case O::ok: return r.principal;
        case O::missing:
            res.set_header("WWW-Authenticate", "Bearer");
            send_problem(res, 401, "unauthenticated", "Sign in first", "Send Authorization: Bearer <token>.");
            break;
        case O::invalid:
        case O::inactive:
            res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send_problem(res, 401, "invalid-token", "The sign-in is not valid", "Sign in again.");
            break;
        case O::expired:
            res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send_problem(res, 401, "token-expired", "The sign-in has expired", "Sign in again.");
            break;
        case O::device_revoked:
            send_problem(res, 403, "device-revoked", "This device's access was revoked",
                         "Local register data on this device must be removed.");
            break;
    }
    return std::nullopt;
}

std::optional<json> json_body(const httplib::Request& req, httplib::Response& res) {
    const auto type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) {
        send_problem(res, 415, "unsupported-media-type", "Send JSON", "The request body must be application/json.");
        return std::nullopt;
    }
    if (net::json_depth(req.body) > net::kMaxJsonDepth) {
        send_problem(res, 400, "malformed-json", "The request body nests too deeply",
                     "Objects and arrays may nest at most " + std::to_string(net::kMaxJsonDepth) + " levels deep.");
        return std::nullopt;
    }
    json body = net::parse_json(req.body);
    if (body.is_discarded()) {
        send_problem(res, 400, "malformed-json", "The request body is not valid JSON",
                     "Check quotes, commas and brackets; the body must be one JSON object.");
        return std::nullopt;
    }
    if (!body.is_object()) {
        send_problem(res, 400, "malformed-json", "The request body must be a JSON object");
        return std::nullopt;
    }
    return body;
}

// Runs a SELECT with named text parameters and hands each row to `each`.
void query_rows(store::Database& db, const std::string& sql, const std::vector<std::pair<std::string, std::string>>& params,
                const std::function<void(const soci::row&)>& each) {
    soci::row row;
    soci::statement st(db.sql());
    st.exchange(soci::into(row));
    std::vector<std::string> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.second);
    for (std::size_t i = 0; i < params.size(); ++i) st.exchange(soci::use(values[i], params[i].first));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) each(row);
}

bool page_params(const httplib::Request& req, httplib::Response& res, PageParams& p) {
    json errors = json::array();
    if (req.has_param("limit")) {
        const std::string v = req.get_param_value("limit");
        bool ok = !v.empty() && v.size() <= 5;
        for (char c : v) ok = ok && c >= '0' && c <= '9';
        const int n = ok ? std::stoi(v) : 0;
        if (!ok || n < 1 || n > kMaxPageSize)
            errors.push_back({{"field", "limit"},
                              {"code", "out_of_range"},
                              {"message", "Query parameter 'limit' must be a whole number from 1 to " +
                                              std::to_string(kMaxPageSize) + "."}});
        else
            p.limit = n;
    }
    if (req.has_param("after")) {
        p.after = req.get_param_value("after");
        if (p.after.size() > 100)
            errors.push_back({{"field", "after"},
                              {"code", "too_long"},
                              {"message", "Query parameter 'after' must be at most 100 characters."}});
    }
    if (!errors.empty()) {
        send_problem(res, 400, "invalid-query", "Invalid query parameters", {}, errors);
        return false;
    }
    return true;
}

}  // namespace kaiku::server
