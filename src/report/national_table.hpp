// The national yearly table (registered cards, activated cards, uses, municipalities) from a database.
#pragma once

#include <vector>

#include "core/demo_network.hpp"
#include "store/database.hpp"

namespace kaiku::report {

using YearRow = core::demo::YearFigures;

// One row per year that has any registration or use, ascending. Voided uses are not counted.
std::vector<YearRow> national_table(store::Database& db);

}  // namespace kaiku::report
