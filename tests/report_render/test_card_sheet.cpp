#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "core/card_id.hpp"
#include "helpers.hpp"
#include "report_render/card_sheet.hpp"
#include "cli/cli.hpp"
#include "i18n/catalog.hpp"
#include "store/repositories.hpp"

using namespace kaiku;
using namespace kaiku::report_render;

namespace {

// A database with the area Pietarsaari/Jakobstad (prefix PIE) and a batch of 23 cards: three pages.
struct BatchFixture {
    std::filesystem::path dir = test::temp_dir("card-sheet-db");
    store::Database db{(dir / "cache.sqlite").string()};
    std::string batch_id = "0190f000-0000-7000-8000-0000000000b1";
    BatchFixture() {
        core::Area a;
        a.id = "0190f000-0000-7000-8000-0000000000a1";
        a.prefix = "PIE";
        a.name_fi = "Pietarsaari";
        a.name_sv = "Jakobstad";
        a.name_en = "Pietarsaari";
        store::AreaRepository{db}.upsert(a);
        core::CardBatch b;
        b.id = batch_id;
        b.area_id = a.id;
        b.first_serial = 120;
        b.last_serial = 142;
        store::CardBatchRepository{db}.upsert(b);
    }
};

std::vector<std::string> lines_with(const std::string& text, const std::string& prefix) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(prefix, 0) == 0) out.push_back(line.substr(prefix.size()));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("a card sheet is built from a batch: IDs with prefix and check character, area names per language") {
    BatchFixture f;
    const auto s = card_sheet_for_batch(f.db, f.batch_id, {core::Language::fi, core::Language::sv, core::Language::en});
    REQUIRE(s.card_ids.size() == 23);
    CHECK(s.card_ids.front() == core::format_card_id("PIE", 120));
    CHECK(s.card_ids.back() == core::format_card_id("PIE", 142));
    CHECK(core::parse_card_id(s.card_ids[5]).id.has_value());
    CHECK(s.area_names == std::vector<std::string>{"Pietarsaari", "Jakobstad"});  // en = fi: not repeated
    CHECK(card_sheet_page_count(s) == 3);
    CHECK_THROWS_AS(card_sheet_for_batch(f.db, "no-such-batch", {core::Language::fi}), std::runtime_error);
}

TEST_CASE("a card sheet PDF has 10 cards per A4 page with readable IDs, Code 39 and QR codes") {
    REQUIRE(test::have_tool("pdftotext"));
    BatchFixture f;
    auto s = card_sheet_for_batch(f.db, f.batch_id, {core::Language::fi, core::Language::sv});
    s.valid_until_labels = {"Voimassa asti", "Giltigt till"};
    s.children_labels = {"Lapsia", "Barn"};
    s.layout.crop_marks = true;
    const auto dir = test::temp_dir("card-sheet");
    const auto pdf = (dir / "cards.pdf").string();
    write_card_sheet(s, pdf);

    const auto info = test::run("pdfinfo '" + pdf + "'");
    CHECK(info.find("Pages:           3") != std::string::npos);
    CHECK(info.find("(A4)") != std::string::npos);
    const auto page1 = test::run("pdftotext -f 1 -l 1 '" + pdf + "' -");
    for (int i = 0; i < 10; ++i) CHECK_MESSAGE(page1.find(s.card_ids[i]) != std::string::npos, s.card_ids[i]);
    CHECK(page1.find(s.card_ids[10]) == std::string::npos);
    CHECK(page1.find("Pietarsaari / Jakobstad") != std::string::npos);
    CHECK(page1.find("Voimassa asti / Giltigt till:") != std::string::npos);
    const auto page3 = test::run("pdftotext -f 3 -l 3 '" + pdf + "' -");
    CHECK(page3.find(s.card_ids[22]) != std::string::npos);

    // Render page 1 and read the barcodes back when zbarimg is installed.
    test::run("pdftoppm -png -r 300 -f 1 -l 1 -singlefile '" + pdf + "' '" + (dir / "page1").string() + "'");
    const auto png = (dir / "page1.png").string();
    CHECK(test::png_stats(png).non_white > 0.03);
    if (!test::have_tool("zbarimg")) {
        MESSAGE("zbarimg not installed: barcodes not decoded");
        return;
    }
    // One card at a time, as a scanner sees it (zbar misses some QR codes in a page full of them).
    const auto& L = s.layout;
    const double px = 300 / 25.4;
    for (int i = 0; i < 10; ++i) {
        const double x = L.margin_left + (i % 2) * L.card_width, y = L.margin_top + (i / 2) * L.card_height;
        const auto card_png = (dir / ("card" + std::to_string(i) + ".png")).string();
        test::crop_png(png, int(x * px), int(y * px), int(L.card_width * px), int(L.card_height * px), card_png);
        const auto decoded = test::run("zbarimg -q '" + card_png + "'");
        CHECK(lines_with(decoded, "CODE-39:") == std::vector<std::string>{s.card_ids[i]});
        CHECK(lines_with(decoded, "QR-Code:") == std::vector<std::string>{s.card_ids[i]});
    }
}

TEST_CASE("an ID zint cannot encode is refused") {
    CardSheet s;
    s.card_ids = {"ä-not-code39"};
    const auto dir = test::temp_dir("card-sheet-bad");
    CHECK_THROWS_AS(write_card_sheet(s, (dir / "bad.pdf").string()), std::runtime_error);
}

TEST_CASE("kaikuctl cards sheet writes the batch's card sheet and refuses bad flags") {
    BatchFixture f;
    const auto out_pdf = (f.dir / "sheet.pdf").string();
    const auto db = (f.dir / "cache.sqlite").string();
    auto run = [](std::vector<std::string> args, std::string* out_text = nullptr) {
        std::ostringstream out, err;
        const int rc = cli::run(args, out, err);
        if (out_text) *out_text = out.str() + err.str();
        return rc;
    };
    std::string text;
    CHECK(run({"cards", "sheet", "--database", db, "--batch", f.batch_id, "--output", out_pdf, "--language", "sv"},
              &text) == 0);
    CHECK(text.find("23 cards on 3 pages") != std::string::npos);
    // The label comes from the Swedish catalogue (the one built from locales/sv.po), whatever the interface
    // language is.
    const std::string valid_sv = i18n::Catalog("sv").tr("Valid until"), valid_fi = i18n::Catalog("fi").tr("Valid until");
    CHECK(valid_sv != "Valid until");
    CHECK(valid_fi != "Valid until");
    const auto page1 = test::run("pdftotext -f 1 -l 1 '" + out_pdf + "' -");
    CHECK(page1.find(valid_sv + ":") != std::string::npos);
    CHECK(page1.find(valid_fi) == std::string::npos);
    CHECK(page1.find("Jakobstad") != std::string::npos);
    // Bilingual by default: both labels, in an English interface too.
    const auto both_pdf = (f.dir / "both.pdf").string();
    CHECK(run({"--ui-language", "en", "cards", "sheet", "--database", db, "--batch", f.batch_id, "--output", both_pdf},
              &text) == 0);
    const auto both = test::run("pdftotext -f 1 -l 1 '" + both_pdf + "' -");
    CHECK(both.find(valid_fi) != std::string::npos);
    CHECK(both.find(valid_sv + ":") != std::string::npos);
    CHECK(both.find("Valid until") == std::string::npos);

    CHECK(run({"cards", "sheet", "--database", db, "--batch", f.batch_id}) == 2);  // no --output
    CHECK(run({"cards", "sheet", "--batch", f.batch_id, "--output", out_pdf, "--language", "de"}) == 2);
    CHECK(run({"cards", "sheet", "--bogus"}) == 2);
    CHECK(run({"cards", "print"}) == 2);
    CHECK(run({"cards", "sheet", "--database", db, "--batch", "nope", "--output", out_pdf}) == 1);
    CHECK(cli::usage().find("cards sheet --batch ID --output FILE.pdf") != std::string::npos);
}
