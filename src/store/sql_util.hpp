// Small helpers over SOCI: column-wise bulk binding for writes, typed reads from rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/date.hpp"
#include "core/enums.hpp"

namespace kaiku::store {

// "INSERT INTO t (a, b) VALUES (:a, :b) ON CONFLICT (key) DO UPDATE SET b = excluded.b" (SQLite >= 3.24, PostgreSQL).
std::string upsert_sql(const std::string& table, const std::vector<std::string>& columns, const std::string& key);
// Append-only rows: a repeated id is ignored, which makes re-sending idempotent.
std::string insert_ignore_sql(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& key);

// Collects rows column by column and executes one statement over all of them (SOCI bulk binding).
// Values travel as text (NULL via indicators); both databases convert them by the column's type.
class RowBuffer {
public:
    explicit RowBuffer(std::size_t columns) : values_(columns), nulls_(columns) {}
    RowBuffer& text(const std::string& v) { return put(v, soci::i_ok); }
    RowBuffer& null() { return put({}, soci::i_null); }
    // Optional references: an empty id is stored as NULL so foreign keys accept it.
    RowBuffer& text_or_null(const std::string& v) { return v.empty() ? null() : text(v); }
    RowBuffer& integer(long long v) { return put(std::to_string(v), soci::i_ok); }
    RowBuffer& date(const std::optional<core::Date>& d) { return d ? put(d->iso(), soci::i_ok) : put({}, soci::i_null); }
    RowBuffer& date(const core::Date& d) { return put(d.iso(), soci::i_ok); }
    RowBuffer& opt_integer(const std::optional<int>& v) { return v ? integer(*v) : put({}, soci::i_null); }
    template <class E>
    RowBuffer& name(E e) { return text(std::string(core::enum_name(e))); }
    void end_row();  // throws std::logic_error when the row has the wrong number of values
    std::size_t rows() const { return values_.empty() ? 0 : values_[0].size(); }
    void execute(soci::session& sql, const std::string& statement);  // runs and clears

private:
    RowBuffer& put(std::string v, soci::indicator ind);
    std::vector<std::vector<std::string>> values_;
    std::vector<std::vector<soci::indicator>> nulls_;
    std::size_t column_ = 0;
};

// Typed access to a result row, independent of how each backend reports integer widths.
class RowReader {
public:
    explicit RowReader(const soci::row& r) : row_(r) {}
    std::string text(std::size_t i) const;  // NULL -> ""
    long long integer(std::size_t i) const;  // NULL -> 0
    std::optional<int> opt_integer(std::size_t i) const;
    std::optional<core::Date> date(std::size_t i) const;  // NULL or unparsable -> nullopt
    template <class E>
    E name(std::size_t i, E fallback) const {
        return core::enum_parse<E>(text(i)).value_or(fallback);
    }

private:
    const soci::row& row_;
};

std::string join_columns(const std::vector<std::string>& columns);

}  // namespace kaiku::store
