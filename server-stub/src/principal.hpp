// Who is asking: the authenticated user, the device and what they may see.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/entities.hpp"

namespace kaiku::server {

struct Principal {
    core::User user;
    std::string device_id;
    std::string area_id;          // coordinators: their area; site staff: the area of their own site
    std::set<std::string> sites;  // site staff: own site and granted sites

    bool national() const { return user.role == core::Role::national_service; }
    bool coordinator() const {
        return user.role == core::Role::coordinator_culture || user.role == core::Role::coordinator_sote;
    }
    bool issuer_staff() const { return user.role == core::Role::issuer_staff; }
    bool venue_staff() const { return user.role == core::Role::venue_staff; }
    bool staff() const { return issuer_staff() || venue_staff(); }
    bool has_site(const std::string& id) const { return sites.count(id) > 0; }
    // Sync buckets this principal receives: "global", "area:<id>", "site:<id>".
    std::vector<std::string> buckets(const std::vector<std::string>& all_area_ids) const;
};

}  // namespace kaiku::server
