// Changes made on this computer, online or offline: validated by the core, applied to the local cache
// and queued in the outbox in one transaction, then delivered by the sync engine.
#pragma once

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

}  // namespace kaiku::sync
