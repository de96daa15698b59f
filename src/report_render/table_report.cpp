#include "report_render/table_report.hpp"

#include <algorithm>
#include <stdexcept>

namespace kaiku::report_render {

std::optional<OutputFormat> parse_output_format(std::string_view s) {
    if (s == "pdf") return OutputFormat::pdf;
    if (s == "png") return OutputFormat::png;
    return std::nullopt;
}

ReportDocument table_document(const report::Table& t, const TableReportOptions& o) {
    const auto tr = [&](const std::string& s) { return o.translate ? o.translate(s) : s; };
    ReportDocument d;
    d.title = tr(t.title);
    d.details = o.details;
    d.table = t;
    d.table.title = tr(t.title);
    d.table.key_header = tr(t.key_header);
    for (auto& c : d.table.columns) c = tr(c);
    if (d.table.total) d.table.total->label = tr(d.table.total->label);
    d.suppressed_text = tr(N_("< 5"));
    d.suppressed_note = tr(N_("< 5: fewer than five holders; the value is not shown"));
    d.format_number = o.format_number;
    d.chart_style.format_number = o.format_number;

    std::vector<std::size_t> cols = o.chart_columns;
    if (cols.empty())
        for (std::size_t c = 0; c < std::min<std::size_t>(2, t.columns.size()); ++c) cols.push_back(c);
    if (!cols.empty() && !t.rows.empty() && t.rows.size() <= o.max_chart_rows) {
        const ChartKind kind = o.chart_kind.value_or(t.rows.size() > 24 ? ChartKind::lines : ChartKind::bars);
        ChartData c = chart_from_table(t, cols, kind, o.translate);
        c.suppressed_text = d.suppressed_text;
        c.suppressed_note = d.suppressed_note;
        d.chart = std::move(c);
    }
    return d;
}

void write_table_report(const report::Table& t, OutputFormat f, const std::string& path,
                        const TableReportOptions& o) {
    const ReportDocument d = table_document(t, o);
    if (f == OutputFormat::pdf) {
        write_pdf_report(d, path, t.columns.size() > 8 ? a4_landscape() : a4_portrait());
        return;
    }
    if (!d.chart) throw std::runtime_error("the table has no rows or columns to chart");
    ChartStyle st = d.chart_style;
    st.font_size = o.png_width / 90.0;
    st.title_size = st.font_size * 1.4;
    st.line_width = std::max(1.5, o.png_width / 600.0);
    write_chart_png(*d.chart, o.png_width, o.png_height, path, st);
}

}  // namespace kaiku::report_render
