// Evaluation of a use against the card and the venue's rules.
#pragma once

#include <span>
#include <vector>

#include "core/entities.hpp"
#include "core/errors.hpp"

namespace kaiku::core {

struct UseCheck {
    Errors errors;       // blocking: structurally invalid (negative counts, no adults, wrong card...)
    unsigned anomalies;  // AnomalyFlag bits: recorded with the use, never blocking (offline entries)
    bool ok() const { return errors.empty(); }
};

// `earlier` are the card's other (non-voided) uses, in any order; `rules` apply when their
// scope matches the venue or area and the date falls within their validity.
UseCheck evaluate_use(const Card& card, const Usage& use, const VenueProfile* venue,
                      std::span<const Rule> rules, std::span<const Usage> earlier,
                      const std::string& venue_area_id);

// An issuer's card quota for a period: the effective amount (quota plus adjustments) against the cards the
// issuer registered in the period. The warning comes when 10 % or less is left, and when nothing is.
enum class QuotaWarning { none, low, exhausted };

struct QuotaUse {
    int effective = 0;  // cards granted: the quota plus its adjustments
    int consumed = 0;   // cards registered in the period
    int remaining() const { return effective - consumed; }
    QuotaWarning warning() const;
};

}  // namespace kaiku::core
