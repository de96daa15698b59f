#include "sync/statistics_fetch.hpp"

#include <nlohmann/json.hpp>

#include "net/dto.hpp"
#include "report/table_json.hpp"

namespace kaiku::sync {

namespace {

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

StatisticsResult fetch_profile_statistics(const net::HttpClient& http, const ProfileQuery& q) {
    std::string path = std::string("/v1/statistics/profile?by=") + report::profile_name(q.by);
    if (q.from) path += "&from=" + q.from->iso();
    if (q.to) path += "&to=" + q.to->iso();
    if (!q.area_id.empty()) path += "&area=" + url_encode(q.area_id);
    StatisticsResult r;
    const auto res = http.get(path);
    r.http_status = res.status;
    if (!res.transport_ok()) {
        r.failure = transport_failure(res.failure);
        r.detail = res.error;
        return r;
    }
    if (res.status != 200) {
        r.failure = res.status == 401   ? FailureKind::unauthorized
                    : res.status == 403 ? FailureKind::forbidden
                                        : FailureKind::server_error;
        const auto doc = net::parse_json(res.body);
        r.detail = path + ": HTTP " + std::to_string(res.status);
        if (doc.is_object() && doc.contains("title") && doc["title"].is_string())
            r.detail += " (" + doc["title"].get<std::string>() + ")";
        return r;
    }
    const auto doc = net::parse_json(res.body);
    std::string error;
    r.table = doc.is_discarded() ? std::nullopt : report::table_from_json(doc, &error);
    if (!r.table) {
        r.failure = FailureKind::bad_response;
        r.detail = path + ": " + (doc.is_discarded() ? std::string("the answer is not JSON") : error);
        return r;
    }
    if (const auto period = doc.find("period"); period != doc.end() && period->is_object()) {
        for (const char* end : {"from", "to"}) {
            const auto v = period->find(end);
            const auto d = v != period->end() && v->is_string() ? core::Date::parse(v->get<std::string>())
                                                                 : std::nullopt;
            if (!d) {
                r.table.reset();
                r.failure = FailureKind::bad_response;
                r.detail = path + ": period." + end + " is not a date";
                return r;
            }
            (std::string(end) == "from" ? r.from : r.to) = d;
        }
    }
    return r;
}

}  // namespace kaiku::sync
