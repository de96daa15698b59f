#include "ui/keyring.hpp"

#include <cstdio>
#include <cstdlib>

#include <libsecret/secret.h>

#include "ui/thread_check.hpp"

namespace kaiku::ui {

namespace {

const SecretSchema* schema() {
    static const SecretSchema s = {"fi.kaikukortti.KaikuAdmin.Session",
                                   SECRET_SCHEMA_NONE,
                                   {{"server", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                    {"login", SECRET_SCHEMA_ATTRIBUTE_STRING},
                                    {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
                                   0, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
    return &s;
}

// KAIKU_NO_KEYRING=1 keeps tokens out of the keyring (tests, shared kiosks).
bool disabled() {
    const char* v = std::getenv("KAIKU_NO_KEYRING");
    return v && *v && std::string(v) != "0";
}

void log_error(const char* what, GError* error) {
    if (!error) return;
    std::fprintf(stderr, "kaiku-admin: keyring: %s: %s\n", what, error->message);
    g_error_free(error);
}

}  // namespace

std::optional<std::string> KeyringTokenStore::load(const std::string& login) {
    assert_not_ui_thread("KeyringTokenStore::load");
    if (disabled()) return std::nullopt;
    GError* error = nullptr;
    gchar* secret = secret_password_lookup_sync(schema(), nullptr, &error, "server", server_.c_str(), "login",
                                                login.c_str(), nullptr);
    log_error("lookup", error);
    if (!secret) return std::nullopt;
    std::string token(secret);
    secret_password_free(secret);
    return token;
}

bool KeyringTokenStore::save(const std::string& login, const std::string& token) {
    assert_not_ui_thread("KeyringTokenStore::save");
    if (disabled()) return false;
    GError* error = nullptr;
    const std::string label = "Kaiku Admin session of " + login;
    const gboolean ok = secret_password_store_sync(schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), token.c_str(),
                                                   nullptr, &error, "server", server_.c_str(), "login", login.c_str(),
                                                   nullptr);
    log_error("store", error);
    return ok;
}

void KeyringTokenStore::clear(const std::string& login) {
    assert_not_ui_thread("KeyringTokenStore::clear");
    if (disabled()) return;
    GError* error = nullptr;
    secret_password_clear_sync(schema(), nullptr, &error, "server", server_.c_str(), "login", login.c_str(), nullptr);
    log_error("clear", error);
}

}  // namespace kaiku::ui
