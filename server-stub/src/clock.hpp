// Wall-clock helpers for the server (UTC, ISO 8601 with seconds: comparable as text).
#pragma once

#include "core/timestamp.hpp"

namespace kaiku::server {

using core::iso_utc;
using core::now_iso;

}  // namespace kaiku::server
