#include "report/statistics.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "report/query.hpp"

namespace kaiku::report {

using detail::date_range;
using detail::for_each_row;
using detail::in_list;
using detail::quote;

bool Table::any_suppressed() const {
    auto row_has = [](const Row& r) {
        return std::any_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return c.suppressed; });
    };
    return std::any_of(rows.begin(), rows.end(), row_has) || (total && row_has(*total));
}

const char* group_by_name(GroupBy g) {
    switch (g) {
        case GroupBy::year: return "year";
        case GroupBy::month: return "month";
        case GroupBy::area: return "area";
        case GroupBy::municipality: return "municipality";
        case GroupBy::issuer: return "issuer";
        case GroupBy::venue: return "venue";
    }
    return "year";
}

std::optional<GroupBy> parse_group_by(const std::string& s) {
    for (auto g : {GroupBy::year, GroupBy::month, GroupBy::area, GroupBy::municipality, GroupBy::issuer,
                   GroupBy::venue})
        if (s == group_by_name(g)) return g;
    return std::nullopt;
}

const char* profile_name(Profile p) {
    switch (p) {
        case Profile::age_group: return "age-group";
        case Profile::gender: return "gender";
        case Profile::life_situation: return "life-situation";
        case Profile::children: return "children";
    }
    return "age-group";
}

std::optional<Profile> parse_profile(const std::string& s) {
    for (auto p : {Profile::age_group, Profile::gender, Profile::life_situation, Profile::children})
        if (s == profile_name(p)) return p;
    return std::nullopt;
}

namespace {

constexpr const char* kUnknown = N_("(unknown)");

const std::vector<std::string>& national_columns() {
    static const std::vector<std::string> columns = {
        N_("Registered cards"),     N_("Activated cards"),     N_("Uses"),
        N_("Culture, adults"),      N_("Culture, children"),   N_("Education, adults"),
        N_("Education, children"),  N_("Science, adults"),     N_("Science, children"),
        N_("Sports, adults"),       N_("Sports, children"),    N_("Municipalities in the network"),
    };
    return columns;
}
enum NationalColumn { registered = 0, activated = 1, uses = 2, first_admission = 3, municipalities = 11, count = 12 };

std::string pick_name(core::Language lang, const std::string& fi, const std::string& sv, const std::string& en) {
    if (lang == core::Language::sv && !sv.empty()) return sv;
    if (lang == core::Language::en && !en.empty()) return en;
    return fi;
}

// Names and municipality facts needed for labels and the municipalities column.
struct Names {
    std::map<std::string, std::string> area, municipality, site;
    std::map<std::string, std::string> site_municipality;
    struct Municipality {
        std::string area_id;
        int joined_year;
    };
    std::map<std::string, Municipality> municipalities;  // of the areas in the filter

    Names(store::Database& db, const Filter& f, bool sites) {
        for_each_row(db, "SELECT id, name_fi, name_sv, name_en FROM area", [&](const store::RowReader& r) {
            area[r.text(0)] = pick_name(f.language, r.text(1), r.text(2), r.text(3));
        });
        const auto area_filter = in_list("area_id", f.area_ids);
        for_each_row(db, "SELECT code, name_fi, name_sv, area_id, joined_year FROM municipality",
                     [&](const store::RowReader& r) {
                         municipality[r.text(0)] = pick_name(f.language, r.text(1), r.text(2), {});
                         const auto a = r.text(3);
                         if (f.area_ids.empty() ||
                             std::find(f.area_ids.begin(), f.area_ids.end(), a) != f.area_ids.end())
                             municipalities[r.text(0)] = {a, static_cast<int>(r.integer(4))};
                     });
        if (sites)
            for_each_row(db, "SELECT id, name, municipality_code FROM site", [&](const store::RowReader& r) {
                site[r.text(0)] = r.text(1);
                site_municipality[r.text(0)] = r.text(2);
            });
    }

    int joined_by(int year, const std::string& area_id = {}) const {
        int n = 0;
        for (const auto& [code, m] : municipalities)
            if (m.joined_year <= year && (area_id.empty() || m.area_id == area_id)) ++n;
        return n;
    }
    int joined_by_code(int year, const std::string& code) const {
        const auto it = municipalities.find(code);
        return it != municipalities.end() && it->second.joined_year <= year ? 1 : 0;
    }

    std::string label(GroupBy g, const std::string& key) const {
        if (key.empty()) return kUnknown;
        auto look = [&](const std::map<std::string, std::string>& m) {
            const auto it = m.find(key);
            return it == m.end() || it->second.empty() ? key : it->second;
        };
        switch (g) {
            case GroupBy::year:
            case GroupBy::month: return key;
            case GroupBy::area: return look(area);
            case GroupBy::municipality: return look(municipality);
            case GroupBy::issuer:
            case GroupBy::venue: return look(site);
        }
        return key;
    }
};

int end_year(const Filter& f) { return f.to ? f.to->year() : core::Date::today().year(); }

// The grouping key of a card row (alias c, issuing site s) counted on date column `date_col`.
std::string card_key(GroupBy g, const std::string& date_col) {
    switch (g) {
        // Days, folded into years or months afterwards: grouping by the indexed column itself streams in index
        // order instead of sorting a computed key (see the statistics indexes in store/migrations.cpp).
        case GroupBy::year:
        case GroupBy::month: return "c." + date_col;
        case GroupBy::area: return "c.area_id";
        case GroupBy::municipality: return "s.municipality_code";
        case GroupBy::issuer: return "c.issuer_site_id";
        case GroupBy::venue: return "";
    }
    return "";
}

// The grouping key of a use (alias u, venue site v, card c).
std::string use_key(GroupBy g) {
    switch (g) {
        case GroupBy::year:
        case GroupBy::month: return "u.used_on";
        case GroupBy::area: return "v.area_id";
        case GroupBy::municipality: return "v.municipality_code";
        case GroupBy::issuer: return "c.issuer_site_id";
        case GroupBy::venue: return "u.venue_site_id";
    }
    return "";
}

std::string card_where(const Filter& f, const std::string& date_col) {
    std::string w = " WHERE c." + date_col + " IS NOT NULL" + date_range("c." + date_col, f.from, f.to);
    if (!f.area_ids.empty()) w += " AND " + in_list("c.area_id", f.area_ids);
    if (!f.site_id.empty()) w += " AND c.issuer_site_id = " + quote(f.site_id);
    return w;
}

// FROM ... WHERE for non-voided uses in the filter; joins only what the key and filter need.
std::string use_from_where(const Filter& f, bool need_venue, bool need_card) {
    need_card = need_card || !f.site_id.empty();
    std::string s = " FROM usage u";
    if (need_venue) s += " JOIN site v ON v.id = u.venue_site_id";
    if (need_card) s += " JOIN card c ON c.id = u.card_id";
    s += " WHERE u.voided = 0" + date_range("u.used_on", f.from, f.to);
    // The venue's area through a small set of site ids rather than a join per use (same rows: site ids are unique).
    if (!f.area_ids.empty())
        s += " AND u.venue_site_id IN (SELECT a.id FROM site a WHERE " + in_list("a.area_id", f.area_ids) + ")";
    // One site: its own uses as a venue, or the uses of the cards it issued.
    if (!f.site_id.empty())
        s += " AND (u.venue_site_id = " + quote(f.site_id) + " OR c.issuer_site_id = " + quote(f.site_id) + ")";
    return s;
}

bool year_like(GroupBy g) { return g == GroupBy::year || g == GroupBy::month; }

Row sum_rows(const std::vector<Row>& rows, std::size_t columns) {
    Row total{"total", N_("Total"), std::vector<Cell>(columns), true};
    for (const auto& r : rows)
        for (std::size_t i = 0; i < columns && i < r.cells.size(); ++i) total.cells[i].value += r.cells[i].value;
    return total;
}

// Rows in the order people expect: dates ascending, names alphabetically (unknown last).
void sort_rows(std::vector<Row>& rows, bool by_key) {
    std::stable_sort(rows.begin(), rows.end(), [by_key](const Row& a, const Row& b) {
        if (a.key.empty() != b.key.empty()) return b.key.empty();
        return by_key ? a.key < b.key : (a.label != b.label ? a.label < b.label : a.key < b.key);
    });
}

}  // namespace

Table national(store::Database& db, const Filter& f, GroupBy g) {
    Table t;
    t.title = N_("National statistics");
    switch (g) {
        case GroupBy::year: t.key_header = N_("Year"); break;
        case GroupBy::month: t.key_header = N_("Month"); break;
        case GroupBy::area: t.key_header = N_("Area"); break;
        case GroupBy::municipality: t.key_header = N_("Municipality"); break;
        case GroupBy::issuer: t.key_header = N_("Issuer"); break;
        case GroupBy::venue: t.key_header = N_("Venue"); break;
    }
    t.columns = national_columns();

    std::map<std::string, std::vector<std::int64_t>> acc;
    const std::size_t fold = g == GroupBy::year ? 4 : g == GroupBy::month ? 7 : std::string::npos;
    auto at = [&](const std::string& key) -> std::vector<std::int64_t>& {
        auto [it, fresh] = acc.try_emplace(key.substr(0, fold), std::vector<std::int64_t>(NationalColumn::count, 0));
        return it->second;
    };
    // The whole cache by year or month: the daily sums the client's triggers keep (store migration 9).
    const bool summary = year_like(g) && f.area_ids.empty() && f.site_id.empty() &&
                         db.kind() == store::SchemaKind::client;
    // Cards count at their issuing site; a venue grouping has no card rows.
    if (g != GroupBy::venue && !year_like(g)) {
        // One pass over the cards for both columns: a card counts as registered and/or activated in the period.
        const auto key = card_key(g, "registered_on");
        auto in_period = [&](const std::string& col) {
            return "c." + col + " IS NOT NULL" + date_range("c." + col, f.from, f.to);
        };
        const std::string registered = in_period("registered_on"), activated = in_period("activated_on");
        std::string sql = "SELECT " + key + " AS k, SUM(CASE WHEN " + registered + " THEN 1 ELSE 0 END), SUM(CASE WHEN " +
                          activated + " THEN 1 ELSE 0 END) FROM card c";
        if (g == GroupBy::municipality) sql += " LEFT JOIN site s ON s.id = c.issuer_site_id";
        sql += " WHERE ((" + registered + ") OR (" + activated + "))";
        if (!f.area_ids.empty()) sql += " AND " + in_list("c.area_id", f.area_ids);
        if (!f.site_id.empty()) sql += " AND c.issuer_site_id = " + quote(f.site_id);
        sql += " GROUP BY " + key;
        for_each_row(db, sql, [&](const store::RowReader& r) {
            auto& v = at(r.text(0));
            v[NationalColumn::registered] += r.integer(1);
            v[NationalColumn::activated] += r.integer(2);
        });
    } else if (summary) {
        std::string sql = "SELECT day, registered, activated FROM stat_card_day WHERE (registered <> 0 OR activated <> 0)" +
                          date_range("day", f.from, f.to);
        for_each_row(db, sql, [&](const store::RowReader& r) {
            auto& v = at(r.text(0));
            v[NationalColumn::registered] += r.integer(1);
            v[NationalColumn::activated] += r.integer(2);
        });
    } else if (g != GroupBy::venue) {
        for (const auto& [col, field] : {std::pair{"registered_on", NationalColumn::registered},
                                         std::pair{"activated_on", NationalColumn::activated}}) {
            const auto key = card_key(g, col);
            std::string sql = "SELECT " + key + " AS k, COUNT(*) FROM card c";
            if (g == GroupBy::municipality) sql += " LEFT JOIN site s ON s.id = c.issuer_site_id";
            sql += card_where(f, col) + " GROUP BY " + key;
            for_each_row(db, sql, [&, field = field](const store::RowReader& r) { at(r.text(0))[field] += r.integer(1); });
        }
    }
    {
        const auto key = use_key(g);
        std::string sql;
        if (summary) {
            sql = "SELECT day, category, uses, adults, children FROM stat_use_day WHERE uses <> 0" +
                  date_range("day", f.from, f.to);
        } else if ((g == GroupBy::area || g == GroupBy::municipality) && f.site_id.empty()) {
            // Per venue and category first (covering index usage_venue), then the few thousand sums to the venues'
            // areas or municipalities: one site lookup per venue instead of one per use.
            sql = "SELECT " + key + " AS k, x.category, SUM(x.n), SUM(x.adults), SUM(x.children) FROM (SELECT"
                  " u.venue_site_id AS site_id, u.category AS category, COUNT(*) AS n, SUM(u.adults) AS adults,"
                  " SUM(u.children) AS children" + use_from_where(f, false, false) +
                  " GROUP BY u.venue_site_id, u.category) x JOIN site v ON v.id = x.site_id GROUP BY " + key +
                  ", x.category";
        } else {
            // Per key and category; (used_on, category, voided, adults, children) is a covering index for years.
            sql = "SELECT " + key + " AS k, u.category, COUNT(*), SUM(u.adults), SUM(u.children)" +
                  use_from_where(f, g == GroupBy::area || g == GroupBy::municipality, g == GroupBy::issuer) +
                  " GROUP BY " + key + ", u.category";
        }
        static const std::map<std::string, int> category_column = {
            {"culture", 0}, {"education", 1}, {"science", 2}, {"sports", 3}};
        for_each_row(db, sql, [&](const store::RowReader& r) {
            auto& v = at(r.text(0));
            v[NationalColumn::uses] += r.integer(2);
            const auto c = category_column.find(r.text(1));
            if (c == category_column.end()) return;
            v[NationalColumn::first_admission + 2 * c->second] += r.integer(3);
            v[NationalColumn::first_admission + 2 * c->second + 1] += r.integer(4);
        });
    }

    const Names names(db, f, g == GroupBy::issuer || g == GroupBy::venue);
    const int last_year = end_year(f);
    for (auto& [key, values] : acc) {
        // Municipalities in the network: at the end of the row's year for dates, otherwise at the end of the
        // period (the year of `to`, or this year): of the area, the municipality itself, or the site's municipality.
        std::int64_t m = 0;
        switch (g) {
            case GroupBy::year:
            case GroupBy::month: m = names.joined_by(std::atoi(key.substr(0, 4).c_str())); break;
            case GroupBy::area: m = names.joined_by(last_year, key); break;
            case GroupBy::municipality: m = names.joined_by_code(last_year, key); break;
            case GroupBy::issuer:
            case GroupBy::venue: {
                const auto it = names.site_municipality.find(key);
                m = it == names.site_municipality.end() ? 0 : names.joined_by_code(last_year, it->second);
                break;
            }
        }
        values[NationalColumn::municipalities] = m;
        Row row{key, names.label(g, key), {}, key.empty()};
        for (auto v : values) row.cells.push_back(Cell{v, false});
        t.rows.push_back(std::move(row));
    }
    sort_rows(t.rows, year_like(g));
    Row total = sum_rows(t.rows, NationalColumn::count);
    // Municipalities do not add up: the total is the network at the end of the period.
    total.cells[NationalColumn::municipalities].value = names.joined_by(last_year);
    t.total = std::move(total);
    return t;
}

Table cross_area_use(store::Database& db, const Filter& f) {
    Table t;
    t.title = N_("Cross-area use");
    t.key_header = N_("Home area \u2192 venue area");
    t.columns = {N_("Uses"), N_("Adults"), N_("Children")};
    std::string sql =
        "SELECT c.area_id, v.area_id, COUNT(*), SUM(u.adults), SUM(u.children) FROM usage u"
        " JOIN card c ON c.id = u.card_id JOIN site v ON v.id = u.venue_site_id"
        " WHERE u.voided = 0 AND c.area_id <> v.area_id" +
        date_range("u.used_on", f.from, f.to);
    // An area sees both directions: its cards used elsewhere and other areas' cards used at its venues.
    if (!f.area_ids.empty())
        sql += " AND (" + in_list("c.area_id", f.area_ids) + " OR " + in_list("v.area_id", f.area_ids) + ")";
    if (!f.site_id.empty())
        sql += " AND (u.venue_site_id = " + quote(f.site_id) + " OR c.issuer_site_id = " + quote(f.site_id) + ")";
    sql += " GROUP BY c.area_id, v.area_id";
    Filter all = f;
    all.area_ids.clear();
    const Names names(db, all, false);
    for_each_row(db, sql, [&](const store::RowReader& r) {
        const auto home = r.text(0), venue = r.text(1);
        t.rows.push_back(Row{home + ">" + venue,
                             names.label(GroupBy::area, home) + " \u2192 " + names.label(GroupBy::area, venue),
                             {Cell{r.integer(2)}, Cell{r.integer(3)}, Cell{r.integer(4)}}});
    });
    sort_rows(t.rows, false);
    t.total = sum_rows(t.rows, 3);
    return t;
}

namespace {

struct ProfileSpec {
    const char* title;
    const char* header;
    std::string expr;  // over card c
    std::vector<std::pair<std::string, const char*>> values;  // key, English label
};

ProfileSpec profile_spec(Profile p) {
    switch (p) {
        case Profile::age_group:
            return {N_("Holders by age group"), N_("Age group"), "c.age_group",
                    {{"16-29", N_("16-29")}, {"30-64", N_("30-64")}, {"65+", N_("65 and over")},
                     {"unspecified", N_("Not given")}}};
        case Profile::gender:
            return {N_("Holders by gender"), N_("Gender"), "c.gender",
                    {{"female", N_("Female")}, {"male", N_("Male")}, {"other", N_("Other")},
                     {"unspecified", N_("Not given")}}};
        case Profile::life_situation:
            return {N_("Holders by life situation"), N_("Life situation"), "c.life_situation",
                    {{"employed", N_("Employed")}, {"unemployed", N_("Unemployed")}, {"student", N_("Student")},
                     {"retired", N_("Retired")}, {"disability", N_("Disability")}, {"caregiver", N_("Caregiver")},
                     {"other", N_("Other")}, {"unspecified", N_("Not given")}}};
        case Profile::children:
            return {N_("Holders by number of children"), N_("Children"),
                    "CASE WHEN c.children >= 3 THEN '3+' ELSE CAST(c.children AS TEXT) END",
                    {{"0", N_("0")}, {"1", N_("1")}, {"2", N_("2")}, {"3+", N_("3 or more")}}};
    }
    return {};
}

}  // namespace

void suppress(Table& t) {
    const std::size_t columns = t.columns.size();
    for (auto& r : t.rows)
        for (auto& c : r.cells) c.suppressed = c.value > 0 && c.value < kSuppressBelow;
    if (t.total)
        for (auto& c : t.total->cells) c.suppressed = c.value > 0 && c.value < kSuppressBelow;
    // Secondary suppression per column: with the total shown, one hidden cell (or hidden cells summing to less
    // than the threshold) could be recovered by subtraction, so hide the next smallest cells too.
    for (std::size_t col = 0; col < columns; ++col) {
        if (t.total && t.total->cells[col].suppressed) continue;  // the total itself is hidden
        for (;;) {
            int hidden = 0;
            std::int64_t hidden_sum = 0;
            for (const auto& r : t.rows)
                if (r.cells[col].suppressed) ++hidden, hidden_sum += r.cells[col].value;
            if (hidden == 0 || (hidden >= 2 && hidden_sum >= kSuppressBelow)) break;
            // The next smallest visible cell, preferring non-zero ones (a zero shown is known exactly anyway).
            Cell* next = nullptr;
            for (auto& r : t.rows) {
                auto& c = r.cells[col];
                if (c.suppressed) continue;
                const bool better = !next || (next->value == 0 && c.value > 0) ||
                                    ((next->value == 0) == (c.value == 0) && c.value < next->value);
                if (better) next = &c;
            }
            if (!next) {
                // Every row is hidden: the total alone would give their sum away, so hide it.
                if (t.total) t.total->cells[col].suppressed = true;
                break;
            }
            next->suppressed = true;
        }
    }
}

Table profile_breakdown(store::Database& db, const Filter& f, Profile p) {
    const auto spec = profile_spec(p);
    Table t;
    t.title = spec.title;
    t.key_header = spec.header;
    t.columns = {N_("Cards"), N_("Activated cards"), N_("Uses")};
    std::map<std::string, std::vector<std::int64_t>> acc;
    for (const auto& [key, label] : spec.values) acc[key] = std::vector<std::int64_t>(3, 0);
    auto at = [&](const std::string& key) -> std::vector<std::int64_t>& {
        auto [it, fresh] = acc.try_emplace(key, std::vector<std::int64_t>(3, 0));
        return it->second;
    };
    for (const auto& [col, field] : {std::pair{"registered_on", 0}, std::pair{"activated_on", 1}}) {
        const std::string sql =
            "SELECT " + spec.expr + " AS k, COUNT(*) FROM card c" + card_where(f, col) + " GROUP BY " + spec.expr;
        for_each_row(db, sql, [&, field = field](const store::RowReader& r) { at(r.text(0))[field] = r.integer(1); });
    }
    // Uses per card first (covering index usage_card, in card order), then one card lookup per used card instead
    // of one per use. A site filter needs the card of each use, so it joins per use.
    const std::string sql =
        f.site_id.empty()
            ? "SELECT " + spec.expr + " AS k, SUM(x.n) FROM (SELECT u.card_id AS card_id, COUNT(*) AS n" +
                  use_from_where(f, false, false) + " GROUP BY u.card_id) x JOIN card c ON c.id = x.card_id GROUP BY " +
                  spec.expr
            : "SELECT " + spec.expr + " AS k, COUNT(*)" + use_from_where(f, false, true) + " GROUP BY " + spec.expr;
    for_each_row(db, sql, [&](const store::RowReader& r) { at(r.text(0))[2] = r.integer(1); });

    for (const auto& [key, label] : spec.values) {
        Row row{key, label, {}, true};
        for (auto v : acc[key]) row.cells.push_back(Cell{v});
        t.rows.push_back(std::move(row));
        acc.erase(key);
    }
    for (const auto& [key, values] : acc) {  // values the code list does not know
        Row row{key, key, {}};
        for (auto v : values) row.cells.push_back(Cell{v});
        t.rows.push_back(std::move(row));
    }
    t.total = sum_rows(t.rows, 3);
    suppress(t);
    return t;
}

core::Date quarter_start(core::Date d) {
    return *core::Date::from_ymd(d.year(), (d.month() - 1) / 3 * 3 + 1, 1);
}

core::Date quarter_end(core::Date d) { return quarter_start(d).plus_months(3).plus_days(-1); }

PublishedProfile published_profile_breakdown(store::Database& db, const Filter& f, Profile p, core::Date today) {
    PublishedProfile out;
    const core::Date last_end = quarter_start(today).plus_days(-1);
    std::optional<core::Date> from = f.from ? std::optional(quarter_start(*f.from)) : std::nullopt;
    if (!from) {  // from the first registered card on
        for_each_row(db, "SELECT MIN(registered_on) FROM card WHERE registered_on IS NOT NULL",
                     [&](const store::RowReader& r) {
                         if (const auto d = core::Date::parse(r.text(0))) from = quarter_start(*d);
                     });
    }
    const core::Date to = f.to ? std::min(quarter_end(*f.to), last_end) : last_end;
    Filter window = f;
    if (!from || *from > to) {
        // Nothing has ended yet: an empty period, every cell 0.
        window.from = last_end.plus_days(1);
        window.to = last_end;
        out.table = profile_breakdown(db, window, p);
        return out;
    }
    window.from = out.from = *from;
    window.to = out.to = to;
    out.table = profile_breakdown(db, window, p);
    auto hide_what_part_hides = [](Row& whole, const Row& part) {
        for (std::size_t c = 0; c < part.cells.size() && c < whole.cells.size(); ++c)
            whole.cells[c].suppressed = whole.cells[c].suppressed || part.cells[c].suppressed;
    };
    for (core::Date q = *from; q <= to; q = q.plus_months(3)) {
        Filter one = f;
        one.from = q;
        one.to = quarter_end(q);
        const Table part = profile_breakdown(db, one, p);
        for (const auto& pr : part.rows) {
            // Every key of a quarter is a key of the whole period.
            const auto row = std::find_if(out.table.rows.begin(), out.table.rows.end(),
                                          [&](const Row& r) { return r.key == pr.key; });
            if (row != out.table.rows.end()) hide_what_part_hides(*row, pr);
        }
        if (part.total && out.table.total) hide_what_part_hides(*out.table.total, *part.total);
    }
    return out;
}

}  // namespace kaiku::report
