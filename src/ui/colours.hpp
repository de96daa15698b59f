// Colours that follow the desktop theme (light, dark, high contrast): never a fixed colour alone, since a dark red
// that reads well on a light window vanishes on a dark one.
#pragma once

#include <wx/colour.h>

class wxWindow;

namespace kaiku::ui {

// WCAG contrast ratio of two colours (1 to 21).
double contrast_ratio(const wxColour& a, const wxColour& b);

// The colour of an inline problem line in `win`: a red that keeps a 4.5:1 contrast with the window's background
// (darker on light themes, lighter on dark ones), else the theme's own text colour.
wxColour problem_text_colour(wxWindow* win);

}  // namespace kaiku::ui
