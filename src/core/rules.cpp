#include "core/rules.hpp"

#include <algorithm>
#include <optional>

#include "core/validation.hpp"

namespace kaiku::core {
namespace {

bool rule_in_force(const Rule& r, Date on) {
    if (r.valid_from && on < *r.valid_from) return false;
    if (r.valid_to && *r.valid_to < on) return false;
    return true;
}

bool rule_matches(const Rule& r, const Usage& use, const std::string& venue_area_id) {
    switch (r.scope) {
        case RuleScope::national:
            return true;
        case RuleScope::area:
            return !r.scope_id.empty() && r.scope_id == venue_area_id;
        case RuleScope::venue:
            return !r.scope_id.empty() && r.scope_id == use.venue_site_id;
        case RuleScope::offer:
            return !r.scope_id.empty() && r.scope_id == use.event;
    }
    return false;
}

// Whether another use of the card counts towards a counting rule: venue and offer rules count the
// card's uses at the venue (offer: of that event); area and national rules count all the card's uses.
bool counts_towards(const Rule& r, const Usage& use, const Usage& other) {
    switch (r.scope) {
        case RuleScope::venue:
            return other.venue_site_id == use.venue_site_id;
        case RuleScope::offer:
            return other.venue_site_id == use.venue_site_id && other.event == use.event;
        case RuleScope::national:
        case RuleScope::area:
            return true;
    }
    return true;
}

}  // namespace

UseCheck evaluate_use(const Card& card, const Usage& use, const VenueProfile* venue, std::span<const Rule> rules,
                      std::span<const Usage> earlier, const std::string& venue_area_id) {
    UseCheck check{validate(use), anomaly_none};
    if (use.card_id != card.id)
        check.errors.push_back({"card_id", "invalid_value", "Card ID of the use does not match the card checked."});
    if (!check.ok()) return check;

    unsigned& a = check.anomalies;
    const Date on = use.used_on;

    // Card state on the day of use. The register wins over the printed card.
    if (card.status == CardStatus::in_stock || !card.registered_on) {
        a |= anomaly_card_not_registered;
    } else {
        if (card.status == CardStatus::cancelled && (!card.cancelled_on || *card.cancelled_on <= on))
            a |= anomaly_card_cancelled;
        if (on < *card.registered_on || (card.valid_until && *card.valid_until < on)) a |= anomaly_card_expired;
    }

    // Children come along only to tickets of a personal card, up to the number recorded at issue; not to courses.
    if (card.kind == CardKind::personal) {
        const int entitled = use.item == UsageItem::course_place ? 0 : card.holder.children;
        if (use.children > entitled) a |= anomaly_too_many_children;
    }

    // The card's other uses that count: not voided, not this very record.
    std::vector<const Usage*> others;
    for (const auto& e : earlier)
        if (!e.voided && e.id != use.id && e.card_id == use.card_id) others.push_back(&e);

    for (const Usage* e : others) {
        if (e->used_on != on) continue;
        if (e->venue_site_id != use.venue_site_id || e->event == use.event) {
            a |= anomaly_possible_double_use;
            break;
        }
    }

    // Venue caps and rules.
    std::optional<int> cap;
    if (venue && venue->max_tickets_per_event) cap = *venue->max_tickets_per_event;
    for (const auto& r : rules) {
        if (!rule_in_force(r, on) || !rule_matches(r, use, venue_area_id)) continue;
        switch (r.kind) {
            case RuleKind::max_tickets_per_event:
                cap = cap ? std::min(*cap, r.value) : r.value;
                break;
            case RuleKind::max_courses_per_year: {
                if (use.item != UsageItem::course_place) break;
                const auto n = std::count_if(others.begin(), others.end(), [&](const Usage* e) {
                    return e->item == UsageItem::course_place && e->used_on.year() == on.year() &&
                           counts_towards(r, use, *e);
                });
                if (n + 1 > r.value) a |= anomaly_venue_cap_exceeded;
                break;
            }
            case RuleKind::max_uses_per_card_period: {
                if (r.period_days < 1) break;
                const Date first_day = on.plus_days(-(r.period_days - 1));  // the period ends on the day of use
                const auto n = std::count_if(others.begin(), others.end(), [&](const Usage* e) {
                    return first_day <= e->used_on && e->used_on <= on && counts_towards(r, use, *e);
                });
                if (n + 1 > r.value) a |= anomaly_venue_cap_exceeded;
                break;
            }
            case RuleKind::max_course_fee_cents:  // fees and sell-outs are not recorded with a use
            case RuleKind::no_sold_out_events:
                break;
        }
    }
    if (cap && use.adults + use.children > *cap) a |= anomaly_venue_cap_exceeded;
    return check;
}

QuotaWarning QuotaUse::warning() const {
    const int left = remaining();
    if (left <= 0) return QuotaWarning::exhausted;
    // 10 % or less left (in whole cards: 10 * left <= effective avoids rounding).
    return 10LL * left <= effective ? QuotaWarning::low : QuotaWarning::none;
}

}  // namespace kaiku::core
