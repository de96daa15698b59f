// Card lifecycle: register, activate on first use, expire after 12 months, renew, cancel, replace.
// Functions check the transition, change the card only when it is allowed, and return errors otherwise.
#pragma once

#include "core/entities.hpp"
#include "core/errors.hpp"

namespace kaiku::core {

inline constexpr int kValidityMonths = 12;

// Last valid day for a card registered or renewed on `from` (12 months, inclusive).
Date validity_end(Date from);

// Effective status on a date (registered/activated cards past valid_until are expired).
CardStatus status_on(const Card&, Date on);
// Usable on `on`: registered, registered_on <= on <= valid_until, and not cancelled on or before `on`.
bool is_valid_on(const Card&, Date on);

// Only from in_stock. Personal cards: the holder profile is validated against current_year.
// Community cards: no holder is recorded (the profile is stored as the default, children must be 0).
Errors register_card(Card&, const std::string& issuer_site_id, Date on, const HolderProfile&, int current_year);
// Called when a use is recorded; sets activated_on on the first use. Only a use on a day the card is
// valid counts (see is_valid_on); an earlier valid use keyed in later moves activated_on back.
void activate_on_use(Card&, Date used_on);
// Renewal at the issuing site (registered, activated or expired cards): valid_until becomes
// validity_end(on), but an existing later valid_until is never shortened.
Errors renew_card(Card&, Date on);
Errors cancel_card(Card&, CancelReason, Date on);
// Cancels `old_card` (reason lost/stolen) and registers `new_card` with the same holder profile, linking both.
Errors replace_card(Card& old_card, Card& new_card, CancelReason, Date on, int current_year);

}  // namespace kaiku::core
