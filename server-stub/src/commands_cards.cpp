// Commands on card stock, cards and uses.
#include <algorithm>

#include "clock.hpp"
#include "command_registry.hpp"
#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/rules.hpp"
#include "core/uuid.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

// One answer for a card ID that exists but is not the caller's to use, whatever the reason.
constexpr const char* kCardNotAvailable = "This card ID is not available to your issuer site.";

using net::json;
using net::JsonReader;
using net::to_json;

int current_year() { return core::Date::today().year(); }

std::optional<core::Area> area_by_prefix(store::Database& db, const std::string& prefix) {
    std::string id;
    db.sql() << "SELECT id FROM area WHERE prefix = :p", soci::use(prefix, "p"), soci::into(id);
    if (!db.sql().got_data()) return std::nullopt;
    return store::AreaRepository{db}.get(id);
}

void card_event(CommandContext& c, const std::string& card_id, const std::string& event, core::Date on,
                const json& detail) {
    const std::string id = core::new_uuid(), on_s = on.iso(), d = detail.dump();
    c.db.sql() << "INSERT INTO card_event (id, card_id, event, occurred_on, detail) VALUES (:i, :c, :e, :o, :d)",
        soci::use(id, "i"), soci::use(card_id, "c"), soci::use(event, "e"), soci::use(on_s, "o"), soci::use(d, "d");
}

// Issuer staff of the card's issuing site, or the area's coordinators, may change a card.
void require_card_keeper(const CommandContext& c, const core::Card& card) {
    if (!(c.manages_area(card.area_id) || (c.p.issuer_staff() && c.p.has_site(card.issuer_site_id))))
        c.forbidden("Only the issuing site or the area's coordinators may change this card.");
}

void save_card(CommandContext& c, const core::Card& before, const core::Card& after, const char* event, core::Date on) {
    store::CardRepository{c.db}.upsert(after);
    card_event(c, after.id, event, on, {{"status", core::enum_name(after.status)},
                                        {"valid_until", after.valid_until ? after.valid_until->iso() : ""}});
    c.record("card", after.id, after.area_id, before.status == core::CardStatus::in_stock ? json(nullptr) : to_json(before),
             to_json(after));
}

void batch_create(CommandContext& c) {
    const auto b = c.parse<core::CardBatch>(c.m.data);
    c.area(b.area_id, "area_id");
    c.require_area(b.area_id);
    store::CardBatchRepository repo{c.db};
    if (repo.get(b.id)) c.conflict("duplicate-id", "A batch with this id exists", "Batch " + b.id + " exists already.");
    for (const auto& other : repo.list_for_area(b.area_id))
        if (b.first_serial <= other.last_serial && other.first_serial <= b.last_serial)
            c.field_error("first_serial", "conflict",
                          "The range " + std::to_string(b.first_serial) + "-" + std::to_string(b.last_serial) +
                              " overlaps batch " + other.id + " (" + std::to_string(other.first_serial) + "-" +
                              std::to_string(other.last_serial) + ").");
    repo.upsert(b);
    c.record("card_batch", b.id, b.area_id, nullptr, to_json(b));
    c.result = to_json(b);
}

void allocation_create(CommandContext& c) {
    core::Allocation a;
    auto errors = net::from_json(c.m.data, a);
    if (!errors.empty()) c.invalid(errors);
    const auto batch = store::CardBatchRepository{c.db}.get(a.batch_id);
    if (!batch) c.field_error("batch_id", "not_found", "Field 'batch_id' names no known card batch.");
    c.require_area(batch->area_id);
    errors = core::validate(a, *batch);
    if (!errors.empty()) c.invalid(errors);
    const auto site = c.site(a.site_id, "site_id");
    if (site.role != core::SiteRole::issuer || site.area_id != batch->area_id)
        c.field_error("site_id", "invalid_value", "Cards can be allocated only to issuer sites of the batch's area.");
    store::AllocationRepository repo{c.db};
    // Allocations are never rewritten: an id in use anywhere (any batch, any area) is refused.
    if (repo.get(a.id)) c.conflict("duplicate-id", "An allocation with this id exists", "Allocation exists.");
    for (const auto& other : repo.list_for_batch(a.batch_id)) {
        if (a.first_serial <= other.last_serial && other.first_serial <= a.last_serial)
            c.field_error("first_serial", "conflict", "The range overlaps an earlier allocation of this batch.");
    }
    repo.upsert(a);
    c.record("allocation", a.id, batch->area_id, nullptr, to_json(a));
    c.result = to_json(a);
}

void card_register(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"card_id", "issuer_site_id", "registered_on", "holder", "medium"});
    std::string card_text, issuer_id;
    core::Date on;
    core::CardMedium medium = core::CardMedium::cardboard;
    r.text("card_id", card_text, true);
    r.text("issuer_site_id", issuer_id, true);
    r.date("registered_on", on, true);
    r.name("medium", medium);
    core::HolderProfile holder;
    if (const json* h = r.find("holder", true)) {
        auto he = net::from_json(*h, holder);
        errors.insert(errors.end(), he.begin(), he.end());
    }
    if (!errors.empty()) c.invalid(errors);
    const auto parsed = core::parse_card_id(card_text, "card_id");
    if (!parsed.id) c.invalid({*parsed.error});
    const auto area = area_by_prefix(c.db, parsed.id->prefix);
    if (!area) c.field_error("card_id", "not_found", "The card ID's area prefix " + parsed.id->prefix + " is unknown.");
    const auto issuer = c.site(issuer_id, "issuer_site_id");
    if (issuer.role != core::SiteRole::issuer)
        c.field_error("issuer_site_id", "invalid_value", "Cards are registered by issuer sites only.");
    if (!(c.manages_area(issuer.area_id) || (c.p.issuer_staff() && c.p.has_site(issuer.id))))
        c.forbidden("You may register cards only for your own issuer site.");
    if (issuer.area_id != area->id)
        c.field_error("card_id", "invalid_value", "The card belongs to area " + area->prefix + ", not the issuer's area.");

    // The card must have been printed (in a batch of the area) and not be allocated to another issuer.
    std::optional<core::CardBatch> batch;
    for (const auto& b : store::CardBatchRepository{c.db}.list_for_area(area->id))
        if (parsed.id->serial >= b.first_serial && parsed.id->serial <= b.last_serial) batch = b;
    if (!batch) c.field_error("card_id", "not_found", "No printed card batch of the area contains this card ID.");
    for (const auto& a : store::AllocationRepository{c.db}.list_for_batch(batch->id))
        if (parsed.id->serial >= a.first_serial && parsed.id->serial <= a.last_serial && a.site_id != issuer.id)
            c.field_error("card_id", "not_allowed", kCardNotAvailable);

    store::CardRepository cards{c.db};
    core::Card card;
    if (auto existing = cards.get(parsed.id->str())) {
        const bool visible = c.manages_area(existing->area_id) || c.p.has_site(existing->issuer_site_id);
        // Whoever cannot see the card learns only what an allocated-elsewhere card would tell them.
        if (!visible) c.field_error("card_id", "not_allowed", kCardNotAvailable);
        c.conflict("card-already-registered", "The card is already registered",
                   "Card " + existing->id + " was registered earlier; renew or replace it instead.",
                   to_json(*existing));
    }
    card.id = parsed.id->str();
    card.area_id = area->id;
    card.batch_id = batch->id;
    card.kind = batch->kind;
    card.medium = medium;
    const core::Card before = card;
    errors = core::register_card(card, issuer.id, on, holder, current_year());
    if (!errors.empty()) c.invalid(errors);
    save_card(c, before, card, "registered", on);
    c.result = to_json(card);
}

core::Card card_for_change(CommandContext& c, JsonReader& r, core::Errors& errors, core::Date& on, const char* date_key) {
    std::string card_text;
    r.text("card_id", card_text, true);
    r.date(date_key, on, true);
    if (!errors.empty()) c.invalid(errors);
    auto card = c.card(card_text, "card_id");
    require_card_keeper(c, card);
    return card;
}

void card_renew(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"card_id", "renewed_on"});
    core::Date on;
    auto card = card_for_change(c, r, errors, on, "renewed_on");
    const auto before = card;
    errors = core::renew_card(card, on);
    if (!errors.empty()) c.invalid(errors);
    save_card(c, before, card, "renewed", on);
    c.result = to_json(card);
}

void card_cancel(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"card_id", "reason", "cancelled_on"});
    core::CancelReason reason{};
    r.name("reason", reason, true);
    core::Date on;
    auto card = card_for_change(c, r, errors, on, "cancelled_on");
    const auto before = card;
    errors = core::cancel_card(card, reason, on);
    if (!errors.empty()) c.invalid(errors);
    save_card(c, before, card, "cancelled", on);
    c.result = to_json(card);
}

void card_replace(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"card_id", "new_card_id", "reason", "replaced_on"});
    core::CancelReason reason{};
    std::string new_text;
    r.name("reason", reason, true);
    r.text("new_card_id", new_text, true);
    core::Date on;
    auto old_card = card_for_change(c, r, errors, on, "replaced_on");
    const auto parsed = core::parse_card_id(new_text, "new_card_id");
    if (!parsed.id) c.invalid({*parsed.error});
    store::CardRepository cards{c.db};
    if (auto taken = cards.get(parsed.id->str()))
        c.field_error("new_card_id", "not_allowed",
                      c.manages_area(taken->area_id) || c.p.has_site(taken->issuer_site_id)
                          ? "The new card is already registered."
                          : kCardNotAvailable);
    if (parsed.id->prefix != core::parse_card_id(old_card.id).id->prefix)
        c.field_error("new_card_id", "invalid_value", "The new card must be from the same area as the old one.");
    std::optional<core::CardBatch> batch;
    for (const auto& b : store::CardBatchRepository{c.db}.list_for_area(old_card.area_id))
        if (parsed.id->serial >= b.first_serial && parsed.id->serial <= b.last_serial) batch = b;
    if (!batch) c.field_error("new_card_id", "not_found", "No printed card batch of the area contains the new card ID.");
    core::Card new_card;
    new_card.id = parsed.id->str();
    new_card.area_id = old_card.area_id;
    new_card.batch_id = batch->id;
    new_card.kind = batch->kind;
    const auto old_before = old_card, new_before = new_card;
    errors = core::replace_card(old_card, new_card, reason, on, current_year());
    if (!errors.empty()) c.invalid(errors);
    save_card(c, old_before, old_card, "replaced", on);
    save_card(c, new_before, new_card, "registered_as_replacement", on);
    c.result = {{"old", to_json(old_card)}, {"new", to_json(new_card)}};
}

std::vector<core::Rule> rules_for(store::Database& db, const core::Site& venue) {
    store::RuleRepository repo{db};
    auto rules = repo.list_for_scope(core::RuleScope::venue, venue.id);
    for (auto& r : repo.list_for_scope(core::RuleScope::area, venue.area_id)) rules.push_back(std::move(r));
    for (auto& r : repo.list_for_scope(core::RuleScope::national, "")) rules.push_back(std::move(r));
    return rules;
}

void usage_record(CommandContext& c) {
    if (c.m.data.is_object())
        for (const char* server_field : {"anomalies", "voided", "void_reason"})
            if (c.m.data.contains(server_field))
                c.field_error(server_field, "not_allowed",
                              std::string("Field '") + server_field + "' is set by the register, not by the client.");
    auto use = c.parse<core::Usage>(c.m.data);
    const auto venue = c.site(use.venue_site_id, "venue_site_id");
    if (venue.role != core::SiteRole::venue)
        c.field_error("venue_site_id", "invalid_value", "Uses are recorded for venue sites only.");
    if (!(c.manages_area(venue.area_id) || (c.p.venue_staff() && c.p.has_site(venue.id))))
        c.forbidden("Uses are recorded by the venue itself or by the venue's area coordinators.");
    auto card = c.card(use.card_id, "card_id");
    use.card_id = card.id;
    store::UsageRepository uses{c.db};
    if (auto existing = uses.get(use.id)) {
        // Shown back only to those who may see it (the same venue or its area's coordinators).
        const auto where = store::SiteRepository{c.db}.get(existing->venue_site_id);
        const bool visible = where && (c.manages_area(where->area_id) || c.p.has_site(where->id));
        c.conflict("duplicate-id", "This use was recorded already", "Use " + use.id + " exists.",
                   visible ? to_json(*existing) : json(nullptr));
    }
    std::vector<core::Usage> earlier;
    for (auto& u : uses.list_for_card(card.id))
        if (!u.voided) earlier.push_back(std::move(u));
    const auto profile = store::VenueProfileRepository{c.db}.get(venue.id);
    const auto rules = rules_for(c.db, venue);
    const auto check = core::evaluate_use(card, use, profile ? &*profile : nullptr, rules, earlier, venue.area_id);
    if (!check.ok()) c.invalid(check.errors);
    // Offline entries are accepted and flagged, never refused for these reasons. Device time orders nothing;
    // a device clock more than a day ahead of the register's is only noted.
    use.anomalies = check.anomalies;
    if (!c.m.recorded_at.empty() && c.m.recorded_at > iso_utc(std::chrono::system_clock::now() + std::chrono::hours(24)))
        use.anomalies |= core::anomaly_clock_skew;
    uses.insert(use);
    c.record("usage", use.id, card.area_id, nullptr, to_json(use));
    const auto before = card;
    core::activate_on_use(card, use.used_on);
    if (card.activated_on != before.activated_on || card.status != before.status) {
        store::CardRepository{c.db}.upsert(card);
        c.record("card", card.id, card.area_id, to_json(before), to_json(card));
    }
    c.result = to_json(use);
}

void usage_void(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"usage_id", "reason"});
    std::string id, reason;
    r.text("usage_id", id, true);
    r.text("reason", reason, true);
    if (!errors.empty()) c.invalid(errors);
    if (core::trimmed(reason).empty()) c.field_error("reason", "required", "Give a reason for voiding the use.");
    store::UsageRepository uses{c.db};
    auto use = uses.get(id);
    std::optional<core::Site> venue = use ? store::SiteRepository{c.db}.get(use->venue_site_id) : std::nullopt;
    if (!use || !venue || !(c.manages_area(venue->area_id) || c.p.has_site(venue->id)))
        c.field_error("usage_id", "not_found", "Field 'usage_id' names no use you can see.");
    if (!(c.manages_area(venue->area_id) || (c.p.venue_staff() && c.p.has_site(venue->id))))
        c.forbidden("Only the venue or the area's coordinators may void a use.");
    if (use->voided) c.conflict("already-voided", "The use is voided already", use->void_reason, to_json(*use));
    const auto before = *use;
    uses.set_voided(id, core::trimmed(reason));
    use->voided = true;
    use->void_reason = core::trimmed(reason);
    const auto card = store::CardRepository{c.db}.get(use->card_id);
    c.record("usage", id, card ? card->area_id : venue->area_id, to_json(before), to_json(*use));
    c.result = to_json(*use);
}

}  // namespace

void add_card_commands(HandlerMap& m) {
    m["batch.create"] = batch_create;
    m["allocation.create"] = allocation_create;
    m["card.register"] = card_register;
    m["card.renew"] = card_renew;
    m["card.cancel"] = card_cancel;
    m["card.replace"] = card_replace;
    m["usage.record"] = usage_record;
    m["usage.void"] = usage_void;
}

}  // namespace kaiku::server
