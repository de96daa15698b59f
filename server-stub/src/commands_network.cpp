// Commands on the network: areas, organisations, sites and venue profiles.
#include "command_registry.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

using net::json;
using net::to_json;

void area_upsert(CommandContext& c) {
    if (!c.p.national()) c.forbidden("Only the national service manages areas.");
    const auto a = c.parse<core::Area>(c.m.data);
    store::AreaRepository repo{c.db};
    const auto before = repo.get(a.id);
    repo.upsert(a);
    c.record("area", a.id, a.id, before ? to_json(*before) : json(nullptr), to_json(a));
    c.result = to_json(a);
}

void organisation_upsert(CommandContext& c) {
    const auto o = c.parse<core::Organisation>(c.m.data);
    c.area(o.area_id, "area_id");
    c.require_area(o.area_id);
    store::OrganisationRepository repo{c.db};
    const auto before = repo.get(o.id);
    if (before && before->area_id != o.area_id) c.require_area(before->area_id);
    repo.upsert(o);
    c.record("organisation", o.id, o.area_id, before ? to_json(*before) : json(nullptr), to_json(o));
    c.result = to_json(o);
}

void site_upsert(CommandContext& c) {
    const auto s = c.parse<core::Site>(c.m.data);
    c.area(s.area_id, "area_id");
    c.require_area(s.area_id);
    const auto org = store::OrganisationRepository{c.db}.get(s.organisation_id);
    if (!org) c.field_error("organisation_id", "not_found", "Field 'organisation_id' names no known organisation.");
    if (org->area_id != s.area_id)
        c.field_error("organisation_id", "invalid_value", "The organisation belongs to another area than the site.");
    store::SiteRepository repo{c.db};
    const auto before = repo.get(s.id);
    if (before) {
        c.require_area(before->area_id);
        if (before->role != s.role)
            c.field_error("role", "not_allowed", "A site's role cannot change; add a new site instead.");
    }
    repo.upsert(s);
    c.record("site", s.id, s.area_id, before ? to_json(*before) : json(nullptr), to_json(s));
    c.result = to_json(s);
}

void venue_profile_upsert(CommandContext& c) {
    const auto v = c.parse<core::VenueProfile>(c.m.data);
    const auto s = c.site(v.site_id, "site_id");
    c.require_site(s);
    if (s.role != core::SiteRole::venue)
        c.field_error("site_id", "invalid_value", "Venue profiles belong to venue sites only.");
    store::VenueProfileRepository repo{c.db};
    const auto before = repo.get(v.site_id);
    repo.upsert(v);
    c.record("venue_profile", v.site_id, s.area_id, before ? to_json(*before) : json(nullptr), to_json(v));
    c.result = to_json(v);
}

}  // namespace

void add_network_commands(HandlerMap& m) {
    m["area.upsert"] = area_upsert;
    m["organisation.upsert"] = organisation_upsert;
    m["site.upsert"] = site_upsert;
    m["venue_profile.upsert"] = venue_profile_upsert;
}

}  // namespace kaiku::server
