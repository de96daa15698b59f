#include "report/national_table.hpp"

#include <map>
#include <string>

#include "store/sql_util.hpp"

namespace kaiku::report {

std::vector<YearRow> national_table(store::Database& db) {
    std::map<int, YearRow> rows;
    auto row = [&](int y) -> YearRow& {
        auto [it, fresh] = rows.try_emplace(y, YearRow{y, 0, 0, 0, 0});
        return it->second;
    };
    auto count_by_year = [&](const std::string& sql, int YearRow::*field) {
        soci::rowset<soci::row> rs = (db.sql().prepare << sql);
        for (const auto& r : rs) {
            store::RowReader rr(r);
            const auto year = rr.integer(0);
            if (year > 0) row(static_cast<int>(year)).*field = static_cast<int>(rr.integer(1));
        }
    };
    // Dates are ISO text on both databases: the year is the first four characters.
    count_by_year("SELECT CAST(SUBSTR(registered_on, 1, 4) AS INTEGER) AS y, COUNT(*) FROM card "
                  "WHERE registered_on IS NOT NULL GROUP BY y",
                  &YearRow::registered);
    count_by_year("SELECT CAST(SUBSTR(activated_on, 1, 4) AS INTEGER) AS y, COUNT(*) FROM card "
                  "WHERE activated_on IS NOT NULL GROUP BY y",
                  &YearRow::activated);
    count_by_year("SELECT CAST(SUBSTR(used_on, 1, 4) AS INTEGER) AS y, COUNT(*) FROM usage WHERE voided = 0 GROUP BY y",
                  &YearRow::uses);
    std::map<int, int> joined;
    {
        soci::rowset<soci::row> rs = (db.sql().prepare << "SELECT joined_year, COUNT(*) FROM municipality GROUP BY joined_year");
        for (const auto& r : rs) {
            store::RowReader rr(r);
            joined[static_cast<int>(rr.integer(0))] = static_cast<int>(rr.integer(1));
        }
    }
    std::vector<YearRow> out;
    for (auto& [year, r] : rows) {
        for (const auto& [jy, n] : joined)
            if (jy <= year) r.municipalities += n;
        out.push_back(r);
    }
    return out;
}

}  // namespace kaiku::report
