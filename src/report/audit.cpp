#include "report/audit.hpp"

#include <algorithm>
#include <tuple>

#include "report/query.hpp"
#include "report/statistics.hpp"  // N_

namespace kaiku::report {

using detail::for_each_row;
using detail::in_list;
using detail::quote;

const char* finding_title(FindingKind k) {
    switch (k) {
        case FindingKind::no_contact_person: return N_("No contact person");
        case FindingKind::no_commitment: return N_("Commitment not acknowledged");
        case FindingKind::issuer_without_registrations: return N_("Issuer without registrations in the period");
        case FindingKind::venue_without_uses: return N_("Venue without uses in the period");
        case FindingKind::used_after_expiry: return N_("Use after the card expired");
        case FindingKind::more_children_than_registered: return N_("More children than registered on the card");
        case FindingKind::possible_double_use: return N_("Possible double use");
        case FindingKind::quota_exceeded: return N_("Card quota exceeded");
        case FindingKind::stale_site: return N_("No activity recently");
    }
    return "";
}

namespace {

core::Date date_or_zero(const store::RowReader& r, std::size_t i) { return r.date(i).value_or(core::Date{}); }

}  // namespace

// One set-based query per kind. Use findings look at uses in the period [from, to]; site findings at sites that
// have not left the network. "Stale" means no registration or use recorded for stale_days: the register does not
// know when a device last synchronised.
std::vector<Finding> audit_network(store::Database& db, const AuditOptions& o) {
    std::vector<Finding> out;
    const std::string from = quote(o.from.iso()), to = quote(o.to.iso());
    auto area_and = [&](const std::string& column) {
        return o.area_ids.empty() ? std::string() : " AND " + in_list(column, o.area_ids);
    };
    const std::string live_site = " s.status IN ('proposed', 'active', 'paused')" + area_and("s.area_id");

    auto site_finding = [&](FindingKind kind, const std::string& where) {
        for_each_row(db, "SELECT s.id, s.area_id, s.name FROM site s WHERE " + where + " ORDER BY s.area_id, s.name",
                     [&](const store::RowReader& r) {
                         out.push_back(Finding{kind, "site", r.text(0), r.text(1), r.text(2), {}, 0, 0});
                     });
    };
    site_finding(FindingKind::no_contact_person,
                 live_site + " AND (s.contact_name = '' OR (s.contact_email = '' AND s.contact_phone = ''))");
    site_finding(FindingKind::no_commitment, live_site + " AND s.commitment_on IS NULL");
    site_finding(FindingKind::issuer_without_registrations,
                 "s.status = 'active' AND s.role = 'issuer'" + area_and("s.area_id") +
                     " AND NOT EXISTS (SELECT 1 FROM card c WHERE c.issuer_site_id = s.id AND c.registered_on >= " +
                     from + " AND c.registered_on <= " + to + ")");
    site_finding(FindingKind::venue_without_uses,
                 "s.status = 'active' AND s.role = 'venue'" + area_and("s.area_id") +
                     " AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.venue_site_id = s.id AND u.used_on >= " + from +
                     " AND u.used_on <= " + to + " AND u.voided = 0)");

    const std::string uses_in_period = " u.voided = 0 AND u.used_on >= " + from + " AND u.used_on <= " + to +
                                       area_and("v.area_id");
    // Uses after expiry and uses with more children than registered, in one pass driven by the cards: each card's
    // uses in the period come from the covering index usage_card. CROSS JOIN keeps that order on SQLite (its
    // planner would otherwise read the period's uses by day and look each card up); elsewhere it is a plain join.
    {
        std::vector<Finding> expired, children;
        for_each_row(db,
                     "SELECT u.id, v.area_id, u.card_id, u.used_on, u.children, c.children,"
                     " CASE WHEN c.valid_until IS NOT NULL AND u.used_on > c.valid_until THEN 1 ELSE 0 END,"
                     " CASE WHEN c.kind = 'personal' AND u.children > c.children THEN 1 ELSE 0 END"
                     " FROM card c CROSS JOIN usage u JOIN site v ON v.id = u.venue_site_id WHERE u.card_id = c.id AND" +
                         uses_in_period +
                         " AND ((c.valid_until IS NOT NULL AND u.used_on > c.valid_until)"
                         " OR (c.kind = 'personal' AND u.children > c.children)) ORDER BY u.used_on, u.id",
                     [&](const store::RowReader& r) {
                         if (r.integer(6))
                             expired.push_back(Finding{FindingKind::used_after_expiry, "usage", r.text(0), r.text(1),
                                                       r.text(2), date_or_zero(r, 3), 0, 0});
                         if (r.integer(7))
                             children.push_back(Finding{FindingKind::more_children_than_registered, "usage",
                                                        r.text(0), r.text(1), r.text(2), date_or_zero(r, 3),
                                                        r.integer(4), r.integer(5)});
                     });
        out.insert(out.end(), expired.begin(), expired.end());
        out.insert(out.end(), children.begin(), children.end());
    }
    // Same card, venue, event and day more than once: links to the first of them. The cards used twice on a day
    // come first from the covering index usage_card (a few per cent of the uses); only their uses are read.
    for_each_row(db,
                 // COALESCE on the NOT NULL day keeps SQLite from reading the period's uses by day (usage_stats) and
                 // sorting them: the groups stream in the order of usage_card. PostgreSQL plans it as usual.
                 "SELECT MIN(u.id), v.area_id, u.card_id, u.used_on, COUNT(*) FROM (SELECT d.card_id AS card_id,"
                 " d.used_on AS used_on FROM usage d WHERE d.voided = 0 AND COALESCE(d.used_on, '') >= " + from +
                     " AND COALESCE(d.used_on, '') <= " + to +
                     " GROUP BY d.card_id, d.used_on HAVING COUNT(*) > 1) twice"
                     " JOIN usage u ON u.card_id = twice.card_id AND u.used_on = twice.used_on"
                     " JOIN site v ON v.id = u.venue_site_id WHERE" +
                     uses_in_period +
                     " GROUP BY u.card_id, u.venue_site_id, u.event, u.used_on, v.area_id HAVING COUNT(*) > 1"
                     " ORDER BY u.used_on, u.card_id",
                 [&](const store::RowReader& r) {
                     out.push_back(Finding{FindingKind::possible_double_use, "usage", r.text(0), r.text(1), r.text(2),
                                           date_or_zero(r, 3), r.integer(4), 1});
                 });
    // Cards registered by the site in the quota period against the quota plus its adjustments.
    for_each_row(db,
                 "SELECT id, area_id, name, period_end, n, lim FROM ("
                 " SELECT q.id AS id, s.area_id AS area_id, s.name AS name, q.period_end AS period_end,"
                 " (SELECT COUNT(*) FROM card c WHERE c.issuer_site_id = q.site_id"
                 "  AND c.registered_on >= q.period_start AND c.registered_on <= q.period_end) AS n,"
                 " q.cards + COALESCE((SELECT SUM(a.delta) FROM quota_adjustment a WHERE a.quota_id = q.id), 0) AS lim"
                 " FROM quota q JOIN site s ON s.id = q.site_id WHERE 1 = 1" +
                     area_and("s.area_id") + ") x WHERE n > lim ORDER BY area_id, name, period_end",
                 [&](const store::RowReader& r) {
                     out.push_back(Finding{FindingKind::quota_exceeded, "quota", r.text(0), r.text(1), r.text(2),
                                           date_or_zero(r, 3), r.integer(4), r.integer(5)});
                 });
    // Last registration (issuers) or use (venues); a site with neither counts from the day it joined.
    const core::Date cutoff = o.today.plus_days(-o.stale_days);
    for_each_row(db,
                 // One index probe per site and kind (card_issuer, usage_venue) instead of grouping every card and use.
                 "SELECT s.id, s.area_id, s.name,"
                 " (SELECT MAX(c.registered_on) FROM card c WHERE c.issuer_site_id = s.id),"
                 " (SELECT u.used_on FROM usage u WHERE u.venue_site_id = s.id AND u.voided = 0"
                 "  ORDER BY u.used_on DESC LIMIT 1),"
                 " s.joined_on FROM site s"
                 " WHERE s.status = 'active'" +
                     area_and("s.area_id") + " ORDER BY s.area_id, s.name",
                 [&](const store::RowReader& r) {
                     std::optional<core::Date> last = r.date(3);
                     if (const auto u = r.date(4); u && (!last || *u > *last)) last = u;
                     const auto since = last ? last : r.date(5);
                     if (since && *since >= cutoff) return;
                     out.push_back(Finding{FindingKind::stale_site, "site", r.text(0), r.text(1), r.text(2),
                                           since.value_or(core::Date{}), o.stale_days, 0});
                 });
    return out;
}

}  // namespace kaiku::report
