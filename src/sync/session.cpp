#include "sync/session.hpp"

#include <nlohmann/json.hpp>

#include "store/repositories.hpp"

namespace kaiku::sync {

using nlohmann::json;


SignInResult sign_in(store::Database& db, net::HttpClient& http, const std::string& login, const std::string& password,
                     const std::string& device_name) {
    SignInResult r;
    store::StateRepository state{db};
    const json body = {{"login", login},
                       {"password", password},
                       {"device_name", device_name},
                       {"device_id", state.get("device_id").value_or("")}};
    const auto res = http.post_json("/v1/login", body.dump());
    if (!res.transport_ok()) {
        r.failure = transport_failure(res.failure);
        r.detail = res.error;
        return r;
    }
    r.http_status = res.status;
    const json doc = json::parse(res.body, nullptr, false);
    if (res.status != 200) {
        r.failure = res.status == 401 || res.status == 429 ? FailureKind::unauthorized
                    : res.status == 403                    ? FailureKind::forbidden
                                                           : FailureKind::server_error;
        r.detail = doc.is_object() && doc.contains("title") && doc["title"].is_string() ? doc["title"].get<std::string>()
                                                                                         : "HTTP " + std::to_string(res.status);
        if (res.status == 429 && doc.is_object() && doc.contains("detail")) r.detail += ": " + doc["detail"].get<std::string>();
        return r;
    }
    try {
        const std::string token = doc.at("token");
        r.device_id = doc.at("device_id");
        const auto& user = doc.at("user");
        r.user_id = user.at("id");
        r.login = user.at("login");
        r.display_name = user.at("display_name");
        r.role = user.at("role");
        store::Transaction tx(db);
        state.set("token", token);
        state.set("token_login", r.login);
        state.set("device_id", r.device_id);
        state.set("user_id", r.user_id);
        state.set("user_role", r.role);
        state.set("user_display_name", r.display_name);
        tx.commit();
        http.set_bearer_token(token);
    } catch (const json::exception& e) {
        r.failure = FailureKind::bad_response;
        r.detail = std::string("The sign-in answer lacks a field: ") + e.what();
    } catch (const std::exception& e) {
        r.failure = FailureKind::store_error;
        r.detail = e.what();
    }
    return r;
}

bool use_saved_session(store::Database& db, net::HttpClient& http, const std::string& login) {
    store::StateRepository state{db};
    const auto token = state.get("token");
    if (!token || token->empty() || state.get("token_login").value_or("") != login) return false;
    http.set_bearer_token(*token);
    return true;
}

RefreshResult refresh_signed_in(store::Database& db, net::HttpClient& http, const Credentials& cred,
                                const std::function<void(const Progress&)>& progress, const std::atomic<bool>* cancel) {
    auto sign_in_now = [&]() -> std::optional<RefreshResult> {
        RefreshResult r;
        if (cred.password.empty()) {
            r.failure = FailureKind::unauthorized;
            r.detail = "No saved sign-in for " + cred.login + " and no password given";
            return r;
        }
        const auto s = sign_in(db, http, cred.login, cred.password, cred.device_name);
        if (s.ok()) return std::nullopt;
        r.failure = s.failure;
        r.detail = s.detail;
        r.http_status = s.http_status;
        return r;
    };
    const bool saved = use_saved_session(db, http, cred.login);
    if (!saved)
        if (auto failed = sign_in_now()) return *failed;
    auto r = refresh_network(db, http, progress, cancel);
    if (saved && r.failure == FailureKind::unauthorized) {
        if (auto failed = sign_in_now()) return *failed;
        r = refresh_network(db, http, progress, cancel);
    }
    return r;
}

void sign_out(store::Database& db, net::HttpClient& http) {
    http.post_json("/v1/logout", "{}");
    store::StateRepository state{db};
    state.set("token", "");
    http.set_bearer_token("");
}

}  // namespace kaiku::sync
