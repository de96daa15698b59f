// Writes a generated demo network into a database in one transaction, with bulk inserts.
#pragma once

#include <memory>

#include "core/demo_network.hpp"
#include "store/database.hpp"

namespace kaiku::store {

// Generates the demo network straight into `db` (which should be empty of register data).
core::demo::Summary write_demo_network(Database& db, const core::demo::Options& options);

}  // namespace kaiku::store
