// Internal helpers of the report library: SQL literals for filters, and reading grouped counts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/database.hpp"
#include "store/sql_util.hpp"

namespace kaiku::report::detail {

// A SQL string literal. Ids come from the register or the command line; doubling quotes is safe on SQLite and on
// PostgreSQL (standard_conforming_strings is on since 9.1).
std::string quote(const std::string&);

// "col IN ('a', 'b')" or "" for an empty list.
std::string in_list(const std::string& column, const std::vector<std::string>& values);

// " AND col >= 'from' AND col <= 'to'" for the ends that are set.
std::string date_range(const std::string& column, const std::optional<core::Date>& from,
                       const std::optional<core::Date>& to);

// Runs a query and calls `each` once per result row.
void for_each_row(store::Database&, const std::string& sql, const std::function<void(const store::RowReader&)>& each);

}  // namespace kaiku::report::detail
