#include "sync/local_secret.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace kaiku::sync {

namespace {

constexpr const char* kPrefix = "sealed:1:";

std::string key_file_error(const std::string& what) {
    return "The key that protects saved sign-ins (" + secret_key_path() + ") " + what;
}

// Reads the key, creating it (owner-only) the first time.
std::vector<unsigned char> load_key() {
    static std::mutex m;
    std::lock_guard lock(m);
    if (sodium_init() < 0) throw std::runtime_error("The cryptography library could not start.");
    const std::string path = secret_key_path();
    std::vector<unsigned char> key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
        const std::string tmp = path + ".new";
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) throw std::runtime_error(key_file_error("cannot be created."));
        const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
        ::close(fd);
        // Two programs starting at once: the first key linked in wins, the other reads it.
        if (!written || (::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST)) {
            ::unlink(tmp.c_str());
            throw std::runtime_error(key_file_error("cannot be written."));
        }
        ::unlink(tmp.c_str());
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw std::runtime_error(key_file_error("cannot be read."));
    }
    struct stat st {};
    const bool ok = ::fstat(fd, &st) == 0 && st.st_size == static_cast<off_t>(key.size()) &&
                    ::read(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    ::close(fd);
    if (!ok) throw std::runtime_error(key_file_error("is damaged."));
    if ((st.st_mode & 077) != 0) ::chmod(path.c_str(), 0600);
    return key;
}

}  // namespace

std::string secret_key_path() {
    if (const char* p = std::getenv("KAIKU_SECRET_KEY_FILE"); p && *p) return p;
    std::string base;
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/')
        base = x;
    else if (const char* h = std::getenv("HOME"); h && *h)
        base = std::string(h) + "/.local/share";
    else
        base = "/tmp";
    return base + "/kaiku-admin/local-secret.key";
}

bool is_sealed(const std::string& text) { return text.rfind(kPrefix, 0) == 0; }

std::string seal_secret(const std::string& plain) {
    auto key = load_key();
    std::vector<unsigned char> out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                                   crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &len,
                                               reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                               nullptr, 0, nullptr, out.data(), key.data());
    sodium_memzero(key.data(), key.size());
    out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + len);
    std::string b64(sodium_base64_ENCODED_LEN(out.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), out.data(), out.size(), sodium_base64_VARIANT_ORIGINAL);
    b64.resize(b64.find('\0'));
    return kPrefix + b64;
}

std::optional<std::string> unseal_secret(const std::string& sealed) {
    if (!is_sealed(sealed)) return std::nullopt;
    const std::string b64 = sealed.substr(std::char_traits<char>::length(kPrefix));
    std::vector<unsigned char> bin(b64.size());
    std::size_t n = 0;
    if (sodium_init() < 0 ||
        sodium_base642bin(bin.data(), bin.size(), b64.data(), b64.size(), nullptr, &n, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        n < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return std::nullopt;
    auto key = load_key();
    std::string plain(n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long len = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
        bin.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
        nullptr, 0, bin.data(), key.data());
    sodium_memzero(key.data(), key.size());
    if (rc != 0) return std::nullopt;
    plain.resize(len);
    return plain;
}

}  // namespace kaiku::sync
