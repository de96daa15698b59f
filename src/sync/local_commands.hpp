// Changes made on this computer, online or offline: validated by the core, applied to the local cache
// and queued in the outbox in one transaction, then delivered by the sync engine.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/entities.hpp"
#include "core/errors.hpp"
#include "store/database.hpp"

namespace kaiku::sync {

struct LocalResult {
    core::Errors errors;       // field-level problems; nothing was stored when not empty
    std::string mutation_id;   // the queued mutation when stored
    unsigned anomalies = 0;    // for uses: flags the register will also record
    bool ok() const { return errors.empty(); }
};

// A use of a card at a venue (use.id is generated when empty).
LocalResult record_use(store::Database&, core::Usage use);

// Registers a printed card to a holder at an issuer site.
LocalResult register_card(store::Database&, const std::string& card_id, const std::string& issuer_site_id,
                          core::Date registered_on, const core::HolderProfile& holder);

// Changes fields of a site (flat names: name, street_address, postcode, contact_name, contact_email,
// contact_phone, status, ...), based on the version this cache last received.
LocalResult patch_site(store::Database&, const std::string& site_id, const nlohmann::json& set);

// Decides a conflict: "keep_mine", "keep_theirs" or "edit" (with `set`).
LocalResult resolve_conflict(store::Database&, const std::string& conflict_id, const std::string& decision,
                             const nlohmann::json& set = nullptr);

}  // namespace kaiku::sync
