#include "sync/network_refresh.hpp"

#include <soci/soci.h>

#include "core/errors.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"

namespace kaiku::sync {

using net::json;

namespace {

constexpr int kPageSize = 500;

struct Failure {
    RefreshResult& result;
    bool set(FailureKind kind, std::string detail, long status = 0) {
        result.failure = kind;
        result.detail = std::move(detail);
        result.http_status = status;
        return false;
    }
};

// GETs one page; fills `items` and `next` (empty when this was the last page).
bool get_page(const net::HttpClient& http, const std::string& path, json& items, std::string& next, Failure fail) {
    const auto res = http.get(path);
    if (!res.transport_ok()) return fail.set(transport_failure(res.failure), res.error);
    if (res.status != 200) {
        std::string detail = "HTTP " + std::to_string(res.status) + " from " + http.base_url() + path;
        const json p = net::parse_json(res.body);
        if (p.is_object() && p.contains("title") && p["title"].is_string()) detail += ": " + p["title"].get<std::string>();
        const auto kind = res.status == 401   ? FailureKind::unauthorized
                          : res.status == 403 ? FailureKind::forbidden
                                              : FailureKind::server_error;
        return fail.set(kind, detail, res.status);
    }
    json doc = net::parse_json(res.body);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("items") || !doc["items"].is_array())
        return fail.set(FailureKind::bad_response, "The answer to " + path + " is not a list of items (" +
                                                       std::to_string(res.body.size()) + " bytes)");
    items = std::move(doc["items"]);
    next.clear();
    if (doc.contains("next") && doc["next"].is_string()) next = doc["next"].get<std::string>();
    return true;
}

// Fetches every page of a collection and stores each page in one transaction.
template <class T, class Store>
bool fetch_all(store::Database& db, const net::HttpClient& http, const std::string& collection, const char* phase,
               std::size_t& count, const std::function<void(const Progress&)>& progress,
               const std::atomic<bool>* cancel, Failure fail, Store store_one) {
    std::string after;
    do {
        if (cancel && cancel->load()) return fail.set(FailureKind::cancelled, "Cancelled");
        std::string path = "/v1/" + collection + "?limit=" + std::to_string(kPageSize);
        if (!after.empty()) path += "&after=" + after;
        json items;
        if (!get_page(http, path, items, after, fail)) return false;
        std::vector<T> rows;
        rows.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            T value;
            const auto errors = net::from_json(items[i], value);
            if (!errors.empty())
                return fail.set(FailureKind::bad_response,
                                collection + " item " + std::to_string(i) + ": " + core::to_string(errors));
            rows.push_back(std::move(value));
        }
        try {
            store::Transaction tr(db);
            for (const auto& r : rows) store_one(r);
            tr.commit();
        } catch (const std::exception& e) {
            return fail.set(FailureKind::store_error, e.what());
        }
        count += rows.size();
        if (progress) progress({phase, count});
    } while (!after.empty());
    return true;
}

}  // namespace

FailureKind store_failure(const std::string& what) {
    // SQLite's SQLITE_FULL text; PostgreSQL never backs the client cache.
    return what.find("database or disk is full") != std::string::npos ? FailureKind::disk_full : FailureKind::store_error;
}

FailureKind transport_failure(net::HttpResponse::Failure f) {
    using F = net::HttpResponse::Failure;
    switch (f) {
        case F::bad_url: return FailureKind::bad_url;
        case F::insecure_url: return FailureKind::insecure_url;
        case F::certificate: return FailureKind::certificate;
        case F::too_large: return FailureKind::bad_response;
        case F::timeout: return FailureKind::timeout;
        case F::cancelled: return FailureKind::cancelled;
        default: return FailureKind::server_unreachable;
    }
}

RefreshResult refresh_network(store::Database& db, const net::HttpClient& http,
                              const std::function<void(const Progress&)>& progress, const std::atomic<bool>* cancel) {
    RefreshResult result;
    Failure fail{result};
    store::AreaRepository areas{db};
    store::OrganisationRepository orgs{db};
    store::SiteRepository sites{db};
    store::VenueProfileRepository profiles{db};
    const bool ok =
        fetch_all<core::Area>(db, http, "areas", "areas", result.areas, progress, cancel, fail,
                              [&](const core::Area& a) { areas.upsert(a); }) &&
        fetch_all<core::Organisation>(db, http, "organisations", "organisations", result.organisations, progress,
                                      cancel, fail, [&](const core::Organisation& o) { orgs.upsert(o); }) &&
        fetch_all<core::Site>(db, http, "sites", "sites", result.sites, progress, cancel, fail,
                              [&](const core::Site& s) { sites.upsert(s); }) &&
        fetch_all<core::VenueProfile>(db, http, "venue-profiles", "venue_profiles", result.venue_profiles, progress,
                                      cancel, fail, [&](const core::VenueProfile& v) { profiles.upsert(v); });
    if (ok) {
        try {
            store::StateRepository{db}.set("last_network_refresh", std::to_string(std::time(nullptr)));
            store::StateRepository{db}.set("server_url", http.base_url());
        } catch (const std::exception& e) {
            fail.set(store_failure(e.what()), e.what());
        }
    }
    return result;
}

std::string describe(const RefreshResult& r) {
    switch (r.failure) {
        case FailureKind::none:
            return "Fetched " + std::to_string(r.areas) + " areas, " + std::to_string(r.organisations) +
                   " organisations, " + std::to_string(r.sites) + " sites and " + std::to_string(r.venue_profiles) +
                   " venue profiles.";
        case FailureKind::bad_url: return "The server address is not valid: " + r.detail;
        case FailureKind::insecure_url: return "The server address must start with https://: " + r.detail;
        case FailureKind::certificate: return "The server's certificate is not trusted: " + r.detail;
        case FailureKind::server_unreachable: return "Could not reach the server: " + r.detail;
        case FailureKind::timeout: return "The server did not answer in time: " + r.detail;
        case FailureKind::unauthorized: return "Sign in again: " + r.detail;
        case FailureKind::forbidden: return "The server refused access: " + r.detail;
        case FailureKind::server_error: return "The server refused the request: " + r.detail;
        case FailureKind::bad_response: return "The server sent an answer this program cannot read: " + r.detail;
        case FailureKind::cancelled: return "Cancelled.";
        case FailureKind::store_error: return "Could not save to the local database: " + r.detail;
        case FailureKind::disk_full: return "The disk holding the local database is full; free some space.";
        case FailureKind::client_too_old: return "This version is too old for the register; update it.";
    }
    return r.detail;
}

}  // namespace kaiku::sync
