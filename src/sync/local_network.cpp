// Local commands on the network: areas, organisations, sites (onboarding), venue profiles, site access and
// staff accounts.
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"
#include "sync/local_commands.hpp"
#include "sync/local_secret.hpp"

namespace kaiku::sync {

namespace {

// Writes one row of an upsert command: created when the cache has none with this key, changed otherwise.
template <class T, class Write>
LocalResult upsert_row(store::Database& db, const char* type, const char* entity, const std::string& key, bool exists,
                       const T& value, Write write) {
    return commit_local(db, {type, entity, key, net::to_json(value)}, [&](LocalRows& rows) {
        if (exists)
            rows.changing(entity, key);
        else
            rows.created(entity, key);
        write();
    });
}

bool is_staff_role(core::Role r) {
    return r == core::Role::issuer_staff || r == core::Role::venue_staff;
}

core::SiteRole site_role_for(core::Role r) {
    return r == core::Role::issuer_staff ? core::SiteRole::issuer : core::SiteRole::venue;
}

}  // namespace

LocalResult upsert_area(store::Database& db, core::Area area) {
    if (area.id.empty()) area.id = core::new_uuid();
    const std::string role = signed_in_role(db);
    if (!role.empty() && role != "national_service")
        return refused({{"id", "not_allowed", "Only the national service manages areas."}});
    auto errors = core::validate(area);
    if (!errors.empty()) return refused(errors);
    store::AreaRepository areas{db};
    for (const auto& other : areas.list())
        if (other.id != area.id && other.prefix == area.prefix)
            return refused({{"prefix", "conflict", "Area " + other.name_fi + " has the prefix " + area.prefix + "."}});
    const bool exists = areas.get(area.id).has_value();
    return upsert_row(db, "area.upsert", "area", area.id, exists, area, [&] { areas.upsert(area); });
}

LocalResult upsert_organisation(store::Database& db, core::Organisation organisation) {
    if (organisation.id.empty()) organisation.id = core::new_uuid();
    auto errors = core::validate(organisation);
    if (!errors.empty()) return refused(errors);
    if (!store::AreaRepository{db}.get(organisation.area_id)) return refused({unknown("area_id", "area")});
    if (!may_manage_area(db, organisation.area_id)) return refused({not_area_manager("area_id")});
    store::OrganisationRepository orgs{db};
    const auto before = orgs.get(organisation.id);
    if (before && before->area_id != organisation.area_id && !may_manage_area(db, before->area_id))
        return refused({not_area_manager("area_id")});
    return upsert_row(db, "organisation.upsert", "organisation", organisation.id, before.has_value(), organisation,
                      [&] { orgs.upsert(organisation); });
}

LocalResult upsert_site(store::Database& db, core::Site site) {
    if (site.id.empty()) site.id = core::new_uuid();
    auto errors = core::validate(site);
    if (!errors.empty()) return refused(errors);
    if (!store::AreaRepository{db}.get(site.area_id)) return refused({unknown("area_id", "area")});
    if (!may_manage_area(db, site.area_id)) return refused({not_area_manager("area_id")});
    const auto org = store::OrganisationRepository{db}.get(site.organisation_id);
    if (!org) return refused({unknown("organisation_id", "organisation")});
    if (org->area_id != site.area_id)
        return refused(
            {{"organisation_id", "invalid_value", "The organisation belongs to another area than the site."}});
    store::SiteRepository sites{db};
    const auto before = sites.get(site.id);
    if (before) {
        if (!may_manage_area(db, before->area_id)) return refused({not_area_manager("area_id")});
        if (before->role != site.role)
            return refused({{"role", "not_allowed", "A site's role cannot change; add a new site instead."}});
    }
    return upsert_row(db, "site.upsert", "site", site.id, before.has_value(), site, [&] { sites.upsert(site); });
}

LocalResult upsert_venue_profile(store::Database& db, const core::VenueProfile& profile) {
    auto errors = core::validate(profile);
    if (!errors.empty()) return refused(errors);
    const auto site = store::SiteRepository{db}.get(profile.site_id);
    if (!site) return refused({unknown("site_id", "site")});
    if (site->role != core::SiteRole::venue)
        return refused({{"site_id", "invalid_value", "Venue profiles belong to venue sites only."}});
    // Venue staff act for their own venue (their grants are not in this cache: the register decides).
    const std::string role = signed_in_role(db);
    if (role == "issuer_staff" || (role != "venue_staff" && !may_manage_area(db, site->area_id)))
        return refused({{"site_id", "not_allowed", "You have no access to this site."}});
    store::VenueProfileRepository profiles{db};
    const bool exists = profiles.get(profile.site_id).has_value();
    return upsert_row(db, "venue_profile.upsert", "venue_profile", profile.site_id, exists, profile,
                      [&] { profiles.upsert(profile); });
}

namespace {

LocalResult change_grant(store::Database& db, const std::string& user_id, const std::string& site_id, bool add) {
    core::Errors errors;
    if (core::trimmed(user_id).empty()) errors.push_back({"user_id", "required", "Choose the staff account."});
    if (core::trimmed(site_id).empty()) errors.push_back({"site_id", "required", "Choose the site."});
    if (!errors.empty()) return refused(errors);
    const auto site = store::SiteRepository{db}.get(site_id);
    if (!site) return refused({unknown("site_id", "site")});
    if (!may_manage_area(db, site->area_id)) return refused({not_area_manager("site_id")});
    // Accounts of the area are in the cache of its coordinators; otherwise the register checks them.
    if (const auto user = store::UserRepository{db}.get(user_id)) {
        if (!is_staff_role(user->role))
            return refused({{"user_id", "invalid_value", "Site access is granted to site staff accounts."}});
        if (site->role != site_role_for(user->role))
            return refused({{"site_id", "invalid_value", "The site's role does not match the user's role."}});
        if (!add && user->scope_id == site_id)
            return refused({{"site_id", "not_allowed", "This is the user's own site; deactivate the user instead."}});
    }
    // The cache holds no grants: nothing changes locally, the register's answer tells the outcome.
    return commit_local(
        db, {add ? "grant.add" : "grant.remove", "site_grant", user_id, {{"user_id", user_id}, {"site_id", site_id}}},
        {});
}

}  // namespace

LocalResult add_grant(store::Database& db, const std::string& user_id, const std::string& site_id) {
    return change_grant(db, user_id, site_id, true);
}

LocalResult remove_grant(store::Database& db, const std::string& user_id, const std::string& site_id) {
    return change_grant(db, user_id, site_id, false);
}

LocalResult create_user(store::Database& db, core::User user, const std::string& password) {
    if (user.id.empty()) user.id = core::new_uuid();
    auto errors = core::validate(user);
    if (password.size() < 10 || password.size() > 200)
        errors.push_back({"password", "out_of_range", "The password must be 10 to 200 characters long."});
    if (!errors.empty()) return refused(errors);
    // The area of the account's scope, checking the scope exists in this cache.
    std::string area;
    if (user.role == core::Role::coordinator_culture || user.role == core::Role::coordinator_sote) {
        if (!store::AreaRepository{db}.get(user.scope_id)) return refused({unknown("scope_id", "area")});
        area = user.scope_id;
    } else if (is_staff_role(user.role)) {
        const auto site = store::SiteRepository{db}.get(user.scope_id);
        if (!site) return refused({unknown("scope_id", "site")});
        if (site->role != site_role_for(user.role))
            return refused({{"scope_id", "invalid_value", "The site's role does not match the user's role."}});
        area = site->area_id;
    }
    const std::string role = signed_in_role(db);
    const bool allowed = role.empty() || role == "national_service" ||
                         ((role == "coordinator_culture" || role == "coordinator_sote") && is_staff_role(user.role) &&
                          may_manage_area(db, area));
    if (!allowed)
        return refused(
            {{"role", "not_allowed",
              "Coordinators manage the site staff of their own area; other accounts are managed nationally."}});
    store::UserRepository users{db};
    if (users.by_login(user.login)) return refused({{"login", "conflict", "The login '" + user.login + "' is taken."}});
    json payload = net::to_json(user);
    try {
        payload["password"] = seal_secret(password);  // never in clear in the outbox while it waits
    } catch (const std::exception& e) {
        return refused({{"password", "not_stored", std::string("The password cannot be kept safely until sending: ") +
                                                       e.what()}});
    }
    return commit_local(db, {"user.create", "app_user", user.id, payload}, [&](LocalRows& rows) {
        rows.created("app_user", user.id);
        users.upsert(user);
    });
}

}  // namespace kaiku::sync
