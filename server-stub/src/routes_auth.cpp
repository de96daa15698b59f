// Sign-in, sign-out and who-am-I.
#include "auth.hpp"
#include "net/dto.hpp"
#include "routes.hpp"
#include "sign_in_gate.hpp"

namespace kaiku::server {

namespace {

json principal_json(const Principal& p) {
    json sites = json::array();
    for (const auto& s : p.sites) sites.push_back(s);
    return {{"user", net::to_json(p.user)}, {"device_id", p.device_id}, {"area_id", p.area_id}, {"sites", sites}};
}

}  // namespace

void add_auth_routes(httplib::Server& s, const std::string& url) {
    s.Post("/v1/login", [url](const httplib::Request& req, httplib::Response& res) {
        const auto body = json_body(req, res);
        if (!body) return;
        core::Errors errors;
        net::JsonReader r(*body, errors);
        r.only({"login", "password", "device_name", "device_id"});
        std::string login_name, password, device_name, device_id;
        r.text("login", login_name, true);
        r.text("password", password, true);
        r.text("device_name", device_name);
        r.text("device_id", device_id);
        if (login_name.size() > 64) r.fail("login", "too_long", "must be at most 64 characters");
        if (password.size() > 200) r.fail("password", "too_long", "must be at most 200 characters");
        if (!errors.empty()) {
            send_json(res, 422, net::problem(422, "validation-failed", "The sign-in request has invalid fields", {}, errors));
            return;
        }
        const auto admission = admit_sign_in(req.remote_addr);
        if (!admission.admitted) {
            res.set_header("Retry-After", std::to_string(admission.retry_after_s));
            send_problem(res, 429, "too-many-attempts",
                         admission.per_address ? "Too many failed sign-ins from this address" : "Too many sign-ins",
                         "Wait " + std::to_string(admission.retry_after_s) + " seconds before trying again.");
            return;
        }
        auto& db = thread_db(url);
        LoginResult result;
        try {
            result = login(db, login_name, password, device_name, device_id);
        } catch (const HashingBusy&) {
            res.set_header("Retry-After", "2");
            send_problem(res, 503, "service-unavailable", "The server is busy with other sign-ins",
                         "Try again in a few seconds.");
            return;
        }
        using O = LoginResult::Outcome;
        if (result.outcome == O::invalid || result.outcome == O::throttled) record_sign_in_failure(req.remote_addr);
        switch (result.outcome) {
            case O::ok: {
                json out = principal_json(*result.principal);
                out["token"] = result.token;
                out["expires_at"] = result.expires_at;
                send_json(res, 200, out);
                return;
            }
            case O::throttled:
                res.set_header("Retry-After", std::to_string(result.retry_after_s));
                send_problem(res, 429, "too-many-attempts", "Too many failed sign-ins",
                             "Wait " + std::to_string(result.retry_after_s) + " seconds before trying again.");
                return;
            case O::inactive:
                send_problem(res, 403, "account-disabled", "This account or device has been disabled",
                             "Ask your area coordinator.");
                return;
            case O::invalid:
                send_problem(res, 401, "invalid-credentials", "Wrong user name or password");
                return;
        }
    });

    s.Post("/v1/logout", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        if (!require_principal(db, req, res)) return;
        revoke_token(db, req.get_header_value("Authorization").substr(7));
        res.status = 204;
    });

    s.Get("/v1/me", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        send_json(res, 200, principal_json(*p));
    });
}

}  // namespace kaiku::server
