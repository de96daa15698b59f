// Shared pieces of the HTTP routes: per-thread database, JSON and problem answers, authentication.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <vector>
#include <string>

#include "principal.hpp"
#include "store/database.hpp"

namespace kaiku::server {

using nlohmann::json;

inline constexpr std::size_t kMaxBodyBytes = 1 << 20;
inline constexpr int kMaxPageSize = 1000;
inline constexpr int kDefaultPageSize = 200;

// The database session of the request this thread serves: leased on first use from a pool of at most
// `set_database_sessions` sessions (SOCI sessions are not thread-safe) and given back by release_thread_db when the
// handler has answered, before the answer is written. Throws when no session frees within a few seconds.
store::Database& thread_db(const std::string& url);
void release_thread_db();
// Opens the first session on the starting thread, before any worker exists, and gives it to the pool (see there).
void open_first_session(const std::string& url);
void set_database_sessions(int n);

void send_json(httplib::Response&, int status, const json& body);
void send_problem(httplib::Response&, int status, const std::string& slug, const std::string& title,
                  const std::string& detail = {}, const json& errors = nullptr);

// Checks the bearer token; on failure answers 401 (missing, invalid, expired) or 403 (device revoked) and
// returns nullopt.
std::optional<Principal> require_principal(store::Database&, const httplib::Request&, httplib::Response&);

// Parses a JSON object body; on failure answers 400 / 415 naming the problem and returns nullopt.
std::optional<json> json_body(const httplib::Request&, httplib::Response&);

// Runs a SELECT with named text parameters and hands each row to `each`.
void query_rows(store::Database& db, const std::string& sql,
                const std::vector<std::pair<std::string, std::string>>& params,
                const std::function<void(const soci::row&)>& each);

struct PageParams {
    int limit = kDefaultPageSize;
    std::string after;
};
// Validates limit/after; on error answers 400 naming the parameter and returns false.
bool page_params(const httplib::Request&, httplib::Response&, PageParams&);

void add_auth_routes(httplib::Server&, const std::string& url);
void add_read_routes(httplib::Server&, const std::string& url);
void add_command_routes(httplib::Server&, const std::string& url);
// Pulls from caches with a schema older than `min_client_schema` are refused (426); their pushes are accepted.
void add_sync_routes(httplib::Server&, const std::string& url, int min_client_schema = 1);
void add_statistics_routes(httplib::Server&, const std::string& url);

}  // namespace kaiku::server
