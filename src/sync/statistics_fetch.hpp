// Statistics the server computes: holder profile breakdowns (national service clients have no holder profiles).
#pragma once

#include <optional>
#include <string>

#include "core/date.hpp"
#include "net/http.hpp"
#include "report/statistics.hpp"
#include "sync/network_refresh.hpp"

namespace kaiku::sync {

struct ProfileQuery {
    report::Profile by = report::Profile::age_group;
    std::optional<core::Date> from, to;
    std::string area_id;  // empty: the caller's scope (national: all areas; coordinator: own area)
};

struct StatisticsResult {
    FailureKind failure = FailureKind::none;
    std::string detail;  // English technical detail (path, status, problem title)
    long http_status = 0;
    std::optional<report::Table> table;  // suppressed cells carry value 0 and suppressed = true
    std::optional<core::Date> from, to;   // the period the register counted (whole quarters); empty: none ended
    bool ok() const { return failure == FailureKind::none; }
};

// GET /v1/statistics/profile with the signed-in client. Blocking: call from a worker thread.
StatisticsResult fetch_profile_statistics(const net::HttpClient&, const ProfileQuery&);

}  // namespace kaiku::sync
