#include "ui/chart_panel.hpp"

#include <memory>

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/renderer.h>

#include "ui/accessibility.hpp"
#include "ui/format.hpp"
#include "ui/report_text.hpp"

namespace kaiku::ui {

namespace rr = report_render;

namespace {

std::string count_text(double v) { return format_count(static_cast<long long>(v + 0.5)).utf8_string(); }

// Long tables (hundreds of issuers) would make an unreadable chart: the largest rows by the first column are drawn.
report::Table largest_rows(report::Table t, std::size_t keep) {
    if (t.rows.size() <= keep) return t;
    std::stable_sort(t.rows.begin(), t.rows.end(), [](const report::Row& a, const report::Row& b) {
        const auto va = a.cells.empty() || a.cells[0].suppressed ? 0 : a.cells[0].value;
        const auto vb = b.cells.empty() || b.cells[0].suppressed ? 0 : b.cells[0].value;
        return va > vb;
    });
    t.rows.resize(keep);
    return t;
}

}  // namespace

rr::ChartData chart_for(const report::Table& table, ChartFor kind) {
    const auto tr = [](const std::string& s) { return report_text_utf8(s); };
    rr::ChartData chart;
    switch (kind) {
    case ChartFor::trend:
        chart = rr::chart_from_table(table, {0, 1, 2}, table.rows.size() > 24 ? rr::ChartKind::lines
                                                                             : rr::ChartKind::bars, tr);
        break;
    case ChartFor::split:
        if (table.total && table.total->cells.size() >= 11)
            chart = rr::split_chart(*table.total, _("Admissions by category").utf8_string(),
                                    {_("Culture").utf8_string(), _("Education").utf8_string(),
                                     _("Science").utf8_string(), _("Sports").utf8_string()},
                                    {_("Adults").utf8_string(), _("Children").utf8_string()},
                                    {{3, 4}, {5, 6}, {7, 8}, {9, 10}});
        break;
    case ChartFor::pairs: chart = rr::chart_from_table(largest_rows(table, 12), {0}, rr::ChartKind::bars, tr); break;
    case ChartFor::profile: chart = rr::chart_from_table(table, {0, 1, 2}, rr::ChartKind::bars, tr); break;
    }
    // TRANSLATORS: a statistics cell with 1 to 4 holders, hidden so that no one can be recognised
    chart.suppressed_text = _("< 5").utf8_string();
    chart.suppressed_note = _("Values of fewer than 5 holders are not shown.").utf8_string();
    return chart;
}

ChartPanel::ChartPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(300, 160)));
    Bind(wxEVT_PAINT, &ChartPanel::on_paint, this);
    // A screen reader user may Tab to the chart to hear what it shows: the focus is drawn like any control's.
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void ChartPanel::set_chart(rr::ChartData chart) {
    // A chart says nothing to a screen reader: its name says what it shows and where the figures are.
    const wxString what = chart.title.empty() ? _("Chart")
                                              // TRANSLATORS: %s is the chart's title
                                              : wxString::Format(_("Chart: %s. The table below has the same figures."),
                                                                 wxString::FromUTF8(chart.title));
    set_accessible_name(this, what);
    chart_ = std::move(chart);
    Refresh();
}

void ChartPanel::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    rr::ChartStyle style = rr::system_chart_style(GetDPIScaleFactor() * 96.0 / 72.0);
    style.format_number = count_text;
    dc.SetBackground(wxBrush(style.background));
    dc.Clear();
    if (HasFocus()) wxRendererNative::Get().DrawFocusRect(this, dc, wxRect(GetClientSize()).Deflate(FromDIP(2)));
    if (!chart_ || chart_->categories.empty()) return;
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    const wxSize size = GetClientSize();
    const double pad = FromDIP(8);
    rr::draw_chart(*gc, *chart_, wxRect2DDouble(pad, pad, size.x - 2 * pad, size.y - 2 * pad), style);
}

rr::ChartStyle print_chart_style() {
    rr::ChartStyle style;
    style.format_number = count_text;
    return style;
}

}  // namespace kaiku::ui
