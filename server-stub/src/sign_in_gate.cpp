#include "sign_in_gate.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace kaiku::server {

namespace {

using Clock = std::chrono::steady_clock;

struct Gate {
    std::mutex m;
    std::condition_variable freed;
    SignInLimits limits;
    std::unordered_map<std::string, std::deque<Clock::time_point>> failures;  // per address, oldest first
    double tokens = 0;
    Clock::time_point refilled = Clock::now();
    bool started = false;
    int hashing = 0, hashing_peak = 0;
    long long sweeps = 0;

    double bucket_size() const { return std::max(1, limits.attempts_per_second) * 5.0; }

    void forget_old(std::deque<Clock::time_point>& d, Clock::time_point now) {
        while (!d.empty() && now - d.front() >= limits.failure_window) d.pop_front();
    }

    // Every so often drop addresses whose failures have all expired, so the map stays small.
    void sweep(Clock::time_point now) {
        if (++sweeps % 1024 != 0) return;
        for (auto it = failures.begin(); it != failures.end();) {
            forget_old(it->second, now);
            it = it->second.empty() ? failures.erase(it) : std::next(it);
        }
    }
};

Gate& gate() {
    static Gate g;
    return g;
}

int seconds_until(Clock::time_point now, Clock::time_point t) {
    const auto s = std::chrono::ceil<std::chrono::seconds>(t - now).count();
    return static_cast<int>(std::max<long long>(1, s));
}

}  // namespace

void configure_sign_in(const SignInLimits& limits) {
    auto& g = gate();
    std::lock_guard lock(g.m);
    g.limits = limits;
    g.failures.clear();
    g.tokens = g.bucket_size();
    g.refilled = Clock::now();
    g.started = true;
}

SignInAdmission admit_sign_in(const std::string& address) {
    auto& g = gate();
    std::lock_guard lock(g.m);
    const auto now = Clock::now();
    if (!g.started) {
        g.tokens = g.bucket_size();
        g.refilled = now;
        g.started = true;
    }
    g.sweep(now);
    SignInAdmission a;
    if (auto it = g.failures.find(address); it != g.failures.end()) {
        g.forget_old(it->second, now);
        if (static_cast<int>(it->second.size()) >= g.limits.failures_per_address) {
            a.admitted = false;
            a.per_address = true;
            a.retry_after_s = seconds_until(now, it->second.front() + g.limits.failure_window);
            return a;
        }
    }
    const double rate = std::max(1, g.limits.attempts_per_second);
    g.tokens = std::min(g.bucket_size(), g.tokens + std::chrono::duration<double>(now - g.refilled).count() * rate);
    g.refilled = now;
    if (g.tokens < 1) {
        a.admitted = false;
        a.retry_after_s = 1;
        return a;
    }
    g.tokens -= 1;
    return a;
}

void record_sign_in_failure(const std::string& address) {
    auto& g = gate();
    std::lock_guard lock(g.m);
    const auto now = Clock::now();
    auto& d = g.failures[address];
    g.forget_old(d, now);
    d.push_back(now);
    // Only the last `failures_per_address` matter for the decision.
    while (static_cast<int>(d.size()) > std::max(1, g.limits.failures_per_address)) d.pop_front();
}

HashingSlot::HashingSlot() {
    auto& g = gate();
    std::unique_lock lock(g.m);
    const int cap = std::max(1, g.limits.concurrent_hashes);
    if (!g.freed.wait_for(lock, g.limits.hash_wait, [&] { return g.hashing < cap; })) throw HashingBusy{};
    g.hashing_peak = std::max(g.hashing_peak, ++g.hashing);
}

HashingSlot::~HashingSlot() {
    auto& g = gate();
    {
        std::lock_guard lock(g.m);
        --g.hashing;
    }
    g.freed.notify_one();
}

int hashes_in_progress() {
    auto& g = gate();
    std::lock_guard lock(g.m);
    return g.hashing;
}

}  // namespace kaiku::server

namespace kaiku::server {

int hashes_peak() {
    auto& g = gate();
    std::lock_guard lock(g.m);
    return g.hashing_peak;
}

}  // namespace kaiku::server
