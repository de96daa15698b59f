#include "commands.hpp"

#include <sodium.h>

#include <cstdio>

#include "buckets.hpp"
#include "clock.hpp"
#include "command_registry.hpp"
#include "core/card_id.hpp"
#include "core/uuid.hpp"
#include "store/mapping.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

const HandlerMap& handlers() {
    static const HandlerMap h = [] {
        HandlerMap m;
        add_network_commands(m);
        add_card_commands(m);
        add_rule_commands(m);
        add_message_commands(m);
        add_account_commands(m);
        add_conflict_commands(m);
        return m;
    }();
    return h;
}

json problem_of(const Rejection& r) { return net::problem(r.http_status, r.slug, r.title, r.detail, r.errors); }

// Gives the mutation's changes their change-log positions, bucket entries and audit records.
long long finish(CommandContext& ctx) {
    auto& db = ctx.db;
    const long long n = static_cast<long long>(ctx.changes.size());
    if (n == 0) return 0;
    long long last = 0;
    db.sql() << "UPDATE sync_clock SET v = v + :n WHERE id = 1 RETURNING v", soci::use(n, "n"), soci::into(last);
    long long seq = last - n + 1;
    const std::string at = now_iso();
    for (const auto& c : ctx.changes) {
        db.sql() << "UPDATE " + c.entity + " SET version = :v WHERE " + key_column(c.entity) + " = :i",
            soci::use(seq, "v"), soci::use(c.id, "i");
        if (!c.fields.empty()) {
            // Per-field change positions: a later patch based on an older version can tell which fields moved.
            std::string text;
            db.sql() << "SELECT field_versions FROM " + c.entity + " WHERE id = :i", soci::use(c.id, "i"),
                soci::into(text);
            json fv = net::parse_json(text);
            if (!fv.is_object()) fv = json::object();
            for (const auto& f : c.fields) fv[f] = seq;
            const std::string out = fv.dump();
            db.sql() << "UPDATE " + c.entity + " SET field_versions = :f WHERE id = :i", soci::use(out, "f"),
                soci::use(c.id, "i");
        }
        const auto buckets = compute_buckets(db, c.entity, c.id);
        const auto left = update_row_buckets(db, c.entity, c.id, buckets);
        const std::string upsert = "upsert", removed = "delete";
        for (const auto& b : buckets)
            db.sql() << "INSERT INTO change_log (seq, bucket, entity, entity_id, op) VALUES (:s, :b, :e, :i, :o)",
                soci::use(seq, "s"), soci::use(b, "b"), soci::use(c.entity, "e"), soci::use(c.id, "i"),
                soci::use(upsert, "o");
        // A row that left a bucket is deleted for the clients that held it only through that bucket.
        for (const auto& b : left)
            db.sql() << "INSERT INTO change_log (seq, bucket, entity, entity_id, op) VALUES (:s, :b, :e, :i, :o)",
                soci::use(seq, "s"), soci::use(b, "b"), soci::use(c.entity, "e"), soci::use(c.id, "i"),
                soci::use(removed, "o");
        // The audit log is read by people: it never keeps a holder profile.
        json before_copy = c.before, after_copy = c.after;
        net::redact_holder(before_copy, c.entity);
        net::redact_holder(after_copy, c.entity);
        const std::string id = core::new_uuid(), before = before_copy.is_null() ? "" : before_copy.dump(),
                          after = after_copy.is_null() ? "" : after_copy.dump();
        soci::indicator bi = before.empty() ? soci::i_null : soci::i_ok, ai = after.empty() ? soci::i_null : soci::i_ok;
        db.sql() << "INSERT INTO audit_log (id, seq, at, user_id, device_id, action, entity, entity_id, area_id, "
                    "before_json, after_json) VALUES (:id, :s, :at, :u, :d, :a, :e, :ei, :ar, :b, :af)",
            soci::use(id, "id"), soci::use(seq, "s"), soci::use(at, "at"), soci::use(ctx.p.user.id, "u"),
            soci::use(ctx.p.device_id, "d"), soci::use(ctx.m.type, "a"), soci::use(c.entity, "e"),
            soci::use(c.id, "ei"), soci::use(c.area_id, "ar"), soci::use(before, bi, "b"), soci::use(after, ai, "af");
        ++seq;
    }
    return last;
}

}  // namespace

bool is_constraint_violation(const std::string& what) {
    return what.find("constraint failed") != std::string::npos ||  // SQLite
           (what.find("violates") != std::string::npos && what.find("constraint") != std::string::npos);  // PostgreSQL
}

std::string status_name(MutationResult::Status s) {
    switch (s) {
        case MutationResult::Status::applied: return "applied";
        case MutationResult::Status::duplicate: return "duplicate";
        case MutationResult::Status::conflict: return "conflict";
        case MutationResult::Status::rejected: return "rejected";
    }
    return "rejected";
}

const std::vector<std::string>& mutation_types() {
    static const std::vector<std::string> t = [] {
        std::vector<std::string> out;
        for (const auto& [name, _] : handlers()) out.push_back(name);
        return out;
    }();
    return t;
}

MutationResult execute(store::Database& db, const Principal& p, const Mutation& m) {
    MutationResult res;
    const auto it = handlers().find(m.type);
    if (it == handlers().end()) {
        res.http_status = 422;
        res.problem = net::problem(422, "unknown-mutation", "Unknown command",
                                   "'" + m.type + "' is not a command of this server.",
                                   {{"type", "invalid_value", "Field 'type' names no known command."}});
        return res;
    }
    if (!m.data.is_object()) {
        res.http_status = 422;
        res.problem = net::problem(422, "invalid-body", "Invalid command", "The command body must be a JSON object.",
                                   {{"data", "invalid_format", "Field 'data' must be a JSON object."}});
        return res;
    }
    CommandContext ctx(db, p, m);
    store::Transaction savepoint(db);
    try {
        it->second(ctx);
        res.version = finish(ctx);
        savepoint.commit();
        if (ctx.kept_conflict) {
            const auto& r = *ctx.kept_conflict;
            res.status = r.status;
            res.http_status = r.http_status;
            res.problem = problem_of(r);
            res.problem["current"] = r.current;
        } else {
            res.status = MutationResult::Status::applied;
            res.http_status = 200;
            res.entity = std::move(ctx.result);
        }
    } catch (const Rejection& r) {
        res.status = r.status;
        res.http_status = r.http_status;
        res.problem = problem_of(r);
        if (!r.current.is_null()) res.problem["current"] = r.current;
    } catch (const soci::soci_error& e) {
        // A stored row contradicts this mutation (an id used elsewhere, a vanished reference): that will not change
        // on a retry, so the mutation is rejected alone and the batch goes on. Other database errors stay 503.
        if (!is_constraint_violation(e.what())) throw;
        std::fprintf(stderr, "%s\n",
                     json({{"level", "warning"}, {"mutation", m.type}, {"constraint", e.what()}}).dump().c_str());
        res.status = MutationResult::Status::rejected;
        res.http_status = 409;
        res.problem = net::problem(409, "conflicts-with-stored-data", "The register cannot store this change",
                                   "It contradicts a stored record, for example an id already used for something else.");
    }
    return res;
}

void ensure_sync_meta(store::Database& db) {
    int n = 0;
    db.sql() << "SELECT COUNT(*) FROM sync_meta", soci::into(n);
    if (n == 0) {
        const std::string epoch = core::new_uuid();
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        const std::string key = hex;
        db.sql() << "INSERT INTO sync_meta (id, epoch, cursor_key, retention_floor) VALUES (1, :e, :k, 0)",
            soci::use(epoch, "e"), soci::use(key, "k");
    }
}

std::string current_epoch(store::Database& db) {
    std::string e;
    db.sql() << "SELECT epoch FROM sync_meta WHERE id = 1", soci::into(e);
    return e;
}

// --- context helpers

void CommandContext::record(const std::string& entity, const std::string& id, const std::string& area_id, json before,
                            json after, std::vector<std::string> fields) {
    changes.push_back({entity, id, m.type, area_id, std::move(before), std::move(after), std::move(fields)});
}

void CommandContext::store_conflict(const std::string& entity, const std::string& entity_id,
                                    const std::string& area_id, const std::string& fields, long long base_version,
                                    const json& server, const json& client, const std::string& detail) {
    core::Conflict k;
    k.id = core::new_uuid();
    k.area_id = area_id;
    k.entity = entity;
    k.entity_id = entity_id;
    k.mutation_id = m.mutation_id;
    k.base_version = base_version;
    k.fields = fields;
    k.server_json = server.dump();
    k.client_json = client.dump();
    k.created_by = p.user.id;
    k.created_at = now_iso();
    auto buf = store::make_buffer<core::Conflict>();
    store::Table<core::Conflict>::bind(buf, k);
    buf.execute(db.sql(), store::upsert_statement<core::Conflict>());
    record("sync_conflict", k.id, k.area_id, nullptr, net::to_json(k));
    keep_conflict(k.id, detail, server);
}

void CommandContext::invalid(const core::Errors& errors) const {
    Rejection r;
    r.http_status = 422;
    r.slug = "validation-failed";
    r.title = "The command has invalid fields";
    r.detail = core::to_string(errors);
    r.errors = errors;
    throw r;
}

void CommandContext::field_error(const std::string& field, const std::string& code, const std::string& message) const {
    invalid({{field, code, message}});
}

void CommandContext::forbidden(const std::string& detail) const {
    Rejection r;
    r.http_status = 403;
    r.slug = "forbidden";
    r.title = "Not allowed for your role or scope";
    r.detail = detail;
    throw r;
}

void CommandContext::conflict(const std::string& slug, const std::string& title, const std::string& detail,
                              json current) const {
    Rejection r;
    r.status = MutationResult::Status::conflict;
    r.http_status = 409;
    r.slug = slug;
    r.title = title;
    r.detail = detail;
    r.current = std::move(current);
    throw r;
}

void CommandContext::require_area(const std::string& area_id) const {
    if (!manages_area(area_id)) forbidden("Only the area's coordinators or the national service may do this.");
}

void CommandContext::require_site(const core::Site& s) const {
    if (!acts_for_site(s)) forbidden("You have no access to this site.");
}

core::Site CommandContext::site(const std::string& id, const std::string& field) {
    auto s = store::SiteRepository{db}.get(id);
    if (!s) field_error(field, "not_found", "Field '" + field + "' names no site known to the register.");
    return *s;
}

core::Area CommandContext::area(const std::string& id, const std::string& field) {
    auto a = store::AreaRepository{db}.get(id);
    if (!a) field_error(field, "not_found", "Field '" + field + "' names no area known to the register.");
    return *a;
}

core::Card CommandContext::card(const std::string& id, const std::string& field) {
    const auto parsed = core::parse_card_id(id, field);
    if (!parsed.id) invalid({*parsed.error});
    auto c = store::CardRepository{db}.get(parsed.id->str());
    // A card outside the principal's scope is answered like an unknown one: nothing leaks.
    const bool visible = c && (manages_area(c->area_id) || p.has_site(c->issuer_site_id) || p.venue_staff());
    if (!visible) field_error(field, "not_found", "Field '" + field + "': no registered card with this ID.");
    return *c;
}

}  // namespace kaiku::server
