#include "core/lifecycle.hpp"

#include <algorithm>

#include "core/validation.hpp"

namespace kaiku::core {
namespace {

bool is_registered_state(CardStatus s) {
    return s == CardStatus::registered || s == CardStatus::activated || s == CardStatus::expired;
}

FieldError status_error(const std::string& field, const Card& card, const std::string& what) {
    return {field, "not_allowed",
            what + " is not allowed: the card is " + std::string(enum_name(card.status)) + "."};
}

}  // namespace

Date validity_end(Date from) { return from.plus_months(kValidityMonths).plus_days(-1); }

CardStatus status_on(const Card& card, Date on) {
    switch (card.status) {
        case CardStatus::in_stock:
        case CardStatus::cancelled:
            return card.status;
        case CardStatus::registered:
        case CardStatus::activated:
        case CardStatus::expired:
            if (card.valid_until && *card.valid_until < on) return CardStatus::expired;
            if (card.status != CardStatus::expired) return card.status;
            // Stored as expired but asked about a day within its validity.
            return card.activated_on && *card.activated_on <= on ? CardStatus::activated : CardStatus::registered;
    }
    return card.status;
}

bool is_valid_on(const Card& card, Date on) {
    if (card.status == CardStatus::in_stock) return false;
    if (!card.registered_on || !card.valid_until) return false;
    if (on < *card.registered_on || *card.valid_until < on) return false;
    if (card.status == CardStatus::cancelled) return card.cancelled_on && on < *card.cancelled_on;
    return true;
}

Errors register_card(Card& card, const std::string& issuer_site_id, Date on, const HolderProfile& holder,
                     int current_year) {
    Errors errors;
    if (card.status != CardStatus::in_stock)
        errors.push_back(status_error("status", card, "Registering"));
    if (trimmed(issuer_site_id).empty())
        errors.push_back({"issuer_site_id", "required", "Issuing site is required."});
    if (card.kind == CardKind::personal) {
        const auto more = validate(holder, current_year, "holder");
        errors.insert(errors.end(), more.begin(), more.end());
    } else if (holder.children != 0) {
        // A community card admits the staff member and a small group; no children are recorded on it.
        errors.push_back({"holder.children", "not_allowed", "Number of children must be 0 on a community card."});
    }
    if (!errors.empty()) return errors;

    card.status = CardStatus::registered;
    card.issuer_site_id = issuer_site_id;
    card.registered_on = on;
    card.valid_until = validity_end(on);
    card.activated_on.reset();
    card.cancel_reason.reset();
    card.cancelled_on.reset();
    // Privacy: nothing is stored about the holder of a community card.
    card.holder = card.kind == CardKind::personal ? holder : HolderProfile{};
    return errors;
}

void activate_on_use(Card& card, Date used_on) {
    if (!is_valid_on(card, used_on)) return;
    if (!card.activated_on || used_on < *card.activated_on) card.activated_on = used_on;
    if (card.status == CardStatus::registered) card.status = CardStatus::activated;
}

Errors renew_card(Card& card, Date on) {
    if (!is_registered_state(card.status)) return {status_error("status", card, "Renewing")};
    if (card.registered_on && on < *card.registered_on)
        return {{"renewed_on", "out_of_range", "Renewal date must not be before the registration date."}};
    const Date fresh = validity_end(on);
    card.valid_until = card.valid_until ? std::max(*card.valid_until, fresh) : fresh;
    card.status = card.activated_on ? CardStatus::activated : CardStatus::registered;
    return {};
}

Errors cancel_card(Card& card, CancelReason reason, Date on) {
    if (!is_registered_state(card.status)) return {status_error("status", card, "Cancelling")};
    if (enum_name(reason).empty())
        return {{"cancel_reason", "invalid_value", "Cancellation reason has an unknown value."}};
    if (card.registered_on && on < *card.registered_on)
        return {{"cancelled_on", "out_of_range", "Cancellation date must not be before the registration date."}};
    card.status = CardStatus::cancelled;
    card.cancel_reason = reason;
    card.cancelled_on = on;
    return {};
}

Errors replace_card(Card& old_card, Card& new_card, CancelReason reason, Date on, int current_year) {
    Errors errors;
    if (reason != CancelReason::lost && reason != CancelReason::stolen)
        errors.push_back({"cancel_reason", "not_allowed", "Only a lost or stolen card can be replaced."});
    if (new_card.id == old_card.id)
        errors.push_back({"new_card.id", "invalid_value", "The replacement must be a different card."});
    if (new_card.status != CardStatus::in_stock)
        errors.push_back(status_error("new_card.status", new_card, "Using this card as a replacement"));
    if (new_card.area_id != old_card.area_id)
        errors.push_back({"new_card.area_id", "invalid_value", "The replacement card must be from the same area."});
    if (new_card.kind != old_card.kind)
        errors.push_back({"new_card.kind", "invalid_value", "The replacement card must be of the same kind."});

    // Work on copies so that neither card changes unless both steps succeed.
    Card old_copy = old_card;
    Card new_copy = new_card;
    if (errors.empty()) {
        auto e = cancel_card(old_copy, reason, on);
        errors.insert(errors.end(), e.begin(), e.end());
    }
    if (errors.empty()) {
        auto e = register_card(new_copy, old_card.issuer_site_id, on, old_card.holder, current_year);
        // Holder and issuer come from the old card, so the field names refer to it.
        errors.insert(errors.end(), e.begin(), e.end());
    }
    if (!errors.empty()) return errors;

    old_copy.replaced_by = new_copy.id;
    new_copy.replaces = old_copy.id;
    old_card = std::move(old_copy);
    new_card = std::move(new_copy);
    return errors;
}

}  // namespace kaiku::core
