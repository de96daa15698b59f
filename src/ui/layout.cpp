#include "ui/layout.hpp"

#include <wx/window.h>

namespace kaiku::ui {

int heading_row_height(const wxWindow* win) { return win->FromDIP(36); }

}  // namespace kaiku::ui
