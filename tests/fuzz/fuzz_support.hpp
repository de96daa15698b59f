// Shared by the fuzz targets: a private temporary folder, a small seeded register, a loopback HTTP server whose
// answers the target sets, and splitting of fuzz input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <httplib.h>

#include "auth.hpp"
#include "buckets.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "store/database.hpp"
#include "store/demo_writer.hpp"

namespace kaiku::fuzz {

// One folder under $TMPDIR (or /tmp) for the whole process; everything a target writes goes here.
inline const std::filesystem::path& temp_dir() {
    static const std::filesystem::path dir = [] {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base && *base ? base : "/tmp") + "/kaiku-fuzz-XXXXXX";
        if (!mkdtemp(tmpl.data())) std::abort();
        return std::filesystem::path(tmpl);
    }();
    return dir;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Splits on NUL or newline (empty parts kept).
inline std::vector<std::string> split_args(std::string_view text) {
    std::vector<std::string> out(1);
    for (char c : text) {
        if (c == '\0' || c == '\n')
            out.emplace_back();
        else
            out.back() += c;
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

// A register with the demo network at its smallest scale, every user's password kDemoPassword.
inline void seed_register(store::Database& db) {
    store::write_demo_network(db, {1, 0.001});
    server::rebuild_row_buckets(db);
    server::ensure_sync_meta(db);
    const std::string hash = server::hash_password(server::kDemoPassword), now = server::now_iso();
    db.sql() << "INSERT INTO credential (user_id, password_hash, changed_at) SELECT id, :h, :n FROM app_user",
        soci::use(hash, "h"), soci::use(now, "n");
}

// Signs in the first active user with `role` (a wire name); aborts when there is none.
inline server::LoginResult sign_in_role(store::Database& db, const std::string& role) {
    std::string login;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT login FROM app_user WHERE role = :r ORDER BY login LIMIT 1", soci::use(role, "r"),
        soci::into(login, ind);
    if (ind != soci::i_ok) std::abort();
    auto r = server::login(db, login, server::kDemoPassword, "fuzz", "");
    if (r.outcome != server::LoginResult::Outcome::ok || !r.principal) std::abort();
    return r;
}

// A loopback HTTP server in its own thread; `answer` decides every response (set it between requests).
class FakeServer {
public:
    using Answer = std::function<void(const httplib::Request&, httplib::Response&)>;
    FakeServer() {
        auto handler = [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_);
            if (answer_) answer_(req, res);
        };
        http_.Get(".*", handler);
        http_.Post(".*", handler);
        port_ = http_.bind_to_any_port("127.0.0.1");
        if (port_ <= 0) std::abort();
        thread_ = std::thread([this] { http_.listen_after_bind(); });
        while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeServer() {
        http_.stop();
        thread_.join();
    }
    void set(Answer a) {
        std::lock_guard lock(m_);
        answer_ = std::move(a);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    httplib::Server http_;
    std::mutex m_;
    Answer answer_;
    int port_ = 0;
    std::thread thread_;
};

}  // namespace kaiku::fuzz
