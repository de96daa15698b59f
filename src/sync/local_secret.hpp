// Secrets the cache must hold for a while (a session token when no keyring keeps it, a new staff account's password
// until the register has it) are sealed with a key kept outside the cache: a copy of the cache file alone reveals
// neither. The key is 32 random bytes in a file only its owner can read (KAIKU_SECRET_KEY_FILE, or
// $XDG_DATA_HOME/kaiku-admin/local-secret.key, default ~/.local/share/kaiku-admin/local-secret.key).
#pragma once

#include <optional>
#include <string>

namespace kaiku::sync {

// "sealed:1:" followed by base64 of nonce and ciphertext (XChaCha20-Poly1305). Throws std::runtime_error when the
// key file cannot be read or created.
std::string seal_secret(const std::string& plain);
// The plain text; nullopt when `sealed` is not sealed text or was sealed with another key (the secret is lost).
std::optional<std::string> unseal_secret(const std::string& sealed);
bool is_sealed(const std::string& text);
// Where the key is kept.
std::string secret_key_path();

}  // namespace kaiku::sync
