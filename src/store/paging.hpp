// Keyset pagination over an entity table: rows with key > after, ordered by key, at most `limit`.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/mapping.hpp"

namespace kaiku::store {

struct PageFilter {
    std::string column;  // optional equality filter (must be one of Table<T>::columns())
    std::string value;
};

template <class T>
std::vector<T> page(Database& db, const std::string& after, int limit, const PageFilter& filter = {}) {
    std::string sql = select_sql<T>() + " WHERE " + Table<T>::key + " > :after";
    std::string fvalue = filter.value;
    if (!filter.column.empty()) sql += " AND " + filter.column + " = :f";
    sql += std::string(" ORDER BY ") + Table<T>::key + " LIMIT " + std::to_string(limit);
    std::vector<T> out;
    auto collect = [&](soci::rowset<soci::row>& rs) {
        for (const auto& row : rs) out.push_back(Table<T>::read(RowReader(row)));
    };
    if (filter.column.empty()) {
        soci::rowset<soci::row> rs = (db.sql().prepare << sql, soci::use(after, "after"));
        collect(rs);
    } else {
        soci::rowset<soci::row> rs = (db.sql().prepare << sql, soci::use(after, "after"), soci::use(fvalue, "f"));
        collect(rs);
    }
    return out;
}

}  // namespace kaiku::store
