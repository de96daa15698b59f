#include "store/sql_util.hpp"

#include <stdexcept>

namespace kaiku::store {

std::string join_columns(const std::vector<std::string>& columns) {
    std::string out;
    for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c;
    return out;
}

namespace {
std::string insert_head(const std::string& table, const std::vector<std::string>& columns) {
    std::string params;
    for (const auto& c : columns) params += (params.empty() ? ":" : ", :") + c;
    return "INSERT INTO " + table + " (" + join_columns(columns) + ") VALUES (" + params + ")";
}
}  // namespace

std::string upsert_sql(const std::string& table, const std::vector<std::string>& columns, const std::string& key) {
    std::string set;
    for (const auto& c : columns)
        if (c != key) set += (set.empty() ? "" : ", ") + c + " = excluded." + c;
    return insert_head(table, columns) + " ON CONFLICT (" + key + ") DO UPDATE SET " + set;
}

std::string insert_ignore_sql(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& key) {
    return insert_head(table, columns) + " ON CONFLICT (" + key + ") DO NOTHING";
}

RowBuffer& RowBuffer::put(std::string v, soci::indicator ind) {
    if (column_ >= values_.size()) throw std::logic_error("RowBuffer: too many values in a row");
    values_[column_].push_back(std::move(v));
    nulls_[column_].push_back(ind);
    ++column_;
    return *this;
}

void RowBuffer::end_row() {
    if (column_ != values_.size()) throw std::logic_error("RowBuffer: too few values in a row");
    column_ = 0;
}

void RowBuffer::execute(soci::session& sql, const std::string& statement) {
    if (column_ != 0) throw std::logic_error("RowBuffer: unfinished row");
    if (rows() == 0) return;
    soci::statement st(sql);
    for (std::size_t c = 0; c < values_.size(); ++c) st.exchange(soci::use(values_[c], nulls_[c]));
    st.alloc();
    st.prepare(statement);
    st.define_and_bind();
    st.execute(true);
    for (auto& v : values_) v.clear();
    for (auto& n : nulls_) n.clear();
}

std::string RowReader::text(std::size_t i) const {
    if (row_.get_indicator(i) == soci::i_null) return {};
    const auto& p = row_.get_properties(i);
    switch (p.get_data_type()) {
        case soci::dt_string: return row_.get<std::string>(i);
        case soci::dt_integer: return std::to_string(row_.get<int>(i));
        case soci::dt_long_long: return std::to_string(row_.get<long long>(i));
        case soci::dt_unsigned_long_long: return std::to_string(row_.get<unsigned long long>(i));
        case soci::dt_double: return std::to_string(row_.get<double>(i));
        default: return {};
    }
}

long long RowReader::integer(std::size_t i) const {
    if (row_.get_indicator(i) == soci::i_null) return 0;
    switch (row_.get_properties(i).get_data_type()) {
        case soci::dt_integer: return row_.get<int>(i);
        case soci::dt_long_long: return row_.get<long long>(i);
        case soci::dt_unsigned_long_long: return static_cast<long long>(row_.get<unsigned long long>(i));
        case soci::dt_double: return static_cast<long long>(row_.get<double>(i));
        case soci::dt_string: {
            const auto s = row_.get<std::string>(i);
            try {
                return std::stoll(s);
            } catch (const std::exception&) {
                return 0;
            }
        }
        default: return 0;
    }
}

std::optional<int> RowReader::opt_integer(std::size_t i) const {
    if (row_.get_indicator(i) == soci::i_null) return std::nullopt;
    return static_cast<int>(integer(i));
}

std::optional<core::Date> RowReader::date(std::size_t i) const { return core::Date::parse(text(i)); }

}  // namespace kaiku::store
