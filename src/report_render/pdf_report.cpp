#include "report_render/pdf_report.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "report_render/wx_support.hpp"

namespace kaiku::report_render {

using namespace detail;

namespace {

constexpr double kMargin = 48;     // points (17 mm)
constexpr double kTitleSize = 18;  // points
constexpr double kTextSize = 9.5;
constexpr double kTableSize = 8;
constexpr double kFooterSize = 7.5;

struct Layout {
    double label_w = 0;
    std::vector<double> col_w;
    std::vector<std::vector<std::string>> header_lines;  // key header first, then each column
    double row_h = 0, header_h = 0, line_h = 0;
    double first_table_top = 0;  // where the table starts on the first page
    wxRect2DDouble chart_rect;
    struct Page {
        std::size_t first = 0, end = 0;  // rows [first, end); index rows.size() is the total
        bool note = false;               // the suppressed note goes under this page's table
    };
    std::vector<Page> pages;
};

std::vector<std::string> wrap_words(wxGraphicsContext& gc, const std::string& text, double width) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string word, line;
    while (in >> word) {
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && measure(gc, candidate).w > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::string number(const ReportDocument& d, std::int64_t v) {
    if (d.format_number) return d.format_number(static_cast<double>(v));
    return std::to_string(v);
}

std::string cell_text(const ReportDocument& d, const report::Row& r, std::size_t c) {
    if (c >= r.cells.size()) return "";
    return r.cells[c].suppressed ? d.suppressed_text : number(d, r.cells[c].value);
}

bool any_suppressed(const report::Table& t) {
    auto row_has = [](const report::Row& r) {
        return std::any_of(r.cells.begin(), r.cells.end(), [](const report::Cell& c) { return c.suppressed; });
    };
    return std::any_of(t.rows.begin(), t.rows.end(), row_has) || (t.total && row_has(*t.total));
}

double details_height(const ReportDocument& d) {
    return d.details.size() * kTextSize * 1.75;
}

Layout compute_layout(wxGraphicsContext& gc, const ReportDocument& d, PageSize size) {
    Layout l;
    const auto& t = d.table;
    const double width = size.width - 2 * kMargin;
    const double pad = kTableSize * 0.6;
    const wxFont font = font_in_units(d.font_face, kTableSize);
    const wxFont bold = font_in_units(d.font_face, kTableSize, true);
    // Heights from the font size, not from measurements, so every surface pages alike.
    l.line_h = kTableSize * 1.5;
    l.row_h = kTableSize * 2.1;

    // Label column: the widest label, at most 34% of the width; value columns share the rest but are never
    // narrower than their widest value.
    gc.SetFont(bold, *wxBLACK);
    double label_w = measure(gc, t.key_header).w;
    for (const auto& r : t.rows) label_w = std::max(label_w, measure(gc, r.label).w);
    if (t.total) label_w = std::max(label_w, measure(gc, t.total->label).w);
    l.label_w = std::min(label_w + 2 * pad, width * 0.34);
    const std::size_t nc = t.columns.size();
    // Each value column at least as wide as its header's longest word, the rest of the width shared equally.
    gc.SetFont(bold, *wxBLACK);
    std::vector<double> least(nc, 0);
    for (std::size_t c = 0; c < nc; ++c) {
        std::istringstream words(t.columns[c]);
        for (std::string w; words >> w;) least[c] = std::max(least[c], measure(gc, w).w + 2 * pad);
    }
    const double spare = width - l.label_w - std::accumulate(least.begin(), least.end(), 0.0);
    l.col_w.assign(nc, nc ? (width - l.label_w) / nc : 0);
    if (nc && spare > 0)
        for (std::size_t c = 0; c < nc; ++c) l.col_w[c] = least[c] + spare / static_cast<double>(nc);
    l.header_lines.push_back(wrap_words(gc, t.key_header, l.label_w - 2 * pad));
    std::size_t max_lines = l.header_lines[0].size();
    for (std::size_t c = 0; c < nc; ++c) {
        l.header_lines.push_back(wrap_words(gc, t.columns[c], l.col_w[c] - 2 * pad));
        max_lines = std::max(max_lines, l.header_lines.back().size());
    }
    l.header_h = max_lines * l.line_h + pad * 1.6;

    // First page: title, details, chart.
    double y = kMargin + kTitleSize * 1.6 + details_height(d) + kTextSize;
    if (d.chart) {
        const double chart_h = std::min(size.height * 0.36, 300.0);
        l.chart_rect = wxRect2DDouble(kMargin, y, width, chart_h);
        y += chart_h + kTextSize * 1.5;
    }
    l.first_table_top = y;

    const double bottom = size.height - kMargin - kFooterSize * 2.5;
    const double later_top = kMargin + kFooterSize * 3;
    const std::size_t n_rows = t.rows.size() + (t.total ? 1 : 0);
    const bool note = any_suppressed(t) && !d.suppressed_note.empty();
    std::size_t next = 0;
    double top = l.first_table_top;
    do {
        Layout::Page p;
        p.first = next;
        const double room = bottom - top - l.header_h;
        std::size_t fit = room > 0 ? static_cast<std::size_t>(room / l.row_h) : 0;
        if (fit == 0 && top == l.first_table_top && top != later_top) {  // no room under the chart: next page
            l.pages.push_back(Layout::Page{0, 0, false});
            top = later_top;
            continue;
        }
        fit = std::max<std::size_t>(fit, 1);
        p.end = std::min(n_rows, next + fit);
        next = p.end;
        if (next == n_rows && note) {
            const double used = top + l.header_h + (p.end - p.first) * l.row_h;
            if (used + kTextSize * 2.5 <= bottom)
                p.note = true;
        }
        l.pages.push_back(p);
        top = later_top;
        if (next == n_rows && note && !p.note) {
            l.pages.push_back(Layout::Page{n_rows, n_rows, true});
        }
    } while (next < n_rows);
    if (l.pages.empty()) l.pages.push_back(Layout::Page{0, 0, note});
    return l;
}

std::string page_label(const std::string& format, int page, int pages) {
    std::string s = format;
    auto sub = [&](const std::string& key, int v) {
        if (auto at = s.find(key); at != std::string::npos) s.replace(at, key.size(), std::to_string(v));
    };
    sub("{page}", page);
    sub("{pages}", pages);
    return s;
}

void draw_layout_page(wxGraphicsContext& gc, const ReportDocument& d, const Layout& l, int page, PageSize size) {
    if (page < 0 || page >= static_cast<int>(l.pages.size())) throw std::out_of_range("draw_page: no such page");
    const auto& t = d.table;
    const wxColour ink(25, 25, 25), muted(100, 100, 100), rule(150, 150, 150), stripe(243, 244, 246),
        head_bg(228, 232, 238);
    const double width = size.width - 2 * kMargin;
    const double pad = kTableSize * 0.6;
    gc.PushState();
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(*wxWHITE_BRUSH);
    gc.DrawRectangle(0, 0, size.width, size.height);

    double y;
    if (page == 0) {
        gc.SetFont(font_in_units(d.font_face, kTitleSize, true), ink);
        draw_text(gc, d.title, kMargin, kMargin);
        y = kMargin + kTitleSize * 1.6;
        const wxFont lab = font_in_units(d.font_face, kTextSize, true), val = font_in_units(d.font_face, kTextSize);
        double label_w = 0;
        gc.SetFont(lab, ink);
        for (const auto& dl : d.details) label_w = std::max(label_w, measure(gc, dl.label).w);
        for (const auto& dl : d.details) {
            gc.SetFont(lab, muted);
            draw_text(gc, dl.label, kMargin, y);
            gc.SetFont(val, ink);
            draw_text(gc, dl.value, kMargin + label_w + kTextSize * 1.2, y);
            y += kTextSize * 1.75;
        }
        gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(rule).Width(0.6)));
        gc.StrokeLine(kMargin, y + kTextSize * 0.3, kMargin + width, y + kTextSize * 0.3);
        if (d.chart) {
            ChartStyle st = d.chart_style;
            st.font_face = d.font_face;
            if (!st.format_number) st.format_number = d.format_number;
            draw_chart(gc, *d.chart, l.chart_rect, st);
        }
        y = l.first_table_top;
    } else {
        gc.SetFont(font_in_units(d.font_face, kFooterSize), muted);
        draw_text(gc, d.title, kMargin, kMargin);
        y = kMargin + kFooterSize * 3;
    }

    const auto& p = l.pages[page];
    const std::size_t n_rows = t.rows.size() + (t.total ? 1 : 0);
    if (p.end > p.first || (p.first == 0 && n_rows == 0)) {
        // Header, repeated on every page.
        const wxFont font = font_in_units(d.font_face, kTableSize), bold = font_in_units(d.font_face, kTableSize, true);
        gc.SetPen(*wxTRANSPARENT_PEN);
        gc.SetBrush(wxBrush(head_bg));
        gc.DrawRectangle(kMargin, y, width, l.header_h);
        gc.SetFont(bold, ink);
        double x = kMargin;
        for (std::size_t c = 0; c < l.header_lines.size(); ++c) {
            const double w = c == 0 ? l.label_w : l.col_w[c - 1];
            const auto& lines = l.header_lines[c];
            // Bottom-aligned headers; value headers right-aligned over their numbers.
            double ly = y + l.header_h - pad * 0.8 - lines.size() * l.line_h;
            for (const auto& line : lines) {
                const double tw = measure(gc, line).w;
                draw_text(gc, line, c == 0 ? x + pad : x + w - pad - tw, ly + (l.line_h - kTableSize * 4 / 3 * 1.17) / 2);
                ly += l.line_h;
            }
            x += w;
        }
        y += l.header_h;
        gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(rule).Width(0.8)));
        gc.StrokeLine(kMargin, y, kMargin + width, y);

        for (std::size_t i = p.first; i < p.end; ++i) {
            const bool is_total = i == t.rows.size();
            const report::Row& r = is_total ? *t.total : t.rows[i];
            if (!is_total && (i % 2) == 1) {
                gc.SetPen(*wxTRANSPARENT_PEN);
                gc.SetBrush(wxBrush(stripe));
                gc.DrawRectangle(kMargin, y, width, l.row_h);
            }
            if (is_total) {
                gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(ink).Width(0.9)));
                gc.StrokeLine(kMargin, y, kMargin + width, y);
            }
            const double ty = y + (l.row_h - kTableSize * 4 / 3 * 1.17) / 2;
            gc.SetFont(is_total ? bold : font, ink);
            draw_text(gc, r.label, kMargin + pad, ty);
            x = kMargin + l.label_w;
            for (std::size_t c = 0; c < l.col_w.size(); ++c) {
                const bool sup = c < r.cells.size() && r.cells[c].suppressed;
                gc.SetFont(is_total ? bold : font, sup ? muted : ink);
                const auto text = cell_text(d, r, c);
                draw_text(gc, text, x + l.col_w[c] - pad - measure(gc, text).w, ty);
                x += l.col_w[c];
            }
            y += l.row_h;
        }
        gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(rule).Width(0.8)));
        gc.StrokeLine(kMargin, y, kMargin + width, y);
    }
    if (p.note) {
        gc.SetFont(font_in_units(d.font_face, kTableSize), muted);
        draw_text(gc, d.suppressed_note, kMargin, y + kTableSize);
    }

    // Footer: page number on the right.
    gc.SetFont(font_in_units(d.font_face, kFooterSize), muted);
    const auto label = page_label(d.page_number_format, page + 1, static_cast<int>(l.pages.size()));
    const auto tw = measure(gc, label);
    draw_text(gc, label, size.width - kMargin - tw.w, size.height - kMargin - tw.h);
    gc.PopState();
}

// A scratch context for measuring text when no page is being drawn.
struct ScratchContext {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
    cairo_t* cr = cairo_create(surface);
    std::unique_ptr<wxGraphicsContext> gc = context_for(cr);
    ~ScratchContext() {
        gc.reset();
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
};

}  // namespace

int page_count(const ReportDocument& d, PageSize size) {
    HeadlessWx wx_running;
    ScratchContext s;
    return static_cast<int>(compute_layout(*s.gc, d, size).pages.size());
}

void draw_page(wxGraphicsContext& gc, const ReportDocument& d, int page, PageSize size) {
    const Layout l = compute_layout(gc, d, size);
    draw_layout_page(gc, d, l, page, size);
}

void write_pdf_report(const ReportDocument& d, const std::string& path, PageSize size) {
    HeadlessWx wx_running;
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), size.width, size.height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Kaiku Admin");
    cairo_t* cr = cairo_create(surface);
    {
        auto gc = context_for(cr);
        const Layout l = compute_layout(*gc, d, size);
        for (int i = 0; i < static_cast<int>(l.pages.size()); ++i) {
            draw_layout_page(*gc, d, l, i, size);
            gc->Flush();
            cairo_show_page(cr);
        }
    }
    finish_file(cr, surface, path);
}

}  // namespace kaiku::report_render
