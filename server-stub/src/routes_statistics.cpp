// GET /v1/statistics/profile: holder profile breakdowns, computed here because national service clients receive
// cards without holder profiles. Small cells are suppressed and their values never leave the server; periods are
// whole quarters that have ended, so that answers cannot be subtracted from each other to reveal hidden cells.
#include "report/statistics.hpp"
#include "report/table_json.hpp"
#include "routes.hpp"

namespace kaiku::server {

namespace {

json query_error(const std::string& field, const std::string& code, const std::string& message) {
    return json::array({{{"field", field}, {"code", code}, {"message", message}}});
}

}  // namespace

void add_statistics_routes(httplib::Server& s, const std::string& url) {
    s.Get("/v1/statistics/profile", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        if (!p->national() && !p->coordinator()) {
            send_problem(res, 403, "forbidden", "Not allowed for your role or scope",
                         "Profile statistics are for area coordinators and the national service.");
            return;
        }
        auto invalid = [&](const std::string& field, const std::string& code, const std::string& message) {
            send_problem(res, 400, "invalid-query", "Invalid query parameters", {}, query_error(field, code, message));
        };
        const auto by_text = req.has_param("by") ? req.get_param_value("by") : std::string();
        const auto by = report::parse_profile(by_text);
        if (!by) {
            invalid("by", by_text.empty() ? "required" : "invalid_value",
                    "Query parameter 'by' must be age-group, gender, life-situation or children.");
            return;
        }
        report::Filter f;
        for (const char* end : {"from", "to"}) {
            if (!req.has_param(end)) continue;
            const auto d = core::Date::parse(req.get_param_value(end));
            if (!d) {
                invalid(end, "invalid_format", std::string("Query parameter '") + end + "' must be a date YYYY-MM-DD.");
                return;
            }
            (std::string(end) == "from" ? f.from : f.to) = d;
        }
        if (f.from && f.to && *f.from > *f.to) {
            invalid("from", "invalid_range", "Query parameter 'from' must not be after 'to'.");
            return;
        }
        const auto area = req.has_param("area") ? req.get_param_value("area") : std::string();
        if (p->national()) {
            if (!area.empty()) f.area_ids = {area};
        } else {
            // Coordinators: their own area only.
            if (!area.empty() && area != p->area_id) {
                send_problem(res, 403, "forbidden", "Not allowed for your role or scope",
                             "Coordinators read the statistics of their own area.");
                return;
            }
            f.area_ids = {p->area_id};
        }
        // Whole quarters that have ended, each cell shown only where every quarter shows it: see
        // published_profile_breakdown. The answer says which period it counted.
        const auto published = report::published_profile_breakdown(db, f, *by, core::Date::today());
        auto body = report::to_json(published.table);
        body["period"] = published.from ? json{{"from", published.from->iso()}, {"to", published.to->iso()}}
                                        : json(nullptr);
        send_json(res, 200, body);
    });
}

}  // namespace kaiku::server
