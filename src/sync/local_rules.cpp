// Local commands on quotas and rules, and the quota read helpers.
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"
#include "sync/local_commands.hpp"

namespace kaiku::sync {

LocalResult set_quota(store::Database& db, core::Quota quota) {
    if (quota.id.empty()) quota.id = core::new_uuid();
    auto errors = core::validate(quota);
    if (!errors.empty()) return refused(errors);
    const auto site = store::SiteRepository{db}.get(quota.site_id);
    if (!site) return refused({{"site_id", "not_found", "This site is not in the data saved on this computer."}});
    if (site->role != core::SiteRole::issuer)
        return refused({{"site_id", "invalid_value", "Quotas are for issuer sites."}});
    if (!may_manage_area(db, site->area_id)) return refused({not_area_manager("site_id")});
    store::QuotaRepository quotas{db};
    const auto before = quotas.get(quota.id);
    if (before && before->site_id != quota.site_id)
        return refused({{"site_id", "not_allowed", "A quota stays with its issuer site; set a new quota instead."}});
    json payload = net::to_json(quota);
    if (before) payload["base_cards"] = before->cards;  // a limit changed meanwhile becomes a conflict
    return commit_local(db, {"quota.set", "quota", quota.id, payload}, [&](LocalRows& rows) {
        if (before)
            rows.changing("quota", quota.id);
        else
            rows.created("quota", quota.id);
        quotas.upsert(quota);
    });
}

LocalResult adjust_quota(store::Database& db, const std::string& quota_id, int delta, const std::string& reason,
                         core::Date made_on) {
    core::QuotaAdjustment a;
    a.id = core::new_uuid();
    a.quota_id = quota_id;
    a.delta = delta;
    a.reason = core::trimmed(reason);
    a.made_on = made_on;
    auto errors = core::validate(a);
    if (!errors.empty()) return refused(errors);
    store::QuotaRepository quotas{db};
    const auto quota = quotas.get(quota_id);
    if (!quota) return refused({{"quota_id", "not_found", "This quota is not in the data saved on this computer."}});
    const auto site = store::SiteRepository{db}.get(quota->site_id);
    if (site && !may_manage_area(db, site->area_id)) return refused({not_area_manager("quota_id")});
    return commit_local(db, {"quota.adjust", "quota_adjustment", a.id, net::to_json(a)}, [&](LocalRows& rows) {
        rows.created("quota_adjustment", a.id);
        quotas.add_adjustment(a);
    });
}

LocalResult upsert_rule(store::Database& db, core::Rule rule) {
    if (rule.id.empty()) rule.id = core::new_uuid();
    auto errors = core::validate(rule);
    if (!errors.empty()) return refused(errors);
    std::string area;
    switch (rule.scope) {
        case core::RuleScope::national:
            if (const auto role = signed_in_role(db); !role.empty() && role != "national_service")
                return refused({{"scope", "not_allowed", "Only the national service sets national rules."}});
            break;
        case core::RuleScope::area:
            if (!store::AreaRepository{db}.get(rule.scope_id))
                return refused({{"scope_id", "not_found", "This area is not in the data saved on this computer."}});
            area = rule.scope_id;
            break;
        case core::RuleScope::venue:
        case core::RuleScope::offer: {
            const auto site = store::SiteRepository{db}.get(rule.scope_id);
            if (!site)
                return refused({{"scope_id", "not_found", "This site is not in the data saved on this computer."}});
            area = site->area_id;
            break;
        }
    }
    if (!area.empty() && !may_manage_area(db, area)) return refused({not_area_manager("scope_id")});
    store::RuleRepository rules{db};
    const bool exists = rules.get(rule.id).has_value();
    return commit_local(db, {"rule.upsert", "rule", rule.id, net::to_json(rule)}, [&](LocalRows& rows) {
        if (exists)
            rows.changing("rule", rule.id);
        else
            rows.created("rule", rule.id);
        rules.upsert(rule);
    });
}

std::optional<QuotaStatus> quota_status(store::Database& db, const std::string& quota_id) {
    store::QuotaRepository quotas{db};
    auto quota = quotas.get(quota_id);
    if (!quota) return std::nullopt;
    return QuotaStatus{std::move(*quota), quotas.use(quota_id)};
}

std::optional<QuotaStatus> current_quota(store::Database& db, const std::string& site_id, core::Date on) {
    for (const auto& q : store::QuotaRepository{db}.list_for_site(site_id))
        if (q.period_start <= on && on <= q.period_end) return quota_status(db, q.id);
    return std::nullopt;
}

}  // namespace kaiku::sync
