// Network audit: findings that a coordinator or the national service should look at, each linked to its record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/database.hpp"

namespace kaiku::report {

enum class FindingKind {
    no_contact_person,
    no_commitment,
    issuer_without_registrations,  // in the period
    venue_without_uses,            // in the period
    used_after_expiry,
    more_children_than_registered,
    possible_double_use,   // same card, venue, event and day twice
    quota_exceeded,
    stale_site,            // no activity for stale_days
};

struct Finding {
    FindingKind kind;
    std::string entity;     // what to open: "site", "card", "usage", "quota"
    std::string entity_id;  // its id
    std::string area_id;
    std::string subject;    // site name or card id, for the list
    core::Date on;          // the day it concerns (use date, expiry, last activity), if any
    std::int64_t number = 0, limit = 0;  // e.g. children recorded vs registered, cards vs quota
};

struct AuditOptions {
    core::Date from, to;    // the period for "no registrations/uses"
    core::Date today;
    int stale_days = 90;
    std::vector<std::string> area_ids;  // empty: all
};

std::vector<Finding> audit_network(store::Database&, const AuditOptions&);

// English title of a kind, marked for the catalogue.
const char* finding_title(FindingKind);

}  // namespace kaiku::report
