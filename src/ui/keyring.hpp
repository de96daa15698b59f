// Session tokens in the desktop keyring (Secret Service through libsecret), keyed by server and login. When no
// keyring answers (no Secret Service on the session bus, a locked keyring the user declines to open), save()
// returns false and the token stays in the owner-only cache file instead. Never holds a password.
// Calls block on D-Bus: use from worker threads only.
#pragma once

#include <string>

#include "sync/session.hpp"

namespace kaiku::ui {

class KeyringTokenStore : public sync::TokenStore {
public:
    explicit KeyringTokenStore(std::string server_url) : server_(std::move(server_url)) {}
    std::optional<std::string> load(const std::string& login) override;
    bool save(const std::string& login, const std::string& token) override;
    void clear(const std::string& login) override;

private:
    std::string server_;
};

}  // namespace kaiku::ui
