// Server limits seen from outside: slow or piled-up connections cannot stop others being answered, and sign-in is
// limited per address, overall and in concurrent password hashing. Loopback addresses other than 127.0.0.1 stand in
// for other peers.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "net/dto.hpp"
#include "support/api.hpp"
#include "support/processes.hpp"
#include "support/raw_http.hpp"
#include "support/test_database.hpp"

using namespace kaiku;
using test::json;
using test::RawConnection;
using Clock = std::chrono::steady_clock;

namespace {

struct LimitedServer {
    test::TempDir dir;
    test::TestDatabase tdb{dir};
    test::ServerProcess server;
    explicit LimitedServer(std::vector<std::string> extra = {})
        : server(dir, tdb.url(), with_seed(std::move(extra))) {}
    static std::vector<std::string> with_seed(std::vector<std::string> extra) {
        extra.insert(extra.begin(), {"--seed", "demo:0.01"});
        return extra;
    }
    json health() {
        net::HttpClient http(server.url());
        const auto r = http.get("/healthz");
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    }
};

// Headers of a 1,000-byte body and one byte of it: the connection waits for the rest that never comes.
std::unique_ptr<RawConnection> slow_connection(const std::string& source, int port) {
    auto c = std::make_unique<RawConnection>(source, port);
    c->send("POST /v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n{");
    return c;
}

std::string login_body(const std::string& login, const std::string& password) {
    return json{{"login", login}, {"password", password}, {"device_name", "limits test"}}.dump();
}

}  // namespace

TEST_CASE("health answers within a second while 100 slow connections are open, and the deadline closes them") {
    LimitedServer s;
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 100; ++i)  // from four addresses, 25 each: under the per-address cap
        slow.push_back(slow_connection("127.0.0." + std::to_string(2 + i % 4), s.server.port()));
    for (int i = 0; i < 100 && s.health()["load"]["connections_open"].get<int>() < 100; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    INFO(s.health().dump());
    REQUIRE(s.health()["load"]["connections_open"].get<int>() >= 100);
    net::HttpClient http(s.server.url());
    for (int i = 0; i < 10; ++i) {
        const auto t0 = Clock::now();
        const auto r = http.get("/healthz");
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
        CAPTURE(ms);
        CHECK(r.status == 200);
        CHECK(ms < 1000);
    }
    // The body deadline (10 s and a second per 8 KiB) closes every one of them.
    int closed = 0;
    for (auto& c : slow) closed += c->closed_by_peer(std::chrono::seconds(15)) ? 1 : 0;
    CHECK(closed == 100);
    CHECK(s.health()["load"]["timed_out"].get<int>() >= 100);
}

TEST_CASE("one address cannot hold more connections than its share, and others are still answered") {
    LimitedServer s({"--max-connections-per-address", "8"});
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < 8; ++i) held.push_back(slow_connection("127.0.0.9", s.server.port()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    RawConnection ninth("127.0.0.9", s.server.port());
    ninth.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string refused = ninth.read_all(std::chrono::seconds(5));
    CHECK(test::raw_status(refused) == 503);
    RawConnection other("127.0.0.10", s.server.port());
    other.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    CHECK(test::raw_status(other.read_all(std::chrono::seconds(5))) == 200);
    CHECK(s.health()["load"]["refused_per_address"].get<int>() >= 1);
}

TEST_CASE("failed sign-ins are limited per address, whatever login names are tried") {
    LimitedServer s({"--sign-in-failures-per-address", "3"});
    const int port = s.server.port();
    for (int i = 0; i < 3; ++i)
        CHECK(test::raw_status(test::raw_post("127.0.0.2", port, "/v1/login",
                                              login_body("nobody-" + std::to_string(i), "wrong password!"))) == 401);
    // Now even the right password from that address waits ...
    const std::string locked = test::raw_post("127.0.0.2", port, "/v1/login", login_body("coord-tre", test::kDemoPassword));
    CHECK(test::raw_status(locked) == 429);
    CHECK(locked.find("Retry-After:") != std::string::npos);
    CHECK(locked.find("from this address") != std::string::npos);
    // ... while another address signs in, and the login name itself was never locked.
    net::HttpClient http(s.server.url());
    test::sign_in(http, "coord-tre");
    CHECK(test::raw_status(test::raw_post("127.0.0.3", port, "/v1/login",
                                          login_body("coord-tre", test::kDemoPassword))) == 200);
}

TEST_CASE("sign-ins from everyone together are limited per second") {
    LimitedServer s({"--sign-in-rate", "1"});  // a bucket of five
    int refused = 0, answered = 0;
    for (int i = 0; i < 10; ++i) {
        const std::string a = test::raw_post("127.0.1." + std::to_string(i + 1), s.server.port(), "/v1/login",
                                             login_body("nobody-" + std::to_string(i), "wrong password!"));
        const int st = test::raw_status(a);
        if (st == 429) {
            ++refused;
            CHECK(a.find("Too many sign-ins") != std::string::npos);
        } else {
            CHECK(st == 401);
            ++answered;
        }
    }
    CHECK(answered >= 5);
    CHECK(refused >= 2);
}

TEST_CASE("concurrent wrong passwords are each counted, and hashing runs at most --hashing-slots at once") {
    LimitedServer s({"--hashing-slots", "2"});
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            const std::string a = test::raw_post("127.0.2." + std::to_string(i + 1), s.server.port(), "/v1/login",
                                                 login_body("coord-esp", "wrong password!"));
            if (test::raw_status(a) == 401) ++wrong;
        });
    for (auto& t : threads) t.join();
    CHECK(wrong == 4);
    store::Database db(s.tdb.url(), store::SchemaKind::server);
    int failures = 0;
    db.sql() << "SELECT failures FROM login_throttle WHERE login = 'coord-esp'", soci::into(failures);
    CHECK(failures == 4);
    const json load = s.health()["load"];
    CHECK(load["hashing"] == 0);
    CHECK(load["hashing_peak"].get<int>() >= 1);
    CHECK(load["hashing_peak"].get<int>() <= 2);
}
