#include "ui/report_output.hpp"

#include <fstream>
#include <memory>

#include <wx/config.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/graphics.h>
#include <wx/intl.h>
#include <wx/print.h>

#include "core/timestamp.hpp"
#include "report/export.hpp"
#include "report_render/pdf_report.hpp"
#include "ui/chart_panel.hpp"
#include "ui/format.hpp"
#include "ui/report_text.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

namespace rr = report_render;

namespace {

enum class Format { csv, xlsx, pdf };

// Everything the files say, in the interface language, prepared on the UI thread (translations are read here).
report::ExportOptions export_options(const wxString& scope, const wxString& period) {
    report::ExportOptions o;
    o.language = interface_language();
    // translate stays the identity: the table is translated already, on this thread.
    o.bom = o.language != core::Language::en;              // spreadsheet programs then read UTF-8
    o.scope = scope.utf8_string();
    o.period = period.utf8_string();
    o.generated_at = format_datetime(core::now_iso()).utf8_string();
    return o;
}

report::Table translated(report::Table t) {
    t.title = report_text_utf8(t.title);
    t.key_header = report_text_utf8(t.key_header);
    for (auto& c : t.columns) c = report_text_utf8(c);
    for (auto& r : t.rows)
        if (r.label_is_english) r.label = report_text_utf8(r.label);
    if (t.total) t.total->label = _("Total").utf8_string();
    return t;
}

rr::ReportDocument document(const ReportOutput& out, const rr::ChartData* chart) {
    rr::ReportDocument doc;
    doc.table = translated(out.table);
    doc.title = doc.table.title;
    doc.details = {{_("Scope").utf8_string(), out.scope.utf8_string()},
                   {_("Period").utf8_string(), out.period.utf8_string()},
                   {_("Generated").utf8_string(), format_datetime(core::now_iso()).utf8_string()}};
    if (chart) doc.chart = *chart;
    doc.chart_style = print_chart_style();
    doc.suppressed_text = _("< 5").utf8_string();
    doc.suppressed_note = _("Cells with fewer than 5 holders are shown as \"< 5\" so that no one can be "
                            "recognised.").utf8_string();
    // TRANSLATORS: page numbering in a printed report ("2 / 3"); keep {page} and {pages} as they are
    doc.page_number_format = _("{page} / {pages}").utf8_string();
    doc.format_number = [](double v) { return format_count(static_cast<long long>(v + 0.5)).utf8_string(); };
    return doc;
}

// Wide tables (the national layout has thirteen columns) go on landscape pages.
rr::PageSize page_size(const rr::ReportDocument& doc) {
    return doc.table.columns.size() > 5 ? rr::a4_landscape() : rr::a4_portrait();
}

// Asks where to save; the format follows the chosen type. Returns an empty path when cancelled.
wxString ask_path(wxWindow* parent, const wxString& base_name, bool with_pdf, Format& format) {
    wxString types = _("CSV file (*.csv)|*.csv|Excel workbook (*.xlsx)|*.xlsx");
    if (with_pdf) types += "|" + _("PDF document (*.pdf)|*.pdf");
    wxConfigBase* config = wxConfigBase::Get();
    const wxString dir = config->Read("/export/dir", wxString());
    const int last = static_cast<int>(config->ReadLong("/export/type", 0));
    wxFileDialog dialog(parent, _("Save As"), dir, base_name + "-" + core::Date::today().iso(), types,
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    dialog.SetFilterIndex(last <= (with_pdf ? 2 : 1) ? last : 0);
    if (dialog.ShowModal() != wxID_OK) return wxString();
    static const char* const extensions[] = {"csv", "xlsx", "pdf"};
    // A typed extension decides the format; otherwise the chosen file type does, and gives its extension.
    wxFileName name(dialog.GetPath());
    int index = dialog.GetFilterIndex();
    for (int i = 0; i < (with_pdf ? 3 : 2); ++i)
        if (name.GetExt().Lower() == extensions[i]) index = i;
    format = static_cast<Format>(index);
    if (name.GetExt().Lower() != extensions[index]) name.SetFullName(name.GetFullName() + "." + extensions[index]);
    config->Write("/export/dir", name.GetPath());
    config->Write("/export/type", static_cast<long>(index));
    return name.GetFullPath();
}

// Writes on the reader thread: a large table or a PDF never holds up the window.
void write_later(Services& services, const wxString& path, std::function<void(const std::string&)> write,
                 OutputDone done) {
    struct Written {
        std::string error;
    };
    services.read<Written>(
        [path = path.utf8_string(), write = std::move(write)](store::Database&) {
            Written w;
            try {
                write(path);
            } catch (const std::exception& e) {
                w.error = e.what();
            }
            return w;
        },
        [path, done = std::move(done)](Loaded<Written> loaded) {
            const std::string error = loaded.ok() ? loaded.value.error : loaded.error;
            if (error.empty())
                // TRANSLATORS: %s is a file path
                done(wxString::Format(_("Saved to %s."), path));
            else
                // TRANSLATORS: %s (first) is a file path, %s (second) the system's reason in English
                done(wxString::Format(_("Could not save %s: %s"), path, wxString::FromUTF8(error)));
        });
}

void write_csv_file(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("the file cannot be created");
    write(file);
    file.close();
    if (!file) throw std::runtime_error("writing the file failed");
}

// Report pages for printing and preview: the same layout as the PDF.
class ReportPrintout : public wxPrintout {
public:
    ReportPrintout(rr::ReportDocument doc, const wxString& title) : wxPrintout(title), doc_(std::move(doc)) {}

    void OnPreparePrinting() override { pages_ = std::max(1, rr::page_count(doc_, page_size(doc_))); }
    bool HasPage(int page) override { return page >= 1 && page <= pages_; }
    void GetPageInfo(int* min, int* max, int* from, int* to) override {
        *min = *from = 1;
        *max = *to = pages_;
    }
    bool OnPrintPage(int page) override {
        wxDC* dc = GetDC();
        if (!dc) return false;
        // Page coordinates in points (1/72 in), like the PDF.
        const rr::PageSize size = page_size(doc_);
        FitThisSizeToPaper(wxSize(static_cast<int>(size.width), static_cast<int>(size.height)));
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::CreateFromUnknownDC(*dc));
        if (!gc) return false;
        const wxPoint origin = dc->GetDeviceOrigin();
        double sx = 1, sy = 1;
        dc->GetUserScale(&sx, &sy);
        gc->Translate(origin.x, origin.y);
        gc->Scale(sx, sy);
        rr::draw_page(*gc, doc_, page - 1, size);
        return true;
    }

private:
    rr::ReportDocument doc_;
    int pages_ = 1;
};

}  // namespace

void export_report(wxWindow* parent, Services& services, const ReportOutput& out, const rr::ChartData* chart,
                   OutputDone done) {
    Format format = Format::csv;
    const wxString path = ask_path(parent, "kaikukortti-statistics", true, format);
    if (path.empty()) return;
    const auto options = export_options(out.scope, out.period);
    if (format == Format::pdf) {
        write_later(services, path, [doc = document(out, chart)](const std::string& p) { rr::write_pdf_report(doc, p, page_size(doc)); },
                    std::move(done));
        return;
    }
    report::Table table = translated(out.table);
    write_later(
        services, path,
        [table = std::move(table), options, format](const std::string& p) {
            if (format == Format::xlsx)
                report::write_xlsx(table, p, options);
            else
                write_csv_file(p, [&](std::ostream& o) { report::write_csv(table, o, options); });
        },
        std::move(done));
}

void export_audit(wxWindow* parent, Services& services, const std::vector<report::Finding>& findings,
                  const wxString& period, OutputDone done) {
    Format format = Format::csv;
    const wxString path = ask_path(parent, "kaikukortti-audit", false, format);
    if (path.empty()) return;
    auto options = export_options(wxString(), period);
    // The finding titles are translated here, on the UI thread.
    std::map<std::string, std::string> titles;
    for (const auto& f : findings) {
        const std::string english = report::finding_title(f.kind);
        titles.emplace(english, report_text_utf8(english));
    }
    options.translate = [titles](const std::string& s) {
        const auto it = titles.find(s);
        return it == titles.end() ? s : it->second;
    };
    write_later(
        services, path,
        [findings, options, format](const std::string& p) {
            if (format == Format::xlsx)
                report::write_findings_xlsx(findings, p, options);
            else
                write_csv_file(p, [&](std::ostream& o) { report::write_findings_csv(findings, o, options); });
        },
        std::move(done));
}

void print_report(wxWindow* parent, const ReportOutput& out, const rr::ChartData* chart, bool preview) {
    static wxPrintData print_data;  // keeps the chosen printer and paper for the session
    const auto doc = document(out, chart);
    print_data.SetPaperId(wxPAPER_A4);
    print_data.SetOrientation(page_size(doc).width > page_size(doc).height ? wxLANDSCAPE : wxPORTRAIT);
    wxPrintDialogData dialog_data(print_data);
    const wxString title = wxString::FromUTF8(doc.title);
    if (!preview) {
        wxPrinter printer(&dialog_data);
        ReportPrintout printout(doc, title);
        if (printer.Print(parent, &printout, true)) print_data = printer.GetPrintDialogData().GetPrintData();
        return;
    }
    auto* p = new wxPrintPreview(new ReportPrintout(doc, title), new ReportPrintout(doc, title), &dialog_data);
    if (!p->IsOk()) {
        delete p;
        return;
    }
    auto* frame = new wxPreviewFrame(p, wxGetTopLevelParent(parent), _("Print Preview"), wxDefaultPosition,
                                     parent->FromDIP(wxSize(900, 760)));
    frame->Initialize();
    frame->Show();
}

}  // namespace kaiku::ui
