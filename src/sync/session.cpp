#include "sync/session.hpp"

#include <nlohmann/json.hpp>

#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_secret.hpp"

namespace kaiku::sync {

using nlohmann::json;

namespace {

// A token the keyring could not keep is kept in the cache sealed; when even that is impossible, only in memory.
std::string cache_form(const std::string& token) {
    try {
        return seal_secret(token);
    } catch (const std::exception&) {
        return "";
    }
}

}  // namespace


SignInResult sign_in(store::Database& db, net::HttpClient& http, const std::string& login, const std::string& password,
                     const std::string& device_name, TokenStore* tokens) {
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
    const json doc = net::parse_json(res.body);
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
        if (doc.contains("area_id") && doc["area_id"].is_string()) r.area_id = doc["area_id"];
        if (doc.contains("sites") && doc["sites"].is_array())
            for (const auto& s : doc["sites"])
                if (s.is_string()) r.sites.push_back(s);
        const bool kept_elsewhere = tokens && tokens->save(r.login, token);
        store::Transaction tx(db);
        state.set("token", kept_elsewhere ? "" : cache_form(token));
        state.set("token_login", r.login);
        state.set("device_id", r.device_id);
        state.set("user_id", r.user_id);
        state.set("user_role", r.role);
        state.set("user_display_name", r.display_name);
        state.set("user_area_id", r.area_id);
        state.set("user_sites", json(r.sites).dump());
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

namespace {

std::optional<std::string> saved_token(store::Database& db, const std::string& login, TokenStore* tokens) {
    store::StateRepository state{db};
    if (login.empty() || state.get("token_login").value_or("") != login) return std::nullopt;
    if (auto token = state.get("token"); token && !token->empty()) {
        if (is_sealed(*token)) return unseal_secret(*token);  // another key: the session is lost, sign in again
        state.set("token", cache_form(*token));               // a token an older version kept in clear
        return token;
    }
    if (tokens)
        if (auto token = tokens->load(login); token && !token->empty()) return token;
    return std::nullopt;
}

}  // namespace

bool use_saved_session(store::Database& db, net::HttpClient& http, const std::string& login, TokenStore* tokens) {
    const auto token = saved_token(db, login, tokens);
    if (!token) return false;
    http.set_bearer_token(*token);
    return true;
}

bool has_saved_session(store::Database& db, const std::string& login, TokenStore* tokens) {
    return saved_token(db, login, tokens).has_value();
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
        const auto s = sign_in(db, http, cred.login, cred.password, cred.device_name, cred.tokens.get());
        if (s.ok()) return std::nullopt;
        r.failure = s.failure;
        r.detail = s.detail;
        r.http_status = s.http_status;
        return r;
    };
    const bool saved = use_saved_session(db, http, cred.login, cred.tokens.get());
    if (!saved)
        if (auto failed = sign_in_now()) return *failed;
    auto r = refresh_network(db, http, progress, cancel);
    if (saved && r.failure == FailureKind::unauthorized) {
        if (auto failed = sign_in_now()) return *failed;
        r = refresh_network(db, http, progress, cancel);
    }
    return r;
}

void sign_out(store::Database& db, net::HttpClient& http, TokenStore* tokens) {
    http.post_json("/v1/logout", "{}");
    store::StateRepository state{db};
    if (tokens) tokens->clear(state.get("token_login").value_or(""));
    state.set("token", "");
    http.set_bearer_token("");
}

}  // namespace kaiku::sync
