// Limits on sign-in that no single login name can express: failed attempts per peer address, attempts per second
// overall, and how many Argon2 hashes (64 MiB each) run at once. State is in memory: a restart forgets it, which
// costs an attacker nothing they could not get by waiting, and keeps the database out of the hot path.
#pragma once

#include <chrono>
#include <string>

namespace kaiku::server {

struct SignInLimits {
    int failures_per_address = 30;                    // failed sign-ins from one address ...
    std::chrono::seconds failure_window{15 * 60};     // ... within this window, then that address waits
    int attempts_per_second = 20;                     // all sign-ins together (a bucket of 5 s of them)
    int concurrent_hashes = 4;                        // password hashes computed at once
    std::chrono::milliseconds hash_wait{5000};        // a sign-in waits this long for a hashing slot
};

void configure_sign_in(const SignInLimits&);

struct SignInAdmission {
    bool admitted = true;
    int retry_after_s = 0;
    bool per_address = false;  // refused for this address rather than for everyone
};

// Asks whether a sign-in from `address` may be tried now (counts it towards the overall rate).
SignInAdmission admit_sign_in(const std::string& address);
// Records a failed sign-in from `address`.
void record_sign_in_failure(const std::string& address);

// Thrown when no hashing slot frees up within hash_wait.
struct HashingBusy : std::exception {
    const char* what() const noexcept override { return "password hashing is busy"; }
};

// Holds one of the concurrent hashing slots while alive; throws HashingBusy.
class HashingSlot {
public:
    HashingSlot();
    ~HashingSlot();
    HashingSlot(const HashingSlot&) = delete;
    HashingSlot& operator=(const HashingSlot&) = delete;
};

// Hashes running right now and the most that ever ran at once (for the health answer).
int hashes_in_progress();
int hashes_peak();

}  // namespace kaiku::server
