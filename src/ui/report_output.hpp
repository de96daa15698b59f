// Statistics and audit findings leave the program: saved as CSV, Excel or PDF (written on a worker thread), or
// printed with a preview. The page layout of print and PDF is the report library's, so both look the same.
#pragma once

#include <functional>
#include <vector>

#include <wx/string.h>

#include "report/audit.hpp"
#include "report/statistics.hpp"
#include "report_render/chart.hpp"

class wxWindow;

namespace kaiku::ui {

class Services;

struct ReportOutput {
    report::Table table;  // English headers, as the report library made it
    wxString scope, period;
};

// Tells the user the outcome in a sentence (saved to …, or why not); shown next to the buttons and announced.
using OutputDone = std::function<void(const wxString& message)>;

void export_report(wxWindow* parent, Services&, const ReportOutput&, const report_render::ChartData* chart,
                   OutputDone done);
void print_report(wxWindow* parent, const ReportOutput&, const report_render::ChartData* chart, bool preview);
void export_audit(wxWindow* parent, Services&, const std::vector<report::Finding>&, const wxString& period,
                  OutputDone done);

}  // namespace kaiku::ui
