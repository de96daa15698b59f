#include "sync/local_commands.hpp"

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/rules.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"

namespace kaiku::sync {

LocalResult record_use(store::Database& db, core::Usage use) {
    LocalResult r;
    if (use.id.empty()) use.id = core::new_uuid();
    use.anomalies = core::anomaly_none;
    use.voided = false;
    const auto parsed = core::parse_card_id(use.card_id, "card_id");
    if (!parsed.id) {
        r.errors.push_back(*parsed.error);
        return r;
    }
    use.card_id = parsed.id->str();
    r.errors = core::validate(use);
    if (!r.errors.empty()) return r;
    // Offline the card may be unknown here or out of date: the use is kept and checked when the cache knows it.
    auto card = store::CardRepository{db}.get(use.card_id);
    if (card) {
        const auto venue = store::SiteRepository{db}.get(use.venue_site_id);
        std::vector<core::Usage> earlier;
        for (auto& u : store::UsageRepository{db}.list_for_card(card->id))
            if (!u.voided) earlier.push_back(std::move(u));
        const auto profile = store::VenueProfileRepository{db}.get(use.venue_site_id);
        const auto check = core::evaluate_use(*card, use, profile ? &*profile : nullptr, {}, earlier,
                                              venue ? venue->area_id : std::string());
        if (!check.ok()) {
            r.errors = check.errors;
            return r;
        }
        r.anomalies = check.anomalies;
    }
    json payload = net::to_json(use);
    for (const char* server_field : {"anomalies", "voided", "void_reason"}) payload.erase(server_field);
    use.anomalies = r.anomalies;
    const unsigned anomalies = r.anomalies;
    r = commit_local(db, {"usage.record", "usage", use.id, payload}, [&](LocalRows& rows) {
        if (card) {
            // Keep the local card consistent with what the register will do (first use activates it).
            auto updated = *card;
            core::activate_on_use(updated, use.used_on);
            if (updated.activated_on != card->activated_on || updated.status != card->status) {
                rows.changing("card", card->id);
                store::CardRepository{db}.upsert(updated);
            }
        }
        rows.created("usage", use.id);
        store::UsageRepository{db}.insert(use);
    });
    r.anomalies = anomalies;
    return r;
}

LocalResult void_use(store::Database& db, const std::string& usage_id, const std::string& reason) {
    LocalResult r;
    const std::string why = core::trimmed(reason);
    if (why.empty()) r.errors.push_back({"reason", "required", "Give a reason for voiding the use."});
    store::UsageRepository uses{db};
    const auto use = uses.get(usage_id);
    if (!use)
        r.errors.push_back({"usage_id", "not_found", "This use is not in the data saved on this computer."});
    else if (use->voided)
        r.errors.push_back({"usage_id", "conflict", "This use is voided already (" + use->void_reason + ")."});
    if (!r.errors.empty()) return r;
    return commit_local(db, {"usage.void", "usage", usage_id, {{"usage_id", usage_id}, {"reason", why}}},
                        [&](LocalRows& rows) {
                            rows.changing("usage", usage_id);
                            uses.set_voided(usage_id, why);
                        });
}

LocalResult register_card(store::Database& db, const std::string& card_id, const std::string& issuer_site_id,
                          core::Date registered_on, const core::HolderProfile& holder) {
    LocalResult r;
    const auto parsed = core::parse_card_id(card_id, "card_id");
    if (!parsed.id) {
        r.errors.push_back(*parsed.error);
        return r;
    }
    const auto issuer = store::SiteRepository{db}.get(issuer_site_id);
    if (!issuer || issuer->role != core::SiteRole::issuer) {
        r.errors.push_back({"issuer_site_id", "not_found", "Choose the issuer site that hands out the card."});
        return r;
    }
    const auto area = store::AreaRepository{db}.get(issuer->area_id);
    if (area && area->prefix != parsed.id->prefix) {
        r.errors.push_back({"card_id", "invalid_value",
                            "This card belongs to area " + parsed.id->prefix + ", not to the issuer's area " +
                                area->prefix + "."});
        return r;
    }
    store::CardRepository cards{db};
    core::Card card;
    if (auto existing = cards.get(parsed.id->str())) {
        r.errors.push_back({"card_id", "conflict", "This card is already registered; renew or replace it instead."});
        return r;
    }
    card.id = parsed.id->str();
    card.area_id = issuer->area_id;
    for (const auto& b : store::CardBatchRepository{db}.list_for_area(issuer->area_id))
        if (parsed.id->serial >= b.first_serial && parsed.id->serial <= b.last_serial) {
            card.batch_id = b.id;
            card.kind = b.kind;
        }
    if (!card.batch_id.empty())
        for (const auto& a : store::AllocationRepository{db}.list_for_batch(card.batch_id))
            if (parsed.id->serial >= a.first_serial && parsed.id->serial <= a.last_serial &&
                a.site_id != issuer_site_id) {
                r.errors.push_back({"card_id", "not_allowed", "This card was allocated to another issuer site."});
                return r;
            }
    r.errors = core::register_card(card, issuer_site_id, registered_on, holder, core::Date::today().year());
    if (!r.errors.empty()) return r;
    const json payload = {{"card_id", card.id},
                          {"issuer_site_id", issuer_site_id},
                          {"registered_on", registered_on.iso()},
                          {"holder", net::to_json(holder)}};
    return commit_local(db, {"card.register", "card", card.id, payload}, [&](LocalRows& rows) {
        rows.created("card", card.id);
        cards.upsert(card);
    });
}

LocalResult patch_site(store::Database& db, const std::string& site_id, const json& set) {
    LocalResult r;
    auto site = store::SiteRepository{db}.get(site_id);
    if (!site) {
        r.errors.push_back({"site_id", "not_found", "This site is not in the data saved on this computer."});
        return r;
    }
    if (!set.is_object() || set.empty()) {
        r.errors.push_back({"set", "required", "Change at least one field."});
        return r;
    }
    json j = net::to_json(*site);
    net::apply_flat_fields(j, set);
    core::Site changed;
    r.errors = net::from_json(j, changed);
    if (r.errors.empty()) r.errors = core::validate(changed);
    if (!r.errors.empty()) return r;
    long long base = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT server_version FROM site WHERE id = :i", soci::use(site_id, "i"), soci::into(base, ind);
    const json payload = {{"id", site_id}, {"base_version", ind == soci::i_ok ? base : 0}, {"set", set}};
    return commit_local(db, {"site.patch", "site", site_id, payload}, [&](LocalRows& rows) {
        rows.changing("site", site_id);
        store::SiteRepository{db}.upsert(changed);
    });
}

LocalResult resolve_conflict(store::Database& db, const std::string& conflict_id, const std::string& decision,
                             const json& set) {
    LocalResult r;
    if (decision != "keep_mine" && decision != "keep_theirs" && decision != "edit") {
        r.errors.push_back({"decision", "invalid_value", "Choose keep mine, keep theirs or edit."});
        return r;
    }
    json payload = {{"conflict_id", conflict_id}, {"decision", decision}};
    if (decision == "edit") {
        if (!set.is_object() || set.empty()) {
            r.errors.push_back({"set", "required", "Give the values that stand."});
            return r;
        }
        payload["set"] = set;
    }
    return commit_local(db, {"conflict.resolve", "sync_conflict", conflict_id, payload}, [&](LocalRows& rows) {
        rows.changing("sync_conflict", conflict_id);
        db.sql() << "UPDATE sync_conflict SET status = 'resolved', resolution = :d WHERE id = :i",
            soci::use(decision, "d"), soci::use(conflict_id, "i");
    });
}

}  // namespace kaiku::sync
