// Accounts on the real server: sign-in, throttling, expiry, revoked devices, sign-out, deactivation.
#include <doctest/doctest.h>

#include "support/api.hpp"
#include "support/demo_fixture.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"

using namespace kaiku;
using test::ServerProcess;
using test::TempDir;

TEST_CASE("sign-in gives a token, wrong passwords are refused and then throttled") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01"});
    net::HttpClient http(server.url());
    const auto me_before = test::get(http, "/v1/me");
    CHECK(me_before.status == 401);

    const auto ok = test::sign_in(http, "coord-tre");
    CHECK(ok["user"]["login"] == "coord-tre");
    CHECK(ok["user"]["role"] == "coordinator_sote");
    CHECK(ok["token"].get<std::string>().size() >= 40);
    const auto me = test::get(http, "/v1/me");
    CHECK(me.status == 200);
    CHECK(me.body["user"]["login"] == "coord-tre");
    CHECK(me.body["device_id"] == ok["device_id"]);

    // The token is stored hashed only.
    store::Database db(tdb.url(), store::SchemaKind::server);
    long long plain = 0;
    const std::string token = ok["token"];
    db.sql() << "SELECT COUNT(*) FROM auth_token WHERE token_hash = :t", soci::use(token, "t"), soci::into(plain);
    CHECK(plain == 0);

    net::HttpClient other(server.url());
    auto attempt = [&](const std::string& login, const std::string& password) {
        const auto res = other.post_json("/v1/login", test::json({{"login", login}, {"password", password}}).dump());
        return std::make_pair(res.status, test::json::parse(res.body, nullptr, false));
    };
    const auto unknown = attempt("nobody-here", "whatever-password");
    CHECK(unknown.first == 401);
    CHECK(unknown.second["type"] == "/problems/invalid-credentials");
    for (int i = 1; i <= 4; ++i) {
        const auto r = attempt("issuer-tre", "wrong password " + std::to_string(i));
        CAPTURE(i);
        CHECK(r.first == 401);
        CHECK(r.second["type"] == "/problems/invalid-credentials");
    }
    const auto fifth = other.post_json("/v1/login", test::json({{"login", "issuer-tre"}, {"password", "nope"}}).dump());
    CHECK(fifth.status == 429);
    // The lock holds even for the right password, and the answer says how long to wait.
    const auto locked = attempt("issuer-tre", test::kDemoPassword);
    CHECK(locked.first == 429);
    CHECK(locked.second["type"] == "/problems/too-many-attempts");
    // Other accounts are not affected.
    CHECK(attempt("venue-tre", test::kDemoPassword).first == 200);

    const auto bad_body = other.post_json("/v1/login", R"({"login": 42})");
    CHECK(bad_body.status == 422);
    const auto errors = test::json::parse(bad_body.body)["errors"];
    CHECK(errors.size() == 2);  // login has the wrong type, password is missing
}

TEST_CASE("expired tokens, sign-out, revoked devices and deactivated users lose access") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01"});
    store::Database db(tdb.url(), store::SchemaKind::server);
    test::DemoFixture fx{db};

    net::HttpClient coord(server.url());
    test::sign_in(coord, "coord-tre");

    SUBCASE("an expired token is refused with token-expired") {
        net::HttpClient venue(server.url());
        test::sign_in(venue, "venue-tre");
        const std::string uid = fx.user_id("venue-tre");
        db.sql() << "UPDATE auth_token SET expires_at = '2001-01-01T00:00:00Z' WHERE user_id = :u", soci::use(uid, "u");
        const auto r = test::get(venue, "/v1/me");
        CHECK(r.status == 401);
        CHECK(r.body["type"] == "/problems/token-expired");
    }
    SUBCASE("sign-out ends the token") {
        net::HttpClient venue(server.url());
        test::sign_in(venue, "venue-tre");
        CHECK(venue.post_json("/v1/logout", "{}").status == 204);
        CHECK(test::get(venue, "/v1/me").status == 401);
    }
    SUBCASE("a coordinator revokes a device of their area's staff") {
        net::HttpClient issuer(server.url());
        const auto login = test::sign_in(issuer, "issuer-tre");
        const std::string device = login["device_id"];
        const auto revoke = test::command(coord, "device.revoke", {{"device_id", device}});
        CHECK(revoke.status == 200);
        const auto r = test::get(issuer, "/v1/cards");
        CHECK(r.status == 403);
        CHECK(r.body["type"] == "/problems/device-revoked");
        CHECK(!r.body.contains("items"));
        // Signing in again on the revoked device is refused; a new device starts clean.
        net::HttpClient again(server.url());
        const auto res = again.post_json(
            "/v1/login",
            test::json({{"login", "issuer-tre"}, {"password", test::kDemoPassword}, {"device_id", device}}).dump());
        CHECK(res.status == 403);
        net::HttpClient fresh(server.url());
        const auto second = test::sign_in(fresh, "issuer-tre");
        CHECK(second["device_id"] != device);
        CHECK(test::get(fresh, "/v1/me").status == 200);
    }
    SUBCASE("a coordinator of another area cannot revoke the device") {
        net::HttpClient issuer(server.url());
        const auto login = test::sign_in(issuer, "issuer-tre");
        net::HttpClient esp(server.url());
        test::sign_in(esp, "coord-esp");
        const auto revoke = test::command(esp, "device.revoke", {{"device_id", login["device_id"]}});
        CHECK(revoke.status == 403);
        CHECK(test::get(issuer, "/v1/me").status == 200);
    }
    SUBCASE("a deactivated user is signed out everywhere and cannot sign in") {
        net::HttpClient venue(server.url());
        test::sign_in(venue, "venue-tre");
        const auto r = test::command(coord, "user.deactivate", {{"user_id", fx.user_id("venue-tre")}});
        CHECK(r.status == 200);
        CHECK(test::get(venue, "/v1/me").status == 401);
        net::HttpClient again(server.url());
        const auto res = again.post_json(
            "/v1/login", test::json({{"login", "venue-tre"}, {"password", test::kDemoPassword}}).dump());
        CHECK(res.status == 403);
    }
}

TEST_CASE("create-user makes an account that can sign in") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    {
        ServerProcess seeding(dir, tdb.url(), {"--seed", "demo:0.01"});
    }
    const std::string pw = dir.file("pw");
    std::ofstream(pw) << "a-long-enough-password\n";
    const auto made = test::run({KAIKU_SERVER_BIN, "create-user", "--database", tdb.url(), "--login", "anna.tre",
                                 "--role", "coordinator_culture", "--scope", "TRE", "--name", "Anna Coordinator",
                                 "--password-file", pw},
                                dir);
    INFO(made.err);
    CHECK(made.status == 0);
    const auto dup = test::run({KAIKU_SERVER_BIN, "create-user", "--database", tdb.url(), "--login", "anna.tre",
                                "--role", "coordinator_culture", "--scope", "TRE", "--name", "Anna", "--password-file", pw},
                               dir);
    CHECK(dup.status == 1);
    CHECK(dup.err.find("taken") != std::string::npos);
    const auto bad_role = test::run({KAIKU_SERVER_BIN, "create-user", "--database", tdb.url(), "--login", "x.y",
                                     "--role", "king", "--name", "X", "--password-file", pw},
                                    dir);
    CHECK(bad_role.status == 2);
    ServerProcess server(dir, tdb.url());
    net::HttpClient http(server.url());
    const auto r = test::sign_in(http, "anna.tre", "a-long-enough-password");
    CHECK(r["user"]["role"] == "coordinator_culture");
    CHECK(r["area_id"].get<std::string>().size() == 36);
}
