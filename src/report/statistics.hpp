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

enum class GroupBy { year, month, area, municipality, issuer, venue };

// Which rows count. Cards count by registration date, uses by use date; both ends inclusive.
struct Filter {
    std::optional<core::Date> from, to;
    std::vector<std::string> area_ids;  // empty: every area in the database
    std::string site_id;                // non-empty: only this issuer's cards / this venue's uses
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
Table national(store::Database&, const Filter&, GroupBy);

// Uses of cards whose home area differs from the venue's area: rows "home area -> venue area".
Table cross_area_use(store::Database&, const Filter&);

enum class Profile { age_group, gender, life_situation, children };

// Cards, activated cards and uses per holder profile value, with small cells (and the cells that would give them
// away through the total) suppressed.
Table profile_breakdown(store::Database&, const Filter&, Profile);

}  // namespace kaiku::report
