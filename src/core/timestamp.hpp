// UTC timestamps as ISO 8601 text with seconds ("2026-11-22T10:00:00Z"): comparable as strings.
#pragma once

#include <chrono>
#include <string>

namespace kaiku::core {

std::string iso_utc(std::chrono::system_clock::time_point t);
inline std::string now_iso() { return iso_utc(std::chrono::system_clock::now()); }

}  // namespace kaiku::core
