#include "report_render/wx_support.hpp"

#include <cairo.h>
#include <wx/app.h>

#include <stdexcept>

namespace kaiku::report_render::detail {

HeadlessWx::HeadlessWx() {
    if (wxAppConsole::GetInstance()) return;
    init_ = std::make_unique<wxInitializer>();
    if (!init_->IsOk()) throw std::runtime_error("cannot initialise wxWidgets");
}

HeadlessWx::~HeadlessWx() = default;

wxFont font_in_units(const wxString& face, double units, bool bold) {
    wxFontInfo info(units * 72.0 / 96.0);
    info.FaceName(face);
    if (bold) info.Bold();
    return wxFont(info);
}

std::unique_ptr<wxGraphicsContext> context_for(cairo_t* cr) {
    wxGraphicsRenderer* r = wxGraphicsRenderer::GetCairoRenderer();
    if (!r) throw std::runtime_error("wxWidgets has no cairo graphics renderer");
    std::unique_ptr<wxGraphicsContext> gc(r->CreateContextFromNativeContext(cr));
    if (!gc) throw std::runtime_error("cannot create a graphics context on a cairo surface");
    return gc;
}

void finish_file(cairo_t* cr, cairo_surface_t* surface, const std::string& path) {
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write '" + path + "': " + cairo_status_to_string(status));
}

TextSize measure(wxGraphicsContext& gc, const std::string& utf8) {
    TextSize t;
    double lead = 0;
    gc.GetTextExtent(wx(utf8), &t.w, &t.h, &t.descent, &lead);
    return t;
}

void draw_text(wxGraphicsContext& gc, const std::string& utf8, double x, double y) { gc.DrawText(wx(utf8), x, y); }

}  // namespace kaiku::report_render::detail
