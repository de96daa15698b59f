// Local commands on card stock and cards: batches, allocations, renewal, cancellation, replacement.
#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"
#include "sync/local_commands.hpp"

namespace kaiku::sync {

namespace {

// A registered card this cache knows, that the signed-in user may change (the issuing site's staff or the
// area's coordinators); errors name `field`.
std::optional<core::Card> card_to_change(store::Database& db, const std::string& card_id, core::Errors& errors,
                                         const std::string& field = "card_id") {
    const auto parsed = core::parse_card_id(card_id, field);
    if (!parsed.id) {
        errors.push_back(*parsed.error);
        return std::nullopt;
    }
    auto card = store::CardRepository{db}.get(parsed.id->str());
    if (!card) {
        errors.push_back({field, "not_found", "This card is not registered in the data saved on this computer."});
        return std::nullopt;
    }
    // Issuer staff may hold grants to other sites, which this cache does not know: the register decides.
    const std::string role = signed_in_role(db);
    if (role == "venue_staff" || (role != "issuer_staff" && !may_manage_area(db, card->area_id))) {
        errors.push_back(
            {field, "not_allowed", "Only the issuing site or the area's coordinators may change this card."});
        return std::nullopt;
    }
    return card;
}

LocalResult save_card_change(store::Database& db, const char* type, const core::Card& card, const json& payload) {
    return commit_local(db, {type, "card", card.id, payload}, [&](LocalRows& rows) {
        rows.changing("card", card.id);
        store::CardRepository{db}.upsert(card);
    });
}

}  // namespace

LocalResult create_batch(store::Database& db, core::CardBatch batch) {
    if (batch.id.empty()) batch.id = core::new_uuid();
    auto errors = core::validate(batch);
    if (!errors.empty()) return refused(errors);
    if (!store::AreaRepository{db}.get(batch.area_id))
        return refused({{"area_id", "not_found", "This area is not in the data saved on this computer."}});
    if (!may_manage_area(db, batch.area_id)) return refused({not_area_manager("area_id")});
    store::CardBatchRepository batches{db};
    if (batches.get(batch.id)) return refused({{"id", "conflict", "A batch with this id exists already."}});
    errors = core::check_no_overlap(batch, batches.list_for_area(batch.area_id));
    if (!errors.empty()) return refused(errors);
    return commit_local(db, {"batch.create", "card_batch", batch.id, net::to_json(batch)}, [&](LocalRows& rows) {
        rows.created("card_batch", batch.id);
        batches.upsert(batch);
    });
}

LocalResult allocate_cards(store::Database& db, core::Allocation allocation) {
    if (allocation.id.empty()) allocation.id = core::new_uuid();
    const auto batch = store::CardBatchRepository{db}.get(allocation.batch_id);
    if (!batch)
        return refused({{"batch_id", "not_found", "This card batch is not in the data saved on this computer."}});
    if (!may_manage_area(db, batch->area_id)) return refused({not_area_manager("batch_id")});
    auto errors = core::validate(allocation, *batch);
    if (!errors.empty()) return refused(errors);
    const auto site = store::SiteRepository{db}.get(allocation.site_id);
    if (!site) return refused({{"site_id", "not_found", "This site is not in the data saved on this computer."}});
    if (site->role != core::SiteRole::issuer || site->area_id != batch->area_id)
        return refused(
            {{"site_id", "invalid_value", "Cards can be allocated only to issuer sites of the batch's area."}});
    store::AllocationRepository allocations{db};
    const auto others = allocations.list_for_batch(batch->id);
    for (const auto& o : others)
        if (o.id == allocation.id) return refused({{"id", "conflict", "An allocation with this id exists already."}});
    errors = core::check_no_overlap(allocation, others);
    if (!errors.empty()) return refused(errors);
    return commit_local(db, {"allocation.create", "allocation", allocation.id, net::to_json(allocation)},
                        [&](LocalRows& rows) {
                            rows.created("allocation", allocation.id);
                            allocations.upsert(allocation);
                        });
}

LocalResult renew_card(store::Database& db, const std::string& card_id, core::Date on) {
    core::Errors errors;
    auto card = card_to_change(db, card_id, errors);
    if (!card) return refused(errors);
    errors = core::renew_card(*card, on);
    if (!errors.empty()) return refused(errors);
    return save_card_change(db, "card.renew", *card, {{"card_id", card->id}, {"renewed_on", on.iso()}});
}

LocalResult cancel_card(store::Database& db, const std::string& card_id, core::CancelReason reason, core::Date on) {
    core::Errors errors;
    auto card = card_to_change(db, card_id, errors);
    if (!card) return refused(errors);
    errors = core::cancel_card(*card, reason, on);
    if (!errors.empty()) return refused(errors);
    return save_card_change(db, "card.cancel", *card,
                            {{"card_id", card->id}, {"reason", core::enum_name(reason)}, {"cancelled_on", on.iso()}});
}

LocalResult replace_card(store::Database& db, const std::string& card_id, const std::string& new_card_id,
                         core::CancelReason reason, core::Date on) {
    core::Errors errors;
    auto old_card = card_to_change(db, card_id, errors);
    if (!old_card) return refused(errors);
    const auto parsed = core::parse_card_id(new_card_id, "new_card_id");
    if (!parsed.id) return refused({*parsed.error});
    store::CardRepository cards{db};
    if (cards.get(parsed.id->str()))
        return refused({{"new_card_id", "not_allowed", "The new card is already registered."}});
    if (parsed.id->prefix != core::parse_card_id(old_card->id).id->prefix)
        return refused({{"new_card_id", "invalid_value", "The new card must be from the same area as the old one."}});
    core::Card new_card;
    new_card.id = parsed.id->str();
    new_card.area_id = old_card->area_id;
    new_card.kind = old_card->kind;  // the register checks the batch when this cache holds none
    const auto batches = store::CardBatchRepository{db}.list_for_area(old_card->area_id);
    bool printed = batches.empty();
    for (const auto& b : batches)
        if (parsed.id->serial >= b.first_serial && parsed.id->serial <= b.last_serial) {
            new_card.batch_id = b.id;
            new_card.kind = b.kind;
            printed = true;
        }
    if (!printed)
        return refused({{"new_card_id", "not_found", "No printed card batch of the area contains the new card ID."}});
    errors = core::replace_card(*old_card, new_card, reason, on, core::Date::today().year());
    if (!errors.empty()) return refused(errors);
    const json payload = {{"card_id", old_card->id},
                          {"new_card_id", new_card.id},
                          {"reason", core::enum_name(reason)},
                          {"replaced_on", on.iso()}};
    auto r = commit_local(db, {"card.replace", "card", old_card->id, payload}, [&](LocalRows& rows) {
        rows.changing("card", old_card->id);
        rows.created("card", new_card.id);
        cards.upsert(*old_card);
        cards.upsert(new_card);
    });
    r.id = new_card.id;
    return r;
}

}  // namespace kaiku::sync
