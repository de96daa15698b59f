// Internal helpers shared by the renderers: headless wx start-up, fonts in drawing units, cairo contexts.
#pragma once

#include <wx/font.h>
#include <wx/brush.h>
#include <wx/graphics.h>
#include <wx/pen.h>
#include <wx/init.h>

#include <memory>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace kaiku::report_render::detail {

// Starts wxWidgets' base (no display, no GTK) when no wxApp exists yet, e.g. in kaikuctl and the tests;
// does nothing inside the GUI.
class HeadlessWx {
public:
    HeadlessWx();
    ~HeadlessWx();
    HeadlessWx(const HeadlessWx&) = delete;
    HeadlessWx& operator=(const HeadlessWx&) = delete;

private:
    std::unique_ptr<wxInitializer> init_;
};

// The cairo renderer lays text out with pango at 96 dpi: a font of `units` drawing units is a wxFont of
// units * 72 / 96 points. (wxGraphicsContext::CreateFont(pixels) needs a display on GTK, so it is not used.)
wxFont font_in_units(const wxString& face, double units, bool bold = false);

// Wraps a cairo context (not owned) in a wxGraphicsContext of the cairo renderer.
std::unique_ptr<wxGraphicsContext> context_for(cairo_t*);

// Destroys the context, finishes and destroys the surface (writing the file); throws if cairo failed.
void finish_file(cairo_t*, cairo_surface_t*, const std::string& path);

// Text size in drawing units.
struct TextSize {
    double w = 0, h = 0, descent = 0;
};
TextSize measure(wxGraphicsContext&, const std::string& utf8);
void draw_text(wxGraphicsContext&, const std::string& utf8, double x, double y);
inline wxString wx(const std::string& s) { return wxString::FromUTF8(s.c_str()); }

}  // namespace kaiku::report_render::detail
