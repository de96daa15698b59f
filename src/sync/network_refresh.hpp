// Fetches the network (areas, organisations, sites, venue profiles) from the server into the local cache.
// Runs on a worker thread with its own Database; reports progress and can be cancelled.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "net/http.hpp"
#include "store/database.hpp"

namespace kaiku::sync {

enum class FailureKind {
    none,
    bad_url,
    insecure_url,  // http:// to another computer (refused before sending anything)
    certificate,   // the server's TLS certificate is not trusted
    server_unreachable,
    timeout,
    unauthorized,  // 401: not signed in, wrong password, expired token (sign in again)
    forbidden,     // 403: role/scope refuses, or this device's access was revoked
    server_error,
    bad_response,
    cancelled,
    store_error,
    disk_full,  // the disk holding the local data is full: nothing was lost, free space and sync again
    client_too_old  // 426: the register no longer serves changes to this version (pending changes were sent)
};

// The failure a local database error stands for: disk_full when the disk (or the database's size limit) is full.
FailureKind store_failure(const std::string& what);

// How a transport failure (no answer at all) is reported to the user.
FailureKind transport_failure(net::HttpResponse::Failure);

struct Progress {
    std::string phase;  // "areas", "organisations", "sites", "venue_profiles"
    std::size_t rows = 0;
};

struct RefreshResult {
    FailureKind failure = FailureKind::none;
    std::string detail;  // English technical detail for logs and the CLI (URL, status, parser message)
    long http_status = 0;
    std::size_t areas = 0, organisations = 0, sites = 0, venue_profiles = 0;
    bool ok() const { return failure == FailureKind::none; }
};

RefreshResult refresh_network(store::Database& db, const net::HttpClient& http,
                              const std::function<void(const Progress&)>& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

// English sentence for a failure (the GUI has its own translated wording per kind).
std::string describe(const RefreshResult&);

}  // namespace kaiku::sync
