// The main window's pages, in navigation order, with the roles that see each.
#pragma once

#include <vector>

#include "ui/view.hpp"

namespace kaiku::ui {

const std::vector<ViewFactory>& all_views();

}  // namespace kaiku::ui
