#include "sync/outbox.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "core/timestamp.hpp"
#include "core/uuid.hpp"
#include "net/dto.hpp"
#include "store/sql_util.hpp"

namespace kaiku::sync {

using core::iso_utc;

namespace {

std::vector<OutboxEntry> read_entries(store::Database& db, const std::string& where, const std::string& param) {
    std::vector<OutboxEntry> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT client_seq, mutation_id, type, entity, entity_id, state, COALESCE(last_error, ''), "
                             "recorded_at, payload, attempts FROM outbox WHERE " +
                                 where + " ORDER BY client_seq",
         soci::use(param, "p"));
    for (const auto& r : rs) {
        store::RowReader rr(r);
        OutboxEntry e;
        e.client_seq = rr.integer(0);
        e.mutation_id = rr.text(1);
        e.type = rr.text(2);
        e.entity = rr.text(3);
        e.entity_id = rr.text(4);
        e.state = rr.text(5);
        e.last_error = rr.text(6);
        e.recorded_at = rr.text(7);
        e.payload = net::parse_json(rr.text(8));
        e.attempts = static_cast<int>(rr.integer(9));
        out.push_back(std::move(e));
    }
    return out;
}

// A password (a new staff account) stays in the outbox only until the register has answered.
void forget_secrets(store::Database& db, const std::string& mutation_id) {
    std::string text;
    db.sql() << "SELECT payload FROM outbox WHERE mutation_id = :m", soci::use(mutation_id, "m"), soci::into(text);
    if (!db.sql().got_data() || text.find("\"password\"") == std::string::npos) return;
    json payload = net::parse_json(text);
    if (!payload.is_object() || !payload.contains("password")) return;
    payload.erase("password");
    const std::string out = payload.dump();
    db.sql() << "UPDATE outbox SET payload = :p WHERE mutation_id = :m", soci::use(out, "p"),
        soci::use(mutation_id, "m");
}

}  // namespace

std::string Outbox::enqueue(const std::string& type, const std::string& entity, const std::string& entity_id,
                            const json& payload) {
    const std::string id = core::new_uuid(), body = payload.dump(), at = iso_utc(std::chrono::system_clock::now());
    db_.sql() << "INSERT INTO outbox (mutation_id, type, entity, entity_id, payload, recorded_at) "
                 "VALUES (:m, :t, :e, :i, :p, :r)",
        soci::use(id, "m"), soci::use(type, "t"), soci::use(entity, "e"), soci::use(entity_id, "i"),
        soci::use(body, "p"), soci::use(at, "r");
    return id;
}

std::vector<OutboxEntry> Outbox::due(std::size_t max_count, std::size_t max_bytes, bool respect_backoff) {
    const std::string now = respect_backoff ? iso_utc(std::chrono::system_clock::now()) : "9999";
    auto all = read_entries(db_, "state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= :p)", now);
    // Order matters: stop at the first entry that is not due, so later ones never overtake it.
    std::vector<OutboxEntry> out;
    std::size_t bytes = 0;
    for (auto& e : all) {
        bytes += e.payload.dump().size();
        if (out.size() >= max_count || (!out.empty() && bytes > max_bytes)) break;
        out.push_back(std::move(e));
    }
    const long long first_pending = min_unacked_seq();
    if (!out.empty() && out.front().client_seq != first_pending) out.clear();  // an earlier entry is backing off
    return out;
}

void Outbox::mark_inflight(const std::vector<OutboxEntry>& entries) {
    for (const auto& e : entries)
        db_.sql() << "UPDATE outbox SET state = 'inflight', attempts = attempts + 1 WHERE client_seq = :s",
            soci::use(e.client_seq, "s");
}

void Outbox::mark_acked(const std::string& mutation_id, long long version, const json& result) {
    const std::string at = iso_utc(std::chrono::system_clock::now()), r = result.dump();
    db_.sql() << "UPDATE outbox SET state = 'acked', server_version = :v, acked_at = :a, result = :r, last_error = NULL "
                 "WHERE mutation_id = :m",
        soci::use(version, "v"), soci::use(at, "a"), soci::use(r, "r"), soci::use(mutation_id, "m");
    forget_secrets(db_, mutation_id);
}

void Outbox::mark_conflict(const std::string& mutation_id, const json& problem) {
    const std::string p = problem.dump(), at = iso_utc(std::chrono::system_clock::now());
    db_.sql() << "UPDATE outbox SET state = 'conflict', last_error = :p WHERE mutation_id = :m", soci::use(p, "p"),
        soci::use(mutation_id, "m");
    std::string entity, entity_id, payload;
    db_.sql() << "SELECT entity, entity_id, payload FROM outbox WHERE mutation_id = :m", soci::use(mutation_id, "m"),
        soci::into(entity), soci::into(entity_id), soci::into(payload);
    const std::string id = core::new_uuid(), current = problem.contains("current") ? problem["current"].dump() : "";
    soci::indicator ind = current.empty() ? soci::i_null : soci::i_ok;
    db_.sql() << "INSERT INTO local_conflict (id, mutation_id, entity, entity_id, server_json, local_json, problem, "
                 "created_at) VALUES (:i, :m, :e, :ei, :s, :l, :p, :c)",
        soci::use(id, "i"), soci::use(mutation_id, "m"), soci::use(entity, "e"), soci::use(entity_id, "ei"),
        soci::use(current, ind, "s"), soci::use(payload, "l"), soci::use(p, "p"), soci::use(at, "c");
    forget_secrets(db_, mutation_id);
}

void Outbox::mark_rejected(const std::string& mutation_id, const json& problem) {
    const std::string p = problem.dump();
    db_.sql() << "UPDATE outbox SET state = 'rejected', last_error = :p WHERE mutation_id = :m", soci::use(p, "p"),
        soci::use(mutation_id, "m");
    forget_secrets(db_, mutation_id);
}

void Outbox::release(const std::vector<OutboxEntry>& entries, const std::string& error, long base_ms) {
    for (const auto& e : entries) {
        int attempts = 0;
        db_.sql() << "SELECT attempts FROM outbox WHERE client_seq = :s", soci::use(e.client_seq, "s"),
            soci::into(attempts);
        // base, 2 x base, 4 x base ... at most 10 minutes; always rescheduled, never dropped.
        const long delay_ms = std::min(600000L, base_ms << std::min(std::max(attempts - 1, 0), 12));
        const std::string next = iso_utc(std::chrono::system_clock::now() + std::chrono::milliseconds(delay_ms));
        db_.sql() << "UPDATE outbox SET state = 'pending', last_error = :e, next_attempt_at = :n WHERE client_seq = :s",
            soci::use(error, "e"), soci::use(next, "n"), soci::use(e.client_seq, "s");
    }
}

int Outbox::recover_inflight() {
    soci::statement st = (db_.sql().prepare << "UPDATE outbox SET state = 'pending' WHERE state = 'inflight'");
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

int Outbox::replay_acknowledged() {
    soci::statement st = (db_.sql().prepare << "UPDATE outbox SET state = 'pending', next_attempt_at = NULL "
                                               "WHERE state IN ('acked', 'inflight')");
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

int Outbox::prune_acknowledged(const std::string& acked_before) {
    db_.sql() << "DELETE FROM outbox_row WHERE mutation_id IN (SELECT mutation_id FROM outbox WHERE state = 'acked' "
                 "AND acked_at < :b)",
        soci::use(acked_before, "b");
    soci::statement st =
        (db_.sql().prepare << "DELETE FROM outbox WHERE state = 'acked' AND acked_at < :b", soci::use(acked_before, "b"));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

std::string Outbox::next_attempt_at() {
    std::string at;
    soci::indicator ind = soci::i_null;
    db_.sql() << "SELECT next_attempt_at FROM outbox WHERE state = 'pending' ORDER BY client_seq LIMIT 1",
        soci::into(at, ind);
    return db_.sql().got_data() && ind == soci::i_ok ? at : "";
}

long long Outbox::count(const std::string& state) {
    long long n = 0;
    db_.sql() << "SELECT COUNT(*) FROM outbox WHERE state = :s", soci::use(state, "s"), soci::into(n);
    return n;
}

long long Outbox::min_unacked_seq() {
    long long n = 0;
    soci::indicator ind = soci::i_null;
    db_.sql() << "SELECT MIN(client_seq) FROM outbox WHERE state IN ('pending', 'inflight')", soci::into(n, ind);
    return ind == soci::i_ok ? n : 0;
}

long long Outbox::max_seq() {
    long long n = 0;
    soci::indicator ind = soci::i_null;
    db_.sql() << "SELECT MAX(client_seq) FROM outbox", soci::into(n, ind);
    return ind == soci::i_ok ? n : 0;
}

std::vector<OutboxEntry> Outbox::list(const std::string& state) { return read_entries(db_, "state = :p", state); }

}  // namespace kaiku::sync
