#include "sync/review.hpp"

#include <optional>

#include "core/timestamp.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/outbox.hpp"

namespace kaiku::sync {

namespace {

using nlohmann::json;

json parse_object(const std::string& text) {
    json j = net::parse_json(text);
    return j.is_object() ? j : json::object();
}

// The fields a person compares: the payload's "set" when there is one (patches), else its top level.
json flat_fields(const json& payload) {
    if (payload.contains("set") && payload["set"].is_object()) return payload["set"];
    // Nested objects flatten one level the way patches name them: contact.name -> contact_name.
    json out = json::object();
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (it.value().is_object()) {
            for (auto inner = it.value().begin(); inner != it.value().end(); ++inner)
                if (!inner.value().is_structured()) out[it.key() + "_" + inner.key()] = inner.value();
        } else if (!it.value().is_array()) {
            out[it.key()] = it.value();
        }
    }
    return out;
}

std::string reason_of(const json& problem, std::vector<std::string>& fields) {
    std::string text = problem.value("detail", problem.value("title", std::string()));
    if (problem.contains("errors") && problem["errors"].is_array())
        for (const auto& e : problem["errors"]) {
            if (!e.is_object()) continue;
            const std::string field = e.value("field", std::string());
            if (!field.empty()) fields.push_back(field);
            const std::string msg = e.value("message", std::string());
            if (!msg.empty()) text += (text.empty() ? "" : "; ") + (field.empty() ? msg : field + ": " + msg);
        }
    return text;
}

RegisterProblem problem_of(const json& problem) {
    RegisterProblem p;
    const std::string type = problem.value("type", std::string());
    const std::string prefix = "/problems/";
    p.type = type.rfind(prefix, 0) == 0 ? type.substr(prefix.size()) : type;
    if (problem.contains("errors") && problem["errors"].is_array())
        for (const auto& e : problem["errors"])
            if (e.is_object())
                p.errors.push_back({e.value("field", std::string()), e.value("code", std::string()),
                                    e.value("message", std::string())});
    p.english = reason_of(problem, p.fields);
    return p;
}

std::optional<OutboxEntry> refused(store::Database& db, const std::string& mutation_id) {
    for (auto& e : Outbox(db).list("rejected"))
        if (e.mutation_id == mutation_id) return e;
    return std::nullopt;
}

LocalResult not_found(const char* field, const char* what) {
    LocalResult r;
    r.errors.push_back({field, "not_found", what});
    return r;
}

}  // namespace

std::vector<ReviewItem> list_review_items(store::Database& db) {
    std::vector<ReviewItem> out;
    soci::rowset<soci::row> open =
        (db.sql().prepare << "SELECT id, entity, entity_id, fields, server_json, client_json, created_at FROM "
                             "sync_conflict WHERE status = 'open' ORDER BY created_at");
    for (const auto& c : open) {
        ReviewItem item;
        item.kind = ReviewItem::Kind::conflict;
        item.id = c.get<std::string>(0);
        item.entity = c.get<std::string>(1);
        item.entity_id = c.get<std::string>(2);
        const std::string fields = c.get<std::string>(3);
        const json client = parse_object(c.get<std::string>(5));
        item.type = client.value("type", item.entity + ".patch");
        item.mine = flat_fields(client.contains("payload") ? client["payload"] : client);
        item.theirs = flat_fields(parse_object(c.get<std::string>(4)));
        for (std::size_t start = 0; start < fields.size();) {
            const auto comma = fields.find(',', start);
            item.fields.push_back(fields.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        item.when = c.get<std::string>(6);
        out.push_back(std::move(item));
    }
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT l.id, l.entity, l.entity_id, l.local_json, l.server_json, l.problem, "
                             "l.created_at, o.type FROM local_conflict l LEFT JOIN outbox o ON o.mutation_id = "
                             "l.mutation_id WHERE l.resolved_at IS NULL AND l.mutation_id NOT IN (SELECT mutation_id "
                             "FROM sync_conflict) ORDER BY l.created_at");
    for (const auto& row : rows) {
        ReviewItem item;
        item.kind = ReviewItem::Kind::returned;
        item.id = row.get<std::string>(0);
        item.entity = row.get<std::string>(1);
        item.entity_id = row.get<std::string>(2);
        item.mine = flat_fields(parse_object(row.get<std::string>(3)));
        item.theirs = row.get_indicator(4) == soci::i_ok ? flat_fields(parse_object(row.get<std::string>(4)))
                                                         : json::object();
        item.problem = problem_of(parse_object(row.get<std::string>(5)));
        item.reason = item.problem.english;
        item.fields = item.problem.fields;
        item.when = row.get<std::string>(6);
        item.type = row.get_indicator(7) == soci::i_ok ? row.get<std::string>(7) : item.entity;
        out.push_back(std::move(item));
    }
    for (const auto& e : Outbox(db).list("rejected")) {
        ReviewItem item;
        item.kind = ReviewItem::Kind::rejected;
        item.id = e.mutation_id;
        item.type = e.type;
        item.entity = e.entity;
        item.entity_id = e.entity_id;
        item.mine = flat_fields(e.payload);
        item.payload = e.payload;
        item.problem = problem_of(parse_object(e.last_error));
        item.reason = item.problem.english;
        item.fields = item.problem.fields;
        item.when = e.recorded_at;
        out.push_back(std::move(item));
    }
    return out;
}

RegisterProblem read_register_problem(const std::string& stored) {
    const json j = net::parse_json(stored);
    if (j.is_object()) return problem_of(j);
    RegisterProblem p;
    p.english = stored;
    return p;
}

json with_fields(json payload, const json& fields) {
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const std::string& k = it.key();
        if (payload.contains("set") && payload["set"].is_object()) {
            payload["set"][k] = it.value();
        } else if (payload.contains(k) || k.find('_') == std::string::npos) {
            payload[k] = it.value();
        } else {
            const auto cut = k.find('_');
            const std::string outer = k.substr(0, cut), inner = k.substr(cut + 1);
            if (payload.contains(outer) && payload[outer].is_object())
                payload[outer][inner] = it.value();
            else
                payload[k] = it.value();
        }
    }
    return payload;
}

LocalResult dismiss_returned(store::Database& db, const std::string& local_conflict_id) {
    long long n = 0;
    db.sql() << "SELECT COUNT(*) FROM local_conflict WHERE id = :i AND resolved_at IS NULL",
        soci::use(local_conflict_id, "i"), soci::into(n);
    if (n == 0) return not_found("conflict_id", "This conflict is not waiting for a decision any more.");
    const std::string at = core::now_iso();
    db.sql() << "UPDATE local_conflict SET resolved_at = :a, resolution = 'keep_theirs' WHERE id = :i",
        soci::use(at, "a"), soci::use(local_conflict_id, "i");
    LocalResult r;
    r.id = local_conflict_id;
    return r;
}

LocalResult discard_refused(store::Database& db, const std::string& mutation_id) {
    if (!refused(db, mutation_id)) return not_found("mutation_id", "This change is not waiting for a decision any more.");
    // The register has answered it already, so dropping the entry leaves no gap in what it expects next.
    db.sql() << "DELETE FROM outbox WHERE mutation_id = :m AND state = 'rejected'", soci::use(mutation_id, "m");
    LocalResult r;
    r.id = mutation_id;
    return r;
}

LocalResult resend_refused(store::Database& db, const std::string& mutation_id, const nlohmann::json& payload) {
    const auto entry = refused(db, mutation_id);
    if (!entry) return not_found("mutation_id", "This change is not waiting for a decision any more.");
    LocalResult r;
    if (!payload.is_object() || payload.empty()) {
        r.errors.push_back({"payload", "required", "Give the corrected values."});
        return r;
    }
    store::Transaction tx(db);
    r.mutation_id = Outbox(db).enqueue(entry->type, entry->entity, entry->entity_id, payload);
    db.sql() << "DELETE FROM outbox WHERE mutation_id = :m AND state = 'rejected'", soci::use(mutation_id, "m");
    tx.commit();
    r.id = entry->entity_id;
    return r;
}

}  // namespace kaiku::sync
