// GET /v1/statistics/profile: scope per role, and suppressed cells never carry their value.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "net/http.hpp"
#include "report/statistics.hpp"
#include "support/api.hpp"
#include "support/processes.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"
#include "sync/statistics_fetch.hpp"

using namespace kaiku;
using nlohmann::json;

TEST_CASE("the server's profile statistics are suppressed and scoped, and the client reads them") {
    test::TempDir dir;
    test::TestDatabase tdb{dir};
    test::ServerProcess server{dir, tdb.url(), {"--seed", "demo:0.02"}};
    store::Database db{tdb.url(), store::SchemaKind::server};
    net::HttpClient nat(server.url()), coord(server.url()), issuer(server.url());
    test::sign_in(nat, "kaikukeskus");
    const auto me = test::sign_in(coord, "coord-tre");
    test::sign_in(issuer, "issuer-tre");

    int suppressed_seen = 0;
    for (const char* by : {"age-group", "gender", "life-situation", "children"}) {
        for (const char* period : {"", "&from=2016-01-01&to=2016-03-31", "&from=2023-06-01&to=2023-06-30"}) {
            const std::string path = std::string("/v1/statistics/profile?by=") + by + period;
            CAPTURE(path);
            const auto res = nat.get(path);
            REQUIRE(res.status == 200);
            const auto doc = json::parse(res.body);
            // The server's own computation tells which values are hidden: none of them may appear in the answer.
            report::Filter f;
            if (*period) {
                f.from = core::Date::parse(std::string(period).substr(6, 10));
                f.to = core::Date::parse(std::string(period).substr(20, 10));
            }
            const auto expected = report::profile_breakdown(db, f, *report::parse_profile(by));
            REQUIRE(doc["rows"].size() == expected.rows.size());
            for (std::size_t r = 0; r < expected.rows.size(); ++r)
                for (std::size_t c = 0; c < expected.columns.size(); ++c) {
                    const auto& cell = doc["rows"][r]["cells"][c];
                    const auto& want = expected.rows[r].cells[c];
                    CHECK(cell["suppressed"].get<bool>() == want.suppressed);
                    if (want.suppressed) {
                        ++suppressed_seen;
                        CHECK(cell["value"].is_null());
                    } else {
                        CHECK(cell["value"].get<std::int64_t>() == want.value);
                    }
                }
            for (const auto& row : doc["rows"])
                for (const auto& cell : row["cells"])
                    CHECK(cell["suppressed"].get<bool>() == cell["value"].is_null());
        }
    }
    CHECK(suppressed_seen > 0);

    // The client function: same table, suppressed cells without values.
    sync::ProfileQuery q;
    q.by = report::Profile::children;
    q.from = core::Date::from_ymd(2016, 1, 1);
    q.to = core::Date::from_ymd(2016, 3, 31);
    const auto fetched = sync::fetch_profile_statistics(nat, q);
    REQUIRE(fetched.ok());
    REQUIRE(fetched.table);
    CHECK(fetched.table->rows.size() == 4);
    for (const auto& r : fetched.table->rows)
        for (const auto& c : r.cells)
            if (c.suppressed) CHECK(c.value == 0);

    // A coordinator gets their own area; another area or site staff are refused.
    const std::string area = me["user"]["scope_id"].get<std::string>();
    report::Filter mine;
    mine.area_ids = {area};
    const auto own = sync::fetch_profile_statistics(coord, {report::Profile::gender, {}, {}, {}});
    REQUIRE(own.ok());
    const auto expected_own = report::profile_breakdown(db, mine, report::Profile::gender);
    REQUIRE(own.table->total);
    CHECK(own.table->total->cells[0].value == expected_own.total->cells[0].value);
    CHECK(coord.get("/v1/statistics/profile?by=gender&area=someone-else").status == 403);
    const auto refused = sync::fetch_profile_statistics(issuer, {report::Profile::gender, {}, {}, {}});
    CHECK(refused.failure == sync::FailureKind::forbidden);
    CHECK(refused.http_status == 403);
    CHECK(nat.get("/v1/statistics/profile?by=shoe-size").status == 400);
    CHECK(nat.get("/v1/statistics/profile?by=gender&from=2023-02-30").status == 400);
}
