// Charts drawn with wxGraphicsContext: one routine for the screen, PNG and vector PDF.
// ChartData is plain data; ChartStyle carries fonts and colours (the GUI fills it from the system theme).
#pragma once

#include <wx/colour.h>
#include <wx/geometry.h>
#include <wx/string.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/statistics.hpp"

class wxGraphicsContext;

namespace kaiku::report_render {

enum class ChartKind {
    bars,          // grouped bars, one per series in each category (a trend per year or month)
    lines,         // one line per series with markers
    stacked_bars,  // one bar per category, the series stacked (a category split)
};

struct ChartSeries {
    std::string label;
    std::vector<std::optional<double>> values;  // one per category; nullopt: suppressed ("< 5"), drawn as absent
};

struct ChartData {
    std::string title;
    std::vector<std::string> categories;  // x-axis labels
    std::vector<ChartSeries> series;
    ChartKind kind = ChartKind::bars;
    std::string suppressed_text = "< 5";  // drawn where a suppressed value would be
    std::string suppressed_note;          // footnote shown when any value is suppressed; empty: none
    bool any_suppressed() const;
};

// Fonts are given in drawing units: points on PDF/print pages, pixels on screen and PNG.
struct ChartStyle {
    wxString font_face = "DejaVu Sans";
    double font_size = 8;
    double title_size = 11;
    wxColour background{255, 255, 255};
    wxColour foreground{33, 33, 33};  // text, axis
    wxColour muted{110, 110, 110};    // tick labels, notes
    wxColour grid{222, 222, 222};
    std::vector<wxColour> series_colours;  // empty: the default colour-blind-safe palette
    bool patterns = true;                  // hatch bars and mark line points per series (not colour alone)
    bool value_labels = true;
    double line_width = 1.5;
    std::function<std::string(double)> format_number;  // empty: plain integers ("1234")
};

// The default palette (Okabe-Ito, colour-blind safe) used when ChartStyle::series_colours is empty.
const std::vector<wxColour>& default_palette();

// A style from the system theme (wxSystemSettings): needs a running GUI (display); pixels_per_point scales
// the system font size into drawing units (1.0 for a 72-dpi mapping, window->GetDPIScaleFactor()*96/72 on screen).
ChartStyle system_chart_style(double pixels_per_point = 96.0 / 72.0);

// Series from the chosen value columns of a table (one category per row, the total row left out). Column headers
// and the title pass through `translate` when given.
ChartData chart_from_table(const report::Table&, const std::vector<std::size_t>& columns, ChartKind,
                           const std::function<std::string(const std::string&)>& translate = {});

// A category split from one row (e.g. the total): one stacked bar per group (culture, education, science,
// sports), stacked by `stack_labels` (adults, children); columns[g][s] is the table column of group g, stack s.
ChartData split_chart(const report::Row&, const std::string& title, const std::vector<std::string>& group_labels,
                      const std::vector<std::string>& stack_labels,
                      const std::vector<std::vector<std::size_t>>& columns);

// Draws the chart into `area` (title, legend, axis with nice ticks, gridlines, bars/lines, value labels, note).
void draw_chart(wxGraphicsContext&, const ChartData&, const wxRect2DDouble& area, const ChartStyle&);

// Writes the chart as a PNG of w x h pixels (cairo image surface; no display needed).
void write_chart_png(const ChartData&, int width, int height, const std::string& path,
                     const ChartStyle& = ChartStyle{});

// Writes the chart as a one-page vector PDF of width x height points.
void write_chart_pdf(const ChartData&, double width, double height, const std::string& path,
                     const ChartStyle& = ChartStyle{});

// Nice axis ticks from 0 to at least max_value: step is 1, 2 or 5 times a power of ten.
struct AxisTicks {
    double step = 1, top = 1;
    int count = 1;  // number of steps from 0 to top
};
AxisTicks nice_ticks(double max_value, int max_steps = 6);

}  // namespace kaiku::report_render
