#include "sync/engine.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <future>
#include <map>
#include <unordered_map>

#include "core/timestamp.hpp"
#include "net/dto.hpp"
#include "store/mapping.hpp"
#include "store/migrations.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"
#include "sync/local_secret.hpp"
#include "sync/outbox.hpp"

namespace kaiku::sync {

namespace {

using Clock = std::chrono::steady_clock;

// Children before parents, so deletes never break a foreign key.
const std::vector<std::pair<std::string, std::string>>& synced_tables() {
    static const std::vector<std::pair<std::string, std::string>> t = {
        {"sync_conflict", "id"}, {"usage", "id"},         {"group_signup", "id"}, {"group_visit", "id"}, {"quota_adjustment", "id"},
        {"quota", "id"},         {"allocation", "id"},   {"card", "id"},        {"card_batch", "id"},
        {"message", "id"},       {"venue_profile", "site_id"}, {"rule", "id"}, {"app_user", "id"},
        {"site", "id"},          {"organisation", "id"}, {"area", "id"},
    };
    return t;
}

std::string key_of(const std::string& entity) { return entity == "venue_profile" ? "site_id" : "id"; }

// A whole-number member of an object from the register, or `otherwise` when it is missing or not one.
long long integer_field(const json& j, const char* name, long long otherwise) {
    return j.is_object() && j.contains(name) && j[name].is_number_integer() ? j[name].get<long long>() : otherwise;
}

std::string problem_type(const std::string& body) {
    const json p = net::parse_json(body);
    return p.is_object() && p.contains("type") && p["type"].is_string() ? p["type"].get<std::string>() : "";
}

// A new account's password waits in the outbox sealed; it is opened only into the batch that sends it. One sealed
// with a lost key is left out, and the register answers that the password is missing.
json with_secrets_opened(json payload) {
    if (payload.is_object() && payload.contains("password") && payload["password"].is_string() &&
        is_sealed(payload["password"])) {
        if (const auto plain = unseal_secret(payload["password"]))
            payload["password"] = *plain;
        else
            payload.erase("password");
    }
    return payload;
}

json without_secrets(json payload) {
    if (payload.is_object()) payload.erase("password");
    return payload;
}

// One /v1/batch body for the entries [first, last). A batch to apply numbers its mutations from the
// installation's offset and carries new passwords opened; a revoked device's hand-over goes to quarantine
// unnumbered and without them.
struct BatchOrigin {
    std::string client_id, epoch;
};
enum class BatchKind { apply, hand_over };

using EntryIt = std::vector<OutboxEntry>::const_iterator;

json batch_body(const BatchOrigin& origin, EntryIt first, EntryIt last, BatchKind kind, long long offset = 0) {
    json mutations = json::array();
    for (auto e = first; e != last; ++e) {
        json m = {{"mutation_id", e->mutation_id},
                  {"type", e->type},
                  {"data", kind == BatchKind::apply ? with_secrets_opened(e->payload) : without_secrets(e->payload)},
                  {"recorded_at", e->recorded_at}};
        if (kind == BatchKind::apply) m["client_seq"] = e->client_seq - offset;
        mutations.push_back(std::move(m));
    }
    return {{"client_id", origin.client_id}, {"epoch", origin.epoch}, {"mutations", std::move(mutations)}};
}

class Round {
public:
    Round(store::Database& db, net::HttpClient& http, const Credentials& cred, const SyncOptions& opt,
          const std::function<void(const SyncProgress&)>& progress, const std::atomic<bool>* cancel)
        : db_(db), http_(http), cred_(cred), opt_(opt), progress_(progress), cancel_(cancel), state_{db} {}

    SyncReport run() {
        const auto t0 = Clock::now();
        try {
            Outbox(db_).recover_inflight();
            use_saved_session(db_, http_, cred_.login, cred_.tokens.get());
            for (int round = 0; round < 3; ++round) {
                restart_ = false;
                if (push() && !restart_) pull();
                if (!restart_ || !r_.ok()) break;
            }
            if (r_.ok()) {
                prune_acknowledged();
                state_.set("last_sync_ok", core::now_iso());
                state_.set("last_sync_error", "");
            } else if (!r_.device_revoked) {
                state_.set("last_sync_error", r_.detail);
            }
        } catch (const store::StoreError& e) {
            fail(store_failure(e.what()), e.what());
        } catch (const soci::soci_error& e) {
            fail(store_failure(e.what()), e.what());
        }
        r_.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        return r_;
    }

private:
    bool fail(FailureKind k, std::string detail, long status = 0) {
        r_.failure = k;
        r_.detail = std::move(detail);
        r_.http_status = status;
        return false;
    }
    bool cancelled() { return cancel_ && cancel_->load() && !fail(FailureKind::cancelled, "Cancelled"); }
    void report(const char* phase, long long rows, long long bytes = 0) {
        if (progress_) progress_({phase, rows, bytes});
    }

    // Signs in again after the server refused the token; false when that is impossible.
    bool reauthenticate() {
        if (reauthenticated_ || cred_.password.empty()) return false;
        reauthenticated_ = true;
        return sign_in(db_, http_, cred_.login, cred_.password, cred_.device_name, cred_.tokens.get()).ok();
    }

    // Handles answers that are about the session, not the request; true when the request should be repeated.
    bool session_problem(const net::HttpResponse& res) {
        if (res.status == 401) {
            if (reauthenticate()) return true;
            fail(FailureKind::unauthorized, "The register did not accept the sign-in.", 401);
            return false;
        }
        if (res.status == 403 && problem_type(res.body) == "/problems/device-revoked") {
            const long long unsent = hand_over_unsent();
            wipe_local_data(db_);
            r_.device_revoked = true;
            r_.quarantined = unsent;
            fail(FailureKind::forbidden,
                 "This device's access was revoked; " + std::to_string(unsent) +
                     " unsent change(s) were handed to the register's quarantine and the local register data was "
                     "removed.",
                 403);
        }
        return false;
    }

    // Acknowledged changes past the retention window are pruned: by then any backup the register could be restored
    // from holds them. A register that names its last safe backup (`safe_before` on a change page) holds back
    // pruning of anything acknowledged after it.
    void prune_acknowledged() {
        if (opt_.acked_retention_days <= 0) return;
        std::string before = core::iso_utc(std::chrono::system_clock::now() -
                                           std::chrono::hours(24) * opt_.acked_retention_days);
        const std::string safe = state_.get("safe_before").value_or("");
        if (!safe.empty() && safe < before) before = safe;
        store::Transaction tx(db_);
        r_.pruned = Outbox(db_).prune_acknowledged(before);
        tx.commit();
    }

    // A revoked device may not change the register, but the register keeps what it sends in quarantine for the
    // coordinators. Before the local data goes, every change not yet accepted is sent there, in batches, whatever
    // step of the round the revocation was noticed in. Returns how many the register confirmed keeping.
    long long hand_over_unsent() {
        Outbox outbox(db_);
        auto entries = outbox.list("inflight");
        for (auto& e : outbox.list("pending")) entries.push_back(std::move(e));
        std::sort(entries.begin(), entries.end(),
                  [](const OutboxEntry& a, const OutboxEntry& b) { return a.client_seq < b.client_seq; });
        long long kept = 0;
        const std::size_t chunk = std::max<std::size_t>(1, opt_.push_count);
        for (std::size_t start = 0; start < entries.size(); start += chunk) {
            const auto first = entries.cbegin() + static_cast<std::ptrdiff_t>(start);
            const json body = batch_body(origin(), first, first + static_cast<std::ptrdiff_t>(
                                                                      std::min(chunk, entries.size() - start)),
                                         BatchKind::hand_over);
            const auto res = http_.post_json("/v1/batch", body.dump());
            if (!res.transport_ok()) break;  // the wipe goes ahead: a revoked device keeps no holder data
            const json p = net::parse_json(res.body);
            if (p.is_object() && p.contains("quarantined") && p["quarantined"].is_number_integer())
                kept += p["quarantined"].get<long long>();
        }
        return kept;
    }

    BatchOrigin origin() { return {state_.get("client_id").value_or(""), state_.get("epoch").value_or("")}; }

    bool ensure_client() {
        if (!state_.get("client_id").value_or("").empty()) return true;
        for (;;) {
            const auto res = http_.post_json("/v1/clients", "{}");
            if (!res.transport_ok()) return fail(transport_failure(res.failure), res.error);
            if (res.status == 201) {
                const json doc = net::parse_json(res.body);
                if (!doc.is_object() || !doc.contains("client_id") || !doc["client_id"].is_string() ||
                    !doc.contains("epoch") || !doc["epoch"].is_string())
                    return fail(FailureKind::bad_response, "The installation could not be registered.");
                Outbox outbox(db_);
                const long long first = outbox.min_unacked_seq();
                // The register numbers this installation's mutations from 1.
                const long long offset = first ? first - 1 : outbox.max_seq();
                store::Transaction tx(db_);
                state_.set("client_id", doc["client_id"]);
                state_.set("epoch", doc["epoch"]);
                state_.set("seq_offset", std::to_string(offset));
                tx.commit();
                return true;
            }
            if (!session_problem(res)) {
                if (r_.ok()) fail(FailureKind::server_error, "HTTP " + std::to_string(res.status) + " registering", res.status);
                return false;
            }
        }
    }

    // A restored register (new epoch) or a copied/restored local file: start a new installation identity and
    // send every change again; the register skips those it already has.
    void new_identity(bool replay_acknowledged) {
        Outbox outbox(db_);
        store::Transaction tx(db_);
        if (replay_acknowledged) outbox.replay_acknowledged();
        state_.set("client_id", "");
        tx.commit();
    }

    bool push() {
        if (!ensure_client()) return false;
        Outbox outbox(db_);
        for (;;) {
            if (cancelled()) return false;
            auto entries = outbox.due(opt_.push_count, opt_.push_bytes, opt_.respect_backoff);
            const long long offset = std::stoll(state_.get("seq_offset").value_or("0"));
            const long long answered = answered_through(offset);
            // With nothing to send, one empty batch per round still tells the register how far it has answered
            // this installation: a register restored from a backup without a new epoch is found that way.
            if (entries.empty() && (acked_checked_ || answered <= 0)) return true;
            acked_checked_ = true;
            json body = batch_body(origin(), entries.cbegin(), entries.cend(), BatchKind::apply, offset);
            if (answered > 0) body["acked_through"] = answered;
            {
                store::Transaction tx(db_);
                outbox.mark_inflight(entries);
                tx.commit();
            }
            const std::string text = body.dump();
            const auto res = http_.post_json("/v1/batch", text);
            report("push", r_.pushed, static_cast<long long>(text.size()));
            if (!res.transport_ok() || res.status >= 500) {
                store::Transaction tx(db_);
                outbox.release(entries, res.transport_ok() ? "HTTP " + std::to_string(res.status) : res.error,
                               opt_.backoff_base_ms);
                tx.commit();
                return res.transport_ok() ? fail(FailureKind::server_error, "HTTP " + std::to_string(res.status), res.status)
                                          : fail(transport_failure(res.failure), res.error);
            }
            if (res.status != 200) {
                {
                    store::Transaction tx(db_);
                    outbox.recover_inflight();
                    tx.commit();
                }
                const std::string type = problem_type(res.body);
                if (type == "/problems/epoch-changed") {
                    new_identity(true);
                    state_.set("cursor", "");
                    db_.sql() << "DELETE FROM row_bucket";  // everything is confirmed again by the full resync
                    r_.full_resync = true;
                    restart_ = true;
                    return ensure_client();
                }
                if (type == "/problems/client-not-registered" || type == "/problems/client-state-regressed") {
                    // Not registered: the register lost this installation (a restore without a new epoch), and
                    // with it perhaps changes it had acknowledged, which go again (those it has are skipped).
                    new_identity(type == "/problems/client-not-registered");
                    if (!ensure_client()) return false;
                    continue;
                }
                if (type == "/problems/sequence-gap") {
                    const json p = net::parse_json(res.body);
                    const long long expected = integer_field(p, "expected_seq", 1);
                    if (expected < entries.front().client_seq - offset) {
                        // The register has forgotten changes it acknowledged: it was restored from a backup.
                        // They are sent again under a new installation identity, never skipped over.
                        new_identity(true);
                        r_.replayed_after_restore = true;
                        if (++gap_retries_ > 3 || !ensure_client())
                            return r_.ok() ? fail(FailureKind::server_error, "The change sequence did not match.") : false;
                        continue;
                    }
                    state_.set("seq_offset", std::to_string(entries.front().client_seq - expected));
                    if (++gap_retries_ > 3) return fail(FailureKind::server_error, "The change sequence did not match.");
                    continue;
                }
                if (session_problem(res)) continue;
                if (r_.ok()) fail(FailureKind::server_error, "HTTP " + std::to_string(res.status) + ": " + res.body.substr(0, 200), res.status);
                return false;
            }
            const json doc = net::parse_json(res.body);
            if (!doc.is_object() || !doc.contains("results") || !doc["results"].is_array()) {
                store::Transaction tx(db_);
                outbox.release(entries, "unreadable answer", opt_.backoff_base_ms);
                tx.commit();
                return fail(FailureKind::bad_response, "The answer to a batch could not be read.");
            }
            store::Transaction tx(db_);
            for (const auto& result : doc["results"]) {
                // A result the client cannot read leaves its change in flight: it goes again (below).
                if (!result.is_object() || !result.contains("mutation_id") || !result["mutation_id"].is_string() ||
                    (result.contains("status") && !result["status"].is_string()))
                    continue;
                const std::string id = result["mutation_id"], status = result.value("status", "");
                if (status == "applied" || status == "duplicate") {
                    outbox.mark_acked(id, integer_field(result, "version", 0), result);
                    ++(status == "applied" ? r_.applied : r_.duplicates);
                } else if (status == "conflict") {
                    outbox.mark_conflict(id, result.value("problem", json::object()));
                    drop_optimistic_row(id);
                    restore_server_row(id, result.value("problem", json::object()));
                    ++r_.conflicts;
                } else {
                    outbox.mark_rejected(id, result.value("problem", json::object()));
                    drop_optimistic_row(id);
                    ++r_.rejected;
                }
                ++r_.pushed;
            }
            outbox.recover_inflight();  // anything the answer did not mention goes again
            tx.commit();
        }
    }

    // The highest sequence number (as the register numbers this installation) the register has answered.
    long long answered_through(long long offset) {
        long long top = 0;
        soci::indicator ind = soci::i_null;
        db_.sql() << "SELECT MAX(client_seq) FROM outbox WHERE state IN ('acked', 'conflict', 'rejected')",
            soci::into(top, ind);
        return ind == soci::i_ok ? std::max(0LL, top - offset) : 0;
    }

    // The register did not accept a change: the rows made or changed for it locally (never confirmed by the
    // server) are taken back, so the cache shows what the register holds. The outbox keeps the change to correct
    // and resend.
    void drop_optimistic_row(const std::string& mutation_id) { undo_local_change(db_, mutation_id); }

    // A change to an existing row was not applied: the row shows the register's values again
    // (the conflict keeps both versions for the decision).
    void restore_server_row(const std::string& mutation_id, const json& problem) {
        if (!problem.contains("current") || !problem["current"].is_object()) return;
        std::string entity, entity_id;
        db_.sql() << "SELECT entity, entity_id FROM outbox WHERE mutation_id = :m", soci::use(mutation_id, "m"),
            soci::into(entity), soci::into(entity_id);
        if (entity != "site") return;
        json current = problem["current"];
        if (current.contains("contact") && !current["contact"].is_object()) return;  // not a site
        json contact = json::object();
        for (const char* f : {"contact_name", "contact_email", "contact_phone"})
            if (current.contains(f)) contact[f] = current[f];
        net::apply_flat_fields(current, contact);
        core::Site site;
        if (!net::from_json(current, site).empty()) return;
        store::SiteRepository{db_}.upsert(site);
    }

    struct Incoming {
        std::string id;
        long long version;
        const json* data;
    };

    // Server versions this cache holds for some rows of one entity.
    std::unordered_map<std::string, long long> local_versions(const std::string& entity,
                                                              const std::vector<Incoming>& rows) {
        std::unordered_map<std::string, long long> out;
        for (std::size_t start = 0; start < rows.size(); start += 500) {
            std::string in;
            std::vector<std::string> ids;
            for (std::size_t i = start; i < std::min(rows.size(), start + 500); ++i) {
                in += (in.empty() ? "'" : ", '");
                for (char ch : rows[i].id) in += ch == '\'' ? std::string("''") : std::string(1, ch);
                in += "'";
            }
            soci::rowset<soci::row> rs = (db_.sql().prepare << "SELECT " + key_of(entity) + ", server_version FROM " +
                                                                   entity + " WHERE " + key_of(entity) + " IN (" + in +
                                                                   ")");
            for (const auto& r : rs) {
                store::RowReader rr(r);
                out[rr.text(0)] = rr.opt_integer(1) ? rr.integer(1) : -1;
            }
        }
        return out;
    }

    // Writes the rows of one entity that are newer than what the cache has, with two bulk statements.
    template <class T>
    void apply_rows(const std::string& entity, const std::vector<Incoming>& rows) {
        const auto local = local_versions(entity, rows);
        auto buf = store::make_buffer<T>();
        store::RowBuffer versions(2);
        std::vector<core::Area> areas;
        for (const auto& row : rows) {
            const auto it = local.find(row.id);
            if (it != local.end() && it->second >= 0 && row.version <= it->second) continue;  // not newer
            T value;
            const auto errors = net::from_json(*row.data, value);
            if (!errors.empty()) throw std::runtime_error(entity + " " + row.id + ": " + core::to_string(errors));
            if constexpr (std::is_same_v<T, core::Area>)
                areas.push_back(std::move(value));
            else
                store::Table<T>::bind(buf, value);
            versions.integer(row.version).text(row.id).end_row();
        }
        if constexpr (std::is_same_v<T, core::Area>) {
            for (const auto& a : areas) store::AreaRepository{db_}.upsert(a);
        } else {
            buf.execute(db_.sql(), store::upsert_statement<T>());
        }
        versions.execute(db_.sql(), "UPDATE " + entity + " SET server_version = :v WHERE " + key_of(entity) + " = :i");
    }

    void apply_entity(const std::string& entity, const std::vector<Incoming>& rows) {
        if (entity == "area") apply_rows<core::Area>(entity, rows);
        else if (entity == "organisation") apply_rows<core::Organisation>(entity, rows);
        else if (entity == "site") apply_rows<core::Site>(entity, rows);
        else if (entity == "venue_profile") apply_rows<core::VenueProfile>(entity, rows);
        else if (entity == "card_batch") apply_rows<core::CardBatch>(entity, rows);
        else if (entity == "allocation") apply_rows<core::Allocation>(entity, rows);
        else if (entity == "card") apply_rows<core::Card>(entity, rows);
        else if (entity == "usage") apply_rows<core::Usage>(entity, rows);
        else if (entity == "rule") apply_rows<core::Rule>(entity, rows);
        else if (entity == "quota") apply_rows<core::Quota>(entity, rows);
        else if (entity == "quota_adjustment") apply_rows<core::QuotaAdjustment>(entity, rows);
        else if (entity == "message") apply_rows<core::Message>(entity, rows);
        else if (entity == "group_visit") apply_rows<core::GroupVisit>(entity, rows);
        else if (entity == "group_signup") apply_rows<core::GroupSignup>(entity, rows);
        else if (entity == "app_user") apply_rows<core::User>(entity, rows);
        else if (entity == "sync_conflict") apply_rows<core::Conflict>(entity, rows);
        // an entity this version does not know is skipped, not fatal
    }

    // Deletes synced rows that no bucket holds any more; rows with unsent local changes stay.
    long long purge_orphans() {
        long long removed = 0;
        for (const auto& [table, key] : synced_tables()) {
            soci::statement st =
                (db_.sql().prepare << "DELETE FROM " + table + " WHERE server_version IS NOT NULL AND " + key +
                                          " NOT IN (SELECT entity_id FROM row_bucket WHERE entity = '" + table +
                                          "') AND " + key +
                                          " NOT IN (SELECT entity_id FROM outbox WHERE entity = '" + table +
                                          "' AND state IN ('pending', 'inflight', 'conflict'))");
            st.execute(true);
            removed += st.get_affected_rows();
        }
        purge_local_copies();
        return removed;
    }

    // Copies of purged rows kept beside the synced tables go too: acknowledged changes (their payload holds the
    // holder profile or the site contact), the before-snapshots of changes, conflict copies nobody waits on, and
    // card events. Changes still waiting to be sent or decided stay with their rows.
    void purge_local_copies() {
        const std::string waiting = "SELECT mutation_id FROM outbox WHERE state IN ('pending', 'inflight', 'conflict')";
        for (const auto& [table, key] : synced_tables()) {
            const std::string gone = " NOT IN (SELECT " + key + " FROM " + table + ")";
            db_.sql() << "DELETE FROM outbox_row WHERE entity = '" + table + "' AND entity_id" + gone +
                             " AND mutation_id NOT IN (" + waiting + ")";
            db_.sql() << "DELETE FROM local_conflict WHERE entity = '" + table + "' AND entity_id" + gone +
                             " AND mutation_id NOT IN (" + waiting + ")";
            db_.sql() << "DELETE FROM outbox WHERE state = 'acked' AND entity = '" + table + "' AND entity_id" + gone;
        }
        db_.sql() << "DELETE FROM outbox_row WHERE mutation_id NOT IN (SELECT mutation_id FROM outbox)";
        db_.sql() << "DELETE FROM card_event WHERE card_id NOT IN (SELECT id FROM card)";
        db_.sql() << "DELETE FROM message_read WHERE message_id NOT IN (SELECT id FROM message)";
    }

    // Applies one page in one transaction: row data in bulk per entity (newest version per row), then
    // bucket membership in page order, then removal of rows no bucket holds, then the cursor.
    void apply_page(const json& doc) {
        store::Transaction tx(db_);
        std::map<std::string, std::vector<Incoming>> by_entity;
        std::map<std::pair<std::string, std::string>, std::size_t> slot;
        for (const auto& c : doc.at("changes")) {
            if (c.at("op") != "upsert") continue;
            const std::string entity = c.at("entity"), id = c.at("id");
            Incoming in{id, c.value("version", 0LL), &c.at("data")};
            auto& list = by_entity[entity];
            const auto [it, fresh] = slot.try_emplace({entity, id}, list.size());
            if (fresh)
                list.push_back(in);
            else if (in.version >= list[it->second].version)
                list[it->second] = in;
        }
        for (const auto& [entity, rows] : by_entity) apply_entity(entity, rows);

        store::RowBuffer adds(3);
        const std::string add_sql =
            "INSERT INTO row_bucket (entity, entity_id, bucket) VALUES (:e, :i, :b) ON CONFLICT DO NOTHING";
        for (const auto& c : doc.at("changes")) {
            const std::string op = c.at("op");
            if (op == "upsert") {
                adds.text(c.at("entity")).text(c.at("id")).text(c.at("bucket")).end_row();
            } else {
                adds.execute(db_.sql(), add_sql);  // keep page order between additions and removals
                if (op == "delete") {
                    const std::string entity = c.at("entity"), id = c.at("id"), bucket = c.at("bucket");
                    db_.sql() << "DELETE FROM row_bucket WHERE entity = :e AND entity_id = :i AND bucket = :b",
                        soci::use(entity, "e"), soci::use(id, "i"), soci::use(bucket, "b");
                } else if (op == "bucket_removed") {
                    const std::string bucket = c.at("bucket");
                    db_.sql() << "DELETE FROM row_bucket WHERE bucket = :b", soci::use(bucket, "b");
                }
                orphans_possible_ = true;
            }
            ++r_.pulled_rows;
        }
        adds.execute(db_.sql(), add_sql);
        if (orphans_possible_) {
            r_.purged_rows += purge_orphans();
            orphans_possible_ = false;
            purged_ = true;
        }
        state_.set("cursor", doc.at("next_cursor").get<std::string>());
        if (doc.contains("safe_before") && doc["safe_before"].is_string())
            state_.set("safe_before", doc["safe_before"].get<std::string>());
        tx.commit();
    }

    std::string changes_path(const std::string& cursor) const {
        return "/v1/changes?limit=" + std::to_string(opt_.page_size) +
               "&client_schema=" + std::to_string(store::latest_schema_version()) +
               (cursor.empty() ? "" : "&cursor=" + cursor);
    }

    bool pull() {
        // The next page is fetched while this one is applied: the server and this client work at the same time.
        std::string prefetched_cursor;
        std::future<net::HttpResponse> prefetched;
        for (;;) {
            if (cancelled()) return false;
            const std::string cursor = state_.get("cursor").value_or("");
            net::HttpResponse res;
            if (prefetched.valid() && prefetched_cursor == cursor)
                res = prefetched.get();
            else
                res = http_.get(changes_path(cursor));
            if (prefetched.valid()) prefetched.get();  // a stale prefetch (another cursor) is dropped
            if (!res.transport_ok()) return fail(transport_failure(res.failure), res.error);
            if (res.status != 200) {
                const std::string type = problem_type(res.body);
                if (type == "/problems/epoch-changed" || type == "/problems/invalid-cursor" ||
                    type == "/problems/cursor-expired") {
                    // Full resync: memberships are confirmed again; what is not confirmed goes at the end.
                    store::Transaction tx(db_);
                    state_.set("cursor", "");
                    db_.sql() << "DELETE FROM row_bucket";
                    tx.commit();
                    r_.full_resync = true;
                    if (type == "/problems/epoch-changed") {
                        new_identity(true);
                        restart_ = true;
                        return true;
                    }
                    continue;
                }
                if (session_problem(res)) continue;
                if (res.status == 426 && type == "/problems/client-too-old")
                    return fail(FailureKind::client_too_old,
                                "The register no longer serves changes to this version; the changes made here were "
                                "sent. Update Kaiku Admin.",
                                426);
                if (r_.ok()) fail(FailureKind::server_error, "HTTP " + std::to_string(res.status) + " from /v1/changes", res.status);
                return false;
            }
            r_.pulled_bytes += static_cast<long long>(res.body.size());
            const json doc = net::parse_json(res.body);
            if (doc.is_discarded() || !doc.is_object() || !doc.contains("changes") || !doc["changes"].is_array() ||
                !doc.contains("next_cursor") || !doc["next_cursor"].is_string())
                return fail(FailureKind::bad_response, "A page of changes could not be read; it was not applied.");
            const bool has_more = doc.contains("has_more") && doc["has_more"].is_boolean() && doc["has_more"].get<bool>();
            if (has_more) {
                prefetched_cursor = doc["next_cursor"].get<std::string>();
                prefetched = std::async(std::launch::async,
                                        [this, path = changes_path(prefetched_cursor)] { return http_.get(path); });
            }
            try {
                apply_page(doc);
            } catch (const json::exception& e) {
                return fail(FailureKind::bad_response, std::string("A change could not be read: ") + e.what());
            } catch (const std::runtime_error& e) {
                if (dynamic_cast<const soci::soci_error*>(&e)) throw;
                return fail(FailureKind::bad_response, std::string("A change could not be applied: ") + e.what());
            }
            ++r_.pages;
            report("pull", r_.pulled_rows, r_.pulled_bytes);
            if (!has_more) break;
        }
        if (r_.full_resync && !purged_) {
            store::Transaction tx(db_);
            r_.purged_rows += purge_orphans();
            tx.commit();
        }
        if (purged_ || r_.full_resync) {
            // Purged values must not stay readable in the file: fold the WAL back and truncate it.
            db_.sql() << "PRAGMA wal_checkpoint(TRUNCATE)";
        }
        return true;
    }

    store::Database& db_;
    net::HttpClient& http_;
    const Credentials& cred_;
    const SyncOptions& opt_;
    const std::function<void(const SyncProgress&)>& progress_;
    const std::atomic<bool>* cancel_;
    store::StateRepository state_;
    SyncReport r_;
    bool restart_ = false, reauthenticated_ = false, acked_checked_ = false, orphans_possible_ = false, purged_ = false;
    int gap_retries_ = 0;
};

}  // namespace

SyncReport sync_once(store::Database& db, net::HttpClient& http, const Credentials& cred, const SyncOptions& opt,
                     const std::function<void(const SyncProgress&)>& progress, const std::atomic<bool>* cancel) {
    if (!cred.login.empty() && !use_saved_session(db, http, cred.login, cred.tokens.get()) && !cred.password.empty()) {
        const auto s = sign_in(db, http, cred.login, cred.password, cred.device_name, cred.tokens.get());
        if (!s.ok()) {
            SyncReport r;
            r.failure = s.failure;
            r.detail = s.detail;
            r.http_status = s.http_status;
            return r;
        }
    }
    return Round(db, http, cred, opt, progress, cancel).run();
}

SyncStatus sync_status(store::Database& db) {
    SyncStatus s;
    Outbox outbox(db);
    s.pending = outbox.count("pending") + outbox.count("inflight");
    s.rejected = outbox.count("rejected");
    // Conflicts the register keeps for a decision, and conflicts answered to this client not yet pulled.
    db.sql() << "SELECT (SELECT COUNT(*) FROM sync_conflict WHERE status = 'open') + (SELECT COUNT(*) FROM "
                "local_conflict WHERE resolved_at IS NULL AND mutation_id NOT IN (SELECT mutation_id FROM sync_conflict))",
        soci::into(s.conflicts);
    store::StateRepository state{db};
    s.last_success = state.get("last_sync_ok").value_or("");
    s.last_failure = state.get("last_sync_error").value_or("");
    s.online = !s.last_success.empty() && s.last_failure.empty();
    return s;
}

void wipe_local_data(store::Database& db) {
    {
        store::Transaction tx(db);
        for (const auto& [table, _] : synced_tables()) db.sql() << "DELETE FROM " + table;
        for (const char* t : {"row_bucket", "outbox_row", "outbox", "local_conflict", "card_event", "municipality",
                              "message_read", "sync_state"})
            db.sql() << std::string("DELETE FROM ") + t;
        tx.commit();
    }
    db.sql() << "PRAGMA wal_checkpoint(TRUNCATE)";
    db.sql() << "VACUUM";
    db.sql() << "PRAGMA wal_checkpoint(TRUNCATE)";
}

// --- engine thread

SyncEngine::SyncEngine(std::string cache_url, std::string server_url, Credentials credentials, net::HttpOptions http,
                       std::chrono::milliseconds every, SyncOptions options, Done on_automatic_round)
    : cache_url_(std::move(cache_url)),
      server_url_(std::move(server_url)),
      credentials_(std::move(credentials)),
      http_options_(std::move(http)),
      every_(every),
      options_(options),
      on_automatic_(std::move(on_automatic_round)),
      thread_([this] { loop(); }) {}

SyncEngine::~SyncEngine() {
    {
        std::lock_guard lock(m_);
        stop_ = true;
    }
    cancel_ = true;
    cv_.notify_all();
    thread_.join();
}

bool SyncEngine::request(std::function<void(const SyncProgress&)> progress, Done done) {
    std::lock_guard lock(m_);
    if (busy_ || pending_) return false;
    progress_ = std::move(progress);
    done_ = std::move(done);
    pending_ = true;
    cancel_ = false;
    cv_.notify_all();
    return true;
}

void SyncEngine::cancel() { cancel_ = true; }

void SyncEngine::loop() {
    std::unique_ptr<store::Database> db;
    for (;;) {
        std::function<void(const SyncProgress&)> progress;
        Done done;
        bool automatic = false;
        {
            std::unique_lock lock(m_);
            auto ready = [&] { return stop_ || pending_; };
            if (every_.count() > 0)
                automatic = !cv_.wait_for(lock, every_, ready);
            else
                cv_.wait(lock, ready);
            if (stop_) return;
            pending_ = false;
            busy_ = true;
            progress = std::move(progress_);
            done = automatic ? on_automatic_ : std::move(done_);
        }
        SyncReport report;
        try {
            if (!db) db = std::make_unique<store::Database>(cache_url_);
            auto http_options = http_options_;
            http_options.cancel = &cancel_;
            net::HttpClient http(server_url_, http_options);
            auto options = options_;
            options.respect_backoff = automatic;  // a timer round waits for back-off; a user's round does not
            report = sync_once(*db, http, credentials_, options, progress, &cancel_);
        } catch (const std::exception& e) {
            report.failure = store_failure(e.what());
            report.detail = e.what();
        }
        busy_ = false;
        if (done) done(report);
    }
}

}  // namespace kaiku::sync
