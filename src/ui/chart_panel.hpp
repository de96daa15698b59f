// The statistics chart on screen: drawn by the same routine as the PNG and PDF charts, in the colours and font
// of the system theme. Screen readers get a sentence saying what the chart shows and that the table holds the
// same figures.
#pragma once

#include <optional>

#include <wx/panel.h>

#include "report/statistics.hpp"
#include "report_render/chart.hpp"

namespace kaiku::ui {

enum class ChartFor { trend, split, pairs, profile };

// The chart a statistics table is shown with: a trend of registered cards, activated cards and uses (per year or
// month), the category split of the total (other groupings), uses per pair of areas, or a profile's bars.
report_render::ChartData chart_for(const report::Table&, ChartFor);

class ChartPanel : public wxPanel {
public:
    explicit ChartPanel(wxWindow* parent);
    void set_chart(report_render::ChartData chart);
    const report_render::ChartData* chart() const { return chart_ ? &*chart_ : nullptr; }

private:
    void on_paint(wxPaintEvent&);
    std::optional<report_render::ChartData> chart_;
};

// The style for printing and PDF: the report library's defaults (black on white), numbers as the interface writes
// them.
report_render::ChartStyle print_chart_style();

}  // namespace kaiku::ui
