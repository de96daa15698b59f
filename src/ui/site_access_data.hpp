// Who may work for a site, as far as this computer knows (worker thread). The register keeps site grants to itself
// (they are neither in the change feed nor readable through the API), so the list is: the staff accounts whose own
// site this is (from the synced accounts of the area), and the grants made or removed on this computer (from the
// outbox: still waiting, or acknowledged by the register). Grants made elsewhere are not known here.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "store/database.hpp"

namespace kaiku::ui {

enum class SiteAccessKind { own_site, granted, grant_waiting, removal_waiting };

struct SiteUser {
    core::User user;
    SiteAccessKind access = SiteAccessKind::own_site;
};

struct SiteAccess {
    std::vector<SiteUser> users;          // with access (or whose removal has not reached the register yet)
    std::vector<core::User> candidates;   // active staff accounts of the area that may be given access
};

SiteAccess read_site_access(store::Database& db, const core::Site& site);

}  // namespace kaiku::ui
