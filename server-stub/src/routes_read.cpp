// GET endpoints for every entity, with keyset pagination and the principal's scope applied in SQL.
#include <functional>

#include "buckets.hpp"
#include "net/dto.hpp"
#include "routes.hpp"
#include "store/mapping.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

// GET /v1/<collection>: rows of T the principal may see, ordered by key, after `after`.
template <class T>
void add_list(httplib::Server& s, const std::string& url, const std::string& path, std::vector<std::string> filters,
              std::function<json(const T&, const Principal&)> to_json_fn) {
    s.Get(path, [url, filters, to_json_fn](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        PageParams page;
        if (!page_params(req, res, page)) return;
        const std::string entity = store::Table<T>::name;
        const std::string key = store::Table<T>::key;
        std::string sql = store::select_sql<T>() + " WHERE " + key + " > :after";
        std::vector<std::pair<std::string, std::string>> params = {{"after", page.after}};
        for (const auto& f : filters)
            if (req.has_param(f)) {
                sql += " AND " + f + " = :f_" + f;
                params.push_back({"f_" + f, req.get_param_value(f)});
            }
        if (!p->national()) {
            const auto buckets = p->buckets({});
            sql += " AND " + bucket_condition(entity, key, buckets.size());
            for (std::size_t i = 0; i < buckets.size(); ++i) params.push_back({"b" + std::to_string(i), buckets[i]});
        }
        sql += " ORDER BY " + key + " LIMIT " + std::to_string(page.limit);
        json items = json::array();
        std::string last;
        query_rows(db, sql, params, [&](const soci::row& r) {
            const T value = store::Table<T>::read(store::RowReader(r));
            items.push_back(to_json_fn(value, *p));
            last = r.get<std::string>(0);
        });
        json body = {{"items", items}, {"next", nullptr}};
        if (static_cast<int>(items.size()) == page.limit) body["next"] = last;
        send_json(res, 200, body);
    });
}

template <class T>
std::function<json(const T&, const Principal&)> plain() {
    return [](const T& v, const Principal&) { return net::to_json(v); };
}

}  // namespace

void add_read_routes(httplib::Server& s, const std::string& url) {
    // Areas carry their municipalities; everyone signed in may read the network's reference data.
    s.Get("/v1/areas", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        if (!require_principal(db, req, res)) return;
        PageParams page;
        if (!page_params(req, res, page)) return;
        std::vector<std::string> ids;
        query_rows(db, "SELECT id FROM area WHERE id > :after ORDER BY id LIMIT " + std::to_string(page.limit),
                   {{"after", page.after}}, [&](const soci::row& r) { ids.push_back(r.get<std::string>(0)); });
        json items = json::array();
        store::AreaRepository repo{db};
        for (const auto& id : ids)
            if (auto a = repo.get(id)) items.push_back(net::to_json(*a));
        json body = {{"items", items}, {"next", nullptr}};
        if (static_cast<int>(ids.size()) == page.limit) body["next"] = ids.back();
        send_json(res, 200, body);
    });
    add_list<core::Organisation>(s, url, "/v1/organisations", {"area_id"}, plain<core::Organisation>());
    add_list<core::Site>(s, url, "/v1/sites", {"area_id", "role"}, plain<core::Site>());
    add_list<core::VenueProfile>(s, url, "/v1/venue-profiles", {}, plain<core::VenueProfile>());
    add_list<core::CardBatch>(s, url, "/v1/card-batches", {"area_id"}, plain<core::CardBatch>());
    add_list<core::Allocation>(s, url, "/v1/allocations", {"batch_id", "site_id"}, plain<core::Allocation>());
    // The national service sees cards without holder profiles: it works with aggregates.
    add_list<core::Card>(s, url, "/v1/cards", {"area_id", "issuer_site_id", "status"},
                         [](const core::Card& c, const Principal& p) { return net::to_json(c, !p.national()); });
    add_list<core::Usage>(s, url, "/v1/uses", {"card_id", "venue_site_id"}, plain<core::Usage>());
    add_list<core::Rule>(s, url, "/v1/rules", {"scope", "scope_id"}, plain<core::Rule>());
    add_list<core::Quota>(s, url, "/v1/quotas", {"site_id"}, plain<core::Quota>());
    add_list<core::QuotaAdjustment>(s, url, "/v1/quota-adjustments", {"quota_id"}, plain<core::QuotaAdjustment>());
    add_list<core::Message>(s, url, "/v1/messages", {"thread_id"}, plain<core::Message>());
    add_list<core::GroupVisit>(s, url, "/v1/group-visits", {"venue_site_id"}, plain<core::GroupVisit>());
    add_list<core::GroupSignup>(s, url, "/v1/group-signups", {"visit_id"}, plain<core::GroupSignup>());
    add_list<core::User>(s, url, "/v1/users", {"role"}, plain<core::User>());

    // The audit log: coordinators read their area's, the national service all; site staff none.
    s.Get("/v1/audit", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        if (!p->national() && !p->coordinator()) {
            send_problem(res, 403, "forbidden", "Not allowed for your role or scope",
                         "The audit log is for area coordinators and the national service.");
            return;
        }
        PageParams page;
        if (!page_params(req, res, page)) return;
        long long after = 0;
        try {
            if (!page.after.empty()) after = std::stoll(page.after);
        } catch (const std::exception&) {
            send_problem(res, 400, "invalid-query", "Invalid query parameters", {},
                         json::array({{{"field", "after"}, {"code", "invalid_format"},
                                       {"message", "Query parameter 'after' must be a sequence number."}}}));
            return;
        }
        std::string sql = "SELECT seq, at, user_id, device_id, action, entity, entity_id, area_id, before_json, "
                          "after_json FROM audit_log WHERE seq > :after";
        std::vector<std::pair<std::string, std::string>> params = {{"after", std::to_string(after)}};
        if (!p->national()) {
            sql += " AND area_id = :area";
            params.push_back({"area", p->area_id});
        }
        sql += " ORDER BY seq LIMIT " + std::to_string(page.limit);
        // PostgreSQL compares the bound text with a bigint column only after a cast.
        if (db.dialect() == store::Dialect::postgresql) sql.replace(sql.find(":after"), 6, "CAST(:after AS BIGINT)");
        json items = json::array();
        long long last = after;
        query_rows(db, sql, params, [&](const soci::row& r) {
            store::RowReader rr(r);
            last = rr.integer(0);
            const std::string entity = rr.text(5);
            // Redacted when written and by migration 10; redacted again here so no path can show a profile.
            auto parse = [&](const std::string& t) {
                json j = t.empty() ? json(nullptr) : net::parse_json(t);
                net::redact_holder(j, entity);
                return j;
            };
            items.push_back({{"seq", last},
                             {"at", rr.text(1)},
                             {"user_id", rr.text(2)},
                             {"device_id", rr.text(3)},
                             {"action", rr.text(4)},
                             {"entity", entity},
                             {"entity_id", rr.text(6)},
                             {"area_id", rr.text(7)},
                             {"before", parse(rr.text(8))},
                             {"after", parse(rr.text(9))}});
        });
        json body = {{"items", items}, {"next", nullptr}};
        if (static_cast<int>(items.size()) == page.limit) body["next"] = std::to_string(last);
        send_json(res, 200, body);
    });
}

}  // namespace kaiku::server
