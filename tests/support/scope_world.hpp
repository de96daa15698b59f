// A seeded demo register on the real server with a signed-in client for each role of two areas, and helpers
// that compare what the API answers with what the register holds.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>

#include "support/api.hpp"
#include "support/demo_register.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"

namespace kaiku::test {

// Every item of a list endpoint, following `next`.
inline std::vector<json> all_items(const net::HttpClient& http, const std::string& path, long* status = nullptr) {
    std::vector<json> out;
    std::string after;
    for (int pages = 0; pages < 100; ++pages) {
        const auto sep = path.find('?') == std::string::npos ? "?" : "&";
        const auto r = test::get(http, path + sep + "limit=1000" + (after.empty() ? "" : "&after=" + after));
        if (status) *status = r.status;
        if (r.status != 200) return out;
        for (const auto& item : r.body["items"]) out.push_back(item);
        if (!r.body["next"].is_string()) break;
        after = r.body["next"];
    }
    return out;
}

inline std::set<std::string> column(store::Database& db, const std::string& sql, const std::string& param = "") {
    std::set<std::string> out;
    if (param.empty()) {
        soci::rowset<std::string> rs = (db.sql().prepare << sql);
        for (const auto& v : rs) out.insert(v);
    } else {
        soci::rowset<std::string> rs = (db.sql().prepare << sql, soci::use(param, "p"));
        for (const auto& v : rs) out.insert(v);
    }
    return out;
}

inline std::set<std::string> ids(const std::vector<json>& items, const char* key = "id") {
    std::set<std::string> out;
    for (const auto& i : items) out.insert(i[key].get<std::string>());
    return out;
}

struct ScopeWorld : DemoRegister {
    std::map<std::string, std::unique_ptr<net::HttpClient>> as;
    ScopeWorld() {
        for (const char* login : {"kaikukeskus", "coord-tre", "coord-esp", "issuer-tre", "venue-tre", "issuer-esp",
                                  "venue-esp"}) {
            as[login] = std::make_unique<net::HttpClient>(server.url());
            test::sign_in(*as[login], login);
        }
    }
    net::HttpClient& user(const std::string& login) { return *as.at(login); }
};


}  // namespace kaiku::test
