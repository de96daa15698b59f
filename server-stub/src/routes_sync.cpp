// Sync endpoints: client registration, the change feed with per-bucket cursors, and idempotent batches.
#include <sodium.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <unordered_map>

#include "auth.hpp"
#include "buckets.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "core/uuid.hpp"
#include "net/dto.hpp"
#include "routes.hpp"
#include "store/mapping.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

void lock_writers(store::Database& db);

namespace {

constexpr int kMaxChangesPage = 5000;
constexpr int kDefaultChangesPage = 2000;
constexpr std::size_t kMaxMutationsPerBatch = 500;

// --- cursors: base64url(JSON) + "." + base64url(HMAC-SHA256), so clients cannot forge positions.

std::string b64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::optional<std::string> unb64(const std::string& text) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.c_str(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string mac(const std::string& key, const std::string& payload) {
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
    crypto_auth_hmacsha256_final(&st, out);
    return std::string(reinterpret_cast<char*>(out), sizeof out);
}

// The register went back in time without a new epoch: it was restored from a backup and the runbook's
// rotate-epoch step was missed. A new epoch is started, so that every client takes the restore path and sends
// again what the backup lost; `why` says what gave it away, for the operator's log.
void start_new_epoch(store::Database& db, const std::string& epoch, const char* why) {
    const std::string fresh = core::new_uuid();
    db.sql() << "UPDATE sync_meta SET epoch = :n WHERE id = 1 AND epoch = :o", soci::use(fresh, "n"),
        soci::use(epoch, "o");
    std::cerr << "kaiku-server: " << why
              << ": the register was restored from a backup without rotate-epoch; a new epoch was started\n";
}

void send_epoch_changed(httplib::Response& res, const char* detail) {
    send_problem(res, 410, "epoch-changed", "The register was restored from a backup", detail);
}

constexpr const char* kResyncDetail = "Push pending changes, then sync again from the start.";
constexpr const char* kResendDetail = "Register again and resend every change made since the restore.";

std::string cursor_key(store::Database& db) {
    std::string k;
    db.sql() << "SELECT cursor_key FROM sync_meta WHERE id = 1", soci::into(k);
    return k;
}

std::string sign_cursor(const std::string& key, const json& c) {
    const std::string payload = c.dump();
    return b64(payload) + "." + b64(mac(key, payload));
}

std::optional<json> open_cursor(const std::string& key, const std::string& text) {
    const auto dot = text.find('.');
    if (dot == std::string::npos) return std::nullopt;
    const auto payload = unb64(text.substr(0, dot));
    const auto sig = unb64(text.substr(dot + 1));
    if (!payload || !sig || sig->size() != crypto_auth_hmacsha256_BYTES) return std::nullopt;
    const auto expected = mac(key, *payload);
    if (sodium_memcmp(expected.data(), sig->data(), expected.size()) != 0) return std::nullopt;
    json c = net::parse_json(*payload);
    if (!c.is_object()) return std::nullopt;
    return c;
}

long long clock_now(store::Database& db) {
    long long v = 0;
    db.sql() << "SELECT v FROM sync_clock WHERE id = 1", soci::into(v);
    return v;
}

std::vector<std::string> area_ids(store::Database& db) {
    std::vector<std::string> ids;
    soci::rowset<std::string> rs = (db.sql().prepare << "SELECT id FROM area ORDER BY id");
    for (const auto& id : rs) ids.push_back(id);
    return ids;
}

// One entry of a change page before its row is loaded.
struct Pending {
    long long seq;
    std::string bucket, entity, id, op;
};

// Loads the rows of one entity by key in a few queries (not one per row): id -> (representation, version).
using Loaded = std::unordered_map<std::string, std::pair<json, long long>>;

template <class T>
void load_batch(store::Database& db, const std::vector<std::string>& ids, const std::function<json(const T&)>& fn,
                Loaded& out) {
    const std::size_t n = store::Table<T>::columns().size();
    for (std::size_t start = 0; start < ids.size(); start += 500) {
        std::string in;
        std::vector<std::pair<std::string, std::string>> params;
        for (std::size_t i = start; i < std::min(ids.size(), start + 500); ++i) {
            const std::string name = "k" + std::to_string(i - start);
            in += (in.empty() ? ":" : ", :") + name;
            params.push_back({name, ids[i]});
        }
        query_rows(db,
                   "SELECT " + store::join_columns(store::Table<T>::columns()) + ", version FROM " +
                       store::Table<T>::name + " WHERE " + store::Table<T>::key + " IN (" + in + ")",
                   params, [&](const soci::row& r) {
                       store::RowReader rr(r);
                       const T value = store::Table<T>::read(rr);
                       out[rr.text(0)] = {fn(value), rr.integer(n)};
                   });
    }
}

template <class T>
void load_batch_plain(store::Database& db, const std::vector<std::string>& ids, Loaded& out) {
    load_batch<T>(db, ids, [](const T& v) { return net::to_json(v); }, out);
}

Loaded load_rows(store::Database& db, const std::string& entity, const std::vector<std::string>& ids, const Principal& p) {
    Loaded out;
    if (entity == "area") {
        store::AreaRepository repo{db};
        for (const auto& id : ids)
            if (auto a = repo.get(id)) {
                long long v = 0;
                db.sql() << "SELECT version FROM area WHERE id = :i", soci::use(id, "i"), soci::into(v);
                out[id] = {net::to_json(*a), v};
            }
    } else if (entity == "organisation") load_batch_plain<core::Organisation>(db, ids, out);
    else if (entity == "site") load_batch_plain<core::Site>(db, ids, out);
    else if (entity == "venue_profile") load_batch_plain<core::VenueProfile>(db, ids, out);
    else if (entity == "card_batch") load_batch_plain<core::CardBatch>(db, ids, out);
    else if (entity == "allocation") load_batch_plain<core::Allocation>(db, ids, out);
    else if (entity == "card")
        load_batch<core::Card>(db, ids, [&](const core::Card& c) { return net::to_json(c, !p.national()); }, out);
    else if (entity == "usage") load_batch_plain<core::Usage>(db, ids, out);
    else if (entity == "rule") load_batch_plain<core::Rule>(db, ids, out);
    else if (entity == "quota") load_batch_plain<core::Quota>(db, ids, out);
    else if (entity == "quota_adjustment") load_batch_plain<core::QuotaAdjustment>(db, ids, out);
    else if (entity == "message") load_batch_plain<core::Message>(db, ids, out);
    else if (entity == "group_visit") load_batch_plain<core::GroupVisit>(db, ids, out);
    else if (entity == "group_signup") load_batch_plain<core::GroupSignup>(db, ids, out);
    else if (entity == "app_user") load_batch_plain<core::User>(db, ids, out);
    else if (entity == "sync_conflict") load_batch_plain<core::Conflict>(db, ids, out);
    return out;
}

// Turns pending entries into change entries, loading every row a page needs with one query per entity.
void build_entries(store::Database& db, const Principal& p, const std::vector<Pending>& pending, json& changes) {
    std::map<std::string, std::vector<std::string>> wanted;
    for (const auto& e : pending)
        if (e.op == "upsert") wanted[e.entity].push_back(e.id);
    std::map<std::string, Loaded> loaded;
    for (auto& [entity, ids] : wanted) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        loaded[entity] = load_rows(db, entity, ids, p);
    }
    for (const auto& e : pending) {
        json entry = {{"seq", e.seq}, {"bucket", e.bucket}, {"entity", e.entity}, {"id", e.id}, {"op", "delete"}};
        if (e.op == "upsert") {
            const auto& rows = loaded[e.entity];
            if (const auto it = rows.find(e.id); it != rows.end()) {
                entry["op"] = "upsert";
                entry["version"] = it->second.second;
                entry["data"] = it->second.first;
            }
        }
        changes.push_back(std::move(entry));
    }
}

}  // namespace

void add_sync_routes(httplib::Server& s, const std::string& url, int min_client_schema) {
    s.Post("/v1/clients", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        const std::string id = core::new_uuid(), epoch = current_epoch(db), now = now_iso();
        db.sql() << "INSERT INTO sync_client (client_id, user_id, device_id, last_client_seq, registered_epoch, "
                    "created_at, last_seen) VALUES (:c, :u, :d, 0, :e, :n, :n2)",
            soci::use(id, "c"), soci::use(p->user.id, "u"), soci::use(p->device_id, "d"), soci::use(epoch, "e"),
            soci::use(now, "n"), soci::use(now, "n2");
        send_json(res, 201, {{"client_id", id}, {"epoch", epoch}, {"server_time", now}});
    });

    // The furthest log position a cursor has reached (kept buckets and snapshot starts).
    const auto position_of = [](const json& cursor) {
        long long top = 0;
        for (auto it = cursor["b"].begin(); it != cursor["b"].end(); ++it)
            if (it.value().is_number_integer()) top = std::max(top, it.value().get<long long>());
        for (auto it = cursor["s"].begin(); it != cursor["s"].end(); ++it)
            if (it.value().is_object() && it.value().contains("at") && it.value()["at"].is_number_integer())
                top = std::max(top, it.value()["at"].get<long long>());
        return top;
    };

    s.Get("/v1/changes", [url, position_of, min_client_schema](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        int limit = kDefaultChangesPage;
        if (req.has_param("limit")) {
            const auto v = req.get_param_value("limit");
            bool ok = !v.empty() && v.size() <= 5;
            for (char c : v) ok = ok && c >= '0' && c <= '9';
            limit = ok ? std::stoi(v) : 0;
            if (limit < 1 || limit > kMaxChangesPage) {
                send_problem(res, 400, "invalid-query", "Invalid query parameters", {},
                             json::array({{{"field", "limit"}, {"code", "out_of_range"},
                                           {"message", "Query parameter 'limit' must be a whole number from 1 to " +
                                                           std::to_string(kMaxChangesPage) + "."}}}));
                return;
            }
        }
        // A cache too old to read today's rows may not pull; it has pushed first, so nothing it holds is lost.
        if (req.has_param("client_schema")) {
            const auto v = req.get_param_value("client_schema");
            bool digits = !v.empty() && v.size() <= 6;
            for (char c : v) digits = digits && c >= '0' && c <= '9';
            if (!digits) {
                send_problem(res, 400, "invalid-query", "Invalid query parameters", {},
                             json::array({{{"field", "client_schema"}, {"code", "invalid_format"},
                                           {"message", "Query parameter 'client_schema' must be a whole number."}}}));
                return;
            }
            if (std::stoi(v) < min_client_schema) {
                json problem = net::problem(426, "client-too-old", "This version of Kaiku Admin is too old",
                                            "Update Kaiku Admin; changes already sent are kept.");
                problem["min_client_schema"] = min_client_schema;
                send_json(res, 426, problem);
                return;
            }
        }
        const std::string key = cursor_key(db), epoch = current_epoch(db);
        json cur = {{"e", epoch}, {"b", json::object()}, {"s", json::object()}};
        if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) {
            auto opened = open_cursor(key, req.get_param_value("cursor"));
            if (!opened || !(*opened)["b"].is_object() || !(*opened)["s"].is_object()) {
                send_problem(res, 400, "invalid-cursor", "The sync position is not valid",
                             "Start again without a cursor.");
                return;
            }
            if ((*opened)["e"] != epoch) {
                send_epoch_changed(res, kResyncDetail);
                return;
            }
            // A register never goes back in time: a position ahead of its clock is a restore without a new epoch.
            if (position_of(*opened) > clock_now(db)) {
                start_new_epoch(db, epoch, "a client's sync position is ahead of the register's clock");
                send_epoch_changed(res, kResyncDetail);
                return;
            }
            cur = *opened;
            // Positions older than the compacted log cannot be continued: the client resyncs in full.
            long long floor = 0;
            db.sql() << "SELECT retention_floor FROM sync_meta WHERE id = 1", soci::into(floor);
            bool expired = false;
            for (auto it = cur["b"].begin(); it != cur["b"].end(); ++it)
                expired = expired || !it.value().is_number_integer() || it.value().get<long long>() < floor;
            for (auto it = cur["s"].begin(); it != cur["s"].end(); ++it)
                expired = expired || !it.value().is_object() || it.value().value("at", 0LL) < floor;
            if (expired) {
                send_problem(res, 410, "cursor-expired", "The sync position is too old",
                             "Push pending changes, then sync again from the start.");
                return;
            }
        }
        const auto buckets = p->buckets(p->national() ? area_ids(db) : std::vector<std::string>{});
        json changes = json::array();
        // Buckets lost since the last page.
        for (const char* part : {"b", "s"}) {
            std::vector<std::string> gone;
            for (auto it = cur[part].begin(); it != cur[part].end(); ++it)
                if (std::find(buckets.begin(), buckets.end(), it.key()) == buckets.end()) gone.push_back(it.key());
            for (const auto& b : gone) {
                cur[part].erase(b);
                if (!cur["b"].contains(b) && !cur["s"].contains(b))
                    changes.push_back({{"op", "bucket_removed"}, {"bucket", b}, {"reason", "access_revoked"}});
            }
        }
        const long long high = clock_now(db);
        for (const auto& b : buckets)
            if (!cur["b"].contains(b) && !cur["s"].contains(b)) cur["s"][b] = {{"at", high}, {"ent", ""}, {"id", ""}};

        int room = limit - static_cast<int>(changes.size());
        // New buckets first: a snapshot of their current rows, in (entity, id) order.
        std::vector<Pending> pending;
        std::vector<std::string> snap_done;
        for (auto it = cur["s"].begin(); it != cur["s"].end() && room > 0; ++it) {
            const std::string bucket = it.key();
            json& pos = it.value();
            const long long at = pos["at"];
            int got = 0;
            std::string ent = pos["ent"], last_id = pos["id"];
            // A row-value comparison walks the (bucket, entity, entity_id) index instead of scanning the bucket.
            query_rows(db,
                       "SELECT entity, entity_id FROM row_bucket WHERE bucket = :b AND (entity, entity_id) > (:e, :i) "
                       "ORDER BY entity, entity_id LIMIT " +
                           std::to_string(room),
                       {{"b", bucket}, {"e", ent}, {"i", last_id}}, [&](const soci::row& r) {
                           ent = r.get<std::string>(0);
                           last_id = r.get<std::string>(1);
                           pending.push_back({at, bucket, ent, last_id, "upsert"});
                           ++got;
                       });
            room -= got;
            pos["ent"] = ent;
            pos["id"] = last_id;
            if (room > 0) snap_done.push_back(bucket);  // fewer than asked: the snapshot is complete
        }
        for (const auto& b : snap_done) {
            cur["b"][b] = cur["s"][b]["at"];
            cur["s"].erase(b);
        }
        // Then the log of kept buckets, up to the high-water mark read above.
        if (room > 0 && !cur["b"].empty()) {
            std::string cond;
            std::vector<std::pair<std::string, std::string>> params;
            int i = 0;
            for (auto it = cur["b"].begin(); it != cur["b"].end(); ++it, ++i) {
                const std::string n = std::to_string(i);
                cond += std::string(i ? " OR " : "") + "(bucket = :b" + n + " AND seq > :s" + n + ")";
                params.push_back({"b" + n, it.key()});
                params.push_back({"s" + n, std::to_string(it.value().get<long long>())});
            }
            std::string sql = "SELECT seq, bucket, entity, entity_id, op FROM change_log WHERE (" + cond +
                              ") AND seq <= " + std::to_string(high) + " ORDER BY seq, bucket LIMIT " +
                              std::to_string(room);
            if (db.dialect() == store::Dialect::postgresql)
                for (int k = 0; k < i; ++k) {
                    const std::string from = ":s" + std::to_string(k) + ")";
                    const auto at = sql.find(from);
                    sql.replace(at, from.size(), "CAST(:s" + std::to_string(k) + " AS BIGINT))");
                }
            struct Entry {
                long long seq;
                std::string bucket, entity, id, op;
            };
            std::vector<Entry> log;
            query_rows(db, sql, params, [&](const soci::row& r) {
                store::RowReader rr(r);
                log.push_back({rr.integer(0), rr.text(1), rr.text(2), rr.text(3), rr.text(4)});
            });
            for (const auto& e : log) {
                pending.push_back({e.seq, e.bucket, e.entity, e.id, e.op});
                cur["b"][e.bucket] = e.seq;
            }
            if (static_cast<int>(log.size()) < room)
                for (auto it = cur["b"].begin(); it != cur["b"].end(); ++it) it.value() = high;
            room -= static_cast<int>(log.size());
        }
        build_entries(db, *p, pending, changes);
        const bool more = room <= 0;
        send_json(res, 200,
                  {{"epoch", epoch},
                   {"server_time", now_iso()},
                   {"changes", changes},
                   {"next_cursor", sign_cursor(key, cur)},
                   {"has_more", more}});
    });

    s.Post("/v1/batch", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        // A revoked device's last changes are kept in quarantine for the coordinators, never applied.
        const auto auth = authenticate(db, req.get_header_value("Authorization"));
        if (auth.outcome == AuthResult::Outcome::device_revoked) {
            const json body = net::parse_json(req.body);
            long long kept = 0;
            if (body.is_object() && body.contains("mutations") && body["mutations"].is_array()) {
                const std::string client = body.value("client_id", ""), now = now_iso();
                const json problem = net::problem(403, "device-revoked", "This device's access was revoked");
                const std::string pr = problem.dump();
                for (const auto& m : body["mutations"]) {
                    if (kept >= static_cast<long long>(kMaxMutationsPerBatch)) break;
                    if (!m.is_object() || !m.contains("mutation_id") || !m["mutation_id"].is_string()) continue;
                    const std::string id = m["mutation_id"], payload = m.dump();
                    db.sql() << "INSERT INTO mutation_quarantine (mutation_id, client_id, user_id, payload, problem, "
                                "received_at) VALUES (:m, :c, :u, :p, :pr, :n) ON CONFLICT (mutation_id) DO NOTHING",
                        soci::use(id, "m"), soci::use(client, "c"), soci::use(auth.revoked_user_id, "u"),
                        soci::use(payload, "p"), soci::use(pr, "pr"), soci::use(now, "n");
                    ++kept;  // counted also when an earlier attempt already kept it
                }
            }
            // The answer says how many of the batch's mutations the quarantine holds, so that the device can
            // remove its local data knowing nothing it sent is lost.
            json problem = net::problem(403, "device-revoked", "This device's access was revoked",
                                        "Local register data on this device must be removed.");
            problem["quarantined"] = kept;
            send_json(res, 403, problem);
            return;
        }
        const auto p = require_principal(db, req, res);
        if (!p) return;
        const auto body = json_body(req, res);
        if (!body) return;
        core::Errors errors;
        net::JsonReader r(*body, errors);
        r.only({"client_id", "epoch", "schema_version", "mutations", "acked_through"});
        std::string client_id, epoch;
        r.text("client_id", client_id, true);
        r.text("epoch", epoch, true);
        long long acked_through = 0;
        if (const json* a = r.find("acked_through", false)) {
            if (a->is_number_integer() && a->get<long long>() >= 0)
                acked_through = a->get<long long>();
            else
                r.fail("acked_through", "out_of_range", "must be a whole number, 0 or more");
        }
        const json* muts = r.find("mutations", true);
        if (muts && !muts->is_array()) r.fail("mutations", "invalid_format", "must be a list");
        if (muts && muts->is_array() && muts->size() > kMaxMutationsPerBatch)
            r.fail("mutations", "too_long", "must hold at most " + std::to_string(kMaxMutationsPerBatch) + " mutations");
        std::vector<std::pair<Mutation, long long>> list;
        if (muts && muts->is_array())
            for (std::size_t i = 0; i < muts->size(); ++i) {
                net::JsonReader mr((*muts)[i], errors, "mutations[" + std::to_string(i) + "]");
                mr.only({"mutation_id", "client_seq", "type", "data", "recorded_at", "entity_id", "base_version"});
                Mutation m;
                int seq = 0;
                mr.text("mutation_id", m.mutation_id, true);
                mr.integer("client_seq", seq, true);
                mr.text("type", m.type, true);
                mr.text("recorded_at", m.recorded_at);
                if (const json* d = mr.find("data", true)) m.data = *d;
                if (!m.mutation_id.empty() && !core::is_uuid(m.mutation_id))
                    mr.fail("mutation_id", "invalid_format", "must be a UUID");
                if (seq < 1) mr.fail("client_seq", "out_of_range", "must be 1 or more");
                list.emplace_back(std::move(m), seq);
            }
        if (!errors.empty()) {
            send_json(res, 422, net::problem(422, "validation-failed", "The batch has invalid fields", {}, errors));
            return;
        }
        store::Transaction tx(db);
        lock_writers(db);
        std::string owner;
        long long last_seq = 0;
        db.sql() << "SELECT user_id, last_client_seq FROM sync_client WHERE client_id = :c", soci::use(client_id, "c"),
            soci::into(owner), soci::into(last_seq);
        if (!db.sql().got_data() || owner != p->user.id) {
            send_problem(res, 409, "client-not-registered", "This installation is not registered",
                         "Register with POST /v1/clients and send again.");
            return;
        }
        if (epoch != current_epoch(db)) {
            send_epoch_changed(res, kResendDetail);
            return;
        }
        // The installation remembers more acknowledged changes than the register: a restore without a new epoch.
        if (acked_through > last_seq) {
            start_new_epoch(db, epoch, "an installation has acknowledged changes the register lacks");
            tx.commit();
            send_epoch_changed(res, kResendDetail);
            return;
        }
        json results = json::array();
        const std::string now = now_iso();
        for (const auto& [m, seq] : list) {
            std::string stored, stored_user;
            soci::indicator user_ind = soci::i_null;
            db.sql() << "SELECT a.result, s.user_id FROM applied_mutation a "
                        "LEFT JOIN sync_client s ON s.client_id = a.client_id WHERE a.mutation_id = :m",
                soci::use(m.mutation_id, "m"), soci::into(stored), soci::into(stored_user, user_ind);
            const bool seen = db.sql().got_data();
            if (seen && (user_ind != soci::i_ok || stored_user != p->user.id)) {
                // Another user's mutation id: its result is theirs. This one is refused without applying anything.
                results.push_back({{"mutation_id", m.mutation_id},
                                   {"status", "rejected"},
                                   {"problem", net::problem(409, "duplicate-mutation-id", "This change id is taken",
                                                            "Mutation ids are unique; send this change with a new id.")}});
                last_seq = std::max(last_seq, seq);
                continue;
            }
            if (seen) {
                json prior = net::parse_json(stored);
                prior["status"] = prior.value("status", "applied") == "applied" ? "duplicate" : prior["status"];
                results.push_back(prior);
                last_seq = std::max(last_seq, seq);
                continue;
            }
            if (seq <= last_seq) {
                send_json(res, 409,
                          net::problem(409, "client-state-regressed", "This installation's history went back in time",
                                       "Mutation " + m.mutation_id + " has sequence " + std::to_string(seq) +
                                           " but the register has seen up to " + std::to_string(last_seq) +
                                           ". Register the installation again and resend."));
                return;  // nothing of this batch is committed
            }
            if (seq > last_seq + 1) {
                json prob = net::problem(409, "sequence-gap", "A change is missing before this one",
                                         "Expected sequence " + std::to_string(last_seq + 1) + ".");
                prob["expected_seq"] = last_seq + 1;
                send_json(res, 409, prob);
                return;
            }
            const auto result = execute(db, *p, m);
            json out = {{"mutation_id", m.mutation_id}, {"status", status_name(result.status)}};
            if (result.status == MutationResult::Status::applied)
                out["version"] = result.version;
            else
                out["problem"] = result.problem;
            if (result.status == MutationResult::Status::rejected) {
                const std::string payload = json({{"type", m.type}, {"data", m.data}}).dump(), problem = result.problem.dump();
                db.sql() << "INSERT INTO mutation_quarantine (mutation_id, client_id, user_id, payload, problem, "
                            "received_at) VALUES (:m, :c, :u, :p, :pr, :n)",
                    soci::use(m.mutation_id, "m"), soci::use(client_id, "c"), soci::use(p->user.id, "u"),
                    soci::use(payload, "p"), soci::use(problem, "pr"), soci::use(now, "n");
            }
            const std::string stored_result = out.dump(), status = status_name(result.status);
            const long long seq_ll = seq;
            db.sql() << "INSERT INTO applied_mutation (mutation_id, client_id, client_seq, type, status, result, "
                        "applied_at) VALUES (:m, :c, :s, :t, :st, :r, :n)",
                soci::use(m.mutation_id, "m"), soci::use(client_id, "c"), soci::use(seq_ll, "s"),
                soci::use(m.type, "t"), soci::use(status, "st"), soci::use(stored_result, "r"), soci::use(now, "n");
            last_seq = seq;
            results.push_back(out);
        }
        db.sql() << "UPDATE sync_client SET last_client_seq = :s, last_seen = :n WHERE client_id = :c",
            soci::use(last_seq, "s"), soci::use(now, "n"), soci::use(client_id, "c");
        tx.commit();
        send_json(res, 200, {{"results", results}, {"last_client_seq", last_seq}});
    });
}

}  // namespace kaiku::server
