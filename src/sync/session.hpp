// Signing in to the register: the token and device are kept in the local cache's state table
// (the cache file is readable by its owner only; the GUI keeps the token in the desktop keyring too).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/http.hpp"
#include "store/database.hpp"
#include "sync/network_refresh.hpp"

namespace kaiku::sync {

// Where a session token is kept between runs. Without one, the token lives in the cache's state table (the file is
// readable by its owner only); the desktop client supplies the keyring. Implementations must be thread-safe.
class TokenStore {
public:
    virtual ~TokenStore() = default;
    virtual std::optional<std::string> load(const std::string& login) = 0;
    virtual bool save(const std::string& login, const std::string& token) = 0;  // false: could not keep it
    virtual void clear(const std::string& login) = 0;
};

struct SignInResult {
    FailureKind failure = FailureKind::none;
    std::string detail;
    long http_status = 0;
    int retry_after_s = 0;  // when the server throttles failed sign-ins
    std::string user_id, login, display_name, role, device_id;
    std::string area_id;             // the coordinator's or staff member's area; empty for the national service
    std::vector<std::string> sites;  // sites the user was granted
    bool ok() const { return failure == FailureKind::none; }
};

// POST /v1/login; on success stores device and user in the cache, the token in `tokens` (or the cache when null or
// when `tokens` cannot keep it), and sets the token on `http`.
SignInResult sign_in(store::Database&, net::HttpClient& http, const std::string& login, const std::string& password,
                     const std::string& device_name, TokenStore* tokens = nullptr);

// Uses the token saved for `login` by an earlier sign-in, if any; returns whether one was set on `http`.
bool use_saved_session(store::Database&, net::HttpClient& http, const std::string& login, TokenStore* tokens = nullptr);

// Whether a session of `login` is saved (so that the client can start offline without asking for a password).
bool has_saved_session(store::Database&, const std::string& login, TokenStore* tokens = nullptr);

struct Credentials {
    std::string login;
    std::string password;  // may be empty: then only a saved session can be used
    std::string device_name;
    std::shared_ptr<TokenStore> tokens = nullptr;  // null: the token is kept in the cache
};

// Refreshes the network as `credentials.login`: with the saved token, signing in first when there is none
// or the server refused it (and a password is known).
RefreshResult refresh_signed_in(store::Database&, net::HttpClient&, const Credentials& credentials,
                                const std::function<void(const Progress&)>& progress = {},
                                const std::atomic<bool>* cancel = nullptr);

// Forgets the saved token (and tells the server when it can be reached).
void sign_out(store::Database&, net::HttpClient& http, TokenStore* tokens = nullptr);

}  // namespace kaiku::sync
