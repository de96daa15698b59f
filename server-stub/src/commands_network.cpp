// Commands on the network: areas, organisations, sites and venue profiles.
#include <map>

#include "clock.hpp"
#include "command_registry.hpp"
#include "core/uuid.hpp"
#include "store/mapping.hpp"
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
    if (before) {
        c.require_area(before->area_id);
        if (before->area_id != o.area_id)
            c.field_error("area_id", "not_allowed", "An organisation keeps its area; add it anew in the other area.");
    }
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
        if (before->area_id != s.area_id)
            c.field_error("area_id", "not_allowed", "A site keeps its area; add it anew in the other area.");
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

// Fields of a site that a patch may set, and whether a concurrent change to them needs a person's decision.
struct PatchField {
    const char* name;
    bool identity;  // name, status, municipality: never merged silently
};
constexpr PatchField kSiteFields[] = {
    {"name", true},           {"status", true},         {"municipality_code", true},
    {"street_address", false}, {"postcode", false},      {"contact_name", false},
    {"contact_email", false},  {"contact_phone", false}, {"commitment_acknowledged_on", false},
    {"commitment_version", false},
};

const PatchField* site_field(const std::string& name) {
    for (const auto& f : kSiteFields)
        if (name == f.name) return &f;
    return nullptr;
}

json flat_site(const core::Site& s) { return net::to_flat_json(s); }

// Applies `set` (flat field names) to a copy of the site, validating the result with the core.
core::Site patched(CommandContext& c, const core::Site& site, const json& set) {
    json j = to_json(site);
    net::apply_flat_fields(j, set);
    core::Site out;
    auto errors = net::from_json(j, out);
    if (errors.empty()) errors = core::validate(out);
    for (auto& e : errors) e.field = "set." + e.field;
    if (!errors.empty()) c.invalid(errors);
    return out;
}

std::vector<std::string> keys(const json& set) {
    std::vector<std::string> out;
    for (auto it = set.begin(); it != set.end(); ++it) out.push_back(it.key());
    return out;
}

json field_versions(store::Database& db, const std::string& site_id, long long& version) {
    std::string text;
    db.sql() << "SELECT field_versions, version FROM site WHERE id = :i", soci::use(site_id, "i"), soci::into(text),
        soci::into(version);
    json fv = net::parse_json(text);
    return fv.is_object() ? fv : json::object();
}

}  // namespace

void apply_site_set(CommandContext& c, const core::Site& before, const json& set) {
    const auto after = patched(c, before, set);
    store::SiteRepository{c.db}.upsert(after);
    c.record("site", after.id, after.area_id, flat_site(before), flat_site(after), keys(set));
    c.result = to_json(after);
}

bool is_site_patch_field(const std::string& name) { return site_field(name) != nullptr; }

// Last writer wins for descriptive fields, but the person whose value is overwritten hears about it: the
// register sends them a notice (their value stays in the audit log too).
void notify_overwritten(CommandContext& c, const core::Site& site, const json& set, const json& fv, long long base,
                        const json& current) {
    std::map<std::string, std::vector<std::string>> by_user;  // earlier writer -> fields overwritten
    for (auto it = set.begin(); it != set.end(); ++it) {
        const long long changed_at = fv.value(it.key(), 0LL);
        if (changed_at <= base || current.value(it.key(), json()) == it.value()) continue;
        std::string writer;
        c.db.sql() << "SELECT user_id FROM audit_log WHERE seq = :s AND entity = 'site' AND entity_id = :i",
            soci::use(changed_at, "s"), soci::use(site.id, "i"), soci::into(writer);
        if (c.db.sql().got_data() && writer != c.p.user.id) by_user[writer].push_back(it.key());
    }
    for (const auto& [user, fields] : by_user) {
        std::string list, body;
        for (const auto& f : fields) {
            list += (list.empty() ? "" : ", ") + f;
            body += f + ": " + current.value(f, json()).dump() + " -> " + set.value(f, json()).dump() + "\n";
        }
        core::Message m;
        m.id = core::new_uuid();
        m.thread_id = m.id;
        m.sender_user_id = c.p.user.id;
        m.recipient_kind = core::RecipientKind::user;
        m.recipient_id = user;
        m.subject = "Your change to " + site.name + " was overwritten (" + list + ")";
        m.body = body;
        m.sent_at = now_iso();
        store::MessageRepository{c.db}.insert(m);
        c.record("message", m.id, site.area_id, nullptr, to_json(m));
    }
}

namespace {

// Patches fields of a site. Different fields merge; a descriptive field changed meanwhile is overwritten
// (last writer wins, the loser's value stays in the audit log); an identity field changed meanwhile, or an
// edit of a site archived meanwhile, becomes a conflict for a person to decide.
void site_patch(CommandContext& c) {
    core::Errors errors;
    net::JsonReader r(c.m.data, errors);
    r.only({"id", "base_version", "set"});
    std::string id;
    r.text("id", id, true);
    long long base = 0;
    if (const json* b = r.find("base_version", true)) {
        if (b->is_number_integer() && b->get<long long>() >= 0)
            base = b->get<long long>();
        else
            r.fail("base_version", "invalid_format", "must be a whole number of 0 or more");
    }
    const json* set = r.find("set", true);
    if (set && (!set->is_object() || set->empty())) r.fail("set", "invalid_format", "must be an object with fields");
    if (set && set->is_object())
        for (auto it = set->begin(); it != set->end(); ++it)
            if (!site_field(it.key())) r.fail("set." + it.key(), "unknown_field", "is not a field a patch may set");
    if (!errors.empty()) c.invalid(errors);
    const auto site = c.site(id, "id");
    c.require_area(site.area_id);
    patched(c, site, *set);  // invalid values are refused before anything else, conflicts included
    long long version = 0;
    const json fv = field_versions(c.db, site.id, version);
    const json current = flat_site(site);
    std::vector<std::string> contested;
    for (auto it = set->begin(); it != set->end(); ++it) {
        const auto* f = site_field(it.key());
        const long long changed_at = fv.value(it.key(), 0LL);
        if (f->identity && changed_at > base && current.value(it.key(), json()) != it.value()) contested.push_back(it.key());
    }
    const bool archived_since = site.status == core::SiteStatus::left && fv.value("status", 0LL) > base &&
                                !set->contains("status");
    if (archived_since) contested = keys(*set);
    if (!contested.empty()) {
        std::string fields;
        for (const auto& f : contested) fields += (fields.empty() ? "" : ",") + f;
        c.store_conflict("site", site.id, site.area_id, fields, base, current, {{"base_version", base}, {"set", *set}},
                         archived_since ? "The site was archived after your version; your edit is kept as a conflict."
                                        : "Changed meanwhile: " + fields + ". Decide which value stands.");
        return;
    }
    notify_overwritten(c, site, *set, fv, base, current);
    apply_site_set(c, site, *set);
}

}  // namespace

void add_network_commands(HandlerMap& m) {
    m["site.patch"] = site_patch;

    m["area.upsert"] = area_upsert;
    m["organisation.upsert"] = organisation_upsert;
    m["site.upsert"] = site_upsert;
    m["venue_profile.upsert"] = venue_profile_upsert;
}

}  // namespace kaiku::server
