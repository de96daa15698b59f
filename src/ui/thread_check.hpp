// Loud checks of which thread runs a piece of code. Network and database work must never run on the
// UI thread (it would freeze the window); widgets must only be touched on it. A violation is a bug:
// it prints the place and aborts, in every build type, so GUI tests catch it.
#pragma once

namespace kaiku::ui {

void assert_not_ui_thread(const char* where);
void assert_ui_thread(const char* where);

}  // namespace kaiku::ui
