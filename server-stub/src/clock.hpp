// Wall-clock helpers for the server (UTC, ISO 8601 with seconds: comparable as text).
#pragma once

#include <chrono>
#include <string>

namespace kaiku::server {

std::string iso_utc(std::chrono::system_clock::time_point t);
inline std::string now_iso() { return iso_utc(std::chrono::system_clock::now()); }

}  // namespace kaiku::server
