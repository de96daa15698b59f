// Signing in to the register: the token and device are kept in the local cache's state table
// (the cache file is readable by its owner only; the GUI keeps the token in the desktop keyring too).
#pragma once

#include <optional>
#include <string>

#include "net/http.hpp"
#include "store/database.hpp"
#include "sync/network_refresh.hpp"

namespace kaiku::sync {

struct SignInResult {
    FailureKind failure = FailureKind::none;
    std::string detail;
    long http_status = 0;
    int retry_after_s = 0;  // when the server throttles failed sign-ins
    std::string user_id, login, display_name, role, device_id;
    bool ok() const { return failure == FailureKind::none; }
};

// POST /v1/login; on success stores token, device and user in the cache and sets the token on `http`.
SignInResult sign_in(store::Database&, net::HttpClient& http, const std::string& login, const std::string& password,
                     const std::string& device_name);

// Uses the token saved for `login` by an earlier sign-in, if any; returns whether one was set on `http`.
bool use_saved_session(store::Database&, net::HttpClient& http, const std::string& login);

struct Credentials {
    std::string login;
    std::string password;  // may be empty: then only a saved session can be used
    std::string device_name;
};

// Refreshes the network as `credentials.login`: with the saved token, signing in first when there is none
// or the server refused it (and a password is known).
RefreshResult refresh_signed_in(store::Database&, net::HttpClient&, const Credentials& credentials,
                                const std::function<void(const Progress&)>& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

// Forgets the saved token (and tells the server when it can be reached).
void sign_out(store::Database&, net::HttpClient& http);

}  // namespace kaiku::sync
