#include "auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "clock.hpp"
#include "core/uuid.hpp"
#include "sign_in_gate.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

void sodium_ready() {
    static const int rc = sodium_init();
    if (rc < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string sha256_hex(const std::string& s) {
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

std::string random_token() {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return b64;
}

// A hash to verify against when the login does not exist, so both cases cost the same time.
const std::string& dummy_hash() {
    static const std::string h = hash_password("not a real password, only for timing");
    return h;
}

int lock_seconds(int failures) {
    if (failures < kFreeLoginFailures) return 0;
    const int exp = std::min(failures - kFreeLoginFailures, 5);
    return 30 << exp;  // 30 s, 60 s, ... 16 min
}

}  // namespace

std::string hash_password(const std::string& password) {
    sodium_ready();
    HashingSlot slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    sodium_ready();
    HashingSlot slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void set_password(store::Database& db, const std::string& user_id, const std::string& password) {
    if (password.size() < 10 || password.size() > 200)
        throw std::invalid_argument("The password must be 10 to 200 characters long.");
    const std::string h = hash_password(password), at = now_iso();
    db.sql() << "DELETE FROM credential WHERE user_id = :u", soci::use(user_id, "u");
    db.sql() << "INSERT INTO credential (user_id, password_hash, changed_at) VALUES (:u, :h, :a)", soci::use(user_id, "u"),
        soci::use(h, "h"), soci::use(at, "a");
}

std::optional<Principal> load_principal(store::Database& db, const std::string& user_id,
                                        const std::string& device_id) {
    auto user = store::UserRepository{db}.get(user_id);
    if (!user) return std::nullopt;
    Principal p;
    p.user = *user;
    p.device_id = device_id;
    if (p.coordinator()) {
        p.area_id = user->scope_id;
    } else if (p.staff()) {
        p.sites.insert(user->scope_id);
        soci::rowset<std::string> grants =
            (db.sql().prepare << "SELECT site_id FROM site_grant WHERE user_id = :u", soci::use(user_id, "u"));
        for (const auto& s : grants) p.sites.insert(s);
        if (auto site = store::SiteRepository{db}.get(user->scope_id)) p.area_id = site->area_id;
    }
    return p;
}

LoginResult login(store::Database& db, const std::string& login_name, const std::string& password,
                  const std::string& device_name, const std::string& device_id) {
    LoginResult r;
    const auto now = std::chrono::system_clock::now();
    const std::string now_s = iso_utc(now);

    // Per login name, whether or not the account exists (per address and overall: sign_in_gate).
    int failures = 0;
    std::string locked_until;
    soci::indicator lock_ind = soci::i_null;
    db.sql() << "SELECT failures, locked_until FROM login_throttle WHERE login = :l", soci::use(login_name, "l"),
        soci::into(failures), soci::into(locked_until, lock_ind);
    const bool known = db.sql().got_data();
    if (known && lock_ind == soci::i_ok && locked_until > now_s) {
        r.outcome = LoginResult::Outcome::throttled;
        r.retry_after_s = 1;
        for (auto t = now; iso_utc(t) < locked_until && r.retry_after_s < 3600; t += std::chrono::seconds(1))
            ++r.retry_after_s;
        return r;
    }

    const auto user = store::UserRepository{db}.by_login(login_name);
    std::string hash;
    if (user) {
        soci::indicator ind = soci::i_null;
        db.sql() << "SELECT password_hash FROM credential WHERE user_id = :u", soci::use(user->id, "u"),
            soci::into(hash, ind);
        if (!db.sql().got_data() || ind != soci::i_ok) hash.clear();
    }
    const bool ok = verify_password(hash.empty() ? dummy_hash() : hash, password) && !hash.empty();
    if (!ok) {
        // A window of 15 minutes: older failures are forgotten. One statement counts the failure, so concurrent
        // wrong guesses cannot overwrite each other's count.
        const std::string window_floor = iso_utc(now - std::chrono::minutes(15));
        db.sql() << "INSERT INTO login_throttle (login, failures, window_start) VALUES (:l, 1, :w) "
                    "ON CONFLICT (login) DO UPDATE SET "
                    "failures = CASE WHEN login_throttle.window_start < :f1 THEN 1 ELSE login_throttle.failures + 1 END, "
                    "window_start = CASE WHEN login_throttle.window_start < :f2 THEN :w2 "
                    "ELSE login_throttle.window_start END",
            soci::use(login_name, "l"), soci::use(now_s, "w"), soci::use(window_floor, "f1"),
            soci::use(window_floor, "f2"), soci::use(now_s, "w2");
        db.sql() << "SELECT failures FROM login_throttle WHERE login = :l", soci::use(login_name, "l"),
            soci::into(failures);
        const int lock = lock_seconds(failures);
        if (lock) {
            const std::string until = iso_utc(now + std::chrono::seconds(lock));
            db.sql() << "UPDATE login_throttle SET locked_until = :u WHERE login = :l AND "
                        "(locked_until IS NULL OR locked_until < :u2)",
                soci::use(until, "u"), soci::use(login_name, "l"), soci::use(until, "u2");
        }
        r.outcome = lock ? LoginResult::Outcome::throttled : LoginResult::Outcome::invalid;
        r.retry_after_s = lock;
        return r;
    }
    db.sql() << "DELETE FROM login_throttle WHERE login = :l", soci::use(login_name, "l");
    if (!user->active) {
        r.outcome = LoginResult::Outcome::inactive;
        return r;
    }

    store::Transaction tx(db);
    std::string device = device_id;
    if (!device.empty()) {
        std::string owner;
        soci::indicator revoked = soci::i_null;
        std::string revoked_at;
        db.sql() << "SELECT user_id, revoked_at FROM device WHERE id = :d", soci::use(device, "d"), soci::into(owner),
            soci::into(revoked_at, revoked);
        // An unknown or foreign device id starts a new device; a revoked device stays revoked.
        if (!db.sql().got_data() || owner != user->id) device.clear();
        else if (revoked == soci::i_ok) {
            r.outcome = LoginResult::Outcome::inactive;
            return r;
        }
    }
    if (device.empty()) {
        device = core::new_uuid();
        const std::string name = device_name.empty() ? "unnamed device" : device_name.substr(0, 200);
        db.sql() << "INSERT INTO device (id, user_id, name, created_at, last_seen) VALUES (:i, :u, :n, :c, :c2)",
            soci::use(device, "i"), soci::use(user->id, "u"), soci::use(name, "n"), soci::use(now_s, "c"),
            soci::use(now_s, "c2");
    }
    r.token = random_token();
    r.expires_at = iso_utc(now + kTokenLifetime);
    const std::string token_hash = sha256_hex(r.token);
    db.sql() << "INSERT INTO auth_token (token_hash, user_id, device_id, created_at, expires_at) "
                "VALUES (:h, :u, :d, :c, :e)",
        soci::use(token_hash, "h"), soci::use(user->id, "u"), soci::use(device, "d"), soci::use(now_s, "c"),
        soci::use(r.expires_at, "e");
    tx.commit();
    r.device_id = device;
    r.principal = load_principal(db, user->id, device);
    r.outcome = LoginResult::Outcome::ok;
    return r;
}

AuthResult authenticate(store::Database& db, const std::string& header) {
    AuthResult r;
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return r;
    const std::string token = header.substr(prefix.size());
    if (token.size() > 200) {
        r.outcome = AuthResult::Outcome::invalid;
        return r;
    }
    const std::string h = sha256_hex(token);
    std::string user_id, device_id, expires_at, token_revoked, device_revoked;
    soci::indicator tr = soci::i_null, dr = soci::i_null;
    db.sql() << "SELECT t.user_id, t.device_id, t.expires_at, t.revoked_at, d.revoked_at FROM auth_token t "
                "JOIN device d ON d.id = t.device_id WHERE t.token_hash = :h",
        soci::use(h, "h"), soci::into(user_id), soci::into(device_id), soci::into(expires_at),
        soci::into(token_revoked, tr), soci::into(device_revoked, dr);
    if (!db.sql().got_data()) {
        r.outcome = AuthResult::Outcome::invalid;
        return r;
    }
    // A revoked device is said so (the client must wipe its data), even though its tokens were revoked too.
    if (dr == soci::i_ok) {
        r.outcome = AuthResult::Outcome::device_revoked;
        r.revoked_user_id = user_id;
        return r;
    }
    if (tr == soci::i_ok) {
        r.outcome = AuthResult::Outcome::invalid;
        return r;
    }
    const std::string now_s = now_iso();
    if (expires_at <= now_s) {
        r.outcome = AuthResult::Outcome::expired;
        return r;
    }
    auto p = load_principal(db, user_id, device_id);
    if (!p || !p->user.active) {
        r.outcome = AuthResult::Outcome::inactive;
        return r;
    }
    db.sql() << "UPDATE device SET last_seen = :n WHERE id = :d", soci::use(now_s, "n"), soci::use(device_id, "d");
    r.principal = std::move(p);
    r.outcome = AuthResult::Outcome::ok;
    return r;
}

void revoke_token(store::Database& db, const std::string& token) {
    const std::string h = sha256_hex(token), now_s = now_iso();
    db.sql() << "UPDATE auth_token SET revoked_at = :n WHERE token_hash = :h", soci::use(now_s, "n"), soci::use(h, "h");
}

}  // namespace kaiku::server
