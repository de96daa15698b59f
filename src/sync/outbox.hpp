// The outbox: every local change and its mutation are written in one transaction, then pushed in order.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace kaiku::sync {

using nlohmann::json;

struct OutboxEntry {
    long long client_seq = 0;
    std::string mutation_id, type, entity, entity_id, state, last_error, recorded_at;
    json payload;
    int attempts = 0;
};

class Outbox {
public:
    explicit Outbox(store::Database& db) : db_(db) {}

    // Appends a mutation; call inside the transaction that changes the local rows. Returns the mutation id.
    std::string enqueue(const std::string& type, const std::string& entity, const std::string& entity_id,
                        const json& payload);

    // Pending entries, oldest first, at most `max_count` and about `max_bytes` of payload. With
    // `respect_backoff`, nothing is returned while the oldest entry waits for its next attempt.
    std::vector<OutboxEntry> due(std::size_t max_count, std::size_t max_bytes, bool respect_backoff = true);
    void mark_inflight(const std::vector<OutboxEntry>&);
    void mark_acked(const std::string& mutation_id, long long version, const json& result);
    void mark_conflict(const std::string& mutation_id, const json& problem);
    void mark_rejected(const std::string& mutation_id, const json& problem);
    // Back to pending after a failed attempt, with exponential back-off from `base_ms` (capped at 10 minutes).
    void release(const std::vector<OutboxEntry>&, const std::string& error, long base_ms = 2000);
    // When the oldest pending entry may be tried again (empty: now, or nothing pending).
    std::string next_attempt_at();
    // After a crash: entries left in flight are sent again (the server deduplicates them).
    int recover_inflight();
    // After a server restore: acknowledged entries are replayed; the server skips those it still has.
    int replay_acknowledged();
    // Acknowledged entries older than `acked_before` (ISO time) go, with their before-snapshots; returns how many.
    int prune_acknowledged(const std::string& acked_before);

    long long count(const std::string& state);
    long long min_unacked_seq();  // 0 when nothing is pending or in flight
    long long max_seq();
    std::vector<OutboxEntry> list(const std::string& state);

private:
    store::Database& db_;
};

}  // namespace kaiku::sync
