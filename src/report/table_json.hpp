// Statistics tables as JSON (the server's /v1/statistics answers). A suppressed cell travels as
// {"value": null, "suppressed": true}: its value never leaves the server.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "report/statistics.hpp"

namespace kaiku::report {

nlohmann::json to_json(const Table&);
// nullopt (and `error` set) when the document is not a table.
std::optional<Table> table_from_json(const nlohmann::json&, std::string* error = nullptr);

}  // namespace kaiku::report
