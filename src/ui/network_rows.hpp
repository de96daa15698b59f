// What the Network view shows, read from the cache in one job (worker thread), and its list rows and columns.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "store/database.hpp"
#include "ui/record_list.hpp"

namespace kaiku::ui {

// One area with its organisations and sites, as the cache has them.
struct AreaNetwork {
    core::Area area;
    std::vector<core::Organisation> organisations;
    std::vector<core::Site> sites;
    const core::Organisation* organisation(const std::string& id) const;
    const core::Site* site(const std::string& id) const;
};

// Worker thread: the area and what belongs to it (an empty area id when it is not in the cache).
AreaNetwork read_area_network(store::Database& db, const std::string& area_id);

// "Tampere (837)", or the code alone when the area does not list the municipality.
wxString municipality_text(const core::Area& area, const std::string& code);

std::vector<ListColumn> area_columns();
std::vector<ListRow> area_rows(const std::vector<core::Area>& areas);

std::vector<ListColumn> site_columns();
std::vector<ListRow> site_rows(const AreaNetwork& network);

}  // namespace kaiku::ui
