// Import of CSV/XLSX files: readers (with workbooks written by libxlsxwriter, and broken files), column
// mapping, row validation, privacy, and a whole migration into a local cache with a repeated import.
#include <atomic>
#include <fstream>
#include <sstream>
#include <xlsxwriter.h>
#include <zip.h>

#include <doctest/doctest.h>

#include "cli/cli.hpp"
#include "core/card_id.hpp"
#include "import/import.hpp"
#include "import/row_id.hpp"
#include "store/database.hpp"
#include "store/repositories.hpp"
#include "support/temp_dir.hpp"
#include "sync/outbox.hpp"

using namespace kaiku;
using namespace kaiku::import;
using test::TempDir;

namespace {

const std::string kData = KAIKU_TEST_DATA_DIR "/import/";

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

Table csv(const std::string& text, const ReadOptions& opt = {}) {
    auto r = parse_csv(text, "test.csv", opt);
    INFO((r.error ? r.error->message : std::string()));
    REQUIRE(r.ok());
    return *r.table;
}

std::string csv_error(const std::string& text, const ReadOptions& opt = {}) {
    auto r = parse_csv(text, "test.csv", opt);
    REQUIRE(!r.ok());
    return r.error->message;
}

// A zip archive with the given parts, for broken workbooks.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    REQUIRE(z);
    for (const auto& [name, text] : parts) {
        zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
        REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
}

// A cache with the network the example files name (an area TRE with one organisation; a printed batch).
struct Cache {
    TempDir dir;
    store::Database db{dir.file("cache.sqlite")};
    std::string org_id = "0190f000-0000-7000-8000-000000000001";

    ImportPlan plan(const std::string& file, ImportKind kind, const ImportContext& ctx = {},
                    const std::vector<MappingOverride>& overrides = {}) {
        auto loaded = load_file(kData + file, kind, {}, overrides);
        INFO(core::to_string(loaded.errors));
        REQUIRE(loaded.ok());
        return plan_import(db, *loaded.table, kind, loaded.mapping.mapping, ctx);
    }
    ApplyReport run(const std::string& file, ImportKind kind, const ImportContext& ctx = {}) {
        const auto p = plan(file, kind, ctx);
        INFO(core::to_string(p.errors));
        REQUIRE(p.errors.empty());
        return apply_import(db, p);
    }
    void add_organisation(const std::string& area_id) {
        store::OrganisationRepository{db}.upsert({org_id, area_id, "Tampereen kaupunki", ""});
        core::CardBatch b;
        b.id = "0190f000-0000-7000-8000-000000000002";
        b.area_id = area_id;
        b.first_serial = 1;
        b.last_serial = 1000;
        store::CardBatchRepository{db}.upsert(b);
    }
    std::string site_named(const std::string& name) {
        for (const auto& s : store::SiteRepository{db}.list())
            if (s.name == name) return s.id;
        FAIL("no site " << name);
        return {};
    }
};

std::string messages(const std::vector<RowError>& errors) {
    std::string out;
    for (const auto& e : errors)
        out += "row " + std::to_string(e.row) + " [" + e.column + "] " + e.field + ": " + e.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("CSV: delimiter sniffed, BOM, quotes, embedded new lines, CRLF and row numbers") {
    const auto t =
        csv("\xEF\xBB\xBF"
            "Kortin numero;Päivämäärä;Note\r\n"
            "TRE-000101-Q;5.3.2024;\"two\r\nlines; and \"\"quotes\"\"\"\r\n"
            "\r\n"
            "TRE-000102-O;;\r\n");
    CHECK(t.headers == std::vector<std::string>{"Kortin numero", "Päivämäärä", "Note"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0][2] == "two\nlines; and \"quotes\"");
    CHECK(t.rows[1] == std::vector<std::string>{"TRE-000102-O", "", ""});
    CHECK(t.header_row == 1);
    CHECK(t.row_numbers == std::vector<long>{2, 5});

    CHECK(csv("a,b\n1,2\n").rows[0] == std::vector<std::string>{"1", "2"});
    CHECK(csv("a\tb\n1\t2").rows[0] == std::vector<std::string>{"1", "2"});
    CHECK(csv("a;b\n1,5;2\n").rows[0] == std::vector<std::string>{"1,5", "2"});
    // Short rows are padded, blank header columns are left out.
    const auto padded = csv("a;;c\n1\n");
    CHECK(padded.headers == std::vector<std::string>{"a", "c"});
    CHECK(padded.rows[0] == std::vector<std::string>{"1", ""});
}

TEST_CASE("CSV: Windows-1252 files from Excel are read as text") {
    const auto t = csv("P\xE4iv\xE4m\xE4\xE4r\xE4;Lapset\n1.1.2024;2\n");
    CHECK(t.headers[0] == "Päivämäärä");
}

TEST_CASE("CSV: broken files give an error naming the file and the line") {
    CHECK(csv_error("a;b\n1;\"open\n2;3\n") == "test.csv: line 2: a quoted value is not closed (a \" is missing).");
    CHECK(csv_error("\n\n").find("no header row") != std::string::npos);
    ReadOptions small;
    small.max_rows = 2;
    CHECK(csv_error("a\n1\n2\n3\n", small).find("row 4: the file has more than 2 rows") != std::string::npos);
    TempDir dir;
    CHECK(read_table(dir.file("missing.csv")).error->message.find("missing.csv: the file does not exist") == 0);
    ReadOptions tiny;
    tiny.max_bytes = 4;
    write_file(dir.file("big.csv"), "a;b\n1;2\n");
    CHECK(read_table(dir.file("big.csv"), tiny).error->code == "too_large");
}

TEST_CASE("XLSX: shared and inline strings, numbers, booleans, dates and empty cells") {
    TempDir dir;
    for (bool constant_memory : {false, true}) {
        CAPTURE(constant_memory);
        const std::string path = dir.file(constant_memory ? "inline.xlsx" : "shared.xlsx");
        lxw_workbook_options opt = {static_cast<uint8_t>(constant_memory ? LXW_TRUE : LXW_FALSE), nullptr, LXW_FALSE};
        lxw_workbook* wb = workbook_new_opt(path.c_str(), &opt);
        lxw_format* date_fmt = workbook_add_format(wb);
        format_set_num_format(date_fmt, "d.m.yyyy");
        lxw_worksheet* first = workbook_add_worksheet(wb, "Käytöt");
        lxw_worksheet* second = workbook_add_worksheet(wb, "Toinen");
        const char* headers[] = {"Kortin numero", "Päivämäärä", "Aikuiset", "Lapset", "Nimi", "Maksettu", "Hinta"};
        for (int c = 0; c < 7; ++c) worksheet_write_string(first, 0, static_cast<lxw_col_t>(c), headers[c], nullptr);
        worksheet_write_string(first, 1, 0, "TRE-000101-Q", nullptr);
        lxw_datetime d = {2024, 3, 5, 0, 0, 0};
        worksheet_write_datetime(first, 1, 1, &d, date_fmt);
        worksheet_write_number(first, 1, 2, 1, nullptr);
        // column D (children) left empty
        worksheet_write_string(first, 1, 4, "Matti Meikäläinen", nullptr);
        worksheet_write_boolean(first, 1, 5, 1, nullptr);
        worksheet_write_number(first, 1, 6, 12.5, nullptr);
        worksheet_write_string(first, 3, 0, "TRE-000102-O", nullptr);  // row 3 of the sheet is empty
        worksheet_write_string(first, 3, 1, "2024-03-06", nullptr);
        worksheet_write_string(second, 0, 0, "Date", nullptr);
        worksheet_write_string(second, 1, 0, "x", nullptr);
        REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

        auto r = read_table(path, read_options_for(ImportKind::uses));
        INFO((r.error ? r.error->message : std::string()));
        REQUIRE(r.ok());
        const Table& t = *r.table;
        CHECK(t.source == (constant_memory ? "inline.xlsx" : "shared.xlsx"));
        CHECK(t.headers ==
              std::vector<std::string>{"Kortin numero", "Päivämäärä", "Aikuiset", "Lapset", "Maksettu", "Hinta"});
        CHECK(t.dropped_headers == std::vector<std::string>{"Nimi"});
        REQUIRE(t.rows.size() == 2);
        const std::vector<std::string> want = {"TRE-000101-Q", "2024-03-05", "1", "", "TRUE", "12.5"};
        REQUIRE(t.rows[0].size() == want.size());
        for (std::size_t i = 0; i < want.size(); ++i) CHECK(t.rows[0][i] == want[i]);
        CHECK(t.rows[1][0] == "TRE-000102-O");
        CHECK(t.row_numbers == std::vector<long>{2, 4});
        for (const auto& row : t.rows)
            for (const auto& c : row) CHECK(c.find("Meikäläinen") == std::string::npos);

        ReadOptions named;
        named.sheet = "toinen";
        const auto other = read_table(path, named);
        REQUIRE(other.ok());
        CHECK(other.table->headers == std::vector<std::string>{"Date"});
        named.sheet = "Missing";
        const auto missing = read_table(path, named);
        REQUIRE(!missing.ok());
        CHECK(missing.error->code == "missing_sheet");
        CHECK(missing.error->message.find("no sheet named \"Missing\" (its sheets: \"Käytöt\", \"Toinen\")") !=
              std::string::npos);
    }
}

TEST_CASE("XLSX: date serials convert like Excel") {
    CHECK(xlsx_serial_to_iso(45356) == "2024-03-05");
    CHECK(xlsx_serial_to_iso(1) == "1900-01-01");
    CHECK(xlsx_serial_to_iso(61) == "1900-03-01");
    CHECK(xlsx_serial_to_iso(45356.75) == "2024-03-05");
    CHECK(xlsx_serial_to_iso(-3).empty());
}

TEST_CASE("XLSX: broken workbooks give an error naming the file and the problem") {
    TempDir dir;
    write_file(dir.file("text.xlsx"), "Kortin numero;Päivämäärä\n");
    auto r = read_table(dir.file("text.xlsx"));
    REQUIRE(!r.ok());
    CHECK(r.error->message == "text.xlsx: the file is not an XLSX workbook (it is not a zip archive).");

    write_zip(dir.file("nowb.xlsx"), {{"hello.txt", "hi"}});
    r = read_table(dir.file("nowb.xlsx"));
    REQUIRE(!r.ok());
    CHECK(r.error->code == "not_xlsx");

    const std::string workbook =
        R"(<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
        R"(<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>)";
    const std::string rels =
        R"(<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";
    write_zip(dir.file("broken.xlsx"), {{"xl/workbook.xml", workbook},
                                        {"xl/_rels/workbook.xml.rels", rels},
                                        {"xl/worksheets/sheet1.xml",
                                         "<worksheet><sheetData>\n<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c>"
                                         "</row>\n<row r=\"2\"><c><v>1</v></c></sheetData></worksheet>"}});
    r = read_table(dir.file("broken.xlsx"));
    REQUIRE(!r.ok());
    CHECK(r.error->message.find("broken.xlsx: xl/worksheets/sheet1.xml line 3: the XML is broken") == 0);

    write_zip(dir.file("nosheet.xlsx"), {{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels}});
    r = read_table(dir.file("nosheet.xlsx"));
    REQUIRE(!r.ok());
    CHECK(r.error->code == "missing_sheet");

    write_zip(dir.file("inline.xlsx"), {{"xl/workbook.xml", workbook},
                                        {"xl/_rels/workbook.xml.rels", rels},
                                        {"xl/worksheets/sheet1.xml",
                                         "<worksheet><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>Päivä"
                                         "</t></is></c></row><row r=\"2\"><c r=\"B2\" t=\"str\"><v>1.1.2024</v></c>"
                                         "</row></sheetData></worksheet>"}});
    r = read_table(dir.file("inline.xlsx"));
    REQUIRE(r.ok());
    CHECK(r.table->headers == std::vector<std::string>{"Päivä"});
    CHECK(r.table->rows[0] == std::vector<std::string>{"1.1.2024"});
}

TEST_CASE("privacy: holder names, identity codes and addresses are never read for uses and cards") {
    for (const char* h : {"Nimi",
                          "Name",
                          "Namn",
                          "Henkilötunnus",
                          "Hetu",
                          "Personbeteckning",
                          "Personal identity code",
                          "Osoite",
                          "Katuosoite",
                          "Address",
                          "Adress",
                          "Haltijan nimi",
                          "Asiakkaan nimi",
                          "Cardholder name",
                          "Etunimi",
                          "Sukunimi",
                          "Syntymäaika",
                          "Date of birth",
                          "Puhelin",
                          "E-mail"}) {
        CAPTURE(std::string(h));
        CHECK(is_private_column(ImportKind::uses, h));
        CHECK(is_private_column(ImportKind::cards, h));
    }
    for (const char* h : {"Kortin numero", "Päivämäärä", "Postinumero", "Syntymävuosi", "Lapset", "Kohde", "Tapahtuma",
                          "Kohteen nimi"}) {
        CAPTURE(std::string(h));
        CHECK(!is_private_column(ImportKind::uses, h));
        CHECK(!is_private_column(ImportKind::cards, h));
    }
    // Sites have street addresses and contact persons (staff, not holders).
    CHECK(!is_private_column(ImportKind::sites, "Osoite"));
    CHECK(!is_private_column(ImportKind::sites, "Yhteyshenkilö"));
    const auto t =
        csv("Kortin numero;Nimi;Henkilötunnus;Huomautus;Päivämäärä\nTRE-000101-Q;Matti;010101-123N;x;1.1.2024\n",
            read_options_for(ImportKind::uses));
    CHECK(t.headers == std::vector<std::string>{"Kortin numero", "Päivämäärä"});
    CHECK(t.rows[0] == std::vector<std::string>{"TRE-000101-Q", "1.1.2024"});
    Cache c;
    const auto plan = plan_import(c.db, t, ImportKind::uses, map_columns(ImportKind::uses, t).mapping, {});
    CHECK(plan.private_columns == std::vector<std::string>{"Nimi", "Henkilötunnus"});
    REQUIRE(plan.ignored_columns.size() == 1);
    CHECK(plan.ignored_columns[0].first == "Huomautus");
}

TEST_CASE("mapping: headers in Finnish, Swedish and English, and overrides") {
    const auto fi = csv("Kortin numero;Päivämäärä;Aikuiset;Lapset;Kategoria\n");
    const auto sv = csv("Kortnummer;Datum;Vuxna;Barn;Kategori\n");
    const auto en = csv("card number,DATE,Adults,Children,Category,Extra\n");
    for (const Table* t : {&fi, &sv, &en}) {
        const auto m = map_columns(ImportKind::uses, *t);
        CHECK(m.errors.empty());
        CHECK(m.mapping.column_of("card_id") == 0u);
        CHECK(m.mapping.column_of("used_on") == 1u);
        CHECK(m.mapping.column_of("adults") == 2u);
        CHECK(m.mapping.column_of("children") == 3u);
        CHECK(m.mapping.column_of("category") == 4u);
    }
    CHECK(map_columns(ImportKind::uses, en).unmapped_headers == std::vector<std::string>{"Extra"});

    const auto odd = csv("Tunnus;Käyntipäivä;Hlö\n");
    auto m = map_columns(ImportKind::uses, odd);
    REQUIRE(m.errors.size() == 2);
    CHECK(m.errors[0].field == "mapping.card_id");
    CHECK(m.errors[0].code == "required");
    m = map_columns(ImportKind::uses, odd, {{"card_id", "tunnus"}, {"used_on", "Käyntipäivä"}, {"adults", "Hlö"}});
    CHECK(m.errors.empty());
    CHECK(m.mapping.column_of("card_id") == 0u);
    CHECK(m.mapping.column_of("adults") == 2u);
    // Moving a column to another field, unmapping, unknown names.
    m = map_columns(ImportKind::uses, fi, {{"children", "Aikuiset"}, {"category", ""}});
    CHECK(m.mapping.column_of("children") == 2u);
    CHECK(!m.mapping.column_of("adults"));
    CHECK(!m.mapping.column_of("category"));
    m = map_columns(ImportKind::uses, fi, {{"colour", "Lapset"}, {"adults", "Vuxna"}});
    REQUIRE(m.errors.size() == 2);
    CHECK(m.errors[0].code == "unknown_field");
    CHECK(m.errors[1].message == "The file has no column \"Vuxna\".");
}

TEST_CASE("values: dates, counts and deterministic row ids") {
    CHECK(parse_import_date("5.3.2024") == core::Date::parse("2024-03-05"));
    CHECK(parse_import_date("05.03.2024.") == core::Date::parse("2024-03-05"));
    CHECK(parse_import_date("2024-03-05") == core::Date::parse("2024-03-05"));
    CHECK(parse_import_date("2024-03-05 00:00:00") == core::Date::parse("2024-03-05"));
    CHECK(!parse_import_date("31.2.2024"));
    CHECK(!parse_import_date("5.3.24"));
    CHECK(!parse_import_date("3/5/2024"));
    CHECK(!parse_import_date("maanantai"));
    CHECK(parse_count("0") == 0);
    CHECK(parse_count("12") == 12);
    CHECK(!parse_count("-1"));
    CHECK(!parse_count("1.5"));
    CHECK(!parse_count("kaksi"));

    const auto digest = sha1("abc");
    CHECK(digest[0] == 0xa9);
    CHECK(digest[1] == 0x99);
    CHECK(digest[19] == 0x9d);
    CHECK(name_uuid("x") == name_uuid("x"));
    CHECK(name_uuid("x") != name_uuid("y"));
    CHECK(name_uuid("x")[14] == '5');
}

TEST_CASE("a migration of areas, sites, cards and a usage log into the cache, imported twice") {
    Cache c;
    // Areas (Finnish and Swedish headers, BOM, ';').
    auto areas = c.plan("areas.csv", ImportKind::areas);
    INFO(messages(areas.row_errors()));
    REQUIRE(areas.count(RowStatus::ok) == 2);
    CHECK(apply_import(c.db, areas).imported == 2);
    const auto tre = store::AreaRepository{c.db}.list();
    REQUIRE(tre.size() == 2);
    const auto& tampere = tre[0].prefix == "TRE" ? tre[0] : tre[1];
    CHECK(tampere.name_sv == "Tammerfors");
    CHECK(tampere.status == core::AreaStatus::permanent);
    REQUIRE(tampere.municipalities.size() == 2);
    CHECK(tampere.municipalities[1].code == "837");
    CHECK(tampere.municipalities[1].name_sv == "Tammerfors");
    CHECK(c.plan("areas.csv", ImportKind::areas).count(RowStatus::duplicate) == 2);

    // Sites (English headers, tab-separated).
    c.add_organisation(tampere.id);
    auto sites = c.plan("sites.csv", ImportKind::sites);
    INFO(messages(sites.row_errors()));
    REQUIRE(sites.count(RowStatus::ok) == 2);
    CHECK(apply_import(c.db, sites).imported == 2);
    const std::string venue = c.site_named("Tampereen taidemuseo");
    CHECK(store::SiteRepository{c.db}.get(venue)->role == core::SiteRole::venue);
    CHECK(c.plan("sites.csv", ImportKind::sites).count(RowStatus::duplicate) == 2);

    // Cards (holder names and addresses in the file are never read).
    auto cards = c.plan("cards.csv", ImportKind::cards);
    INFO(messages(cards.row_errors()));
    CHECK(cards.private_columns == std::vector<std::string>{"Name", "Address"});
    REQUIRE(cards.count(RowStatus::ok) == 3);
    CHECK(cards.rows[1].notes.size() == 0);    // no valid-until given
    CHECK(cards.rows[2].notes.size() == 0);    // the 12 months agree
    REQUIRE(cards.rows[0].notes.size() == 1);  // 31.1.2025 differs from the register's rule
    CHECK(apply_import(c.db, cards).imported == 3);
    const auto card = store::CardRepository{c.db}.get("TRE-000101-Q");
    REQUIRE(card);
    CHECK(card->holder.birth_year == 1985);
    CHECK(card->holder.gender == core::Gender::female);
    CHECK(card->holder.life_situation == core::LifeSituation::unemployed);
    CHECK(card->holder.age_group == core::AgeGroup::age_30_64);
    CHECK(store::CardRepository{c.db}.get("TRE-000102-O")->holder.gender == core::Gender::male);
    CHECK(store::CardRepository{c.db}.get("TRE-000103-M")->holder.age_group == core::AgeGroup::age_65_plus);
    CHECK(c.plan("cards.csv", ImportKind::cards).count(RowStatus::duplicate) == 3);

    // The venue's log: the last row names no venue and takes the one chosen for the file.
    ImportContext ctx;
    ctx.venue_site_id = venue;
    auto uses = c.plan("uses.csv", ImportKind::uses, ctx);
    INFO(messages(uses.row_errors()));
    REQUIRE(uses.count(RowStatus::ok) == 4);
    CHECK(uses.rows[0].id != uses.rows[2].id);  // the same card twice on one day: two uses
    const long long queued = sync::Outbox(c.db).count("pending");
    std::vector<std::size_t> progress;
    ApplyOptions opt;
    opt.chunk_rows = 3;
    opt.progress = [&](std::size_t done, std::size_t) { progress.push_back(done); };
    const auto applied = apply_import(c.db, uses, opt);
    CHECK(applied.imported == 4);
    CHECK(progress == std::vector<std::size_t>{3, 4});
    CHECK(sync::Outbox(c.db).count("pending") == queued + 4);
    const auto logged = store::UsageRepository{c.db}.list_for_card("TRE-000101-Q");
    REQUIRE(logged.size() == 2);
    CHECK(logged[0].entry == core::EntryMethod::import);
    CHECK(logged[0].children == 2);

    // The same file again: nothing new, even when applied from an old preview.
    const auto again = c.plan("uses.csv", ImportKind::uses, ctx);
    CHECK(again.count(RowStatus::duplicate) == 4);
    CHECK(apply_import(c.db, again).imported == 0);
    const auto stale = apply_import(c.db, uses);
    CHECK(stale.imported == 0);
    CHECK(stale.duplicates == 4);
    CHECK(store::UsageRepository{c.db}.count() == 4);
    CHECK(sync::Outbox(c.db).count("pending") == queued + 4);
}

TEST_CASE("row errors name the row as in the file, the column header and the reason") {
    Cache c;
    store::AreaRepository{c.db}.upsert({"0190f000-0000-7000-8000-0000000000aa",
                                        "TRE",
                                        "Tampere",
                                        "",
                                        "",
                                        "",
                                        core::AreaStatus::permanent,
                                        std::nullopt,
                                        std::nullopt,
                                        {}});
    c.add_organisation("0190f000-0000-7000-8000-0000000000aa");
    core::Site v;
    v.id = "0190f000-0000-7000-8000-0000000000bb";
    v.organisation_id = c.org_id;
    v.area_id = "0190f000-0000-7000-8000-0000000000aa";
    v.role = core::SiteRole::venue;
    v.name = "Museo";
    store::SiteRepository{c.db}.upsert(v);
    const auto t =
        csv("Kortnummer;Datum;Vuxna;Barn;Kategori;Besöksmål\n"
            "TRE-000101-Q;5.3.2024;1;0;kultur;\n"
            "TRE-000101-X;5.3.2024;1;0;kultur;\n"
            "TRE-000102-O;31.2.2024;-1;25;opera;Okänt museum\n"
            "\n"
            "TRE-000103-M;;0;0;kultur;Museo\n");
    ImportContext ctx;
    ctx.venue_site_id = v.id;
    const auto plan = plan_import(c.db, t, ImportKind::uses, map_columns(ImportKind::uses, t).mapping, ctx);
    CHECK(plan.count(RowStatus::ok) == 1);
    CHECK(plan.count(RowStatus::error) == 3);
    const auto errors = plan.row_errors();
    INFO(messages(errors));
    REQUIRE(errors.size() == 8);
    CHECK(errors[0].row == 3);
    CHECK(errors[0].column == "Kortnummer");
    CHECK(errors[0].code == "invalid_check_character");
    CHECK(errors[1].row == 4);
    CHECK(errors[1].column == "Datum");
    CHECK(errors[1].message == "Date \"31.2.2024\" is not a date (use d.m.yyyy or yyyy-mm-dd).");
    CHECK(errors[2].column == "Vuxna");
    CHECK(errors[3].column == "Barn");
    CHECK(errors[3].code == "out_of_range");
    CHECK(errors[4].column == "Besöksmål");
    CHECK(errors[5].column == "Kategori");
    CHECK(errors[6].row == 6);
    CHECK(errors[6].column == "Datum");
    CHECK(errors[6].code == "required");
    CHECK(errors[7].column == "Vuxna");  // no adults and no children

    // Only the ok row is written; a cancelled import writes nothing.
    std::atomic<bool> cancel{true};
    ApplyOptions opt;
    opt.cancel = &cancel;
    const auto cancelled = apply_import(c.db, plan, opt);
    CHECK(cancelled.cancelled);
    CHECK(store::UsageRepository{c.db}.count() == 0);
    CHECK(apply_import(c.db, plan).imported == 1);
    CHECK(store::UsageRepository{c.db}.count() == 1);
}

TEST_CASE("kaikuctl import: usage errors exit 2, a bad row exits 1 naming the row and column") {
    TempDir dir;
    std::ostringstream out, err;
    CHECK(cli::run({"import"}, out, err) == 2);
    CHECK(cli::run({"import", "tickets", "x.csv"}, out, err) == 2);
    CHECK(cli::run({"--cache", dir.file("c.sqlite"), "import", "uses", kData + "uses.csv", "--map", "colour=Kohde"},
                   out, err) == 2);
    CHECK(err.str().find("no field \"colour\"") != std::string::npos);
    err.str("");
    CHECK(cli::run({"--cache", dir.file("c.sqlite"), "import", "uses", dir.file("none.csv")}, out, err) == 1);
    CHECK(err.str().find("none.csv: the file does not exist") != std::string::npos);
}
