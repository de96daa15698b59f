#include "report/query.hpp"

namespace kaiku::report::detail {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char ch : s) {
        if (ch == '\0') continue;
        out += ch;
        if (ch == '\'') out += '\'';
    }
    return out + "'";
}

std::string in_list(const std::string& column, const std::vector<std::string>& values) {
    if (values.empty()) return {};
    std::string out = column + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + quote(values[i]);
    return out + ")";
}

std::string date_range(const std::string& column, const std::optional<core::Date>& from,
                       const std::optional<core::Date>& to) {
    std::string out;
    if (from) out += " AND " + column + " >= " + quote(from->iso());
    if (to) out += " AND " + column + " <= " + quote(to->iso());
    return out;
}

void for_each_row(store::Database& db, const std::string& sql,
                  const std::function<void(const store::RowReader&)>& each) {
    soci::rowset<soci::row> rs = (db.sql().prepare << sql);
    for (const auto& r : rs) each(store::RowReader(r));
}

}  // namespace kaiku::report::detail
