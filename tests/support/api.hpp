// Calling the real server from tests: signing in as a demo user and sending commands.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "net/http.hpp"

namespace kaiku::test {

using nlohmann::json;

inline constexpr const char* kDemoPassword = "kaikukortti-demo";

// Signs in and sets the bearer token on `http`; returns the whole answer (user, device_id, token...).
inline json sign_in(net::HttpClient& http, const std::string& login, const std::string& password = kDemoPassword,
                    const std::string& device_id = "") {
    json body = {{"login", login}, {"password", password}, {"device_name", "test"}};
    if (!device_id.empty()) body["device_id"] = device_id;
    const auto res = http.post_json("/v1/login", body.dump());
    INFO(res.body);
    REQUIRE(res.status == 200);
    json doc = json::parse(res.body);
    http.set_bearer_token(doc["token"].get<std::string>());
    return doc;
}

struct Answer {
    long status = 0;
    json body;
};

inline Answer get(const net::HttpClient& http, const std::string& path) {
    const auto res = http.get(path);
    return {res.status, json::parse(res.body, nullptr, false)};
}

inline Answer command(const net::HttpClient& http, const std::string& type, const json& data) {
    const auto res = http.post_json("/v1/commands/" + type, data.dump());
    return {res.status, json::parse(res.body, nullptr, false)};
}

}  // namespace kaiku::test
