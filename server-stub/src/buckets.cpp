#include "buckets.hpp"

#include <algorithm>
#include <map>

namespace kaiku::server {

namespace {

struct Branch {
    std::string select;  // "SELECT <id> AS id, <bucket> AS bucket FROM ... WHERE <cond>"
    std::string id_expr;  // the id column in this branch, for single-row filtering
};

const std::map<std::string, std::vector<Branch>>& queries() {
    static const std::map<std::string, std::vector<Branch>> q = {
        {"area", {{"SELECT a.id AS id, 'global' AS bucket FROM area a WHERE 1=1", "a.id"}}},
        {"organisation", {{"SELECT o.id AS id, 'global' AS bucket FROM organisation o WHERE 1=1", "o.id"}}},
        {"site", {{"SELECT s.id AS id, 'global' AS bucket FROM site s WHERE 1=1", "s.id"}}},
        {"venue_profile", {{"SELECT v.site_id AS id, 'global' AS bucket FROM venue_profile v WHERE 1=1", "v.site_id"}}},
        {"rule", {{"SELECT r.id AS id, 'global' AS bucket FROM rule r WHERE 1=1", "r.id"}}},
        {"card_batch", {{"SELECT b.id AS id, 'area:' || b.area_id AS bucket FROM card_batch b WHERE 1=1", "b.id"}}},
        {"allocation",
         {{"SELECT a.id AS id, 'area:' || b.area_id AS bucket FROM allocation a JOIN card_batch b ON b.id = a.batch_id "
           "WHERE 1=1",
           "a.id"},
          {"SELECT a.id AS id, 'site:' || a.site_id AS bucket FROM allocation a WHERE 1=1", "a.id"}}},
        {"card",
         {{"SELECT c.id AS id, 'area:' || c.area_id AS bucket FROM card c WHERE 1=1", "c.id"},
          {"SELECT c.id AS id, 'site:' || c.issuer_site_id AS bucket FROM card c WHERE c.issuer_site_id IS NOT NULL",
           "c.id"}}},
        {"usage",
         {{"SELECT u.id AS id, 'area:' || c.area_id AS bucket FROM usage u JOIN card c ON c.id = u.card_id WHERE 1=1",
           "u.id"},
          {"SELECT u.id AS id, 'area:' || s.area_id AS bucket FROM usage u JOIN site s ON s.id = u.venue_site_id "
           "WHERE 1=1",
           "u.id"},
          {"SELECT u.id AS id, 'site:' || c.issuer_site_id AS bucket FROM usage u JOIN card c ON c.id = u.card_id "
           "WHERE c.issuer_site_id IS NOT NULL",
           "u.id"},
          {"SELECT u.id AS id, 'site:' || u.venue_site_id AS bucket FROM usage u WHERE 1=1", "u.id"}}},
        {"quota",
         {{"SELECT q.id AS id, 'area:' || s.area_id AS bucket FROM quota q JOIN site s ON s.id = q.site_id WHERE 1=1",
           "q.id"},
          {"SELECT q.id AS id, 'site:' || q.site_id AS bucket FROM quota q WHERE 1=1", "q.id"}}},
        {"quota_adjustment",
         {{"SELECT a.id AS id, 'area:' || s.area_id AS bucket FROM quota_adjustment a JOIN quota q ON q.id = a.quota_id "
           "JOIN site s ON s.id = q.site_id WHERE 1=1",
           "a.id"},
          {"SELECT a.id AS id, 'site:' || q.site_id AS bucket FROM quota_adjustment a JOIN quota q ON q.id = a.quota_id "
           "WHERE 1=1",
           "a.id"}}},
        {"message",
         {{"SELECT m.id AS id, 'global' AS bucket FROM message m WHERE m.recipient_kind = 'network'", "m.id"},
          {"SELECT m.id AS id, 'site:' || m.recipient_id AS bucket FROM message m WHERE m.recipient_kind = 'site'",
           "m.id"},
          {"SELECT m.id AS id, 'area:' || s.area_id AS bucket FROM message m JOIN site s ON s.id = m.recipient_id "
           "WHERE m.recipient_kind = 'site'",
           "m.id"},
          {"SELECT m.id AS id, 'site:' || m.sender_site_id AS bucket FROM message m WHERE m.sender_site_id <> ''",
           "m.id"},
          {"SELECT m.id AS id, 'area:' || m.recipient_id AS bucket FROM message m "
           "WHERE m.recipient_kind IN ('area_issuers', 'area_venues', 'area_all')",
           "m.id"},
          // Notices to a person reach them where they work: a coordinator's area, a staff member's site.
          {"SELECT m.id AS id, 'area:' || u.scope_id AS bucket FROM message m JOIN app_user u ON u.id = m.recipient_id "
           "WHERE m.recipient_kind = 'user' AND u.role IN ('coordinator_culture', 'coordinator_sote')",
           "m.id"},
          {"SELECT m.id AS id, 'site:' || u.scope_id AS bucket FROM message m JOIN app_user u ON u.id = m.recipient_id "
           "WHERE m.recipient_kind = 'user' AND u.role IN ('issuer_staff', 'venue_staff')",
           "m.id"},
          {"SELECT m.id AS id, 'site:' || s.id AS bucket FROM message m JOIN site s ON s.area_id = m.recipient_id "
           "WHERE (m.recipient_kind = 'area_all' OR (m.recipient_kind = 'area_issuers' AND s.role = 'issuer') "
           "OR (m.recipient_kind = 'area_venues' AND s.role = 'venue'))",
           "m.id"}}},
        {"group_visit",
         {{"SELECT g.id AS id, 'area:' || s.area_id AS bucket FROM group_visit g JOIN site s ON s.id = g.organiser_site_id "
           "WHERE 1=1",
           "g.id"},
          {"SELECT g.id AS id, 'site:' || g.venue_site_id AS bucket FROM group_visit g WHERE 1=1", "g.id"},
          {"SELECT g.id AS id, 'site:' || i.id AS bucket FROM group_visit g JOIN site o ON o.id = g.organiser_site_id "
           "JOIN site i ON i.area_id = o.area_id AND i.role = 'issuer' WHERE 1=1",
           "g.id"}}},
        {"group_signup",
         {{"SELECT x.id AS id, 'area:' || s.area_id AS bucket FROM group_signup x JOIN group_visit g ON g.id = x.visit_id "
           "JOIN site s ON s.id = g.organiser_site_id WHERE 1=1",
           "x.id"},
          {"SELECT x.id AS id, 'site:' || g.venue_site_id AS bucket FROM group_signup x "
           "JOIN group_visit g ON g.id = x.visit_id WHERE 1=1",
           "x.id"},
          {"SELECT x.id AS id, 'site:' || i.id AS bucket FROM group_signup x JOIN group_visit g ON g.id = x.visit_id "
           "JOIN site o ON o.id = g.organiser_site_id JOIN site i ON i.area_id = o.area_id AND i.role = 'issuer' "
           "WHERE 1=1",
           "x.id"}}},
        {"sync_conflict", {{"SELECT x.id AS id, 'area:' || x.area_id AS bucket FROM sync_conflict x WHERE 1=1", "x.id"}}},
        {"app_user",
         {{"SELECT u.id AS id, 'area:' || u.scope_id AS bucket FROM app_user u "
           "WHERE u.role IN ('coordinator_culture', 'coordinator_sote')",
           "u.id"},
          {"SELECT u.id AS id, 'area:' || s.area_id AS bucket FROM app_user u JOIN site s ON s.id = u.scope_id "
           "WHERE u.role IN ('issuer_staff', 'venue_staff')",
           "u.id"},
          {"SELECT u.id AS id, 'site:' || u.scope_id AS bucket FROM app_user u "
           "WHERE u.role IN ('issuer_staff', 'venue_staff')",
           "u.id"}}},
    };
    return q;
}

}  // namespace

const std::vector<std::string>& bucketed_entities() {
    static const std::vector<std::string> e = [] {
        std::vector<std::string> out;
        for (const auto& [name, _] : queries()) out.push_back(name);
        return out;
    }();
    return e;
}

std::string key_column(const std::string& entity) { return entity == "venue_profile" ? "site_id" : "id"; }

std::vector<std::string> compute_buckets(store::Database& db, const std::string& entity, const std::string& id) {
    std::vector<std::string> out;
    const auto it = queries().find(entity);
    if (it == queries().end()) return out;
    for (const auto& b : it->second) {
        soci::rowset<soci::row> rs = (db.sql().prepare << b.select + " AND " + b.id_expr + " = :id", soci::use(id, "id"));
        for (const auto& r : rs) out.push_back(r.get<std::string>(1));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> update_row_buckets(store::Database& db, const std::string& entity, const std::string& id,
                                            const std::vector<std::string>& buckets) {
    std::vector<std::string> old;
    {
        soci::rowset<std::string> rs =
            (db.sql().prepare << "SELECT bucket FROM row_bucket WHERE entity = :e AND entity_id = :i",
             soci::use(entity, "e"), soci::use(id, "i"));
        for (const auto& b : rs) old.push_back(b);
    }
    std::vector<std::string> left;
    for (const auto& b : old)
        if (std::find(buckets.begin(), buckets.end(), b) == buckets.end()) {
            left.push_back(b);
            db.sql() << "DELETE FROM row_bucket WHERE entity = :e AND entity_id = :i AND bucket = :b",
                soci::use(entity, "e"), soci::use(id, "i"), soci::use(b, "b");
        }
    for (const auto& b : buckets)
        if (std::find(old.begin(), old.end(), b) == old.end())
            db.sql() << "INSERT INTO row_bucket (entity, entity_id, bucket) VALUES (:e, :i, :b)", soci::use(entity, "e"),
                soci::use(id, "i"), soci::use(b, "b");
    return left;
}

void rebuild_row_buckets(store::Database& db) {
    store::Transaction tx(db);
    db.sql() << "DELETE FROM row_bucket";
    for (const auto& [entity, branches] : queries())
        for (const auto& b : branches)
            db.sql() << "INSERT INTO row_bucket (entity, entity_id, bucket) SELECT '" + entity +
                            "', q.id, q.bucket FROM (" + b.select + ") q WHERE true ON CONFLICT DO NOTHING";
    tx.commit();
}

std::string bucket_condition(const std::string& entity, const std::string& key_expr, std::size_t bucket_count) {
    std::string in;
    for (std::size_t i = 0; i < bucket_count; ++i) in += (i ? ", :b" : ":b") + std::to_string(i);
    if (in.empty()) return "1=0";
    return key_expr + " IN (SELECT rb.entity_id FROM row_bucket rb WHERE rb.entity = '" + entity +
           "' AND rb.bucket IN (" + in + "))";
}

}  // namespace kaiku::server
