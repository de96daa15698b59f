// Changes made on this computer, online or offline: validated by the core (as far as this cache can know),
// applied to the local cache and queued in the outbox in one transaction, then delivered by the sync engine.
// A change the register refuses later is taken back from the cache by the sync engine (see local_change.hpp)
// and stays in the outbox as "rejected" with the register's reason.
//
// Implemented per domain: local_commands.cpp (uses, registration, site patches, conflicts), local_cards.cpp,
// local_network.cpp, local_rules.cpp, local_messages.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/errors.hpp"
#include "core/rules.hpp"
#include "store/database.hpp"

namespace kaiku::sync {

struct LocalResult {
    core::Errors errors;       // field-level problems; nothing was stored when not empty
    std::string mutation_id;   // the queued mutation when stored
    std::string id;            // the row the change is about (new ids are generated here)
    unsigned anomalies = 0;    // for uses: flags the register will also record
    bool ok() const { return errors.empty(); }
};

// --- uses, registration, sites, conflicts

// A use of a card at a venue (use.id is generated when empty).
LocalResult record_use(store::Database&, core::Usage use);

// Voids a use (uses are append-only: a correction is a void plus a new use). The reason is required.
LocalResult void_use(store::Database&, const std::string& usage_id, const std::string& reason);

// Registers a printed card to a holder at an issuer site.
LocalResult register_card(store::Database&, const std::string& card_id, const std::string& issuer_site_id,
                          core::Date registered_on, const core::HolderProfile& holder);

// Changes fields of a site (flat names: name, street_address, postcode, contact_name, contact_email,
// contact_phone, status, ...), based on the version this cache last received.
LocalResult patch_site(store::Database&, const std::string& site_id, const nlohmann::json& set);

// Decides a conflict: "keep_mine", "keep_theirs" or "edit" (with `set`).
LocalResult resolve_conflict(store::Database&, const std::string& conflict_id, const std::string& decision,
                             const nlohmann::json& set = nullptr);

// --- card stock and cards (local_cards.cpp)

// A printed range of cards for an area (batch.id is generated when empty). Ranges of an area never overlap.
LocalResult create_batch(store::Database&, core::CardBatch batch);

// Hands a sub-range of a batch to an issuer site of the batch's area (allocation.id generated when empty).
// The range lies within the batch and overlaps no other allocation of it.
LocalResult allocate_cards(store::Database&, core::Allocation allocation);

// Renews a registered, activated or expired card: valid for 12 months from `on` (never shortened).
LocalResult renew_card(store::Database&, const std::string& card_id, core::Date on);

// Cancels a card (lost, stolen, misuse, data error).
LocalResult cancel_card(store::Database&, const std::string& card_id, core::CancelReason, core::Date on);

// A lost or stolen card: the old one is cancelled, `new_card_id` (a printed card of the same area and kind) is
// registered at the same issuer with the same holder profile. The result's id is the new card.
LocalResult replace_card(store::Database&, const std::string& card_id, const std::string& new_card_id,
                         core::CancelReason, core::Date on);

// --- network (local_network.cpp)

// Adds or changes an area (national service only; the area's municipalities are replaced).
LocalResult upsert_area(store::Database&, core::Area area);
LocalResult upsert_organisation(store::Database&, core::Organisation organisation);
// Adds (onboarding: usually status proposed) or changes a site. A site's role never changes.
LocalResult upsert_site(store::Database&, core::Site site);
// The profile of a venue site (categories, offers, booking, accessibility, ticket cap).
LocalResult upsert_venue_profile(store::Database&, const core::VenueProfile& profile);

// Site access of a staff account. The cache holds no grants: the result is known from the register's answer
// only (the outbox entry's state: acked or rejected with the reason).
LocalResult add_grant(store::Database&, const std::string& user_id, const std::string& site_id);
LocalResult remove_grant(store::Database&, const std::string& user_id, const std::string& site_id);

// A staff account of the coordinator's area (user.id generated when empty). The password travels in the outbox
// entry until the register has the account; it is removed from the entry when acknowledged.
LocalResult create_user(store::Database&, core::User user, const std::string& password);

// --- quotas and rules (local_rules.cpp)

// Sets an issuer site's card quota for a period (quota.id generated when empty). A changed limit is sent with
// the value this cache had, so that the register can tell a concurrent change (kept as a conflict).
LocalResult set_quota(store::Database&, core::Quota quota);
// Adds `delta` cards (negative: removes) to a quota; append-only, with a reason.
LocalResult adjust_quota(store::Database&, const std::string& quota_id, int delta, const std::string& reason,
                         core::Date made_on);
LocalResult upsert_rule(store::Database&, core::Rule rule);

// A quota and how much of it is used (from the cards registered in the period, as this cache knows them).
struct QuotaStatus {
    core::Quota quota;
    core::QuotaUse use;  // use.remaining(), use.warning()
};
std::optional<QuotaStatus> quota_status(store::Database&, const std::string& quota_id);
// The quota of the issuer site whose period contains `on`, if any.
std::optional<QuotaStatus> current_quota(store::Database&, const std::string& site_id, core::Date on);

// --- messages and group visits (local_messages.cpp)

// Posts a message: to a site (recipient_kind site), an announcement to the issuers / venues / everyone of an
// area (area_issuers, area_venues, area_all with recipient_id = area id), or to the whole network (national
// service). message.id generated when empty; thread_id defaults to the id (a new thread). The sender is the
// signed-in user; site staff give sender_site_id.
LocalResult post_message(store::Database&, core::Message message);
// Replies in the thread of `message_id` to the site that sent it (or the same recipients when it came from no
// site), with the subject "Re: ...".
LocalResult reply_message(store::Database&, const std::string& message_id, const std::string& sender_site_id,
                          const std::string& body);
// Marks a message read by the signed-in user.
LocalResult mark_message_read(store::Database&, const std::string& message_id);

// A group visit ("company for participation") organised by an issuer at a venue (visit.id generated when empty).
LocalResult create_group_visit(store::Database&, core::GroupVisit visit);
// Signs up a number of participants from an issuer site (counts only, never names; signup.id generated).
LocalResult sign_up_group_visit(store::Database&, core::GroupSignup signup);

}  // namespace kaiku::sync
