// The printable statistics report: A4 pages with title, details (scope, period, generated at), a chart and the
// table (paged, header repeated, numbers right-aligned, suppressed cells "< 5"), page numbers "1 / 3".
// One page layout for the PDF file, printing and print preview: draw_page() draws any page on a
// wxGraphicsContext whose unit is one point (1/72 inch).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "report/statistics.hpp"
#include "report_render/chart.hpp"

class wxGraphicsContext;

namespace kaiku::report_render {

struct PageSize {  // points
    double width = 595.276, height = 841.890;  // A4 portrait
};
inline PageSize a4_portrait() { return {}; }
inline PageSize a4_landscape() { return {841.890, 595.276}; }

struct DetailLine {
    std::string label, value;  // "Scope", "Tampere"
};

// Every string is shown as given: the caller translates (title, labels, table headers, row labels, notes).
struct ReportDocument {
    std::string title;
    std::vector<DetailLine> details;  // e.g. scope, period, generated at
    std::optional<ChartData> chart;
    report::Table table;
    std::string suppressed_text = "< 5";
    std::string suppressed_note;                        // under the table when a cell is suppressed
    std::string page_number_format = "{page} / {pages}";
    std::function<std::string(double)> format_number;  // empty: plain integers; also used by the chart
    ChartStyle chart_style;                            // font sizes in points; format_number filled from above
    wxString font_face = "DejaVu Sans";
};

// Pages the document takes on pages of `size`; needs no display.
int page_count(const ReportDocument&, PageSize = {});

// Draws page `page` (0-based) on gc, whose unit must be one point with the page's top left at the origin
// (for a wxPrintout: scale the context by device pixels per point).
void draw_page(wxGraphicsContext& gc, const ReportDocument&, int page, PageSize = {});

// Writes the whole document as a vector PDF (fonts embedded). Throws std::runtime_error on failure.
void write_pdf_report(const ReportDocument&, const std::string& path, PageSize = {});

}  // namespace kaiku::report_render
