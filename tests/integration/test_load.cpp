// Load and abuse together, for a bounded time (60 s, KAIKU_LOAD_SECONDS to change): 50 real clients sync and record
// uses while other addresses hold 100 slow connections, send oversized and deeply nested bodies, bad tokens and
// wrong passwords. Good requests must keep a p99 under 200 ms, and the register must hold exactly what the good
// clients sent and nothing else.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "support/api.hpp"
#include "support/processes.hpp"
#include "support/raw_http.hpp"
#include "support/sync_checks.hpp"
#include "support/test_database.hpp"
#include "sync/local_commands.hpp"

using namespace kaiku;
using namespace kaiku::test::sync_checks;
using test::json;
using test::RawConnection;
using Clock = std::chrono::steady_clock;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KAIKU_INSTRUMENTED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KAIKU_INSTRUMENTED 1
#endif
#endif
#ifdef KAIKU_INSTRUMENTED
// Sanitizer builds run several times slower: the same traffic for 20 s checks correctness (and races); the p99
// bound is checked in the uninstrumented build.
constexpr bool kCheckLatency = false;
constexpr int kDefaultSeconds = 20;
#else
constexpr bool kCheckLatency = true;
constexpr int kDefaultSeconds = 60;
#endif
constexpr double kP99LimitMs = 200;

int load_seconds() {
    const char* v = std::getenv("KAIKU_LOAD_SECONDS");
    const int n = v ? std::atoi(v) : 0;
    return n > 0 ? n : kDefaultSeconds;
}

struct Timings {
    std::mutex m;
    std::vector<double> ms;
    std::map<long, long long> statuses;
    std::atomic<bool> measuring{false};
    void add(const std::string& path, long status, double seconds) {
        if (!measuring || path == "/v1/login") return;  // sign-in hashes on purpose (Argon2id, 64 MiB)
        std::lock_guard lock(m);
        ms.push_back(seconds * 1000);
        ++statuses[status];
        auto& slow = slowest[path.substr(0, path.find('?'))];
        slow = std::max(slow, seconds * 1000);
    }
    std::map<std::string, double> slowest;
    double percentile(double p) {
        std::lock_guard lock(m);
        if (ms.empty()) return 0;
        auto v = ms;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    }
};

// Counts of what the bad traffic got back, by kind and status.
struct Abuse {
    std::mutex m;
    std::map<std::string, std::map<int, long long>> answers;
    void add(const std::string& kind, int status) {
        std::lock_guard lock(m);
        ++answers[kind][status];
    }
    std::string text() {
        std::lock_guard lock(m);
        std::string out;
        for (const auto& [kind, by] : answers) {
            out += kind + ":";
            for (const auto& [st, n] : by) out += " " + std::to_string(st) + "x" + std::to_string(n);
            out += "\n";
        }
        return out;
    }
};

std::string counts_except_uses(test::DemoFixture& fx) {
    std::string out;
    for (const char* t : {"area", "organisation", "site", "venue_profile", "card_batch", "allocation", "card", "rule",
                          "quota", "message", "group_visit", "group_signup", "app_user"})
        out += std::string(t) + "=" + std::to_string(fx.count(t)) + " ";
    return out;
}

}  // namespace

TEST_CASE("50 syncing clients keep a p99 under 200 ms while slow, oversized, nested and unauthorised traffic runs") {
    test::TempDir dir;
    test::TestDatabase tdb(dir);
    test::ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.02"});
    store::Database sdb(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{sdb};
    const std::string before = counts_except_uses(fx);
    const long long uses_before = fx.count("usage");
    const std::string card_tre = fx.registered_card(fx.scope_of("issuer-tre"));
    const std::string card_esp = fx.registered_card(fx.scope_of("issuer-esp"));
    const int port = server.port();

    // The good clients: venues recording uses, issuers and a coordinator only syncing. Each has its own cache.
    struct Good {
        std::string login, venue, card;
        std::unique_ptr<Client> client;
        long long applied = 0, rounds = 0, failures = 0;
        std::string last_failure;
    };
    std::vector<Good> good;
    for (int i = 0; i < 50; ++i) {
        Good g;
        const int kind = i % 5;
        g.login = kind == 0 ? "venue-tre" : kind == 1 ? "venue-esp" : kind == 2 ? "venue-tre" : kind == 3 ? "issuer-tre" : "issuer-esp";
        if (g.login == "venue-tre") g.venue = fx.scope_of("venue-tre"), g.card = card_tre;
        if (g.login == "venue-esp") g.venue = fx.scope_of("venue-esp"), g.card = card_esp;
        g.client = std::make_unique<Client>(dir, "load" + std::to_string(i), g.login);
        good.push_back(std::move(g));
    }
    Timings timings;
    net::HttpOptions http_options;
    http_options.on_response = [&](const std::string&, const std::string& path, long status, double s) {
        timings.add(path, status, s);
    };
    // First rounds (sign-in and the initial pull) before the clock starts, a few at a time.
    {
        std::vector<std::thread> first;
        std::atomic<std::size_t> next{0};
        for (int t = 0; t < 4; ++t)
            first.emplace_back([&] {
                for (std::size_t i; (i = next++) < good.size();) {
                    net::HttpClient http(server.url(), http_options);
                    const auto r = sync::sync_once(good[i].client->db, http, good[i].client->cred);
                    if (!r.ok()) good[i].last_failure = r.detail;
                }
            });
        for (auto& t : first) t.join();
        for (const auto& g : good) REQUIRE_MESSAGE(g.last_failure.empty(), g.login << ": " << g.last_failure);
    }

    const auto seconds = load_seconds();
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    std::atomic<bool> stop{false};
    Abuse abuse;
    std::vector<std::thread> threads;
    timings.measuring = true;

    // 100 slow connections, from two addresses other than the good clients': reopened when the deadline closes them.
    for (int a = 0; a < 2; ++a)
        threads.emplace_back([&, a] {
            const std::string source = "127.0.0." + std::to_string(10 + a);
            std::vector<std::unique_ptr<RawConnection>> held;
            while (!stop) {
                while (held.size() < 50 && !stop) {
                    try {
                        auto c = std::make_unique<RawConnection>(source, port);
                        c->send("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                "Content-Length: 1000\r\n\r\n{");
                        held.push_back(std::move(c));
                        abuse.add("slow opened", 0);
                    } catch (const std::exception& e) {
                        abuse.add(std::string("slow not connected: ") + e.what(), 0);
                        break;
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                const auto gone = std::remove_if(held.begin(), held.end(), [&](auto& c) {
                    const bool closed = c->peer_closed_now();
                    if (closed) abuse.add("slow", 0);
                    return closed;
                });
                held.erase(gone, held.end());
            }

        });
    // Oversized and deeply nested bodies with a valid token, bad tokens and wrong passwords, each from its address.
    std::string token;
    {
        net::HttpClient coord(server.url());
        token = test::sign_in(coord, "coord-tre")["token"].get<std::string>();
    }
    threads.emplace_back([&] {
        const std::string big(12u << 20, ' ');
        std::string nested;
        for (int i = 0; i < 50000; ++i) nested += "{\"a\":";
        nested += "1" + std::string(50000, '}');
        for (int i = 0; !stop; ++i) {
            const bool oversized = i % 2 == 0;
            const auto answer = test::raw_post("127.0.0.20", port, oversized ? "/v1/batch" : "/v1/commands/message.post",
                                               oversized ? "[" + big + "]" : nested,
                                               "Authorization: Bearer " + token + "\r\n");
            abuse.add(oversized ? "oversized" : "nested", test::raw_status(answer));
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    });
    threads.emplace_back([&] {
        std::mt19937 rng(7);
        for (int i = 0; !stop; ++i) {
            const std::string bad = "kt_" + std::to_string(rng()) + std::to_string(rng());
            RawConnection c("127.0.0.21", port);
            c.send("GET /v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + bad +
                   "\r\n\r\n");
            abuse.add("bad token", test::raw_status(c.read_all(std::chrono::seconds(10))));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    threads.emplace_back([&] {
        for (int i = 0; !stop; ++i) {
            const json body = {{"login", "coord-tre"}, {"password", "wrong-" + std::to_string(i)}, {"device_name", "x"}};
            abuse.add("wrong password", test::raw_status(test::raw_post("127.0.0.22", port, "/v1/login", body.dump())));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });

    // The good clients: a round every 0.5 to 1.5 s; venues record a use before about half of them.
    std::atomic<std::size_t> next_day{0};
    for (auto& g : good)
        threads.emplace_back([&, gp = &g] {
            std::mt19937 rng(static_cast<unsigned>(std::hash<std::string>{}(gp->client->path)));
            while (Clock::now() < deadline) {
                if (!gp->venue.empty() && rng() % 2 == 0) {
                    const auto n = next_day++;
                    const std::string day = "2026-" + std::string(n % 2 ? "10-" : "11-") +
                                            (n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1);
                    auto use = a_use(gp->card, gp->venue, day);
                    use.adults = 1 + static_cast<int>(n % 3);
                    REQUIRE(sync::record_use(gp->client->db, use).ok());
                }
                net::HttpClient http(server.url(), http_options);
                const auto r = sync::sync_once(gp->client->db, http, gp->client->cred);
                ++gp->rounds;
                gp->applied += r.applied;
                if (!r.ok()) ++gp->failures, gp->last_failure = r.detail;
                std::this_thread::sleep_for(std::chrono::milliseconds(500 + rng() % 1000));
            }
        });
    // A health probe every 200 ms, timed like any good request.
    double worst_health_ms = 0;
    threads.emplace_back([&] {
        net::HttpClient http(server.url());
        while (Clock::now() < deadline) {
            const auto t0 = Clock::now();
            const auto r = http.get("/healthz");
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
            worst_health_ms = std::max(worst_health_ms, r.status == 200 ? ms : 1e9);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });
    while (Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    timings.measuring = false;
    stop = true;
    for (auto& t : threads) t.join();

    // Figures.
    long long rounds = 0, applied = 0, failures = 0;
    std::string failure;
    for (const auto& g : good) {
        rounds += g.rounds, applied += g.applied, failures += g.failures;
        if (!g.last_failure.empty()) failure = g.login + ": " + g.last_failure;
    }
    const double p50 = timings.percentile(0.50), p99 = timings.percentile(0.99), max = timings.percentile(1.0);
    std::string statuses;
    for (const auto& [st, n] : timings.statuses) statuses += " " + std::to_string(st) + "x" + std::to_string(n);
    for (const auto& [path, ms] : timings.slowest) statuses += " " + path + " max " + std::to_string(ms) + " ms;";
    MESSAGE(seconds << " s: " << rounds << " sync rounds, " << timings.ms.size() << " good requests (" << statuses
                    << "), p50 " << p50 << " ms, p99 " << p99 << " ms, max " << max << " ms, health worst "
                    << worst_health_ms << " ms, " << applied << " uses applied\n"
                    << abuse.text());
    INFO(failure);
    CHECK(failures == 0);
    CHECK(rounds >= 50LL * seconds / 2);
    if (kCheckLatency) {
        CHECK(p99 < kP99LimitMs);
        CHECK(worst_health_ms < 1000);
    }
    for (const auto& entry : timings.statuses) {
        const auto st = entry.first;  // not a structured binding: clang 14 cannot capture one (CAPTURE)
        CAPTURE(st);
        CHECK((st == 200 || st == 201));  // no good request was refused, throttled or failed
    }
    {
        std::lock_guard lock(abuse.m);
        for (const auto& [st, n] : abuse.answers["nested"]) CHECK(st == 400);
        for (const auto& [st, n] : abuse.answers["oversized"]) CHECK((st == 413 || st == 0));
        for (const auto& [st, n] : abuse.answers["bad token"]) CHECK(st == 401);
        for (const auto& [st, n] : abuse.answers["wrong password"]) CHECK((st == 401 || st == 429));
        CHECK(abuse.answers["nested"].size() + abuse.answers["oversized"].size() >= 1);
        CHECK(abuse.answers["slow"][0] >= 100);  // the deadline closed them (and they came back)
    }

    // The register holds exactly what the good clients sent, and nothing else changed.
    for (auto& g : good) {
        net::HttpClient http(server.url());
        const auto r = sync::sync_once(g.client->db, http, g.client->cred);
        REQUIRE(r.ok());
        applied += r.applied;
    }
    CHECK(counts_except_uses(fx) == before);
    CHECK(fx.count("usage") == uses_before + applied);
    for (auto& g : good) check_all_delivered(g.client->db, sdb);
}
