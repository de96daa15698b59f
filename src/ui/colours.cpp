#include "ui/colours.hpp"

#include <algorithm>
#include <cmath>

#include <wx/settings.h>
#include <wx/window.h>

namespace kaiku::ui {

namespace {

double channel(unsigned char c) {
    const double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(const wxColour& c) {
    return 0.2126 * channel(c.Red()) + 0.7152 * channel(c.Green()) + 0.0722 * channel(c.Blue());
}

}  // namespace

double contrast_ratio(const wxColour& a, const wxColour& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

wxColour problem_text_colour(wxWindow* win) {
    const wxColour background = win && win->GetBackgroundColour().IsOk()
                                    ? win->GetBackgroundColour()
                                    : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    // Reds from dark to light; the first with enough contrast on this background wins.
    const bool dark_background = luminance(background) < 0.2;
    const wxColour dark_reds[] = {wxColour(176, 0, 32), wxColour(140, 0, 20)};
    const wxColour light_reds[] = {wxColour(255, 138, 128), wxColour(255, 180, 170)};
    for (const wxColour& c : dark_background ? light_reds : dark_reds)
        if (contrast_ratio(c, background) >= 4.5) return c;
    return text;  // e.g. a high-contrast theme with a mid-tone background: its own text colour
}

}  // namespace kaiku::ui
