#include <doctest/doctest.h>

#include "helpers.hpp"
#include "report_render/chart.hpp"

using namespace kaiku;
using namespace kaiku::report_render;

namespace {

report::Table trend_table() {
    report::Table t;
    t.title = "Cards and uses per year";
    t.key_header = "Year";
    t.columns = {"Registered cards", "Activated cards", "Uses"};
    const long long data[][3] = {{1000, 180, 610}, {2003, 1457, 2117}, {3913, 824, 2947}, {4528, 1261, 6110},
                                 {6095, 1667, 11527}};
    for (int i = 0; i < 5; ++i) {
        report::Row r{std::to_string(2015 + i), std::to_string(2015 + i), {}};
        for (long long v : data[i]) r.cells.push_back({v, false});
        t.rows.push_back(r);
    }
    t.rows[1].cells[1] = {3, true};
    return t;
}

}  // namespace

TEST_CASE("nice ticks are 1, 2 or 5 times a power of ten and cover the maximum") {
    auto t = nice_ticks(11527, 5);
    CHECK(t.step == 5000);
    CHECK(t.top == 15000);
    CHECK(t.count == 3);
    t = nice_ticks(3, 5);
    CHECK(t.step == 1);
    CHECK(t.top == 3);
    t = nice_ticks(0, 5);
    CHECK(t.top == 1);
}

TEST_CASE("a chart from a table takes the chosen columns and keeps suppressed cells absent") {
    const auto c = chart_from_table(trend_table(), {0, 1}, ChartKind::bars);
    CHECK(c.title == "Cards and uses per year");
    REQUIRE(c.categories.size() == 5);
    CHECK(c.categories[0] == "2015");
    REQUIRE(c.series.size() == 2);
    CHECK(c.series[1].label == "Activated cards");
    CHECK(c.series[0].values[4] == 6095.0);
    CHECK_FALSE(c.series[1].values[1].has_value());
    CHECK(c.any_suppressed());
    CHECK_THROWS(chart_from_table(trend_table(), {7}, ChartKind::bars));
}

TEST_CASE("a chart's categories are translated like the table's rows: code-list labels, not place names") {
    auto t = trend_table();
    t.rows[0].label = "65 and over";
    t.rows[0].label_is_english = true;
    t.rows[1].label = "Tampere";  // a name from the register stays as it is
    const auto c = chart_from_table(t, {0}, ChartKind::bars, [](const std::string& s) { return "fi:" + s; });
    CHECK(c.title == "fi:Cards and uses per year");
    CHECK(c.series[0].label == "fi:Registered cards");
    CHECK(c.categories[0] == "fi:65 and over");
    CHECK(c.categories[1] == "Tampere");
}

TEST_CASE("a PNG chart has the asked size, is not blank and shows two series in different colours") {
    const auto dir = test::temp_dir("chart-png");
    auto c = chart_from_table(trend_table(), {0, 1}, ChartKind::bars);
    c.suppressed_note = "< 5: fewer than five holders, not shown";
    ChartStyle st;
    st.patterns = false;  // pure series colours for the pixel check
    const auto path = (dir / "bars.png").string();
    write_chart_png(c, 640, 400, path, st);
    const auto s = test::png_stats(path);
    REQUIRE(s.ok());
    CHECK(s.width == 640);
    CHECK(s.height == 400);
    CHECK(s.non_white > 0.05);
    const auto& p = default_palette();
    CHECK(s.colours.count(test::colour_key(p[0].Red(), p[0].Green(), p[0].Blue())) == 1);
    CHECK(s.colours.count(test::colour_key(p[1].Red(), p[1].Green(), p[1].Blue())) == 1);

    // Lines and stacked bars draw too (with patterns and markers).
    c.kind = ChartKind::lines;
    write_chart_png(c, 640, 400, (dir / "lines.png").string());
    CHECK(test::png_stats((dir / "lines.png").string()).non_white > 0.02);
    report::Row total{"total", "Total", {}};
    for (long long v : {900, 300, 120, 0, 80, 4, 410, 95}) total.cells.push_back({v, v == 4});
    const auto split = split_chart(total, "Admissions by category", {"Culture", "Education", "Science", "Sports"},
                                   {"Adults", "Children"}, {{0, 1}, {2, 3}, {4, 5}, {6, 7}});
    CHECK_FALSE(split.series[1].values[2].has_value());
    write_chart_png(split, 640, 400, (dir / "split.png").string());
    CHECK(test::png_stats((dir / "split.png").string()).non_white > 0.05);
}
