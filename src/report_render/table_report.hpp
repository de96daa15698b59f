// One call from a statistics table to a PDF report or a PNG chart, for kaikuctl and the GUI's export.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/statistics.hpp"
#include "report_render/chart.hpp"
#include "report_render/pdf_report.hpp"

namespace kaiku::report_render {

enum class OutputFormat { pdf, png };
std::optional<OutputFormat> parse_output_format(std::string_view);  // "pdf" or "png"

struct TableReportOptions {
    std::vector<DetailLine> details;                            // shown as given (scope, period, generated at)
    std::function<std::string(const std::string&)> translate;  // English table texts and fixed labels; empty: as is
    std::function<std::string(double)> format_number;           // empty: plain integers
    std::vector<std::size_t> chart_columns;                     // empty: the first two value columns
    std::optional<ChartKind> chart_kind;                        // empty: bars, lines when more than 24 rows
    std::size_t max_chart_rows = 120;                           // more rows: no chart in the PDF
    int png_width = 1200, png_height = 700;                     // pixels
};

// The document write_table_report prints: title and headers translated, a trend chart of the chosen columns.
ReportDocument table_document(const report::Table&, const TableReportOptions& = {});

// Writes the table as a PDF report, or its chart as a PNG. Throws std::runtime_error on failure.
void write_table_report(const report::Table&, OutputFormat, const std::string& path, const TableReportOptions& = {});

}  // namespace kaiku::report_render
