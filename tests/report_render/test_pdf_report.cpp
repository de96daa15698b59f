#include <doctest/doctest.h>

#include <regex>

#include "helpers.hpp"
#include "report_render/pdf_report.hpp"
#include "report_render/table_report.hpp"

using namespace kaiku;
using namespace kaiku::report_render;

namespace {

// Finnish labels with ä/ö/å, 60 monthly rows: the table runs over several pages.
ReportDocument monthly_document() {
    ReportDocument d;
    d.title = "Kaikukortin käyttö kuukausittain";
    d.details = {{"Alue", "Pietarsaari – Jakobstad (Åland-testi ö)"},
                 {"Aikaväli", "1.1.2019–31.12.2023"},
                 {"Luotu", "12.3.2024 klo 14.05"}};
    d.table.title = "Käyttökerrat";
    d.table.key_header = "Kuukausi";
    d.table.columns = {"Rekisteröidyt kortit", "Aktivoidut kortit", "Käyttökerrat", "Kulttuuri aikuiset",
                       "Kulttuuri lapset"};
    for (int i = 0; i < 60; ++i) {
        report::Row r;
        r.key = std::to_string(2019 + i / 12) + "-" + (i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1);
        r.label = r.key;
        for (int c = 0; c < 5; ++c) r.cells.push_back({1000 + i * 37 + c * 211, false});
        d.table.rows.push_back(r);
    }
    d.table.rows[3].cells[4] = {2, true};
    d.table.total = report::Row{"total", "Yhteensä", {{123456, false}, {2345, false}, {34567, false}, {4567, false},
                                                       {567, false}}};
    d.suppressed_note = "< 5: alle viisi kortinhaltijaa, ei näytetä";
    d.format_number = [](double v) {  // 1 234 with a no-break space, as the GUI does in fi/sv
        std::string s = std::to_string(static_cast<long long>(v)), out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (i > 0 && (s.size() - i) % 3 == 0) out += "\u00a0";
            out += s[i];
        }
        return out;
    };
    ChartData c;
    c.title = "Käyttökerrat vuosittain";
    c.categories = {"2019", "2020", "2021", "2022", "2023"};
    c.series = {{"Aikuiset", {5000, 3100, 4200, std::nullopt, 7000}}, {"Lapset", {1500, 900, 1300, 1700, 2100}}};
    c.suppressed_note = "< 5: alle viisi";
    d.chart = c;
    return d;
}

int pdf_pages(const std::string& info) {
    std::smatch m;
    static const std::regex re("Pages:\\s+(\\d+)");
    return std::regex_search(info, m, re) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST_CASE("a PDF report is A4 with title, details, Nordic letters, values, '< 5' and page numbers") {
    REQUIRE(test::have_tool("pdftotext"));
    const auto dir = test::temp_dir("pdf-report");
    const auto doc = monthly_document();
    const auto pdf = (dir / "report.pdf").string();
    write_pdf_report(doc, pdf);

    const auto info = test::run("pdfinfo '" + pdf + "'");
    CHECK(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
    const int pages = pdf_pages(info);
    CHECK(pages >= 2);
    CHECK(pages == page_count(doc));

    const auto text = test::run("pdftotext -layout '" + pdf + "' -");
    for (const char* s : {"Kaikukortin käyttö kuukausittain", "Pietarsaari – Jakobstad (Åland-testi ö)",
                          "1.1.2019–31.12.2023", "Luotu", "Rekisteröidyt", "2019-04", "2023-12", "Yhteensä",
                          "123 456", "< 5", "alle viisi kortinhaltijaa", "Käyttökerrat vuosittain", "Aikuiset"})
        CHECK_MESSAGE(text.find(s) != std::string::npos, "missing: " << s);
    // Page numbers "1 / 3" (pdftotext may drop the thin spaces around the slash).
    const std::regex first_page("1 ?/ ?" + std::to_string(pages) + "\\s"),
        last_page(std::to_string(pages) + " ?/ ?" + std::to_string(pages) + "\\s");
    CHECK(std::regex_search(text, first_page));
    CHECK(std::regex_search(text, last_page));

    // The header is repeated on the last page.
    const auto last = test::run("pdftotext -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " '" +
                                pdf + "' -");
    CHECK(last.find("Kuukausi") != std::string::npos);
    CHECK(last.find("Yhteensä") != std::string::npos);

    // Fonts are embedded (DejaVu).
    const auto fonts = test::run("pdffonts '" + pdf + "'");
    CHECK(fonts.find("DejaVuSans") != std::string::npos);
    CHECK(fonts.find(" no ") == std::string::npos);

    // The first page renders to a non-blank image.
    test::run("pdftoppm -png -r 60 -f 1 -l 1 -singlefile '" + pdf + "' '" + (dir / "page1").string() + "'");
    const auto s = test::png_stats((dir / "page1.png").string());
    REQUIRE(s.ok());
    CHECK(s.width == doctest::Approx(496).epsilon(0.01));
    CHECK(s.non_white > 0.03);
    CHECK(s.colours.size() > 8);  // chart colours, not just black text
}

TEST_CASE("a short report fits one page and an empty table still gives one page") {
    ReportDocument d;
    d.title = "Short";
    d.table.key_header = "Year";
    d.table.columns = {"Uses"};
    d.table.rows.push_back({"2023", "2023", {{42, false}}});
    CHECK(page_count(d) == 1);
    CHECK(page_count(d, a4_landscape()) == 1);
    d.table.rows.clear();
    CHECK(page_count(d) == 1);
    const auto dir = test::temp_dir("pdf-short");
    write_pdf_report(d, (dir / "empty.pdf").string());
    CHECK(pdf_pages(test::run("pdfinfo '" + (dir / "empty.pdf").string() + "'")) == 1);
}

TEST_CASE("a statistics table becomes a PDF report or a PNG chart in one call") {
    report::Table t;
    t.title = "Cards per year";
    t.key_header = "Year";
    t.columns = {"Registered cards", "Activated cards", "Uses"};
    for (int y = 2015; y <= 2023; ++y)
        t.rows.push_back({std::to_string(y), std::to_string(y), {{y * 3L - 6000, false}, {y - 2000L, false}, {4, true}}});
    t.total = report::Row{"total", "Total", {{1, false}, {2, false}, {3, false}}};
    CHECK(parse_output_format("pdf") == OutputFormat::pdf);
    CHECK(parse_output_format("png") == OutputFormat::png);
    CHECK_FALSE(parse_output_format("svg"));
    TableReportOptions o;
    o.details = {{"Scope", "Whole country"}, {"Period", "2015–2023"}};
    o.translate = [](const std::string& s) { return s == "Year" ? std::string("Vuosi") : s; };
    const auto doc = table_document(t, o);
    REQUIRE(doc.chart);
    CHECK(doc.chart->series.size() == 2);
    CHECK(doc.table.key_header == "Vuosi");

    const auto dir = test::temp_dir("table-report");
    write_table_report(t, OutputFormat::pdf, (dir / "t.pdf").string(), o);
    const auto text = test::run("pdftotext '" + (dir / "t.pdf").string() + "' -");
    CHECK(text.find("Vuosi") != std::string::npos);
    CHECK(text.find("Whole country") != std::string::npos);
    CHECK(text.find("fewer than five") != std::string::npos);
    write_table_report(t, OutputFormat::png, (dir / "t.png").string(), o);
    const auto s = test::png_stats((dir / "t.png").string());
    CHECK(s.width == 1200);
    CHECK(s.height == 700);
    CHECK(s.non_white > 0.05);
}
