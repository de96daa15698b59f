// What a command handler works with: the database, the principal, the mutation, and the changes it made.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "core/entities.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"

namespace kaiku::server {

// Thrown by handlers to end a mutation with a problem; the mutation's savepoint is rolled back.
struct Rejection {
    MutationResult::Status status = MutationResult::Status::rejected;
    int http_status = 422;
    std::string slug, title, detail;
    core::Errors errors;
    json current;  // for conflicts: the server's current representation
};

struct Change {
    std::string entity, id, action, area_id;
    json before, after;
    std::vector<std::string> fields;  // fields whose change position is tracked (sites)
};

class CommandContext {
public:
    CommandContext(store::Database& db, const Principal& p, const Mutation& m) : db(db), p(p), m(m) {}

    store::Database& db;
    const Principal& p;
    const Mutation& m;
    std::vector<Change> changes;
    json result;  // representation returned to the caller
    // Set by keep_conflict: the mutation ends as "conflict" but its records (the conflict itself) are kept.
    std::optional<Rejection> kept_conflict;

    // Parses the command body into an entity and validates it with the core; rejects with 422 on errors.
    template <class T>
    T parse(const json& body) {
        T value;
        auto errors = net::from_json(body, value);
        if (errors.empty()) errors = core::validate(value);
        if (!errors.empty()) invalid(errors);
        return value;
    }
    void record(const std::string& entity, const std::string& id, const std::string& area_id, json before, json after,
                std::vector<std::string> fields = {});

    [[noreturn]] void invalid(const core::Errors& errors) const;
    [[noreturn]] void field_error(const std::string& field, const std::string& code, const std::string& message) const;
    [[noreturn]] void forbidden(const std::string& detail) const;
    [[noreturn]] void conflict(const std::string& slug, const std::string& title, const std::string& detail,
                               json current = nullptr) const;

    // Stores a conflict for a person to decide (synced to the area) and ends the command as a conflict.
    void store_conflict(const std::string& entity, const std::string& entity_id, const std::string& area_id,
                        const std::string& fields, long long base_version, const json& server, const json& client,
                        const std::string& detail);

    // Ends the command as a conflict that is stored for a person to decide (nothing else is changed).
    void keep_conflict(const std::string& conflict_id, const std::string& detail, json current) {
        Rejection r;
        r.status = MutationResult::Status::conflict;
        r.http_status = 409;
        r.slug = "edit-conflict";
        r.title = "Someone else changed this meanwhile";
        r.detail = detail;
        r.current = std::move(current);
        r.current["conflict_id"] = conflict_id;
        kept_conflict = std::move(r);
    }

    // Scope checks.
    bool manages_area(const std::string& area_id) const {
        return p.national() || (p.coordinator() && p.area_id == area_id);
    }
    bool acts_for_site(const core::Site& s) const { return manages_area(s.area_id) || p.has_site(s.id); }
    void require_area(const std::string& area_id) const;
    void require_site(const core::Site& s) const;

    // Loads a referenced row or rejects naming the field (the same answer whether the row is missing or hidden).
    core::Site site(const std::string& id, const std::string& field);
    core::Area area(const std::string& id, const std::string& field);
    core::Card card(const std::string& id, const std::string& field);
};

}  // namespace kaiku::server
