// Commands on rules and quotas. Quota adjustments are append-only and always add up.
#include "command_registry.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

using net::json;
using net::to_json;

// The area a rule belongs to ("" for national rules), after checking its scope target exists.
std::string rule_area(CommandContext& c, const core::Rule& r) {
    switch (r.scope) {
        case core::RuleScope::national:
            if (!c.p.national()) c.forbidden("Only the national service sets national rules.");
            return "";
        case core::RuleScope::area: return c.area(r.scope_id, "scope_id").id;
        case core::RuleScope::venue:
        case core::RuleScope::offer: return c.site(r.scope_id, "scope_id").area_id;
    }
    return "";
}

void rule_upsert(CommandContext& c) {
    const auto r = c.parse<core::Rule>(c.m.data);
    store::RuleRepository repo{c.db};
    // The rule as stored decides who may change it, and a rule never moves to another scope.
    const auto before = repo.get(r.id);
    if (before) {
        const auto old_area = rule_area(c, *before);
        if (!old_area.empty()) c.require_area(old_area);
        if (before->scope != r.scope || before->scope_id != r.scope_id)
            c.field_error("scope", "not_allowed", "A rule keeps its scope; add a new rule for another scope instead.");
    }
    const auto area = rule_area(c, r);
    if (!area.empty()) c.require_area(area);
    repo.upsert(r);
    c.record("rule", r.id, area, before ? to_json(*before) : json(nullptr), to_json(r));
    c.result = to_json(r);
}

void quota_set(CommandContext& c) {
    const auto q = c.parse<core::Quota>(c.m.data);
    store::QuotaRepository repo{c.db};
    const auto before = repo.get(q.id);
    // The quota as stored decides who may change it, and a quota never moves to another site.
    if (before) {
        c.require_area(c.site(before->site_id, "id").area_id);
        if (before->site_id != q.site_id)
            c.field_error("site_id", "not_allowed", "A quota keeps its site; set a new quota for the other site.");
    }
    const auto site = c.site(q.site_id, "site_id");
    if (site.role != core::SiteRole::issuer) c.field_error("site_id", "invalid_value", "Quotas are for issuer sites.");
    c.require_area(site.area_id);
    // A limit is never merged: changed meanwhile (the client's base differs), it waits for a person's decision.
    if (before && before->cards != q.cards && c.m.data.contains("base_cards") && c.m.data["base_cards"] != before->cards) {
        c.store_conflict("quota", q.id, site.area_id, "cards", 0, to_json(*before),
                         {{"base_cards", c.m.data["base_cards"]}, {"set", {{"cards", q.cards}}}},
                         "The quota is now " + std::to_string(before->cards) + " cards; decide which value stands.");
        return;
    }
    repo.upsert(q);
    c.record("quota", q.id, site.area_id, before ? to_json(*before) : json(nullptr), to_json(q));
    c.result = to_json(q);
}

void quota_adjust(CommandContext& c) {
    const auto a = c.parse<core::QuotaAdjustment>(c.m.data);
    store::QuotaRepository repo{c.db};
    const auto q = repo.get(a.quota_id);
    if (!q) c.field_error("quota_id", "not_found", "Field 'quota_id' names no known quota.");
    const auto site = c.site(q->site_id, "quota_id");
    c.require_area(site.area_id);
    int taken = 0;
    c.db.sql() << "SELECT COUNT(*) FROM quota_adjustment WHERE id = :i", soci::use(a.id, "i"), soci::into(taken);
    if (taken) c.conflict("duplicate-id", "This adjustment exists already", "Adjustment " + a.id + " exists.");
    repo.add_adjustment(a);
    c.record("quota_adjustment", a.id, site.area_id, nullptr, to_json(a));
    c.result = to_json(a);
    c.result["effective_cards"] = repo.effective_cards(a.quota_id);
}

}  // namespace

void add_rule_commands(HandlerMap& m) {
    m["rule.upsert"] = rule_upsert;
    m["quota.set"] = quota_set;
    m["quota.adjust"] = quota_adjust;
}

}  // namespace kaiku::server
