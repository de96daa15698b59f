// Sync cursors: GET /v1/changes?cursor=... on the real server (in this process, on loopback, with a small
// register). First byte: bit 0 chooses the caller (national service or a coordinator), bit 1 whether the rest is
// the cursor text as sent, or a cursor payload that is signed with the register's key first (so the checks
// behind the signature are reached too). Then the client reads the answer as a page.
#include <sodium.h>

#include "fuzz_support.hpp"
#include "net/dto.hpp"
#include "server.hpp"

using namespace kaiku;

namespace {

std::string b64url(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0'));
    return out;
}

std::string percent_encoded(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

struct World {
    std::string key;
    std::string tokens[2];
    std::unique_ptr<server::Server> server;
    std::thread thread;
    std::unique_ptr<httplib::Client> client;

    World() {
        const std::string url = "sqlite:" + (fuzz::temp_dir() / "register.sqlite").string();
        {
            store::Database db(url, store::SchemaKind::server);
            fuzz::seed_register(db);
            db.sql() << "SELECT cursor_key FROM sync_meta WHERE id = 1", soci::into(key);
            tokens[0] = fuzz::sign_in_role(db, "national_service").token;
            tokens[1] = fuzz::sign_in_role(db, "coordinator_sote").token;
        }
        server::Options o;
        o.database = url;
        o.port = 0;
        o.threads = 1;
        server = std::make_unique<server::Server>(o);
        std::string error;
        if (!server->bind(error)) std::abort();
        thread = std::thread([this] { server->run(); });
        client = std::make_unique<httplib::Client>("127.0.0.1", server->port());
        client->set_keep_alive(true);
        // The server's own statics come to life with its first connection: stopping it at exit is registered after
        // them, so it runs (and its workers finish) before they are destroyed.
        // (The first answer may be slow on a loaded machine: try for a while.)
        bool up = false;
        for (int i = 0; i < 100 && !up; ++i) {
            up = static_cast<bool>(client->Get("/healthz"));
            if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (!up) std::abort();
        std::atexit([] { instance().stop(); });
    }
    void stop() {
        client->stop();
        server->stop();
        thread.join();
    }
    static World& instance() {
        static World* w = new World;  // stopped at exit, never destroyed
        return *w;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World& world = World::instance();
    if (size < 1) return 0;
    const auto text = fuzz::as_text(data + 1, size - 1);
    std::string cursor;
    if (data[0] & 2) {
        unsigned char mac[crypto_auth_hmacsha256_BYTES];
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(world.key.data()), world.key.size());
        crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        crypto_auth_hmacsha256_final(&st, mac);
        cursor = b64url(text) + "." + b64url({reinterpret_cast<const char*>(mac), sizeof mac});
    } else {
        cursor = std::string(text);
    }
    const httplib::Headers headers = {{"Authorization", "Bearer " + world.tokens[data[0] & 1]}};
    const auto res = world.client->Get("/v1/changes?limit=20&cursor=" + percent_encoded(cursor), headers);
    if (!res) return 0;
    // A server error here is a bug: a cursor is either accepted or refused with 400/410.
    if (res->status >= 500) std::abort();
    (void)net::parse_json(res->body);
    return 0;
}
