#include "report_render/chart.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "report_render/wx_support.hpp"

namespace kaiku::report_render {

using namespace detail;

bool ChartData::any_suppressed() const {
    for (const auto& s : series)
        for (const auto& v : s.values)
            if (!v) return true;
    return false;
}

const std::vector<wxColour>& default_palette() {
    static const std::vector<wxColour> p{{0, 114, 178},  {230, 159, 0}, {0, 158, 115},  {204, 121, 167},
                                         {86, 180, 233}, {213, 94, 0},  {240, 228, 66}, {90, 90, 90}};
    return p;
}

ChartStyle system_chart_style(double pixels_per_point) {
    ChartStyle s;
    const wxFont f = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    s.font_face = f.GetFaceName();
    s.font_size = f.GetFractionalPointSize() * pixels_per_point;
    s.title_size = s.font_size * 1.3;
    s.background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
    s.foreground = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    s.muted = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    const auto& bg = s.background;
    const auto& fg = s.foreground;
    // Gridlines a sixth of the way from the background to the text colour: faint on light and dark themes.
    s.grid = wxColour((bg.Red() * 5 + fg.Red()) / 6, (bg.Green() * 5 + fg.Green()) / 6, (bg.Blue() * 5 + fg.Blue()) / 6);
    if (wxSystemSettings::GetAppearance().IsDark()) {
        s.series_colours = {{86, 180, 233}, {230, 159, 0}, {0, 200, 150},  {224, 150, 190},
                            {0, 140, 210},  {240, 120, 40}, {240, 228, 66}, {180, 180, 180}};
    }
    return s;
}

ChartData chart_from_table(const report::Table& t, const std::vector<std::size_t>& columns, ChartKind kind,
                           const std::function<std::string(const std::string&)>& translate) {
    auto tr = [&](const std::string& s) { return translate ? translate(s) : s; };
    ChartData c;
    c.title = tr(t.title);
    c.kind = kind;
    for (const auto& r : t.rows) c.categories.push_back(r.label_is_english ? tr(r.label) : r.label);
    for (std::size_t col : columns) {
        if (col >= t.columns.size()) throw std::out_of_range("chart_from_table: no column " + std::to_string(col));
        ChartSeries s;
        s.label = tr(t.columns[col]);
        for (const auto& r : t.rows) {
            if (col < r.cells.size() && !r.cells[col].suppressed)
                s.values.emplace_back(static_cast<double>(r.cells[col].value));
            else
                s.values.emplace_back(std::nullopt);
        }
        c.series.push_back(std::move(s));
    }
    return c;
}

ChartData split_chart(const report::Row& row, const std::string& title, const std::vector<std::string>& group_labels,
                      const std::vector<std::string>& stack_labels,
                      const std::vector<std::vector<std::size_t>>& columns) {
    ChartData c;
    c.title = title;
    c.kind = ChartKind::stacked_bars;
    c.categories = group_labels;
    for (std::size_t s = 0; s < stack_labels.size(); ++s) {
        ChartSeries series;
        series.label = stack_labels[s];
        for (std::size_t g = 0; g < group_labels.size(); ++g) {
            const std::size_t col = g < columns.size() && s < columns[g].size() ? columns[g][s] : row.cells.size();
            if (col < row.cells.size() && !row.cells[col].suppressed)
                series.values.emplace_back(static_cast<double>(row.cells[col].value));
            else
                series.values.emplace_back(std::nullopt);
        }
        c.series.push_back(std::move(series));
    }
    return c;
}

AxisTicks nice_ticks(double max_value, int max_steps) {
    AxisTicks t;
    if (!(max_value > 0)) return t;
    max_steps = std::max(max_steps, 1);
    const double raw = max_value / max_steps;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * mag;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    step = std::max(step, 1.0);  // counts: no fractional ticks
    t.step = step;
    t.count = static_cast<int>(std::ceil(max_value / step - 1e-9));
    t.count = std::max(t.count, 1);
    t.top = t.count * step;
    return t;
}

namespace {

std::string plain_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
}

void set_pen(wxGraphicsContext& gc, const wxColour& c, double w) {
    gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(c).Width(w)));
}

void no_pen(wxGraphicsContext& gc) { gc.SetPen(*wxTRANSPARENT_PEN); }

// Fills a rectangle with the series colour and the series' hatch pattern, so that colour is not the only cue.
void fill_patterned(wxGraphicsContext& gc, double x, double y, double w, double h, std::size_t idx,
                    const wxColour& colour, const ChartStyle& st) {
    if (w <= 0 || h <= 0) return;
    no_pen(gc);
    gc.SetBrush(wxBrush(colour));
    gc.DrawRectangle(x, y, w, h);
    const int pattern = st.patterns ? static_cast<int>(idx % 6) : 0;
    if (pattern == 0) return;
    const double gap = std::max(st.font_size * 0.5, 2.5);
    const wxColour hatch(st.background.Red(), st.background.Green(), st.background.Blue(), 170);
    gc.PushState();
    gc.Clip(x, y, w, h);
    set_pen(gc, hatch, std::max(st.line_width * 0.6, 0.6));
    wxGraphicsPath p = gc.CreatePath();
    const double span = w + h;
    switch (pattern) {
    case 1:  // diagonal /
        for (double d = 0; d < span; d += gap) {
            p.MoveToPoint(x + d, y + h);
            p.AddLineToPoint(x + d - h, y);
        }
        break;
    case 2:  // diagonal back-slash
        for (double d = 0; d < span; d += gap) {
            p.MoveToPoint(x + w - d, y + h);
            p.AddLineToPoint(x + w - d + h, y);
        }
        break;
    case 3:  // horizontal
        for (double d = gap / 2; d < h; d += gap) {
            p.MoveToPoint(x, y + d);
            p.AddLineToPoint(x + w, y + d);
        }
        break;
    case 4:  // cross-hatch
        for (double d = 0; d < span; d += gap * 1.4) {
            p.MoveToPoint(x + d, y + h);
            p.AddLineToPoint(x + d - h, y);
            p.MoveToPoint(x + w - d, y + h);
            p.AddLineToPoint(x + w - d + h, y);
        }
        break;
    default:  // dots
        gc.StrokePath(p);
        gc.SetBrush(wxBrush(hatch));
        no_pen(gc);
        for (double yy = y + gap / 2; yy < y + h; yy += gap)
            for (double xx = x + gap / 2; xx < x + w; xx += gap) gc.DrawEllipse(xx - 0.7, yy - 0.7, 1.4, 1.4);
        gc.PopState();
        return;
    }
    gc.StrokePath(p);
    gc.PopState();
}

// Line markers: circle, square, triangle, diamond, cross, plus.
void draw_marker(wxGraphicsContext& gc, double cx, double cy, double r, std::size_t idx, const wxColour& colour,
                 const ChartStyle& st) {
    const int shape = st.patterns ? static_cast<int>(idx % 6) : 0;
    wxGraphicsPath p = gc.CreatePath();
    switch (shape) {
    case 0: p.AddCircle(cx, cy, r); break;
    case 1: p.AddRectangle(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7); break;
    case 2:
        p.MoveToPoint(cx, cy - r * 1.1);
        p.AddLineToPoint(cx + r, cy + r * 0.8);
        p.AddLineToPoint(cx - r, cy + r * 0.8);
        p.CloseSubpath();
        break;
    case 3:
        p.MoveToPoint(cx, cy - r * 1.2);
        p.AddLineToPoint(cx + r * 1.1, cy);
        p.AddLineToPoint(cx, cy + r * 1.2);
        p.AddLineToPoint(cx - r * 1.1, cy);
        p.CloseSubpath();
        break;
    case 4:
        p.MoveToPoint(cx - r, cy - r);
        p.AddLineToPoint(cx + r, cy + r);
        p.MoveToPoint(cx - r, cy + r);
        p.AddLineToPoint(cx + r, cy - r);
        set_pen(gc, colour, st.line_width * 1.3);
        gc.StrokePath(p);
        return;
    default:
        p.MoveToPoint(cx - r * 1.1, cy);
        p.AddLineToPoint(cx + r * 1.1, cy);
        p.MoveToPoint(cx, cy - r * 1.1);
        p.AddLineToPoint(cx, cy + r * 1.1);
        set_pen(gc, colour, st.line_width * 1.3);
        gc.StrokePath(p);
        return;
    }
    set_pen(gc, st.background, st.line_width * 0.7);
    gc.SetBrush(wxBrush(colour));
    gc.DrawPath(p);
}

// Line dash per series (solid, dashed, dotted, ...) on top of the marker shape.
wxGraphicsPenInfo line_pen(const wxColour& c, std::size_t idx, const ChartStyle& st) {
    wxGraphicsPenInfo info(c);
    info.Width(st.line_width * 1.3);
    if (st.patterns) {
        static const wxPenStyle dashes[] = {wxPENSTYLE_SOLID, wxPENSTYLE_LONG_DASH, wxPENSTYLE_SHORT_DASH,
                                            wxPENSTYLE_DOT_DASH, wxPENSTYLE_SOLID, wxPENSTYLE_LONG_DASH};
        info.Style(dashes[idx % 6]);
    }
    return info;
}

}  // namespace

void draw_chart(wxGraphicsContext& gc, const ChartData& c, const wxRect2DDouble& area, const ChartStyle& st) {
    const auto fmt = [&](double v) { return st.format_number ? st.format_number(v) : plain_number(v); };
    const auto& palette = st.series_colours.empty() ? default_palette() : st.series_colours;
    const auto colour = [&](std::size_t i) { return palette[i % palette.size()]; };
    const double fs = st.font_size;
    const wxFont font = font_in_units(st.font_face, fs);
    const wxFont small = font_in_units(st.font_face, fs * 0.9);
    const wxFont title_font = font_in_units(st.font_face, st.title_size, true);

    gc.PushState();
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    no_pen(gc);
    gc.SetBrush(wxBrush(st.background));
    gc.DrawRectangle(area.m_x, area.m_y, area.m_width, area.m_height);

    const double pad = fs * 0.8;
    double top = area.m_y + pad;
    const double left = area.m_x + pad, right = area.GetRight() - pad;
    double bottom = area.GetBottom() - pad;

    // Title.
    if (!c.title.empty()) {
        gc.SetFont(title_font, st.foreground);
        const auto t = measure(gc, c.title);
        draw_text(gc, c.title, left, top);
        top += t.h + fs * 0.6;
    }

    // Legend: swatches with the series' pattern (bars) or marker (lines), wrapped into rows.
    gc.SetFont(font, st.foreground);
    const double sw = fs * 1.2, line_h = measure(gc, "Ag").h;
    if (!c.series.empty()) {
        double x = left, y = top;
        for (std::size_t i = 0; i < c.series.size(); ++i) {
            const auto t = measure(gc, c.series[i].label);
            const double item_w = (c.kind == ChartKind::lines ? sw * 2 : sw) + fs * 0.4 + t.w + fs * 1.4;
            if (x > left && x + item_w > right) {
                x = left;
                y += line_h + fs * 0.3;
            }
            const double sy = y + (line_h - sw) / 2;
            if (c.kind == ChartKind::lines) {
                gc.SetPen(gc.CreatePen(line_pen(colour(i), i, st)));
                gc.StrokeLine(x, sy + sw / 2, x + sw * 2, sy + sw / 2);
                draw_marker(gc, x + sw, sy + sw / 2, fs * 0.35, i, colour(i), st);
                x += sw * 2;
            } else {
                fill_patterned(gc, x, sy, sw, sw, i, colour(i), st);
                x += sw;
            }
            gc.SetFont(font, st.foreground);
            draw_text(gc, c.series[i].label, x + fs * 0.4, y);
            x += fs * 0.4 + t.w + fs * 1.4;
        }
        top = y + line_h + fs * 0.8;
    }

    // Footnote for suppressed values.
    if (c.any_suppressed() && !c.suppressed_note.empty()) {
        gc.SetFont(small, st.muted);
        const auto t = measure(gc, c.suppressed_note);
        draw_text(gc, c.suppressed_note, left, bottom - t.h);
        bottom -= t.h + fs * 0.4;
    }

    // Y range and tick labels.
    const std::size_t n = c.categories.size();
    double max_v = 0;
    for (std::size_t k = 0; k < n; ++k) {
        double stack = 0;
        for (const auto& s : c.series) {
            const double v = k < s.values.size() && s.values[k] ? *s.values[k] : 0;
            if (c.kind == ChartKind::stacked_bars)
                stack += std::max(v, 0.0);
            else
                max_v = std::max(max_v, v);
        }
        max_v = std::max(max_v, stack);
    }
    const AxisTicks ticks = nice_ticks(max_v * 1.04, 5);
    gc.SetFont(small, st.muted);
    double tick_w = 0;
    for (int i = 0; i <= ticks.count; ++i) tick_w = std::max(tick_w, measure(gc, fmt(i * ticks.step)).w);
    const double x_label_h = measure(gc, "Ag").h;
    const double plot_l = left + tick_w + fs * 0.6, plot_r = right;
    const double plot_t = top + x_label_h / 2, plot_b = bottom - x_label_h - fs * 0.5;
    if (plot_r - plot_l < fs * 4 || plot_b - plot_t < fs * 3 || n == 0) {
        gc.PopState();
        return;
    }
    const auto y_of = [&](double v) { return plot_b - (plot_b - plot_t) * v / ticks.top; };

    // Gridlines and tick labels.
    for (int i = 0; i <= ticks.count; ++i) {
        const double y = y_of(i * ticks.step);
        set_pen(gc, i == 0 ? st.muted : st.grid, i == 0 ? st.line_width * 0.8 : st.line_width * 0.5);
        gc.StrokeLine(plot_l, y, plot_r, y);
        const auto label = fmt(i * ticks.step);
        const auto t = measure(gc, label);
        draw_text(gc, label, plot_l - fs * 0.4 - t.w, y - t.h / 2);
    }

    // Category labels, thinned out when they do not fit.
    const double band = (plot_r - plot_l) / n;
    double max_cat_w = 0;
    for (const auto& cat : c.categories) max_cat_w = std::max(max_cat_w, measure(gc, cat).w);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((max_cat_w + fs) / band)));
    for (std::size_t k = 0; k < n; k += every) {
        const auto t = measure(gc, c.categories[k]);
        draw_text(gc, c.categories[k], plot_l + band * (k + 0.5) - t.w / 2, plot_b + fs * 0.4);
    }

    const std::size_t ns = c.series.size();
    const auto value = [&](std::size_t s, std::size_t k) -> std::optional<double> {
        return k < c.series[s].values.size() ? c.series[s].values[k] : std::nullopt;
    };
    const auto suppressed_mark = [&](double cx, double y_bottom) {
        gc.SetFont(small, st.muted);
        const auto t = measure(gc, c.suppressed_text);
        draw_text(gc, c.suppressed_text, cx - t.w / 2, y_bottom - t.h - fs * 0.15);
    };
    const auto value_label = [&](double v, double cx, double y, double max_w) {
        if (!st.value_labels) return;
        gc.SetFont(small, st.foreground);
        const auto label = fmt(v);
        const auto t = measure(gc, label);
        if (t.w > max_w) return;
        draw_text(gc, label, cx - t.w / 2, y - t.h - fs * 0.1);
    };

    if (c.kind == ChartKind::bars && ns > 0) {
        const double group = band * 0.78, bw = group / ns;
        // Value labels only when every label of the chart fits its bar: no half-labelled charts.
        bool labels_fit = st.value_labels;
        gc.SetFont(small, st.foreground);
        for (std::size_t s = 0; s < ns && labels_fit; ++s)
            for (std::size_t k = 0; k < n && labels_fit; ++k)
                if (auto v = value(s, k); v && measure(gc, fmt(*v)).w > bw + band * 0.22 / ns) labels_fit = false;
        for (std::size_t k = 0; k < n; ++k)
            for (std::size_t s = 0; s < ns; ++s) {
                const double x = plot_l + band * k + (band - group) / 2 + bw * s;
                const auto v = value(s, k);
                if (!v) {
                    suppressed_mark(x + bw / 2, plot_b);
                    continue;
                }
                const double y = y_of(std::max(*v, 0.0));
                fill_patterned(gc, x + bw * 0.06, y, bw * 0.88, plot_b - y, s, colour(s), st);
                if (labels_fit) value_label(*v, x + bw / 2, y, bw + band * 0.22 / ns);
            }
    } else if (c.kind == ChartKind::stacked_bars && ns > 0) {
        const double bw = band * 0.6;
        for (std::size_t k = 0; k < n; ++k) {
            const double x = plot_l + band * k + (band - bw) / 2;
            double acc = 0;
            bool suppressed = false;
            for (std::size_t s = 0; s < ns; ++s) {
                const auto v = value(s, k);
                if (!v) {
                    suppressed = true;
                    continue;
                }
                const double y0 = y_of(acc), y1 = y_of(acc + std::max(*v, 0.0));
                fill_patterned(gc, x, y1, bw, y0 - y1, s, colour(s), st);
                if (st.value_labels && *v > 0) {  // segment label inside when it fits, on a background chip
                    gc.SetFont(small, st.foreground);
                    const auto label = fmt(*v);
                    const auto t = measure(gc, label);
                    if (t.h + 2 < y0 - y1 && t.w + fs * 0.6 < bw) {
                        const double lx = x + (bw - t.w) / 2, ly = (y0 + y1 - t.h) / 2;
                        no_pen(gc);
                        gc.SetBrush(wxBrush(st.background));
                        gc.DrawRoundedRectangle(lx - fs * 0.25, ly, t.w + fs * 0.5, t.h, fs * 0.2);
                        draw_text(gc, label, lx, ly);
                    }
                }
                acc += std::max(*v, 0.0);
            }
            if (acc > 0) value_label(acc, x + bw / 2, y_of(acc), band);
            if (suppressed) suppressed_mark(x + bw / 2, acc > 0 ? y_of(acc) - x_label_h : plot_b);
        }
    } else if (c.kind == ChartKind::lines) {
        for (std::size_t s = 0; s < ns; ++s) {
            wxGraphicsPath p = gc.CreatePath();
            bool pen_down = false;
            for (std::size_t k = 0; k < n; ++k) {
                const auto v = value(s, k);
                const double x = plot_l + band * (k + 0.5);
                if (!v) {  // a gap in the line
                    pen_down = false;
                    continue;
                }
                if (pen_down)
                    p.AddLineToPoint(x, y_of(*v));
                else
                    p.MoveToPoint(x, y_of(*v));
                pen_down = true;
            }
            gc.SetPen(gc.CreatePen(line_pen(colour(s), s, st)));
            gc.StrokePath(p);
        }
        const bool labels = st.value_labels && n * ns <= 24;
        for (std::size_t s = 0; s < ns; ++s)
            for (std::size_t k = 0; k < n; ++k) {
                const double x = plot_l + band * (k + 0.5);
                const auto v = value(s, k);
                if (!v) {
                    suppressed_mark(x, plot_b);
                    continue;
                }
                draw_marker(gc, x, y_of(*v), fs * 0.35, s, colour(s), st);
                if (labels) value_label(*v, x, y_of(*v) - fs * 0.3, band);
            }
    }
    gc.PopState();
}

void write_chart_png(const ChartData& c, int width, int height, const std::string& path, const ChartStyle& st) {
    HeadlessWx wx_running;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_t* cr = cairo_create(surface);
    {
        auto gc = context_for(cr);
        draw_chart(*gc, c, wxRect2DDouble(0, 0, width, height), st);
    }
    cairo_destroy(cr);
    const auto status = cairo_surface_write_to_png(surface, path.c_str());
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("cannot write '" + path + "': " + cairo_status_to_string(status));
}

void write_chart_pdf(const ChartData& c, double width, double height, const std::string& path, const ChartStyle& st) {
    HeadlessWx wx_running;
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), width, height);
    cairo_t* cr = cairo_create(surface);
    {
        auto gc = context_for(cr);
        draw_chart(*gc, c, wxRect2DDouble(0, 0, width, height), st);
    }
    finish_file(cr, surface, path);
}

}  // namespace kaiku::report_render
