// Accounts: Argon2id password hashes, opaque bearer tokens stored hashed, devices, login throttling.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "principal.hpp"
#include "store/database.hpp"

namespace kaiku::server {

inline constexpr auto kTokenLifetime = std::chrono::hours(24 * 30);
inline constexpr int kFreeLoginFailures = 5;  // then the login is locked for a growing time

std::string hash_password(const std::string& password);  // Argon2id, libsodium's interactive limits
bool verify_password(const std::string& hash, const std::string& password);

// Sets (or replaces) a user's password. Passwords must be 10..200 characters.
void set_password(store::Database&, const std::string& user_id, const std::string& password);

struct LoginResult {
    enum class Outcome { ok, invalid, throttled, inactive } outcome = Outcome::invalid;
    std::string token;  // the only time the plain token exists
    std::string expires_at;
    std::string device_id;
    int retry_after_s = 0;
    std::optional<Principal> principal;
};

// device_id: an existing device of this user to sign in again on, or empty for a new device.
LoginResult login(store::Database&, const std::string& login, const std::string& password,
                  const std::string& device_name, const std::string& device_id);

struct AuthResult {
    enum class Outcome { ok, missing, invalid, expired, device_revoked, inactive } outcome = Outcome::missing;
    std::optional<Principal> principal;
    std::string revoked_user_id;  // with device_revoked: whose device it was
};

// Checks "Authorization: Bearer <token>" and loads the principal with its current grants.
AuthResult authenticate(store::Database&, const std::string& authorization_header);

void revoke_token(store::Database&, const std::string& token);
// Loads role, scope and grants of a user (for a principal that is already authenticated).
std::optional<Principal> load_principal(store::Database&, const std::string& user_id, const std::string& device_id);

}  // namespace kaiku::server
