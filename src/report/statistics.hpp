// Statistics from a register database (the client's cache or the server's): the national table layout grouped
// by year, month, area, municipality, issuer or venue; cross-area use; holder profile breakdowns with small
// cells suppressed. Plain data, no wx: the GUI, kaikuctl, the exporters and the server share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"
#include "store/database.hpp"

// Marks an English string for the catalogue without translating it here; callers translate at display time.
#ifndef N_
#define N_(s) s
#endif

namespace kaiku::report {

// Cells with 1..4 holders are shown as "< 5" so that no holder can be re-identified.
inline constexpr std::int64_t kSuppressBelow = 5;

// Cards count by their own area and their issuing site's municipality; uses by their venue's area and
// municipality. Group by issuer: the issuer's cards and the uses of those cards. Group by venue: uses only (the
// card columns stay 0: cards belong to issuers).
enum class GroupBy { year, month, area, municipality, issuer, venue };
const char* group_by_name(GroupBy);                     // "year", "month", "area", ... as on the command line
std::optional<GroupBy> parse_group_by(const std::string&);

// Which rows count. Cards count by registration date, uses by use date; both ends inclusive.
struct Filter {
    std::optional<core::Date> from, to;
    std::vector<std::string> area_ids;  // empty: every area in the database
    std::string site_id;                // non-empty: only this issuer's cards; uses at this venue or of this
                                        // issuer's cards
    core::Language language = core::Language::en;  // for area and municipality names
};

struct Cell {
    std::int64_t value = 0;
    bool suppressed = false;  // value is known to the program but must be shown as "< 5"
};

struct Row {
    std::string key;    // stable: a year "2023", a month "2023-04", an area/site id, a municipality code
    std::string label;  // for people: the year, the month, the area's or site's name
    std::vector<Cell> cells;
    bool label_is_english = false;  // label is an N_ string ("Total", "(unknown)", a code-list value): translate it
};

struct Table {
    std::string title;                 // English, marked with N_; translate at display time
    std::string key_header;            // header of the first (label) column, English, N_
    std::vector<std::string> columns;  // headers of the value columns, English, N_
    std::vector<Row> rows;
    std::optional<Row> total;
    bool any_suppressed() const;
};

// Columns of the national layout, in this order: registered cards, activated cards, uses, then admissions
// (adults, children) for culture, education, science and sports, then municipalities in the network.
// Municipalities (of the filter's areas) count by municipality.joined_year: a year or month row counts those joined
// by that year; other rows count at the end of the period (the year of Filter::to, or this year): the area's
// municipalities, 1 for a joined municipality, 1 when a site's municipality has joined. The total row sums the
// other columns and gives the municipalities at the end of the period. Rows with no key (a card without an
// issuing site) are labelled "(unknown)", so the rows always add up to the total.
Table national(store::Database&, const Filter&, GroupBy);

// Uses of cards whose home area differs from the venue's area: rows "home area -> venue area" (key "HOME>VENUE"),
// columns uses, adults, children. An area filter keeps the rows where either end is one of the areas.
Table cross_area_use(store::Database&, const Filter&);

enum class Profile { age_group, gender, life_situation, children };  // children: buckets 0, 1, 2, 3+
const char* profile_name(Profile);                     // "age-group", "gender", "life-situation", "children"
std::optional<Profile> parse_profile(const std::string&);

// Cards, activated cards and uses per holder profile value, with small cells (and the cells that would give them
// away through the total) suppressed.
Table profile_breakdown(store::Database&, const Filter&, Profile);

// Profile statistics for readers who have no holder profiles (the register's answer to the national service).
// Free periods could be subtracted from each other (1 Jan - 30 Jun minus 1 Jan - 29 Jun is one day) to recover
// cells that either answer hides, so the period is widened to whole calendar quarters, ends with the last quarter
// that has ended by `today` (a quarter in progress could be watched day by day), and a cell is shown only when
// every quarter of the period shows it in its own suppressed table. Every shown value is then a sum of values
// that the quarters' own tables show: no sum or difference of answers reveals more than those tables do.
struct PublishedProfile {
    Table table;
    std::optional<core::Date> from, to;  // the period counted; both empty when no quarter of it has ended
};
PublishedProfile published_profile_breakdown(store::Database&, const Filter&, Profile, core::Date today);

// The first and last day of the calendar quarter of a date.
core::Date quarter_start(core::Date);
core::Date quarter_end(core::Date);

// Marks cells 1..4 (and the total's) suppressed, then per column the next smallest cells until no hidden cell can
// be recovered from the total: at least two hidden cells summing to kSuppressBelow or more.
void suppress(Table&);

}  // namespace kaiku::report
