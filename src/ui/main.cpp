// Kaiku Admin: the desktop administration client of the Kaikukortti network.
#include "ui/app.hpp"

wxIMPLEMENT_APP(kaiku::ui::App);
