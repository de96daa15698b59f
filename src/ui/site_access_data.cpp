#include "ui/site_access_data.hpp"

#include <algorithm>
#include <map>

#include <soci/soci.h>

#include "store/mapping.hpp"
#include "store/sql_util.hpp"
#include "sync/outbox.hpp"

namespace kaiku::ui {

namespace {

// Active and inactive staff accounts of the site's role whose own site is in the site's area.
std::vector<core::User> area_staff(store::Database& db, const core::Site& site) {
    const std::string role = site.role == core::SiteRole::issuer ? "issuer_staff" : "venue_staff";
    std::vector<core::User> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT u.id, u.login, u.display_name, u.role, u.scope_id, u.language, u.active "
                             "FROM app_user u JOIN site s ON s.id = u.scope_id "
                             "WHERE s.area_id = :a AND u.role = :r ORDER BY u.display_name, u.login",
         soci::use(site.area_id, "a"), soci::use(role, "r"));
    for (const auto& r : rows) out.push_back(store::Table<core::User>::read(store::RowReader(r)));
    return out;
}

}  // namespace

SiteAccess read_site_access(store::Database& db, const core::Site& site) {
    const auto staff = area_staff(db, site);

    // The latest grant change per user for this site, oldest entries first so later ones win.
    std::vector<sync::OutboxEntry> entries;
    sync::Outbox outbox{db};
    for (const char* state : {"acked", "inflight", "pending"}) {
        auto more = outbox.list(state);
        entries.insert(entries.end(), more.begin(), more.end());
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.client_seq < b.client_seq; });
    std::map<std::string, SiteAccessKind> changes;
    for (const auto& e : entries) {
        if (e.type != "grant.add" && e.type != "grant.remove") continue;
        if (e.payload.value("site_id", std::string()) != site.id) continue;
        const bool waiting = e.state != "acked";
        const std::string user = e.payload.value("user_id", std::string());
        if (e.type == "grant.add")
            changes[user] = waiting ? SiteAccessKind::grant_waiting : SiteAccessKind::granted;
        else if (waiting)
            changes[user] = SiteAccessKind::removal_waiting;
        else
            changes.erase(user);
    }

    SiteAccess out;
    for (const auto& u : staff) {
        if (u.scope_id == site.id) {
            out.users.push_back({u, SiteAccessKind::own_site});
        } else if (const auto it = changes.find(u.id); it != changes.end()) {
            out.users.push_back({u, it->second});
        } else if (u.active) {
            out.candidates.push_back(u);
        }
    }
    return out;
}

}  // namespace kaiku::ui
