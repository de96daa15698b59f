#include "sync/local_change.hpp"

#include "net/dto.hpp"
#include "store/mapping.hpp"
#include "store/repositories.hpp"

namespace kaiku::sync {

namespace {

template <class T>
struct Tag {
    using type = T;
};

// Calls f(Tag<T>) for the entity type stored in `table`; false for tables that are not synced entities.
template <class F>
bool with_entity(const std::string& table, F&& f) {
    // clang-format off
    if (table == "area") f(Tag<core::Area>{});
    else if (table == "organisation") f(Tag<core::Organisation>{});
    else if (table == "site") f(Tag<core::Site>{});
    else if (table == "venue_profile") f(Tag<core::VenueProfile>{});
    else if (table == "card_batch") f(Tag<core::CardBatch>{});
    else if (table == "allocation") f(Tag<core::Allocation>{});
    else if (table == "card") f(Tag<core::Card>{});
    else if (table == "usage") f(Tag<core::Usage>{});
    else if (table == "rule") f(Tag<core::Rule>{});
    else if (table == "quota") f(Tag<core::Quota>{});
    else if (table == "quota_adjustment") f(Tag<core::QuotaAdjustment>{});
    else if (table == "message") f(Tag<core::Message>{});
    else if (table == "group_visit") f(Tag<core::GroupVisit>{});
    else if (table == "group_signup") f(Tag<core::GroupSignup>{});
    else if (table == "app_user") f(Tag<core::User>{});
    else if (table == "sync_conflict") f(Tag<core::Conflict>{});
    else return false;
    // clang-format on
    return true;
}

std::string key_column(const std::string& table) {
    return table == "venue_profile" ? "site_id" : "id";
}

// The row's current values as JSON (wire form), or nothing when the cache has no such row.
std::optional<std::string> row_json(store::Database& db, const std::string& table, const std::string& id) {
    std::optional<std::string> out;
    with_entity(table, [&](auto tag) {
        using T = typename decltype(tag)::type;
        if constexpr (std::is_same_v<T, core::Area>) {
            if (auto a = store::AreaRepository{db}.get(id)) out = net::to_json(*a).dump();
        } else {
            soci::rowset<soci::row> rs =
                (db.sql().prepare << store::select_sql<T>() + " WHERE " + store::Table<T>::key + " = :p",
                 soci::use(id, "p"));
            for (const auto& row : rs) out = net::to_json(store::Table<T>::read(store::RowReader(row))).dump();
        }
    });
    return out;
}

void write_row(store::Database& db, const std::string& table, const std::string& text) {
    with_entity(table, [&](auto tag) {
        using T = typename decltype(tag)::type;
        T value;
        const json j = net::parse_json(text);
        if (j.is_discarded() || !net::from_json(j, value).empty()) return;  // unreadable: leave the row as it is
        if constexpr (std::is_same_v<T, core::Area>) {
            store::AreaRepository{db}.upsert(value);
        } else {
            auto buf = store::make_buffer<T>();
            store::Table<T>::bind(buf, value);
            buf.execute(db.sql(), store::upsert_statement<T>());
        }
    });
}

// The row's server version: nullopt when the register never confirmed it; `exists` tells whether it is there.
std::optional<long long> server_version(store::Database& db, const std::string& table, const std::string& id,
                                        bool* exists = nullptr) {
    long long v = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT server_version FROM " + table + " WHERE " + key_column(table) + " = :i", soci::use(id, "i"),
        soci::into(v, ind);
    if (exists) *exists = db.sql().got_data();
    if (!db.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return v;
}

void delete_unconfirmed(store::Database& db, const std::string& table, const std::string& id) {
    db.sql() << "DELETE FROM " + table + " WHERE " + key_column(table) + " = :i AND server_version IS NULL",
        soci::use(id, "i");
}

}  // namespace

void LocalRows::created(const std::string& entity, const std::string& id) {
    rows_.push_back({entity, id, {}, {}});
}

void LocalRows::changing(const std::string& entity, const std::string& id) {
    for (const auto& r : rows_)
        if (r.entity == entity && r.id == id) return;  // the first values count
    Row r{entity, id, row_json(db_, entity, id), {}};
    if (r.before) r.before_version = server_version(db_, entity, id);
    rows_.push_back(std::move(r));
}

LocalResult commit_local(store::Database& db, const QueuedCommand& command,
                         const std::function<void(LocalRows&)>& apply) {
    LocalResult r;
    store::Transaction tx(db);
    LocalRows rows(db);
    if (apply) apply(rows);
    r.mutation_id = Outbox(db).enqueue(command.type, command.entity, command.entity_id, command.payload);
    for (const auto& row : rows.rows()) {
        const std::string before = row.before.value_or("");
        const long long version = row.before_version.value_or(0);
        soci::indicator bi = row.before ? soci::i_ok : soci::i_null;
        soci::indicator vi = row.before_version ? soci::i_ok : soci::i_null;
        db.sql() << "INSERT INTO outbox_row (mutation_id, entity, entity_id, before_json, before_version) "
                    "VALUES (:m, :e, :i, :b, :v) ON CONFLICT DO NOTHING",
            soci::use(r.mutation_id, "m"), soci::use(row.entity, "e"), soci::use(row.id, "i"),
            soci::use(before, bi, "b"), soci::use(version, vi, "v");
    }
    tx.commit();
    r.id = command.entity_id;
    return r;
}

void undo_local_change(store::Database& db, const std::string& mutation_id) {
    long long seq = 0;
    std::string entity, entity_id;
    db.sql() << "SELECT client_seq, entity, entity_id FROM outbox WHERE mutation_id = :m", soci::use(mutation_id, "m"),
        soci::into(seq), soci::into(entity), soci::into(entity_id);
    if (!db.sql().got_data()) return;
    std::vector<LocalRows::Row> rows;
    {
        soci::rowset<soci::row> rs =
            (db.sql().prepare << "SELECT entity, entity_id, before_json, before_version FROM outbox_row "
                                 "WHERE mutation_id = :m",
             soci::use(mutation_id, "m"));
        for (const auto& row : rs) {
            store::RowReader rr(row);
            LocalRows::Row r{rr.text(0), rr.text(1), {}, {}};
            if (row.get_indicator(2) == soci::i_ok) r.before = rr.text(2);
            if (row.get_indicator(3) == soci::i_ok) r.before_version = rr.integer(3);
            rows.push_back(std::move(r));
        }
    }
    if (rows.empty()) {
        // Written before rows were recorded: only the outbox entry's own row, when it was never confirmed.
        if (with_entity(entity, [](auto) {})) delete_unconfirmed(db, entity, entity_id);
        return;
    }
    for (const auto& r : rows) {
        if (r.entity == "message_read") {  // read receipts live in this cache only
            db.sql() << "DELETE FROM message_read WHERE message_id = :i", soci::use(r.id, "i");
            continue;
        }
        if (!with_entity(r.entity, [](auto) {})) continue;
        if (!r.before) {
            delete_unconfirmed(db, r.entity, r.id);
            continue;
        }
        std::string next;
        db.sql() << "SELECT r.mutation_id FROM outbox_row r JOIN outbox o ON o.mutation_id = r.mutation_id "
                    "WHERE r.entity = :e AND r.entity_id = :i AND o.client_seq > :s AND o.state IN ('pending', "
                    "'inflight') ORDER BY o.client_seq LIMIT 1",
            soci::use(r.entity, "e"), soci::use(r.id, "i"), soci::use(seq, "s"), soci::into(next);
        if (db.sql().got_data()) {
            const long long version = r.before_version.value_or(0);
            soci::indicator vi = r.before_version ? soci::i_ok : soci::i_null;
            db.sql() << "UPDATE outbox_row SET before_json = :b, before_version = :v "
                        "WHERE mutation_id = :m AND entity = :e AND entity_id = :i",
                soci::use(*r.before, "b"), soci::use(version, vi, "v"), soci::use(next, "m"), soci::use(r.entity, "e"),
                soci::use(r.id, "i");
            continue;
        }
        bool exists = false;
        const auto now = server_version(db, r.entity, r.id, &exists);
        if (exists && now == r.before_version) write_row(db, r.entity, *r.before);
    }
}

std::string signed_in_user(store::Database& db) {
    return store::StateRepository{db}.get("user_id").value_or("");
}
std::string signed_in_role(store::Database& db) {
    return store::StateRepository{db}.get("user_role").value_or("");
}

bool may_manage_area(store::Database& db, const std::string& area_id) {
    const std::string role = signed_in_role(db);
    if (role.empty() || role == "national_service") return true;
    if (role != "coordinator_culture" && role != "coordinator_sote") return false;
    const auto me = store::UserRepository{db}.get(signed_in_user(db));
    return !me || me->scope_id == area_id;
}

core::FieldError not_area_manager(const std::string& field) {
    return {field, "not_allowed", "Only the area's coordinators or the national service may do this."};
}

}  // namespace kaiku::sync
