#include "cli/cli.hpp"

#include <sys/resource.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
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
#include "i18n/catalog.hpp"
#include "i18n/numbers.hpp"
#include "i18n/tr.hpp"
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

using i18n::format;
using i18n::tr;
using i18n::trn;

namespace {

// The interface language ("fi", "sv" or "en"): messages, help and the text output's numbers and dates.
std::string ui_lang() { return i18n::global_language(); }
std::string count(long long n) { return i18n::format_count(n, ui_lang()); }

struct HelpEntry {
    const char* synopsis;     // command line syntax: never translated
    std::string description;  // translated; lines broken by the translator
};

constexpr std::size_t kHelpColumn = 32;

// "  synopsis        description line 1\n                  description line 2\n"; a synopsis that does not fit
// before the column gets its own line(s).
void help_entry(std::ostringstream& out, const HelpEntry& e, std::size_t indent = 2) {
    std::vector<std::string> left, right;
    std::stringstream ls(e.synopsis), rs(e.description);
    for (std::string l; std::getline(ls, l);) left.push_back(std::string(indent, ' ') + l);
    for (std::string l; std::getline(rs, l);) right.push_back(l);
    const bool fits = left.size() == 1 && left.front().size() < kHelpColumn;
    if (fits) {
        out << left.front() << std::string(kHelpColumn - left.front().size(), ' ') << (right.empty() ? "" : right[0])
            << "\n";
    } else {
        for (const auto& l : left) out << l << "\n";
        if (!right.empty()) out << std::string(kHelpColumn, ' ') << right[0] << "\n";
    }
    for (std::size_t i = 1; i < right.size(); ++i) out << std::string(kHelpColumn, ' ') << right[i] << "\n";
}

}  // namespace

std::string usage() {
    std::ostringstream out;
    // TRANSLATORS: kaikuctl --help, first line; GLOBAL OPTIONS, COMMAND and ARGS may be translated, "kaikuctl"
    // not
    out << tr("Usage: kaikuctl [GLOBAL OPTIONS] COMMAND [ARGS]") << "\n\n"
        << tr("Headless Kaiku Admin: fetch from the Kaikukanta server, list the local cache, generate demo data, "
              "report.")
        << "\n\n"
        << tr("Commands:") << "\n";
    // TRANSLATORS: the descriptions in kaikuctl --help are printed from column 33 of an 100-column terminal:
    // keep the lines at most 68 characters long (break them with \n where you like). Option names (--user),
    // their values (fi,sv) and environment variables ($KAIKU_PASSWORD) are typed as they are: do not translate.
    const HelpEntry commands[] = {
        {"login", tr("Sign in as --user and keep the session in the cache (password from\n--password-file, "
                     "$KAIKU_PASSWORD or the first line of standard input)")},
        {"fetch", tr("Fetch the network (areas, organisations, sites, venue profiles) into the cache,\nsigning in "
                     "first when there is no saved session")},
        {"sync [--stats]", tr("Push local changes, then pull the register's changes for your scope;\n--stats prints "
                              "rows, bytes, seconds and peak memory")},
        {"status", tr("Pending changes, conflicts, refused changes and the last sync (tab-separated)")},
        {"record-use --card ID --venue SITE_ID --date YYYY-MM-DD [--category C] [--adults N] [--children N]",
         tr("Record a use locally (works offline; delivered by the next sync)")},
        {"register-card --card ID --issuer SITE_ID --date YYYY-MM-DD --birth-year Y --postcode P [--children N]",
         tr("Register a card locally (works offline; delivered by the next sync)")},
        {"import KIND FILE [--sheet NAME] [--map FIELD=COLUMN ...] [--venue SITE] [--issuer SITE] [--dry-run] [--sync]",
         tr("Import a CSV or XLSX file into the cache: KIND is uses (a venue's log), cards,\nareas or sites "
            "(migration). Prints the preview (rows ok, with errors, already\nimported) and imports the ok rows "
            "unless --dry-run; --sync delivers them.\nExit 1 when some rows had errors (the ok rows are still "
            "imported)")},
        {"list areas", tr("List the areas in the cache (tab-separated)")},
        {"list sites [--area PREFIX]", tr("List sites, all or of one area (area prefix such as TRE, or its Finnish "
                                          "name)")},
        {"demo [--scale S] [--seed N] [--out URL] [--stats]",
         tr("Generate the demo network (scale 0.001..100, x1 = the 2023 national register);\nwith --out, write it "
            "into that database (sqlite:PATH or postgresql://...)")},
        {"cards sheet --batch ID --output FILE.pdf [--database URL] [--language fi|sv|en|fi,sv]\n"
         "                              [--crop-marks]",
         tr("Printable A4 card sheet of a card batch (10 cards a page: ID, Code 39 and QR\ncode, area, \"valid "
            "until\" field); bilingual fi,sv unless --language is given")},
        {"report national [--group-by year|month|area|municipality|issuer|venue] [FILTER] [OUTPUT]",
         tr("The national table: registered and activated cards, uses, admissions by\ncategory (adults, children), "
            "municipalities in the network, and a total row")},
        {"report cross-area [FILTER] [OUTPUT]", tr("Uses of cards at venues of another area, per home area -> venue "
                                                   "area")},
        {"report profile --by age-group|gender|life-situation|children [FILTER] [OUTPUT]",
         tr("Cards, activated cards and uses per holder profile value; cells 1..4 and the\ncells that would reveal "
            "them are shown as \"< 5\"")},
        {"report audit [--from D] [--to D] [--area ID ...] [--stale-days N] [OUTPUT]",
         tr("Network audit findings: missing contact or commitment, issuers and venues\nwithout activity in the "
            "period (default: the last 365 days), uses after\nexpiry or with too many children, possible double "
            "uses, quotas exceeded,\nsites with no registration or use for N days (default 90)")},
    };
    for (const auto& e : commands) help_entry(out, e);
    help_entry(out, {"FILTER: [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--area ID ...] [--site ID] [--language fi|sv|en]",
                     tr("--language is the report's language: names and labels, and for csv the\nseparator (';' "
                        "for fi/sv, ',' for en); text, pdf and png reports are\nin the --ui-language when it is "
                        "not given")},
               6);
    help_entry(out, {"OUTPUT: [--format text|csv|xlsx|pdf|png] [--output FILE] [--bom] [--stats] [--database URL]",
                     tr("--bom adds a UTF-8 mark for Excel; xlsx, pdf (report with chart) and png\n(chart) need "
                        "--output; --stats prints the computing time; --database\nreads another database, a cache "
                        "or kaiku-server's register (sqlite:PATH\nor postgresql://...); csv and xlsx columns are the "
                        "same in every language")},
               6);
    out << "\n" << tr("Global options:") << "\n";
    const HelpEntry options[] = {
        {"--server URL", tr("Server address (default http://127.0.0.1:8080, or $KAIKU_SERVER)")},
        {"--cache PATH", tr("Local cache file (default ~/.local/share/kaiku-admin/cache.sqlite)")},
        {"--user LOGIN", tr("Register account (default $KAIKU_USER)")},
        {"--password-file PATH", tr("File whose first line is the password (default $KAIKU_PASSWORD)")},
        {"--ui-language fi|sv|en", tr("Language of messages, help and text output (default: the first of\n"
                                      "$LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG that is set, else English)")},
        {"--help", tr("Show this help and exit")},
        {"--version", tr("Show the version and exit")},
    };
    for (const auto& e : options) help_entry(out, e);
    out << "\n"
        << tr("Exit status: 0 success, 1 failure (for example the server cannot be reached), 2 usage error.") << "\n";
    return out.str();
}

namespace {

struct UsageError {
    std::string message;
};

// "--flag: message": the option's name as typed, then a translated sentence.
UsageError flag_error(const std::string& flag, const std::string& message) { return {flag + ": " + message}; }

// "command: unknown option '--x'".
UsageError unknown_option(const std::string& command, const std::string& flag) {
    // TRANSLATORS: %s is an option typed on the command line, e.g. --frobnicate; a command's name is put before
    // the message ("list: ...")
    return {command + ": " + format(tr("unknown option '%s'"), flag)};
}

UsageError unexpected_argument(const std::string& command, const std::string& arg) {
    // TRANSLATORS: %s is a word typed on the command line after a command that takes none
    return {command + ": " + format(tr("unexpected argument '%s'"), arg)};
}

class Args {
public:
    explicit Args(std::vector<std::string> a) : a_(std::move(a)) {}
    bool empty() const { return i_ >= a_.size(); }
    const std::string& peek() const { return a_[i_]; }
    std::string next() { return a_[i_++]; }
    std::string value_of(const std::string& flag) {
        // TRANSLATORS: after an option's name: "--date: missing value"
        if (empty() || peek().rfind("--", 0) == 0) throw flag_error(flag, tr("missing value"));
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

// --database of a report or a card sheet: a cache of Kaiku Admin or a register of kaiku-server, read as what it is.
std::unique_ptr<store::Database> open_to_read(const std::string& url) {
    return std::make_unique<store::Database>(url, store::SchemaKind::client, store::OtherKind::adopt);
}

std::string plain_number(double d) {
    std::ostringstream s;
    s << d;
    return s.str();
}

double parse_double(const std::string& flag, const std::string& v, double lo, double hi) {
    try {
        std::size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size() && d >= lo && d <= hi) return d;
    } catch (const std::exception&) {
    }
    // TRANSLATORS: after an option's name: "--scale: 'x' must be a number from 0.001 to 100"; the first %s is the
    // value typed, the others the limits
    throw flag_error(flag, format(tr("'%s' must be a number from %s to %s"), v, plain_number(lo), plain_number(hi)));
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

// The outcome of a sign-in, fetch or sync for the user; the detail stays as the library wrote it (English).
std::string describe(sync::FailureKind kind, const std::string& detail) {
    using sync::FailureKind;
    switch (kind) {
        case FailureKind::none: return {};
        // TRANSLATORS: the %s in these sync and fetch failures is a technical detail in English
        case FailureKind::bad_url: return format(tr("The server address is not valid: %s"), detail);
        case FailureKind::insecure_url:
            return format(tr("The server address must start with https://; plain http:// is accepted only for a "
                             "server on this computer: %s"),
                          detail);
        case FailureKind::certificate:
            return format(tr("The server's certificate is not trusted (expired, self-signed or issued for another "
                             "name); ask your register's support: %s"),
                          detail);
        case FailureKind::server_unreachable: return format(tr("Could not reach the server: %s"), detail);
        case FailureKind::timeout: return format(tr("The server did not answer in time: %s"), detail);
        case FailureKind::unauthorized: return format(tr("Sign in again: %s"), detail);
        case FailureKind::forbidden: return format(tr("The server refused access: %s"), detail);
        case FailureKind::server_error: return format(tr("The server refused the request: %s"), detail);
        case FailureKind::bad_response:
            return format(tr("The server sent an answer this program cannot read: %s"), detail);
        case FailureKind::cancelled: return tr("Cancelled.");
        case FailureKind::store_error: return format(tr("Could not save to the local database: %s"), detail);
        case FailureKind::client_too_old:
            return tr("This version is too old for the register: the changes made here were sent, but no changes are "
                      "received until it is updated.");
        case FailureKind::disk_full:
            return tr("The disk holding the local database is full; nothing entered was lost. Free some space and "
                      "sync again.");
    }
    return detail;
}

int cmd_login(const std::string& server, const std::string& cache, Account account, std::ostream& out,
              std::ostream& err) {
    if (account.login.empty()) throw UsageError{"login: " + tr("give --user LOGIN (or set KAIKU_USER)")};
    if (account.password.empty()) std::getline(std::cin, account.password);
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::sign_in(*db, http, account.login, account.password, "kaikuctl on " + host_name());
    if (!r.ok()) {
        err << "kaikuctl: login: " << r.detail << "\n";
        return 1;
    }
    // TRANSLATORS: the user's login and role code (coordinator, issuer, ...) as the register names them
    out << format(tr("Signed in as %s (%s)"), r.login, r.role) << "\n";
    return 0;
}

std::string describe_fetch(const sync::RefreshResult& r) {
    if (!r.ok()) return describe(r.failure, r.detail);
    // TRANSLATORS: the numbers of areas, organisations, sites and venue profiles fetched; the plural follows the
    // number of areas
    return format(trn("Fetched %s area, %s organisations, %s sites and %s venue profiles.",
                      "Fetched %s areas, %s organisations, %s sites and %s venue profiles.", r.areas),
                  count(static_cast<long long>(r.areas)), count(static_cast<long long>(r.organisations)),
                  count(static_cast<long long>(r.sites)), count(static_cast<long long>(r.venue_profiles)));
}

int cmd_fetch(const std::string& server, const std::string& cache, const Account& account, std::ostream& out,
              std::ostream& err) {
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::refresh_signed_in(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
    if (!r.ok()) {
        err << "kaikuctl: fetch: " << describe_fetch(r) << "\n";
        return 1;
    }
    out << describe_fetch(r) << "\n";
    return 0;
}

// The lists are tab-separated tables for scripts: their header row and codes are the same in every language.
int cmd_list(Args& args, const std::string& cache, std::ostream& out) {
    if (args.empty()) throw UsageError{"list: " + tr("expected 'areas' or 'sites'")};
    const std::string what = args.next();
    std::string area_filter;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--area" && what == "sites")
            area_filter = args.value_of(flag);
        else
            throw unknown_option("list " + what, flag);
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
    if (what != "sites") throw UsageError{"list: " + format(tr("unknown list '%s' (expected areas or sites)"), what)};
    std::map<std::string, std::string> prefix_of;
    std::string area_id;
    for (const auto& a : areas) {
        prefix_of[a.id] = a.prefix;
        if (!area_filter.empty() && (a.prefix == area_filter || a.name_fi == area_filter)) area_id = a.id;
    }
    if (!area_filter.empty() && area_id.empty()) {
        // TRANSLATORS: %s is the area typed after --area
        throw flag_error("list sites --area",
                         format(tr("no area '%s' in the cache (try 'kaikuctl list areas')"), area_filter));
    }
    store::SiteRepository sites{*db};
    out << "area\trole\tstatus\tmunicipality\tname\tcontact\n";
    for (const auto& s : area_id.empty() ? sites.list() : sites.list_for_area(area_id))
        out << prefix_of[s.area_id] << '\t' << core::enum_name(s.role) << '\t' << core::enum_name(s.status) << '\t'
            << s.municipality_code << '\t' << s.name << '\t' << s.contact.name << '\n';
    return 0;
}

std::string pushed_text(const sync::SyncReport& r) {
    // TRANSLATORS: changes sent to the register and what became of them; the plural follows the first number
    return format(trn("Pushed %s change (applied: %s, duplicates: %s, conflicts: %s, rejected: %s).",
                      "Pushed %s changes (applied: %s, duplicates: %s, conflicts: %s, rejected: %s).",
                      static_cast<unsigned long>(r.pushed)),
                  count(r.pushed), count(r.applied), count(r.duplicates), count(r.conflicts), count(r.rejected));
}

int cmd_sync(Args& args, const std::string& server, const std::string& cache, const Account& account,
             std::ostream& out, std::ostream& err) {
    bool stats = false;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--stats")
            stats = true;
        else
            throw unknown_option("sync", flag);
    }
    auto db = open_cache(cache);
    net::HttpClient http(server);
    const auto r = sync::sync_once(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
    out << pushed_text(r) << "\n";
    // TRANSLATORS: changes received from the register, the pages they came in and the rows removed from this
    // computer (outside the user's scope); the plural follows the first number
    out << format(trn("Pulled %s change (pages: %s, purged: %s).", "Pulled %s changes (pages: %s, purged: %s).",
                      static_cast<unsigned long>(r.pulled_rows)),
                  count(r.pulled_rows), count(r.pages), count(r.purged_rows))
        << "\n";
    if (stats) {
        const auto lang = ui_lang();
        // TRANSLATORS: kaikuctl sync --stats; MiB is mebibytes
        out << format(tr("Rows: %s, bytes: %s, seconds: %s, rows/s: %s, peak memory: %s MiB"), count(r.pulled_rows),
                      count(r.pulled_bytes), i18n::format_decimal(r.seconds, 2, lang),
                      i18n::format_decimal(r.seconds > 0 ? r.pulled_rows / r.seconds : 0.0, 0, lang),
                      count(peak_rss_mib()))
            << "\n";
    }
    if (!r.ok()) {
        err << "kaikuctl: sync: " << describe(r.failure, r.detail) << "\n";
        return 1;
    }
    return 0;
}

// A tab-separated list for scripts: keys and values are the same in every language.
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
    // TRANSLATORS: after an option's name: "--date: '1.2.2026' must be a date YYYY-MM-DD"; YYYY-MM-DD is the
    // format to type (year-month-day): keep it as it is
    throw flag_error(flag, format(tr("'%s' must be a date YYYY-MM-DD"), v));
}

int parse_int_flag(const std::string& flag, const std::string& v, int lo, int hi) {
    return static_cast<int>(parse_double(flag, v, lo, hi));
}

// saved: the whole sentence for a stored change, with %s for the change's id.
int report_local(const sync::LocalResult& r, const char* command, const std::string& saved, std::ostream& out,
                 std::ostream& err) {
    if (!r.ok()) {
        for (const auto& e : r.errors) err << "kaikuctl: " << command << ": " << e.field << ": " << e.message << "\n";
        return 1;
    }
    out << format(saved, r.mutation_id) << "\n";
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
            // TRANSLATORS: the four values are typed as they are: do not translate them
            if (!c) throw flag_error(flag, format(tr("'%s' must be culture, education, science or sports"), v));
            u.category = *c;
        } else throw unknown_option("record-use", flag);
    }
    if (u.card_id.empty() || u.venue_site_id.empty() || !have_date)
        throw UsageError{"record-use: " + tr("--card, --venue and --date are required")};
    if (u.category == core::Category::education) u.item = core::UsageItem::course_place;
    auto db = open_cache(cache);
    // TRANSLATORS: %s is the id of the queued change
    return report_local(sync::record_use(*db, u), "record-use",
                        tr("Use saved locally (change %s); 'kaikuctl sync' delivers it."), out, err);
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
        else throw unknown_option("register-card", flag);
    }
    if (card.empty() || issuer.empty() || !date || h.birth_year == 0 || h.postcode.empty())
        throw UsageError{"register-card: " + tr("--card, --issuer, --date, --birth-year and --postcode are required")};
    auto db = open_cache(cache);
    // TRANSLATORS: %s is the id of the queued change
    return report_local(sync::register_card(*db, card, issuer, *date, h), "register-card",
                        tr("Card registration saved locally (change %s); 'kaikuctl sync' delivers it."), out, err);
}

std::string quoted_list(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& c : items) s += (s.empty() ? "\"" : " \"") + c + "\"";
    return s;
}

void print_plan(const import::ImportPlan& plan, std::ostream& out) {
    const auto rows = plan.rows.size();
    // TRANSLATORS: the file's name, its number of data rows, then how many are ok, have errors or were imported
    // before; the plural follows the number of rows
    out << format(trn("%s: %s row: %s ok, %s with errors, %s already imported",
                      "%s: %s rows: %s ok, %s with errors, %s already imported", rows),
                  plan.source, count(static_cast<long long>(rows)),
                  count(static_cast<long long>(plan.count(import::RowStatus::ok))),
                  count(static_cast<long long>(plan.count(import::RowStatus::error))),
                  count(static_cast<long long>(plan.count(import::RowStatus::duplicate))))
        << "\n";
    if (!plan.private_columns.empty())
        // TRANSLATORS: %s is a list of the file's column names in quotes
        out << format(tr("Ignored for privacy (never read): %s"), quoted_list(plan.private_columns)) << "\n";
    for (const auto& [column, why] : plan.ignored_columns)
        // TRANSLATORS: a column name of the file, then the reason in English
        out << format(tr("Ignored column \"%s\": %s"), column, why) << "\n";
    if (!plan.unmapped_columns.empty())
        // TRANSLATORS: %s is a list of the file's column names in quotes
        out << format(tr("Columns not used: %s"), quoted_list(plan.unmapped_columns)) << "\n";
    for (const auto& row : plan.rows)
        for (const auto& note : row.notes)
            // TRANSLATORS: a row number of the file, then a note or a problem in English
            out << format(tr("row %ld: %s"), row.row_number, note) << "\n";
}

void print_row_error(const import::RowError& e, std::ostream& out) {
    if (!e.column.empty())
        // TRANSLATORS: a row number of the file, a column name, then the problem in English
        out << format(tr("row %ld, column \"%s\": %s"), static_cast<long>(e.row), e.column, e.message) << "\n";
    else
        out << format(tr("row %ld: %s"), static_cast<long>(e.row), e.message) << "\n";
}

int cmd_import(Args& args, const std::string& server, const std::string& cache, const Account& account,
               std::ostream& out, std::ostream& err) {
    // TRANSLATORS: the four kinds are typed as they are: do not translate them
    if (args.empty()) throw UsageError{"import: " + tr("expected a kind (uses, cards, areas or sites) and a file")};
    const auto kind_text = args.next();
    const auto kind = import::parse_kind(kind_text);
    if (!kind)
        throw UsageError{"import: " + format(tr("unknown kind '%s' (expected uses, cards, areas or sites)"), kind_text)};
    if (args.empty() || args.peek().rfind("--", 0) == 0)
        throw UsageError{"import " + kind_text + ": " + tr("expected a file")};
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
            // TRANSLATORS: FIELD=COLUMN is the syntax to type: a field name, '=', a column name of the file
            if (eq == std::string::npos || eq == 0) throw flag_error(flag, format(tr("'%s' must be FIELD=COLUMN"), v));
            overrides.push_back({v.substr(0, eq), v.substr(eq + 1)});
        } else if (flag == "--venue") ctx.venue_site_id = args.value_of(flag);
        else if (flag == "--issuer") ctx.issuer_site_id = args.value_of(flag);
        else if (flag == "--dry-run") dry_run = true;
        else if (flag == "--sync") then_sync = true;
        else throw unknown_option("import", flag);
    }
    if (then_sync && dry_run) throw UsageError{"import: " + tr("--sync and --dry-run exclude each other")};
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
        // TRANSLATORS: %s is a list of the file's column names in quotes
        err << format(tr("Columns in the file: %s"), quoted_list(loaded.table->headers)) << "\n";
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
        out << tr("Dry run: nothing was written.") << "\n";
        return row_errors.empty() ? 0 : 1;
    }
    const auto report = import::apply_import(*db, plan);
    for (const auto& e : report.errors) print_row_error(e, out);
    const auto imported = static_cast<unsigned long>(report.imported);
    if (imported > 0 && !then_sync)
        out << format(trn("Imported %s row; 'kaikuctl sync' delivers it.",
                          "Imported %s rows; 'kaikuctl sync' delivers them.", imported),
                      count(report.imported))
            << "\n";
    else
        out << format(trn("Imported %s row.", "Imported %s rows.", imported), count(report.imported)) << "\n";
    const bool some_failed = !row_errors.empty() || report.failed > 0;
    if (some_failed)
        out << tr("Some rows had errors: the ok rows were imported, the others were not. Correct them and import the "
                  "file again; rows imported already are recognised and skipped.")
            << "\n";
    if (then_sync) {
        net::HttpClient http(server);
        const auto r = sync::sync_once(*db, http, {account.login, account.password, "kaikuctl on " + host_name()});
        out << pushed_text(r) << "\n";
        if (!r.ok()) {
            err << "kaikuctl: import: sync: " << describe(r.failure, r.detail) << "\n";
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
            throw unknown_option("demo", flag);
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
    auto n = [](auto v) { return count(static_cast<long long>(v)); };
    // TRANSLATORS: what kaikuctl demo generated
    out << format(tr("Areas: %s, organisations: %s, sites: %s, batches: %s, cards: %s, uses: %s, users: %s"),
                  n(s.areas), n(s.organisations), n(s.sites), n(s.batches), n(s.cards), n(s.uses), n(s.users))
        << "\n";
    if (stats) {
        const double rows = double(s.areas + s.organisations + s.sites + s.batches + s.allocations + s.cards + s.uses +
                                   s.rules + s.quotas + s.users);
        const auto lang = ui_lang();
        // TRANSLATORS: kaikuctl demo --stats; MiB is mebibytes
        out << format(tr("Seconds: %s, rows: %s, rows/s: %s, peak memory: %s MiB"), i18n::format_decimal(secs, 2, lang),
                      n(rows), i18n::format_decimal(rows / std::max(secs, 1e-9), 0, lang), count(peak_rss_mib()))
            << "\n";
    }
    return 0;
}

// Card-sheet labels per language; fi and sv together by default (the printed card is bilingual).
std::vector<core::Language> parse_sheet_languages(const std::string& v) {
    std::vector<core::Language> out;
    std::stringstream in(v);
    for (std::string part; std::getline(in, part, ',');) {
        const auto lang = core::enum_parse<core::Language>(part);
        // TRANSLATORS: after the option's name: "--language: 'de' must be ..."; the values are typed as they are
        if (!lang) throw flag_error("--language", format(tr("'%s' must be fi, sv or en (or a list such as fi,sv)"), v));
        out.push_back(*lang);
    }
    if (out.empty()) throw flag_error("--language", tr("missing value"));
    return out;
}

int cmd_cards(Args& args, const std::string& cache, std::ostream& out) {
    if (args.empty() || args.peek() != "sheet") throw UsageError{"cards: " + tr("expected 'sheet'")};
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
            throw unknown_option("cards sheet", flag);
    }
    if (batch.empty() || output.empty()) throw UsageError{"cards sheet: " + tr("--batch and --output are required")};
    auto db = database.empty() ? open_cache(cache) : open_to_read(database);
    auto sheet = report_render::card_sheet_for_batch(*db, batch, languages);
    // Each card language's label from its own catalogue, whatever the interface language is.
    for (auto lang : languages) {
        const i18n::Catalog catalog(std::string(core::enum_name(lang)));
        // TRANSLATORS: also the label on a printed card, before a line where the last valid day is written
        sheet.valid_until_labels.push_back(catalog.tr("Valid until"));
    }
    sheet.layout.crop_marks = crop_marks;
    report_render::write_card_sheet(sheet, output);
    const auto cards = sheet.card_ids.size();
    const auto pages = report_render::card_sheet_page_count(sheet);
    if (pages == 1)
        // TRANSLATORS: the number of cards and the PDF file written
        out << format(trn("%s card on one page: %s", "%s cards on one page: %s", cards),
                      count(static_cast<long long>(cards)), output)
            << "\n";
    else
        // TRANSLATORS: the number of cards (always more than 10 here), of pages (always 2 or more) and the PDF file
        out << format(trn("%s card on %s pages: %s", "%s cards on %s pages: %s", cards),
                      count(static_cast<long long>(cards)), count(static_cast<long long>(pages)), output)
            << "\n";
    return 0;
}

// Characters, not bytes, for aligning UTF-8 text.
std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The text table in the report's language: translated title, headers and English row labels, grouped numbers.
void print_table(const report::Table& t, const i18n::Catalog& catalog, std::ostream& out) {
    const auto& lang = catalog.language();
    std::vector<std::vector<std::string>> lines;
    lines.push_back({catalog.tr(t.key_header.c_str())});
    for (const auto& c : t.columns) lines.back().push_back(catalog.tr(c.c_str()));
    auto add = [&](const report::Row& r, bool total) {
        lines.push_back({total ? catalog.tr("Total") : r.label_is_english ? catalog.tr(r.label.c_str()) : r.label});
        for (const auto& c : r.cells)
            lines.back().push_back(c.suppressed ? catalog.tr(report::kSuppressedText) : i18n::format_count(c.value, lang));
    };
    for (const auto& r : t.rows) add(r, false);
    if (t.total) add(*t.total, true);
    std::vector<std::size_t> width(lines.front().size(), 0);
    for (const auto& l : lines)
        for (std::size_t i = 0; i < l.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(l[i]));
    out << catalog.tr(t.title.c_str()) << "\n";
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

void print_findings(const std::vector<report::Finding>& findings, const i18n::Catalog& catalog, std::ostream& out) {
    const auto& lang = catalog.language();
    for (const auto& f : findings) {
        out << catalog.tr(report::finding_title(f.kind)) << '\t' << f.entity << ' ' << f.entity_id << '\t' << f.area_id
            << '\t' << f.subject;
        if (f.on != core::Date{}) out << '\t' << i18n::format_date(f.on.year(), f.on.month(), f.on.day(), lang);
        if (f.number || f.limit) out << '\t' << i18n::format_count(f.number, lang) << '/' << i18n::format_count(f.limit, lang);
        out << '\n';
    }
    out << format(catalog.trn("%s finding", "%s findings", findings.size()),
                  i18n::format_count(static_cast<long long>(findings.size()), lang))
        << "\n";
}

// Now as local time: "2026-11-22 12:05" (en and machine outputs), "22.11.2026 12.05" (fi), "22.11.2026 12:05" (sv).
std::string now_text(const std::string& lang) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char time[16];
    std::strftime(time, sizeof time, lang == "fi" ? "%H.%M" : "%H:%M", &tm);
    return i18n::format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, lang) + " " + time;
}

// kaikuctl report national|cross-area|profile|audit [options]: computes from the cache or --database and writes
// text, CSV or XLSX.
int cmd_report(Args& args, const std::string& cache, std::ostream& out, std::ostream& err) {
    // TRANSLATORS: the four reports are typed as they are: do not translate them
    if (args.empty()) throw UsageError{"report: " + tr("expected national, cross-area, profile or audit")};
    const auto what = args.next();
    if (what != "national" && what != "cross-area" && what != "profile" && what != "audit")
        throw UsageError{"report: " +
                         format(tr("unknown report '%s' (expected national, cross-area, profile or audit)"), what)};
    const std::string cmd = "report " + what;
    report::Filter filter;
    std::optional<core::Language> report_language;
    auto group_by = report::GroupBy::year;
    std::optional<report::Profile> profile;
    std::string database, format_name = "text", output;
    bool stats = false, bom = false;
    int stale_days = 90;
    while (!args.empty()) {
        const auto flag = args.next();
        if (flag == "--database")
            database = args.value_of(flag);
        else if (flag == "--group-by" && what == "national") {
            const auto v = args.value_of(flag);
            const auto g = report::parse_group_by(v);
            // TRANSLATORS: the values are typed as they are: do not translate them
            if (!g) throw flag_error(flag, format(tr("'%s' must be year, month, area, municipality, issuer or venue"), v));
            group_by = *g;
        } else if (flag == "--by" && what == "profile") {
            const auto v = args.value_of(flag);
            profile = report::parse_profile(v);
            // TRANSLATORS: the values are typed as they are: do not translate them
            if (!profile) throw flag_error(flag, format(tr("'%s' must be age-group, gender, life-situation or children"), v));
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
            report_language = core::enum_parse<core::Language>(v);
            // TRANSLATORS: the values are typed as they are: do not translate them
            if (!report_language) throw flag_error(flag, format(tr("'%s' must be fi, sv or en"), v));
        } else if (flag == "--format") {
            format_name = args.value_of(flag);
            if (format_name != "text" && format_name != "csv" && format_name != "xlsx" && format_name != "pdf" &&
                format_name != "png")
                // TRANSLATORS: the values are typed as they are: do not translate them
                throw flag_error(flag, format(tr("'%s' must be text, csv, xlsx, pdf or png"), format_name));
        } else if (flag == "--output")
            output = args.value_of(flag);
        else if (flag == "--stats")
            stats = true;
        else if (flag == "--bom")
            bom = true;
        else if (flag == "--stale-days" && what == "audit")
            stale_days = parse_int_flag(flag, args.value_of(flag), 1, 3650);
        else
            throw unknown_option(cmd, flag);
    }
    if (what == "profile" && !profile)
        throw flag_error("--by", tr("report profile needs --by age-group, gender, life-situation or children"));
    if (filter.from && filter.to && *filter.from > *filter.to) throw flag_error("--from", tr("must not be after --to"));
    if ((format_name == "xlsx" || format_name == "pdf" || format_name == "png") && output.empty())
        // TRANSLATORS: %s is the format typed (xlsx, pdf or png)
        throw flag_error("--output", format(tr("--format %s needs --output FILE"), format_name));
    if (what == "audit" && (format_name == "pdf" || format_name == "png"))
        throw flag_error("--format", tr("the audit is written as text, csv or xlsx"));

    // CSV and XLSX are for programs: English labels and ISO dates in every interface language, as before; the
    // report's --language sets their separators and names. Text, PDF and PNG are for people: in the report's
    // --language, else the interface language.
    const bool machine = format_name == "csv" || format_name == "xlsx";
    const auto ui = core::enum_parse<core::Language>(ui_lang()).value_or(core::Language::en);
    filter.language = report_language.value_or(machine ? core::Language::en : ui);
    const i18n::Catalog catalog(machine ? std::string("en") : std::string(core::enum_name(filter.language)));
    const auto& lang = catalog.language();

    auto db = database.empty() ? open_cache(cache) : open_to_read(database);
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
    std::string areas;
    for (std::size_t i = 0; i < filter.area_ids.size(); ++i) areas += (i ? ", " : "") + filter.area_ids[i];
    // TRANSLATORS: the scope line of a report: %s is a list of area ids, then a site's id
    if (areas.empty() && filter.site_id.empty()) eo.scope = catalog.tr("All areas");
    else if (areas.empty()) eo.scope = format(catalog.tr("All areas; site %s"), filter.site_id);
    else if (filter.site_id.empty()) eo.scope = format(catalog.tr("Areas: %s"), areas);
    else eo.scope = format(catalog.tr("Areas: %s; site %s"), areas, filter.site_id);
    auto day = [&](const std::optional<core::Date>& d) {
        return d ? i18n::format_date(d->year(), d->month(), d->day(), lang) : std::string("...");
    };
    if (machine)
        eo.period = (filter.from ? filter.from->iso() : std::string("...")) + " - " +
                    (filter.to ? filter.to->iso() : std::string("..."));
    else if (filter.from && filter.to)
        eo.period = day(filter.from) + " \u2013 " + day(filter.to);
    else if (filter.from)
        eo.period = format(catalog.tr("from %s"), day(filter.from));
    else if (filter.to)
        eo.period = format(catalog.tr("until %s"), day(filter.to));
    else
        eo.period = catalog.tr("All time");
    eo.generated_at = now_text(machine ? std::string("en") : lang);
    const bool audit = what == "audit";
    if (format_name == "pdf" || format_name == "png") {
        report_render::TableReportOptions ro;
        ro.details = {{catalog.tr("Scope"), eo.scope}, {catalog.tr("Period"), eo.period},
                      {catalog.tr("Generated"), eo.generated_at}};
        ro.translate = [&catalog](const std::string& s) { return catalog.tr(s.c_str()); };
        ro.format_number = [&lang](double v) { return i18n::format_count(std::llround(v), lang); };
        report_render::write_table_report(table, *report_render::parse_output_format(format_name), output, ro);
    } else if (format_name == "xlsx") {
        if (audit)
            report::write_findings_xlsx(findings, output, eo);
        else
            report::write_xlsx(table, output, eo);
    } else {
        std::ofstream file;
        if (!output.empty()) {
            file.open(output, std::ios::binary);
            // TRANSLATORS: %s is a file name
            if (!file) throw std::runtime_error(format(tr("%s: cannot open for writing"), output));
        }
        std::ostream& dest = output.empty() ? out : file;
        if (format_name == "csv")
            audit ? report::write_findings_csv(findings, dest, eo) : report::write_csv(table, dest, eo);
        else
            audit ? print_findings(findings, catalog, dest) : print_table(table, catalog, dest);
        // TRANSLATORS: %s is a file name
        if (!output.empty() && !(file.flush())) throw std::runtime_error(format(tr("%s: cannot write"), output));
    }
    // Keep CSV on standard output clean: the timing goes to standard error then.
    if (stats) {
        // TRANSLATORS: the time the report took to compute, in milliseconds
        const auto text = format(tr("computed in %s ms"), i18n::format_decimal(ms, 1, ui_lang()));
        ((format_name == "csv" && output.empty()) ? err : out) << text << "\n";
    }
    return 0;
}

// The value of --ui-language among the global options (before the command), so that even the errors about the
// other options are in that language. Empty when not given.
std::optional<std::string> ui_language_option(const std::vector<std::string>& argv) {
    for (std::size_t i = 0; i < argv.size() && argv[i].rfind("-", 0) == 0; ++i) {
        if (argv[i] == "--ui-language") return i + 1 < argv.size() ? argv[i + 1] : std::string();
        if (argv[i] == "--server" || argv[i] == "--cache" || argv[i] == "--user" || argv[i] == "--password-file")
            ++i;
    }
    return std::nullopt;
}

}  // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    // The interface language: --ui-language, else the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else
    // English. Chosen here and given to wxTranslations, so no system locale has to be generated for it.
    const i18n::WxBase wx;  // wx base for the catalogues, for the whole run
    const auto ui_option = ui_language_option(argv);
    const bool ui_option_ok = ui_option && i18n::is_supported_language(*ui_option);
    i18n::install_global_translations(ui_option_ok ? *ui_option : i18n::language_from_environment());

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
            else if (flag == "--ui-language") {
                const auto v = args.value_of(flag);
                if (!i18n::is_supported_language(v)) {
                    // The GUI's message for its --lang: strip its line end.
                    auto message = format(tr("Unknown language \"%s\": use fi, sv or en.\n"), v);
                    while (!message.empty() && message.back() == '\n') message.pop_back();
                    throw flag_error(flag, message);
                }
            } else if (flag == "--password-file") {
                const auto file = args.value_of(flag);
                std::ifstream in(file);
                if (!in || !std::getline(in, account.password)) {
                    // The GUI's message for the same option: strip its line end.
                    auto message = format(tr("Cannot read the password file \"%s\".\n"), file);
                    while (!message.empty() && message.back() == '\n') message.pop_back();
                    throw flag_error(flag, message);
                }
            } else
                // TRANSLATORS: %s is an option typed on the command line, e.g. --frobnicate
                throw UsageError{format(tr("unknown option '%s'"), flag)};
        }
        if (args.empty()) throw UsageError{tr("missing command")};
        const auto cmd = args.next();
        if (cmd == "fetch") {
            if (!args.empty()) throw unexpected_argument("fetch", args.peek());
            return cmd_fetch(server, cache, account, out, err);
        }
        if (cmd == "login") {
            if (!args.empty()) throw unexpected_argument("login", args.peek());
            return cmd_login(server, cache, account, out, err);
        }
        if (cmd == "list") return cmd_list(args, cache, out);
        if (cmd == "sync") return cmd_sync(args, server, cache, account, out, err);
        if (cmd == "status") {
            if (!args.empty()) throw unexpected_argument("status", args.peek());
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
        // TRANSLATORS: %s is the command typed
        throw UsageError{format(tr("unknown command '%s'"), cmd)};
    } catch (const UsageError& e) {
        // TRANSLATORS: after a usage error; 'kaikuctl --help' is typed as it is
        err << "kaikuctl: " << e.message << "\n" << tr("Try 'kaikuctl --help'.") << "\n";
        return 2;
    } catch (const std::exception& e) {
        err << "kaikuctl: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kaiku::cli
