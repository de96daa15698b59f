// Shared measures of the main window's layout, so that side-by-side panels line up.
#pragma once

class wxWindow;

namespace kaiku::ui {

// Height of a panel's heading row: tall enough for a search box, so that headings with and
// without one sit on the same line.
int heading_row_height(const wxWindow* win);

}  // namespace kaiku::ui
