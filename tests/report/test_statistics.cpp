// Statistics against the published national table (through the CSV and XLSX exports read back), grouping and
// cross-area sanity, and small-cell suppression.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "core/demo_network.hpp"
#include "import/table.hpp"
#include "report/export.hpp"
#include "report/statistics.hpp"
#include "store/demo_writer.hpp"
#include "store/repositories.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_network.hpp"

using namespace kaiku;

namespace {

// RFC 4180 records: quoted fields with doubled quotes, CRLF or LF line ends.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, char sep) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, in_quotes = false;
    std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    auto end_field = [&] {
        rows.back().push_back(field);
        field.clear();
        quoted = false;
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') in_quotes = false;
            else field += c;
        } else if (c == '"' && field.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (c == sep) {
            end_field();
        } else if (c == '\r') {
        } else if (c == '\n') {
            end_field();
            rows.emplace_back();
        } else {
            field += c;
        }
    }
    if (!field.empty() || quoted) end_field();
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

long long num(const std::string& s) { return std::stoll(s); }

}  // namespace

TEST_CASE("the x1 demo network gives the published national table, also through CSV and XLSX") {
    test::TempDir dir;
    store::Database db(dir.file("demo.sqlite"));
    const auto t0 = std::chrono::steady_clock::now();
    const auto s = store::write_demo_network(db, {1, 1.0});
    const double gen = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    MESSAGE("x1 demo network generated in " << gen << " s");
    CHECK(s.cards == 60732);
    CHECK(s.uses == 152064);

    const auto t = report::national(db, {}, report::GroupBy::year);
    const auto& published = core::demo::national_table();
    REQUIRE(t.rows.size() == published.size());
    for (std::size_t i = 0; i < published.size(); ++i) {
        const auto& p = published[i];
        CAPTURE(p.year);
        CHECK(t.rows[i].key == std::to_string(p.year));
        CHECK(t.rows[i].cells[0].value == p.registered);
        CHECK(t.rows[i].cells[1].value == p.activated);
        CHECK(t.rows[i].cells[2].value == p.uses);
        CHECK(t.rows[i].cells[11].value == p.municipalities);
        // Admissions: every use admits at least one person.
        std::int64_t admissions = 0;
        for (int c = 3; c < 11; ++c) admissions += t.rows[i].cells[c].value;
        CHECK(admissions >= p.uses);
    }
    REQUIRE(t.total);
    CHECK(t.total->cells[0].value == s.cards);
    CHECK(t.total->cells[2].value == s.uses);

    for (auto lang : {core::Language::fi, core::Language::en}) {
        CAPTURE(core::enum_name(lang));
        report::ExportOptions o;
        o.language = lang;
        o.bom = true;
        o.scope = "Koko verkosto; \"kaikki\"";  // quotes and the separator must survive
        o.period = "2015-01-01 - 2023-12-31";
        o.generated_at = "2024-01-02 03:04";
        std::ostringstream csv;
        report::write_csv(t, csv, o);
        const auto text = csv.str();
        CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);
        const auto rows = parse_csv(text, report::csv_separator(lang));
        REQUIRE(rows.size() == 6 + published.size() + 1);
        CHECK(rows[0][0] == "National statistics");
        CHECK(rows[1][1] == o.scope);
        CHECK(rows[5][0] == "Year");
        CHECK(rows[5].size() == 13);
        for (std::size_t i = 0; i < published.size(); ++i) {
            const auto& r = rows[6 + i];
            CHECK(num(r[0]) == published[i].year);
            CHECK(num(r[1]) == published[i].registered);
            CHECK(num(r[2]) == published[i].activated);
            CHECK(num(r[3]) == published[i].uses);
            CHECK(num(r[12]) == published[i].municipalities);
        }
        CHECK(rows.back()[0] == "Total");
    }

    // XLSX read back by the project's own reader: without the header block the table starts at the first row.
    report::ExportOptions o;
    o.header_block = false;
    report::write_xlsx(t, dir.file("national.xlsx"), o);
    const auto read = import::read_table(dir.file("national.xlsx"));
    REQUIRE(read.ok());
    const auto& x = *read.table;
    REQUIRE(x.headers.size() == 13);
    CHECK(x.headers[0] == "Year");
    CHECK(x.headers[3] == "Uses");
    REQUIRE(x.rows.size() == published.size() + 1);
    for (std::size_t i = 0; i < published.size(); ++i) {
        CHECK(num(x.rows[i][0]) == published[i].year);
        CHECK(num(x.rows[i][1]) == published[i].registered);
        CHECK(num(x.rows[i][2]) == published[i].activated);
        CHECK(num(x.rows[i][3]) == published[i].uses);
        CHECK(num(x.rows[i][12]) == published[i].municipalities);
    }
    // With the header block: title first, the table below.
    report::ExportOptions h;
    h.scope = "All areas";
    h.period = "2015 - 2023";
    h.generated_at = "2024-01-02 03:04";
    report::write_xlsx(t, dir.file("national-block.xlsx"), h);
    const auto block = import::read_table(dir.file("national-block.xlsx"));
    REQUIRE(block.ok());
    CHECK(block.table->headers[0] == "National statistics");
    CHECK(block.table->rows[0][0] == "Scope");
    CHECK(block.table->rows[3][0] == "Year");

    // Grouped tables add up to the same totals.
    for (auto g : {report::GroupBy::month, report::GroupBy::area, report::GroupBy::municipality,
                   report::GroupBy::issuer, report::GroupBy::venue}) {
        CAPTURE(report::group_by_name(g));
        const auto gt = report::national(db, {}, g);
        REQUIRE(gt.total);
        for (std::size_t c = 0; c < 11; ++c) {
            std::int64_t sum = 0;
            for (const auto& r : gt.rows) sum += r.cells[c].value;
            CHECK(sum == gt.total->cells[c].value);
            if (g == report::GroupBy::venue && c < 2) continue;  // card columns are not counted by venue
            CHECK(gt.total->cells[c].value == t.total->cells[c].value);
        }
    }
    // A month as a real date in XLSX.
    report::Filter q1;
    q1.from = core::Date::from_ymd(2023, 1, 1);
    q1.to = core::Date::from_ymd(2023, 3, 31);
    const auto months = report::national(db, q1, report::GroupBy::month);
    REQUIRE(months.rows.size() == 3);
    report::write_xlsx(months, dir.file("months.xlsx"), o);
    const auto mread = import::read_table(dir.file("months.xlsx"));
    REQUIRE(mread.ok());
    CHECK(mread.table->rows[0][0] == "2023-01-01");
    CHECK(num(mread.table->rows[2][3]) == months.rows[2].cells[2].value);
}

TEST_CASE("filters, labels in the language, cross-area use and grouping sums on a tiny network") {
    test::TempDir dir;
    store::Database db(dir.file("tiny.sqlite"));
    test::TinyNetwork n{db};
    n.area("a1", "AAA", "Tampere", "Tammerfors");
    n.area("a2", "BBB", "Espoo", "Esbo");
    n.municipality("837", "a1", "Tampere", 2016);
    n.municipality("049", "a2", "Espoo", 2019);
    n.site("i1", "a1", "issuer", "837");
    n.site("i2", "a2", "issuer", "049");
    n.site("v1", "a1", "venue", "837");
    n.site("v2", "a2", "venue", "049");
    n.card("c1", "a1", "i1", "2022-03-01", "2022-03-05");
    n.card("c2", "a1", "i1", "2023-01-10", "2023-02-01");
    n.card("c3", "a2", "i2", "2023-05-01");
    n.use("c1", "v1", "2022-03-05", 1, 2, "culture");
    n.use("c1", "v2", "2023-01-05", 2, 0, "sports");  // a1 card at an a2 venue
    n.use("c2", "v2", "2023-02-01", 1, 1, "science");
    n.use("c2", "v1", "2023-02-02", 1, 0, "culture", "", 1);  // voided: never counts

    report::Filter f;
    f.language = core::Language::sv;
    const auto by_area = report::national(db, f, report::GroupBy::area);
    REQUIRE(by_area.rows.size() == 2);
    CHECK(by_area.rows[0].label == "Esbo");
    CHECK(by_area.rows[1].label == "Tammerfors");
    CHECK(by_area.rows[1].cells[0].value == 2);  // cards of a1
    CHECK(by_area.rows[0].cells[2].value == 2);  // uses at a2 venues
    CHECK(by_area.rows[0].cells[9].value == 2);  // sports adults at a2
    CHECK(by_area.total->cells[2].value == 3);
    CHECK(by_area.total->cells[4].value == 2);  // culture children

    f.from = core::Date::from_ymd(2023, 1, 1);
    f.to = core::Date::from_ymd(2023, 12, 31);
    const auto year = report::national(db, f, report::GroupBy::year);
    REQUIRE(year.rows.size() == 1);
    CHECK(year.rows[0].cells[0].value == 2);
    CHECK(year.rows[0].cells[1].value == 1);
    CHECK(year.rows[0].cells[2].value == 2);
    CHECK(year.rows[0].cells[11].value == 2);
    f.area_ids = {"a1"};
    const auto a1 = report::national(db, f, report::GroupBy::year);
    CHECK(a1.rows[0].cells[0].value == 1);   // c2 only
    CHECK(a1.rows[0].cells[2].value == 0);   // no 2023 uses at a1 venues (the one there is voided)
    CHECK(a1.rows[0].cells[11].value == 1);  // only a1's municipality
    f.area_ids.clear();
    f.site_id = "i1";
    const auto site = report::national(db, f, report::GroupBy::issuer);
    REQUIRE(site.rows.size() == 1);
    CHECK(site.rows[0].key == "i1");
    CHECK(site.rows[0].cells[2].value == 2);  // uses of i1's cards in 2023

    report::Filter all;
    const auto cross = report::cross_area_use(db, all);
    REQUIRE(cross.rows.size() == 1);
    CHECK(cross.rows[0].key == "a1>a2");
    CHECK(cross.rows[0].label == "Tampere \u2192 Espoo");
    CHECK(cross.rows[0].cells[0].value == 2);
    CHECK(cross.rows[0].cells[1].value == 3);
    all.area_ids = {"a2"};
    CHECK(report::cross_area_use(db, all).rows.size() == 1);  // a2 sees visitors from a1
}

TEST_CASE("small profile cells are shown as < 5 and cannot be recovered from the total") {
    test::TempDir dir;
    store::Database db(dir.file("tiny.sqlite"));
    test::TinyNetwork n{db};
    n.area("a1", "AAA", "Tampere");
    n.site("i1", "a1", "issuer");
    int k = 0;
    auto cards = [&](int count, const std::string& age, int children) {
        for (int i = 0; i < count; ++i)
            n.card("c" + std::to_string(++k), "a1", "i1", "2023-01-01", "", children, age);
    };
    cards(3, "65+", 1);  // 3 holders: suppressed
    cards(20, "16-29", 0);
    cards(12, "30-64", 2);
    const auto t = report::profile_breakdown(db, {}, report::Profile::age_group);
    REQUIRE(t.rows.size() == 4);
    auto row = [&](const std::string& key) {
        for (const auto& r : t.rows)
            if (r.key == key) return r;
        FAIL("no row " << key);
        return report::Row{};
    };
    CHECK(row("65+").cells[0].suppressed);
    CHECK(row("65+").cells[0].value == 3);
    CHECK(row("30-64").cells[0].suppressed);  // the next smallest, so 3 is not total - 20 - 12
    CHECK_FALSE(row("16-29").cells[0].suppressed);
    CHECK_FALSE(row("unspecified").cells[0].suppressed);  // zero is not hidden
    CHECK_FALSE(t.total->cells[0].suppressed);
    CHECK(t.any_suppressed());
    std::ostringstream csv;
    report::ExportOptions o;
    o.header_block = false;
    report::write_csv(t, csv, o);
    CHECK(csv.str().find("65 and over,< 5,") != std::string::npos);
    CHECK(csv.str().find("30-64,< 5,") != std::string::npos);

    const auto c = report::profile_breakdown(db, {}, report::Profile::children);
    REQUIRE(c.rows.size() == 4);
    CHECK(c.rows[0].key == "0");
    CHECK(c.rows[3].key == "3+");
    CHECK(c.rows[1].cells[0].suppressed);  // 3 holders with one child
    CHECK(c.rows[2].cells[0].suppressed);  // secondary: 12

    // Two tiny cells that sum below five: a third one is hidden too.
    report::Table s;
    s.columns = {"x"};
    for (int v : {1, 2, 40, 50}) s.rows.push_back(report::Row{std::to_string(v), "", {report::Cell{v}}});
    s.total = report::Row{"total", "Total", {report::Cell{93}}};
    report::suppress(s);
    CHECK(s.rows[0].cells[0].suppressed);
    CHECK(s.rows[1].cells[0].suppressed);
    CHECK(s.rows[2].cells[0].suppressed);
    CHECK_FALSE(s.rows[3].cells[0].suppressed);
}

TEST_CASE("every holder profile value of the demo network lands in a named row") {
    test::TempDir dir;
    store::Database db(dir.file("demo.sqlite"));
    store::write_demo_network(db, {3, 0.02});
    for (const auto profile : {report::Profile::age_group, report::Profile::gender, report::Profile::life_situation,
                               report::Profile::children}) {
        CAPTURE(report::profile_name(profile));
        const auto t = report::profile_breakdown(db, {}, profile);
        REQUIRE(t.total);
        std::int64_t named = 0;
        for (const auto& r : t.rows) {
            CHECK_MESSAGE(r.label_is_english, "a value without a label: " << r.key);
            named += r.cells[0].value;
        }
        CHECK(named == t.total->cells[0].value);
        CHECK(t.total->cells[0].value > 0);
    }
}

TEST_CASE("the daily sums behind the national table stay exact through voids, edits and deletes") {
    test::TempDir dir;
    store::Database db(dir.file("demo.sqlite"));
    store::write_demo_network(db, {5, 0.02});
    report::Filter all_areas;  // the same rows through the per-use queries: an area filter skips the daily sums
    for (const auto& a : store::AreaRepository{db}.list()) all_areas.area_ids.push_back(a.id);
    auto same = [&](report::GroupBy g) {
        const auto summed = report::national(db, {}, g);
        const auto counted = report::national(db, all_areas, g);
        REQUIRE(summed.rows.size() == counted.rows.size());
        for (std::size_t i = 0; i < summed.rows.size(); ++i) {
            CAPTURE(summed.rows[i].key);
            CHECK(summed.rows[i].key == counted.rows[i].key);
            for (std::size_t c = 0; c < summed.rows[i].cells.size(); ++c)
                CHECK(summed.rows[i].cells[c].value == counted.rows[i].cells[c].value);
        }
        CHECK(summed.total->cells[0].value > 0);
    };
    same(report::GroupBy::year);
    db.sql() << "UPDATE usage SET voided = 1 WHERE id IN (SELECT id FROM usage ORDER BY id LIMIT 40)";
    db.sql() << "UPDATE usage SET category = 'sports', adults = adults + 1 WHERE id IN "
                "(SELECT id FROM usage WHERE voided = 0 ORDER BY id DESC LIMIT 30)";
    db.sql() << "UPDATE usage SET used_on = '2019-06-15' WHERE id IN (SELECT id FROM usage ORDER BY used_on LIMIT 5)";
    db.sql() << "DELETE FROM usage WHERE id IN (SELECT id FROM usage ORDER BY adults DESC, id LIMIT 25)";
    db.sql() << "UPDATE card SET activated_on = '2020-02-02' WHERE id IN "
                "(SELECT id FROM card WHERE activated_on IS NOT NULL ORDER BY id LIMIT 10)";
    db.sql() << "UPDATE card SET registered_on = NULL WHERE id IN "
                "(SELECT id FROM card WHERE registered_on IS NOT NULL ORDER BY id DESC LIMIT 7)";
    db.sql() << "DELETE FROM card WHERE id IN (SELECT id FROM card ORDER BY id LIMIT 12)";
    same(report::GroupBy::year);
    same(report::GroupBy::month);
    // A sign-out wipe leaves nothing behind.
    db.sql() << "DELETE FROM usage";
    db.sql() << "DELETE FROM card";
    long long left = -1;
    db.sql() << "SELECT COALESCE(SUM(ABS(uses)) + SUM(ABS(adults)), 0) + (SELECT COALESCE(SUM(ABS(registered) + "
                "ABS(activated)), 0) FROM stat_card_day) FROM stat_use_day",
        soci::into(left);
    CHECK(left == 0);
}
