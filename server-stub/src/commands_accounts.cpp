// Commands on accounts: users, site grants and devices.
#include "auth.hpp"
#include "clock.hpp"
#include "command_registry.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

using net::json;
using net::JsonReader;
using net::to_json;

// The area of a user's scope ("" for the national service), checking the scope exists.
std::string user_area(CommandContext& c, const core::User& u) {
    switch (u.role) {
        case core::Role::national_service: return "";
        case core::Role::coordinator_culture:
        case core::Role::coordinator_sote: return c.area(u.scope_id, "scope_id").id;
        case core::Role::issuer_staff:
        case core::Role::venue_staff: {
            const auto s = c.site(u.scope_id, "scope_id");
            const auto want = u.role == core::Role::issuer_staff ? core::SiteRole::issuer : core::SiteRole::venue;
            if (s.role != want) c.field_error("scope_id", "invalid_value", "The site's role does not match the user's role.");
            return s.area_id;
        }
    }
    return "";
}

// National users are managed by the national service; coordinators manage site staff of their area.
void require_user_admin(CommandContext& c, const core::User& u, const std::string& area) {
    if (c.p.national()) return;
    if (c.p.coordinator() && (u.role == core::Role::issuer_staff || u.role == core::Role::venue_staff) &&
        area == c.p.area_id)
        return;
    c.forbidden("Coordinators manage the site staff of their own area; other accounts are managed nationally.");
}

void user_create(CommandContext& c) {
    json body = c.m.data;
    std::string password;
    if (body.is_object() && body.contains("password")) {
        if (!body["password"].is_string()) c.field_error("password", "invalid_format", "Field 'password' must be a string.");
        password = body["password"].get<std::string>();
        body.erase("password");
    }
    const auto u = c.parse<core::User>(body);
    if (password.size() < 10 || password.size() > 200)
        c.field_error("password", "out_of_range", "The password must be 10 to 200 characters long.");
    const auto area = user_area(c, u);
    require_user_admin(c, u, area);
    store::UserRepository repo{c.db};
    if (repo.by_login(u.login)) c.field_error("login", "conflict", "The login '" + u.login + "' is taken.");
    if (repo.get(u.id)) c.conflict("duplicate-id", "A user with this id exists", "User " + u.id + ".");
    repo.upsert(u);
    set_password(c.db, u.id, password);
    c.record("app_user", u.id, area, nullptr, to_json(u));
    c.result = to_json(u);
}

core::User target_user(CommandContext& c, const std::string& field) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    std::string id;
    r.text(field.c_str(), id, true);
    if (!errors.empty()) c.invalid(errors);
    const auto u = store::UserRepository{c.db}.get(id);
    if (!u) c.field_error(field, "not_found", "Field '" + field + "' names no known user.");
    return *u;
}

void user_deactivate(CommandContext& c) {
    auto u = target_user(c, "user_id");
    const auto area = user_area(c, u);
    require_user_admin(c, u, area);
    if (u.id == c.p.user.id) c.field_error("user_id", "not_allowed", "You cannot deactivate your own account.");
    const auto before = u;
    u.active = false;
    store::UserRepository{c.db}.upsert(u);
    const std::string now = now_iso();
    c.db.sql() << "UPDATE auth_token SET revoked_at = :n WHERE user_id = :u AND revoked_at IS NULL",
        soci::use(now, "n"), soci::use(u.id, "u");
    c.record("app_user", u.id, area, to_json(before), to_json(u));
    c.result = to_json(u);
}

void grant(CommandContext& c, bool add) {
    auto u = target_user(c, "user_id");
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"user_id", "site_id"});
    std::string site_id;
    r.text("site_id", site_id, true);
    if (!errors.empty()) c.invalid(errors);
    const auto site = c.site(site_id, "site_id");
    if (!(u.role == core::Role::issuer_staff || u.role == core::Role::venue_staff))
        c.field_error("user_id", "invalid_value", "Site access is granted to site staff accounts.");
    const auto want = u.role == core::Role::issuer_staff ? core::SiteRole::issuer : core::SiteRole::venue;
    if (site.role != want) c.field_error("site_id", "invalid_value", "The site's role does not match the user's role.");
    c.require_area(site.area_id);
    // The user must belong to the same area: a coordinator cannot hand their sites to another area's staff.
    const auto user_area_id = user_area(c, u);
    require_user_admin(c, u, user_area_id);
    if (!c.p.national() && user_area_id != site.area_id)  // the national service may lend staff across areas
        c.field_error("site_id", "not_allowed", "Site access is granted only to staff of the site's own area.");
    if (add) {
        const std::string at = now_iso();
        c.db.sql() << "INSERT INTO site_grant (user_id, site_id, granted_by, granted_at) VALUES (:u, :s, :g, :a) "
                      "ON CONFLICT (user_id, site_id) DO NOTHING",
            soci::use(u.id, "u"), soci::use(site.id, "s"), soci::use(c.p.user.id, "g"), soci::use(at, "a");
    } else {
        if (site.id == u.scope_id)
            c.field_error("site_id", "not_allowed", "This is the user's own site; deactivate the user instead.");
        c.db.sql() << "DELETE FROM site_grant WHERE user_id = :u AND site_id = :s", soci::use(u.id, "u"),
            soci::use(site.id, "s");
    }
    const json change = {{"user_id", u.id}, {"site_id", site.id}, {"granted", add}};
    c.record("app_user", u.id, site.area_id, add ? json(nullptr) : change, add ? change : json(nullptr));
    c.result = change;
}

void grant_add(CommandContext& c) { grant(c, true); }
void grant_remove(CommandContext& c) { grant(c, false); }

void device_revoke(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"device_id"});
    std::string id;
    r.text("device_id", id, true);
    if (!errors.empty()) c.invalid(errors);
    std::string owner;
    c.db.sql() << "SELECT user_id FROM device WHERE id = :d", soci::use(id, "d"), soci::into(owner);
    if (!c.db.sql().got_data()) c.field_error("device_id", "not_found", "Field 'device_id' names no known device.");
    const auto u = store::UserRepository{c.db}.get(owner);
    const auto area = user_area(c, *u);
    if (owner != c.p.user.id) require_user_admin(c, *u, area);
    std::string name;
    soci::indicator revoked_ind = soci::i_null;
    std::string revoked_at;
    c.db.sql() << "SELECT name, revoked_at FROM device WHERE id = :d", soci::use(id, "d"), soci::into(name),
        soci::into(revoked_at, revoked_ind);
    if (revoked_ind == soci::i_ok) {
        c.result = {{"device_id", id}, {"revoked_at", revoked_at}};
        return;  // revoked already: nothing changes, nothing to audit
    }
    const std::string now = now_iso();
    c.db.sql() << "UPDATE device SET revoked_at = :n, revoked_by = :b WHERE id = :d AND revoked_at IS NULL",
        soci::use(now, "n"), soci::use(c.p.user.id, "b"), soci::use(id, "d");
    c.db.sql() << "UPDATE auth_token SET revoked_at = :n WHERE device_id = :d AND revoked_at IS NULL",
        soci::use(now, "n"), soci::use(id, "d");
    // Audited on the device's owner, as site grants are.
    const json before = {{"device_id", id}, {"device_name", name}, {"revoked_at", nullptr}};
    json after = before;
    after["revoked_at"] = now;
    c.record("app_user", u->id, area, before, after);
    c.result = {{"device_id", id}, {"revoked_at", now}};
}

}  // namespace

void add_account_commands(HandlerMap& m) {
    m["user.create"] = user_create;
    m["user.deactivate"] = user_deactivate;
    m["grant.add"] = grant_add;
    m["grant.remove"] = grant_remove;
    m["device.revoke"] = device_revoke;
}

}  // namespace kaiku::server
