#include "cli/cli.hpp"

#include <sys/resource.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

#include "core/demo_network.hpp"
#include "import/import.hpp"
#include "net/http.hpp"
#include "report/export.hpp"
#include "report/statistics.hpp"
#include "report_render/card_sheet.hpp"
#include "report_render/table_report.hpp"
#include "store/database.hpp"
#include "store/demo_writer.hpp"
#include "store/repositories.hpp"
#include "sync/network_refresh.hpp"
#include "sync/engine.hpp"
#include "sync/local_commands.hpp"
#include "sync/outbox.hpp"
#include "sync/session.hpp"

namespace kaiku::cli {

std::string usage() {
    return R"(Usage: kaikuctl [GLOBAL OPTIONS] COMMAND [ARGS]

Headless Kaiku Admin: fetch from the Kaikukanta server, list the local cache, generate demo data, report.

Commands:
  login                         Sign in as --user and keep the session in the cache (password from
                                --password-file, $KAIKU_PASSWORD or the first line of standard input)
  fetch                         Fetch the network (areas, organisations, sites, venue profiles) into the cache,
                                signing in first when there is no saved session
  sync [--stats]                Push local changes, then pull the register's changes for your scope;
                                --stats prints rows, bytes, seconds and peak memory
  status                        Pending changes, conflicts, refused changes and the last sync
  record-use --card ID --venue SITE_ID --date YYYY-MM-DD [--category C] [--adults N] [--children N]
                                Record a use locally (works offline; delivered by the next sync)
  register-card --card ID --issuer SITE_ID --date YYYY-MM-DD --birth-year Y --postcode P [--children N]
                                Register a card locally (works offline; delivered by the next sync)
  import KIND FILE [--sheet NAME] [--map FIELD=COLUMN ...] [--venue SITE] [--issuer SITE] [--dry-run] [--sync]
                                Import a CSV or XLSX file into the cache: KIND is uses (a venue's log), cards,
                                areas or sites (migration). Prints the preview (rows ok, with errors, already
                                imported) and imports the ok rows unless --dry-run; --sync delivers them.
                                Exit 1 when some rows had errors (the ok rows are still imported)
  list areas                    List the areas in the cache
  list sites [--area PREFIX]    List sites, all or of one area (area prefix such as TRE, or its Finnish name)
  demo [--scale S] [--seed N] [--out URL] [--stats]
                                Generate the demo network (scale 0.001..100, x1 = the 2023 national register);
                                with --out, write it into that database (sqlite:PATH or postgresql://...)
  cards sheet --batch ID --output FILE.pdf [--database URL] [--language fi|sv|en|fi,sv]
                                [--crop-marks]
                                Printable A4 card sheet of a card batch (10 cards a page: ID, Code 39 and QR
                                code, area, "valid until" field); bilingual fi,sv unless --language is given
  report national [--group-by year|month|area|municipality|issuer|venue] [FILTER] [OUTPUT]
                                The national table: registered and activated cards, uses, admissions by
                                category (adults, children), municipalities in the network, and a total row
  report cross-area [FILTER] [OUTPUT]
                                Uses of cards at venues of another area, per home area -> venue area
  report profile --by age-group|gender|life-situation|children [FILTER] [OUTPUT]
                                Cards, activated cards and uses per holder profile value; cells 1..4 and the
                                cells that would reveal them are shown as "< 5"
  report audit [--from D] [--to D] [--area ID ...] [--stale-days N] [OUTPUT]
                                Network audit findings: missing contact or commitment, issuers and venues
                                without activity in the period (default: the last 365 days), uses after
                                expiry or with too many children, possible double uses, quotas exceeded,
                                sites with no registration or use for N days (default 90)
      FILTER: [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--area ID ...] [--site ID] [--language fi|sv|en]
      OUTPUT: [--format text|csv|xlsx|pdf|png] [--output FILE] [--bom] [--stats] [--database URL]
                                csv uses ';' for fi/sv and ',' for en; --bom adds a UTF-8 mark for Excel;
                                xlsx, pdf (report with chart) and png (chart) need --output; --stats prints the computing time;
                                --database reads another database (sqlite:PATH or postgresql://...)

Global options:
  --server URL                  Server address (default http://127.0.0.1:8080, or $KAIKU_SERVER)
  --cache PATH                  Local cache file (default ~/.local/share/kaiku-admin/cache.sqlite)
  --user LOGIN                  Register account (default $KAIKU_USER)
  --password-file PATH          File whose first line is the password (default $KAIKU_PASSWORD)
  --help                        Show this help and exit
  --version                     Show the version and exit

Exit status: 0 success, 1 failure (for example the server cannot be reached), 2 usage error.
)";
}

namespace {

struct UsageError {
    std::string message;
};

class Args {
public:
    explicit Args(std::vector<std::string> a) : a_(std::move(a)) {}
    bool empty() const { return i_ >= a_.size(); }
    const std::string& peek() const { return a_[i_]; }
    std::string next() { return a_[i_++]; }
    std::string value_of(const std::string& flag) {
        if (empty() || peek().rfind("--", 0) == 0) throw UsageError{flag + ": missing value"};
        return next();
    }

private:
    std::vector<std::string> a_;
    std::size_t i_ = 0;
};

std::string default_cache() {
    const char* xdg = std::getenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg ? xdg : std::filesystem::path(home ? home : ".") / ".local/share";
    return (base / "kaiku-admin" / "cache.sqlite").string();
}

std::unique_ptr<store::Database> open_cache(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    return std::make_unique<store::Database>(path);
}

double parse_double(const std::string& flag, const std::string& v, double lo, double hi) {
    try {
        std::size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size() && d >= lo && d <= hi) return d;
    } catch (const std::exception&) {
    }
    std::ostringstream msg;
    msg << flag << ": '" << v << "' must be a number from " << lo << " to " << hi;
    throw UsageError{msg.str()};
}

long peak_rss_mib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

struct Account {
    std::string login, password;
};

std::string host_name() {
    char buf[256] = {0};
    return gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string("kaikuctl");
}

int cmd_login(const std::string& server, const std::string& cache, Account account, std::ostream& out,
              std::ostream& err) {
    if (account.login.empty()) throw UsageError{"login: give --user LOGIN (or set KAIKU_USER)"};
    if (account.password.empty()) std::getline(std::cin, account.password);
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::sign_in(*db, http, account.login, account.password, "kaikuctl on " + host_name());
    if (!r.ok()) {
        err << "kaikuctl: login: " << r.detail << "\n";
        return 1;
    }
    out << "Signed in as " << r.login << " (" << r.role << ")\n";
    return 0;
}

int cmd_fetch(const std::string& server, const std::string& cache, const Account& account, std::ostream& out,
              std::ostream& err) {
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::refresh_signed_in(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
    if (!r.ok()) {
        err << "kaikuctl: fetch: " << sync::describe(r) << "\n";
        return 1;
    }
    out << sync::describe(r) << "\n";
    return 0;
}

int cmd_list(Args& args, const std::string& cache, std::ostream& out) {
    if (args.empty()) throw UsageError{"list: expected 'areas' or 'sites'"};
    const std::string what = args.next();
    std::string area_filter;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--area" && what == "sites")
            area_filter = args.value_of(flag);
        else
            throw UsageError{"list " + what + ": unknown option '" + flag + "'"};
    }
    auto db = open_cache(cache);
    const auto areas = store::AreaRepository{*db}.list();
    if (what == "areas") {
        out << "prefix\tname_fi\tname_sv\tstatus\tmunicipalities\tcounty\n";
        for (const auto& a : areas)
            out << a.prefix << '\t' << a.name_fi << '\t' << a.name_sv << '\t' << core::enum_name(a.status) << '\t'
                << a.municipalities.size() << '\t' << a.wellbeing_county << '\n';
        return 0;
    }
    if (what != "sites") throw UsageError{"list: unknown list '" + what + "' (expected areas or sites)"};
    std::map<std::string, std::string> prefix_of;
    std::string area_id;
    for (const auto& a : areas) {
        prefix_of[a.id] = a.prefix;
        if (!area_filter.empty() && (a.prefix == area_filter || a.name_fi == area_filter)) area_id = a.id;
    }
    if (!area_filter.empty() && area_id.empty()) {
        throw UsageError{"list sites --area: no area '" + area_filter + "' in the cache (try 'kaikuctl list areas')"};
    }
    store::SiteRepository sites{*db};
    out << "area\trole\tstatus\tmunicipality\tname\tcontact\n";
    for (const auto& s : area_id.empty() ? sites.list() : sites.list_for_area(area_id))
        out << prefix_of[s.area_id] << '\t' << core::enum_name(s.role) << '\t' << core::enum_name(s.status) << '\t'
            << s.municipality_code << '\t' << s.name << '\t' << s.contact.name << '\n';
    return 0;
}

int cmd_sync(Args& args, const std::string& server, const std::string& cache, const Account& account,
             std::ostream& out, std::ostream& err) {
    bool stats = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--stats")
            stats = true;
        else
            throw UsageError{"sync: unknown option '" + flag + "'"};
    }
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::sync_once(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
    out << "pushed " << r.pushed << " (applied " << r.applied << ", duplicate " << r.duplicates << ", conflict "
        << r.conflicts << ", rejected " << r.rejected << "), pulled " << r.pulled_rows << " changes in " << r.pages
        << " pages, purged " << r.purged_rows << "\n";
    if (stats)
        out << std::fixed << std::setprecision(2) << "rows " << r.pulled_rows << ", bytes " << r.pulled_bytes
            << ", seconds " << r.seconds << ", rows/s " << std::setprecision(0)
            << (r.seconds > 0 ? r.pulled_rows / r.seconds : 0.0) << ", peak memory " << peak_rss_mib() << " MiB\n";
    if (!r.ok()) {
        err << "kaikuctl: sync: " << sync::describe({r.failure, r.detail, r.http_status}) << "\n";
        return 1;
    }
    return 0;
}

int cmd_status(const std::string& cache, std::ostream& out) {
    auto db = open_cache(cache);
    const auto s = sync::sync_status(*db);
    out << "pending\t" << s.pending << "\nconflicts\t" << s.conflicts << "\nrejected\t" << s.rejected
        << "\nlast_sync\t" << (s.last_success.empty() ? "never" : s.last_success) << "\nstate\t"
        << (s.online ? "online" : "offline") << "\n";
    if (!s.last_failure.empty()) out << "last_error\t" << s.last_failure << "\n";
    for (const auto& e : sync::Outbox(*db).list("rejected"))
        out << "rejected\t" << e.type << "\t" << e.entity_id << "\t" << e.last_error << "\n";
    return 0;
}

core::Date parse_date_flag(const std::string& flag, const std::string& v) {
    if (auto d = core::Date::parse(v)) return *d;
    throw UsageError{flag + ": '" + v + "' must be a date YYYY-MM-DD"};
}

int parse_int_flag(const std::string& flag, const std::string& v, int lo, int hi) {
    return static_cast<int>(parse_double(flag, v, lo, hi));
}

int report_local(const sync::LocalResult& r, const char* what, std::ostream& out, std::ostream& err) {
    if (!r.ok()) {
        for (const auto& e : r.errors) err << "kaikuctl: " << what << ": " << e.field << ": " << e.message << "\n";
        return 1;
    }
    out << what << " saved locally (mutation " << r.mutation_id << "); 'kaikuctl sync' delivers it\n";
    return 0;
}

int cmd_record_use(Args& args, const std::string& cache, std::ostream& out, std::ostream& err) {
    core::Usage u;
    bool have_date = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--card") u.card_id = args.value_of(flag);
        else if (flag == "--venue") u.venue_site_id = args.value_of(flag);
        else if (flag == "--date") { u.used_on = parse_date_flag(flag, args.value_of(flag)); have_date = true; }
        else if (flag == "--event") u.event = args.value_of(flag);
        else if (flag == "--adults") u.adults = parse_int_flag(flag, args.value_of(flag), 0, 10);
        else if (flag == "--children") u.children = parse_int_flag(flag, args.value_of(flag), 0, 20);
        else if (flag == "--category") {
            const auto v = args.value_of(flag);
            const auto c = core::enum_parse<core::Category>(v);
            if (!c) throw UsageError{"--category: '" + v + "' must be culture, education, science or sports"};
            u.category = *c;
        } else throw UsageError{"record-use: unknown option '" + flag + "'"};
    }
    if (u.card_id.empty() || u.venue_site_id.empty() || !have_date)
        throw UsageError{"record-use: --card, --venue and --date are required"};
    if (u.category == core::Category::education) u.item = core::UsageItem::course_place;
    auto db = open_cache(cache);
    return report_local(sync::record_use(*db, u), "use", out, err);
}

int cmd_register_card(Args& args, const std::string& cache, std::ostream& out, std::ostream& err) {
    std::string card, issuer;
    std::optional<core::Date> date;
    core::HolderProfile h;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--card") card = args.value_of(flag);
        else if (flag == "--issuer") issuer = args.value_of(flag);
        else if (flag == "--date") date = parse_date_flag(flag, args.value_of(flag));
        else if (flag == "--birth-year") h.birth_year = parse_int_flag(flag, args.value_of(flag), 1900, 2100);
        else if (flag == "--postcode") h.postcode = args.value_of(flag);
        else if (flag == "--children") h.children = parse_int_flag(flag, args.value_of(flag), 0, 20);
        else throw UsageError{"register-card: unknown option '" + flag + "'"};
    }
    if (card.empty() || issuer.empty() || !date || h.birth_year == 0 || h.postcode.empty())
        throw UsageError{"register-card: --card, --issuer, --date, --birth-year and --postcode are required"};
    auto db = open_cache(cache);
    return report_local(sync::register_card(*db, card, issuer, *date, h), "card registration", out, err);
}

void print_plan(const import::ImportPlan& plan, std::ostream& out) {
    out << plan.source << ": " << plan.rows.size() << " rows: " << plan.count(import::RowStatus::ok) << " ok, "
        << plan.count(import::RowStatus::error) << " with errors, " << plan.count(import::RowStatus::duplicate)
        << " already imported\n";
    if (!plan.private_columns.empty()) {
        out << "Ignored for privacy (never read):";
        for (const auto& c : plan.private_columns) out << " \"" << c << "\"";
        out << "\n";
    }
    for (const auto& [column, why] : plan.ignored_columns) out << "Ignored column \"" << column << "\": " << why << "\n";
    if (!plan.unmapped_columns.empty()) {
        out << "Columns not used:";
        for (const auto& c : plan.unmapped_columns) out << " \"" << c << "\"";
        out << "\n";
    }
    for (const auto& row : plan.rows)
        for (const auto& note : row.notes) out << "row " << row.row_number << ": " << note << "\n";
}

void print_row_error(const import::RowError& e, std::ostream& out) {
    out << "row " << e.row;
    if (!e.column.empty()) out << ", column \"" << e.column << "\"";
    out << ": " << e.message << "\n";
}

int cmd_import(Args& args, const std::string& server, const std::string& cache, const Account& account,
               std::ostream& out, std::ostream& err) {
    if (args.empty()) throw UsageError{"import: expected a kind (uses, cards, areas or sites) and a file"};
    const auto kind_text = args.next();
    const auto kind = import::parse_kind(kind_text);
    if (!kind) throw UsageError{"import: unknown kind '" + kind_text + "' (expected uses, cards, areas or sites)"};
    if (args.empty() || args.peek().rfind("--", 0) == 0) throw UsageError{"import " + kind_text + ": expected a file"};
    const auto file = args.next();
    std::string sheet;
    std::vector<import::MappingOverride> overrides;
    import::ImportContext ctx;
    bool dry_run = false, then_sync = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--sheet") sheet = args.value_of(flag);
        else if (flag == "--map") {
            const auto v = args.value_of(flag);
            const auto eq = v.find('=');
            if (eq == std::string::npos || eq == 0) throw UsageError{"--map: '" + v + "' must be FIELD=COLUMN"};
            overrides.push_back({v.substr(0, eq), v.substr(eq + 1)});
        } else if (flag == "--venue") ctx.venue_site_id = args.value_of(flag);
        else if (flag == "--issuer") ctx.issuer_site_id = args.value_of(flag);
        else if (flag == "--dry-run") dry_run = true;
        else if (flag == "--sync") then_sync = true;
        else throw UsageError{"import: unknown option '" + flag + "'"};
    }
    if (then_sync && dry_run) throw UsageError{"import: --sync and --dry-run exclude each other"};
    auto loaded = import::load_file(file, *kind, sheet, overrides);
    if (!loaded.table) {
        for (const auto& e : loaded.errors) err << "kaikuctl: import: " << e.message << "\n";
        return 1;
    }
    for (const auto& e : loaded.mapping.errors)
        if (e.code == "unknown_field" || e.code == "not_found" || e.code == "not_allowed")
            throw UsageError{"import: --map: " + e.message};
    if (!loaded.errors.empty()) {
        for (const auto& e : loaded.errors) err << "kaikuctl: import: " << e.message << "\n";
        err << "Columns in the file:";
        for (const auto& h : loaded.table->headers) err << " \"" << h << "\"";
        err << "\n";
        return 1;
    }
    auto db = open_cache(cache);
    const auto plan = import::plan_import(*db, *loaded.table, *kind, loaded.mapping.mapping, ctx);
    if (!plan.errors.empty()) {
        for (const auto& e : plan.errors) err << "kaikuctl: import: " << e.message << "\n";
        return 1;
    }
    print_plan(plan, out);
    const auto row_errors = plan.row_errors();
    for (const auto& e : row_errors) print_row_error(e, out);
    if (dry_run) {
        out << "Dry run: nothing was written.\n";
        return row_errors.empty() ? 0 : 1;
    }
    const auto report = import::apply_import(*db, plan);
    for (const auto& e : report.errors) print_row_error(e, out);
    out << "Imported " << report.imported << " rows";
    if (report.imported > 0) out << (then_sync ? "" : "; 'kaikuctl sync' delivers them");
    out << "\n";
    const bool some_failed = !row_errors.empty() || report.failed > 0;
    if (some_failed)
        out << "Some rows had errors: the ok rows were imported, the others were not. Correct them and import the "
               "file again; rows imported already are recognised and skipped.\n";
    if (then_sync) {
        net::HttpClient http(server);
        const auto r = sync::sync_once(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
        out << "pushed " << r.pushed << " (applied " << r.applied << ", duplicate " << r.duplicates << ", conflict "
            << r.conflicts << ", rejected " << r.rejected << ")\n";
        if (!r.ok()) {
            err << "kaikuctl: import: sync: " << sync::describe({r.failure, r.detail, r.http_status}) << "\n";
            return 1;
        }
    }
    return some_failed ? 1 : 0;
}

// Counts what the generator streams, without storing it: measures generation alone.
struct CountingSink final : core::demo::Sink {};

int cmd_demo(Args& args, std::ostream& out) {
    core::demo::Options o;
    std::string target;
    bool stats = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--scale")
            o.scale = parse_double(flag, args.value_of(flag), 0.001, 100);
        else if (flag == "--seed")
            o.seed = static_cast<std::uint64_t>(parse_double(flag, args.value_of(flag), 0, 4294967295.0));
        else if (flag == "--out")
            target = args.value_of(flag);
        else if (flag == "--stats")
            stats = true;
        else
            throw UsageError{"demo: unknown option '" + flag + "'"};
    }
    const auto t0 = std::chrono::steady_clock::now();
    core::demo::Summary s;
    if (target.empty()) {
        CountingSink sink;
        s = core::demo::generate(o, sink);
    } else {
        auto db = std::make_unique<store::Database>(target);
        s = store::write_demo_network(*db, o);
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out << "areas " << s.areas << ", organisations " << s.organisations << ", sites " << s.sites << ", batches "
        << s.batches << ", cards " << s.cards << ", uses " << s.uses << ", users " << s.users << "\n";
    if (stats) {
        const double rows = double(s.areas + s.organisations + s.sites + s.batches + s.allocations + s.cards + s.uses +
                                   s.rules + s.quotas + s.users);
        out << std::fixed << std::setprecision(2) << "seconds " << secs << ", rows " << static_cast<long long>(rows)
            << ", rows/s " << std::setprecision(0) << rows / std::max(secs, 1e-9) << ", peak memory "
            << peak_rss_mib() << " MiB\n";
    }
    return 0;
}

// Card-sheet labels per language; fi and sv together by default (the printed card is bilingual).
std::vector<core::Language> parse_sheet_languages(const std::string& v) {
    std::vector<core::Language> out;
    std::stringstream in(v);
    for (std::string part; std::getline(in, part, ',');) {
        const auto lang = core::enum_parse<core::Language>(part);
        if (!lang) throw UsageError{"--language: '" + v + "' must be fi, sv or en (or a list such as fi,sv)"};
        out.push_back(*lang);
    }
    if (out.empty()) throw UsageError{"--language: missing value"};
    return out;
}

int cmd_cards(Args& args, const std::string& cache, std::ostream& out) {
    if (args.empty() || args.peek() != "sheet") throw UsageError{"cards: expected 'sheet'"};
    args.next();
    std::string database, batch, output;
    std::vector<core::Language> languages{core::Language::fi, core::Language::sv};
    bool crop_marks = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--database")
            database = args.value_of(flag);
        else if (flag == "--batch")
            batch = args.value_of(flag);
        else if (flag == "--output")
            output = args.value_of(flag);
        else if (flag == "--language")
            languages = parse_sheet_languages(args.value_of(flag));
        else if (flag == "--crop-marks")
            crop_marks = true;
        else
            throw UsageError{"cards sheet: unknown option '" + flag + "'"};
    }
    if (batch.empty() || output.empty()) throw UsageError{"cards sheet: --batch and --output are required"};
    auto db = database.empty() ? open_cache(cache) : std::make_unique<store::Database>(database);
    auto sheet = report_render::card_sheet_for_batch(*db, batch, languages);
    for (auto lang : languages) {
        using core::Language;
        sheet.valid_until_labels.push_back(lang == Language::fi   ? "Voimassa asti"
                                           : lang == Language::sv ? "Giltigt till"
                                                                  : "Valid until");
    }
    sheet.layout.crop_marks = crop_marks;
    report_render::write_card_sheet(sheet, output);
    out << sheet.card_ids.size() << " cards on " << report_render::card_sheet_page_count(sheet) << " pages: " << output
        << "\n";
    return 0;
}

// Characters, not bytes, for aligning UTF-8 text.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void print_table(const report::Table& t, std::ostream& out) {
    std::vector<std::vector<std::string>> lines;
    lines.push_back({t.key_header});
    for (const auto& c : t.columns) lines.back().push_back(c);
    auto add = [&](const report::Row& r) {
        lines.push_back({r.label});
        for (const auto& c : r.cells) lines.back().push_back(c.suppressed ? report::kSuppressedText : std::to_string(c.value));
    };
    for (const auto& r : t.rows) add(r);
    if (t.total) add(*t.total);
    std::vector<std::size_t> width(lines.front().size(), 0);
    for (const auto& l : lines)
        for (std::size_t i = 0; i < l.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(l[i]));
    out << t.title << "\n";
    for (const auto& l : lines) {
        for (std::size_t i = 0; i < l.size() && i < width.size(); ++i) {
            const std::string pad(width[i] - display_width(l[i]), ' ');
            if (i == 0)
                out << l[i] << pad;
            else
                out << "  " << pad << l[i];
        }
        out << "\n";
    }
}

void print_findings(const std::vector<report::Finding>& findings, std::ostream& out) {
    for (const auto& f : findings) {
        out << report::finding_title(f.kind) << '\t' << f.entity << ' ' << f.entity_id << '\t' << f.area_id << '\t'
            << f.subject;
        if (f.on != core::Date{}) out << '\t' << f.on.iso();
        if (f.number || f.limit) out << '\t' << f.number << '/' << f.limit;
        out << '\n';
    }
    out << findings.size() << (findings.size() == 1 ? " finding\n" : " findings\n");
}

std::string now_text() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

// kaikuctl report national|cross-area|profile|audit [options]: computes from the cache or --database and writes
// text, CSV or XLSX.
int cmd_report(Args& args, const std::string& cache, std::ostream& out, std::ostream& err) {
    if (args.empty()) throw UsageError{"report: expected national, cross-area, profile or audit"};
    const auto what = args.next();
    if (what != "national" && what != "cross-area" && what != "profile" && what != "audit")
        throw UsageError{"report: unknown report '" + what + "' (expected national, cross-area, profile or audit)"};
    const std::string cmd = "report " + what;
    report::Filter filter;
    auto group_by = report::GroupBy::year;
    std::optional<report::Profile> profile;
    std::string database, format = "text", output;
    bool stats = false, bom = false;
    int stale_days = 90;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--database")
            database = args.value_of(flag);
        else if (flag == "--group-by" && what == "national") {
            const auto v = args.value_of(flag);
            const auto g = report::parse_group_by(v);
            if (!g) throw UsageError{"--group-by: '" + v + "' must be year, month, area, municipality, issuer or venue"};
            group_by = *g;
        } else if (flag == "--by" && what == "profile") {
            const auto v = args.value_of(flag);
            profile = report::parse_profile(v);
            if (!profile) throw UsageError{"--by: '" + v + "' must be age-group, gender, life-situation or children"};
        } else if (flag == "--from")
            filter.from = parse_date_flag(flag, args.value_of(flag));
        else if (flag == "--to")
            filter.to = parse_date_flag(flag, args.value_of(flag));
        else if (flag == "--area")
            filter.area_ids.push_back(args.value_of(flag));
        else if (flag == "--site" && what != "audit")
            filter.site_id = args.value_of(flag);
        else if (flag == "--language") {
            const auto v = args.value_of(flag);
            const auto l = core::enum_parse<core::Language>(v);
            if (!l) throw UsageError{"--language: '" + v + "' must be fi, sv or en"};
            filter.language = *l;
        } else if (flag == "--format") {
            format = args.value_of(flag);
            if (format != "text" && format != "csv" && format != "xlsx" && format != "pdf" && format != "png")
                throw UsageError{"--format: '" + format + "' must be text, csv, xlsx, pdf or png"};
        } else if (flag == "--output")
            output = args.value_of(flag);
        else if (flag == "--stats")
            stats = true;
        else if (flag == "--bom")
            bom = true;
        else if (flag == "--stale-days" && what == "audit")
            stale_days = parse_int_flag(flag, args.value_of(flag), 1, 3650);
        else
            throw UsageError{cmd + ": unknown option '" + flag + "'"};
    }
    if (what == "profile" && !profile)
        throw UsageError{"--by: report profile needs --by age-group, gender, life-situation or children"};
    if (filter.from && filter.to && *filter.from > *filter.to) throw UsageError{"--from: must not be after --to"};
    if ((format == "xlsx" || format == "pdf" || format == "png") && output.empty())
        throw UsageError{"--output: --format " + format + " needs --output FILE"};
    if (what == "audit" && (format == "pdf" || format == "png"))
        throw UsageError{"--format: the audit is written as text, csv or xlsx"};

    auto db = database.empty() ? open_cache(cache) : std::make_unique<store::Database>(database);
    const auto t0 = std::chrono::steady_clock::now();
    report::Table table;
    std::vector<report::Finding> findings;
    if (what == "national")
        table = report::national(*db, filter, group_by);
    else if (what == "cross-area")
        table = report::cross_area_use(*db, filter);
    else if (what == "profile")
        table = report::profile_breakdown(*db, filter, *profile);
    else {
        report::AuditOptions o;
        o.today = core::Date::today();
        o.to = filter.to.value_or(o.today);
        o.from = filter.from.value_or(o.to.plus_days(-365));
        o.stale_days = stale_days;
        o.area_ids = filter.area_ids;
        findings = report::audit_network(*db, o);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    report::ExportOptions eo;
    eo.language = filter.language;
    eo.bom = bom;
    eo.scope = filter.area_ids.empty() ? "All areas" : "Areas: ";
    for (std::size_t i = 0; i < filter.area_ids.size(); ++i) eo.scope += (i ? ", " : "") + filter.area_ids[i];
    if (!filter.site_id.empty()) eo.scope += "; site " + filter.site_id;
    eo.period = (filter.from ? filter.from->iso() : std::string("...")) + " - " +
                (filter.to ? filter.to->iso() : std::string("..."));
    eo.generated_at = now_text();
    const bool audit = what == "audit";
    if (format == "pdf" || format == "png") {
        report_render::TableReportOptions ro;
        ro.details = {{"Scope", eo.scope}, {"Period", eo.period}, {"Generated", eo.generated_at}};
        report_render::write_table_report(table, *report_render::parse_output_format(format), output, ro);
    } else if (format == "xlsx") {
        if (audit)
            report::write_findings_xlsx(findings, output, eo);
        else
            report::write_xlsx(table, output, eo);
    } else {
        std::ofstream file;
        if (!output.empty()) {
            file.open(output, std::ios::binary);
            if (!file) throw std::runtime_error(output + ": cannot open for writing");
        }
        std::ostream& dest = output.empty() ? out : file;
        if (format == "csv")
            audit ? report::write_findings_csv(findings, dest, eo) : report::write_csv(table, dest, eo);
        else
            audit ? print_findings(findings, dest) : print_table(table, dest);
        if (!output.empty() && !(file.flush())) throw std::runtime_error(output + ": cannot write");
    }
    // Keep CSV on standard output clean: the timing goes to standard error then.
    if (stats)
        ((format == "csv" && output.empty()) ? err : out)
            << std::fixed << std::setprecision(1) << "computed in " << ms << " ms\n";
    return 0;
}

}  // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Args args(argv);
    const char* env_server = std::getenv("KAIKU_SERVER");
    std::string server = env_server && *env_server ? env_server : "http://127.0.0.1:8080";
    std::string cache = default_cache();
    Account account;
    if (const char* u = std::getenv("KAIKU_USER")) account.login = u;
    if (const char* p = std::getenv("KAIKU_PASSWORD")) account.password = p;
    try {
        while (!args.empty() && args.peek().rfind("-", 0) == 0) {
            const auto flag = args.next();
            if (flag == "--help" || flag == "-h") {
                out << usage();
                return 0;
            }
            if (flag == "--version") {
                out << "kaikuctl 0.1.0\n";
                return 0;
            }
            if (flag == "--server")
                server = args.value_of(flag);
            else if (flag == "--cache")
                cache = args.value_of(flag);
            else if (flag == "--user")
                account.login = args.value_of(flag);
            else if (flag == "--password-file") {
                const auto file = args.value_of(flag);
                std::ifstream in(file);
                if (!in || !std::getline(in, account.password))
                    throw UsageError{"--password-file: cannot read '" + file + "'"};
            }
            else
                throw UsageError{"unknown option '" + flag + "'"};
        }
        if (args.empty()) throw UsageError{"missing command"};
        const auto cmd = args.next();
        if (cmd == "fetch") {
            if (!args.empty()) throw UsageError{"fetch: unexpected argument '" + args.peek() + "'"};
            return cmd_fetch(server, cache, account, out, err);
        }
        if (cmd == "login") {
            if (!args.empty()) throw UsageError{"login: unexpected argument '" + args.peek() + "'"};
            return cmd_login(server, cache, account, out, err);
        }
        if (cmd == "list") return cmd_list(args, cache, out);
        if (cmd == "sync") return cmd_sync(args, server, cache, account, out, err);
        if (cmd == "status") {
            if (!args.empty()) throw UsageError{"status: unexpected argument '" + args.peek() + "'"};
            return cmd_status(cache, out);
        }
        if (cmd == "record-use") return cmd_record_use(args, cache, out, err);
        if (cmd == "register-card") return cmd_register_card(args, cache, out, err);
        if (cmd == "import") return cmd_import(args, server, cache, account, out, err);
        if (cmd == "demo") return cmd_demo(args, out);
        if (cmd == "report") return cmd_report(args, cache, out, err);
        if (cmd == "cards") return cmd_cards(args, cache, out);
        if (cmd == "help") {
            out << usage();
            return 0;
        }
        throw UsageError{"unknown command '" + cmd + "'"};
    } catch (const UsageError& e) {
        err << "kaikuctl: " << e.message << "\nTry 'kaikuctl --help'.\n";
        return 2;
    } catch (const std::exception& e) {
        err << "kaikuctl: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kaiku::cli
