// The real kaiku-server on loopback, fetched through the real client code and the real kaikuctl binary.
#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include "support/api.hpp"
#include "support/processes.hpp"
#include "support/test_database.hpp"
#include "net/dto.hpp"
#include "net/http.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/repositories.hpp"
#include "sync/network_refresh.hpp"
#include "sync/session.hpp"

using namespace kaiku;
using test::ServerProcess;
using test::TempDir;

namespace {
std::set<std::string> ids_in(store::Database& db, const std::string& table) {
    std::set<std::string> ids;
    soci::rowset<std::string> rs = (db.sql().prepare << "SELECT id FROM " + table);
    for (const auto& id : rs) ids.insert(id);
    return ids;
}
}  // namespace

TEST_CASE("the client fetches the demo network from the real server into its cache") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    const std::string server_db = tdb.url();
    ServerProcess server(dir, server_db, {"--seed", "demo:0.05"});

    store::Database cache(dir.file("cache.sqlite"));
    net::HttpClient http(server.url());
    // Without signing in, the register answers nothing.
    const auto anonymous = sync::refresh_network(cache, http);
    CHECK(anonymous.failure == sync::FailureKind::unauthorized);
    CHECK(store::AreaRepository{cache}.list().empty());

    const auto signed_in = sync::sign_in(cache, http, "coord-tre", test::kDemoPassword, "integration test");
    REQUIRE(signed_in.ok());
    CHECK(signed_in.role == "coordinator_sote");
    std::vector<std::string> phases;
    const auto r = sync::refresh_network(cache, http, [&](const sync::Progress& p) { phases.push_back(p.phase); });
    INFO(sync::describe(r));
    REQUIRE(r.ok());
    CHECK(r.areas == 17);
    CHECK(phases.front() == "areas");
    CHECK(phases.back() == "venue_profiles");

    store::Database origin(server_db, store::SchemaKind::server);
    CHECK(ids_in(cache, "area") == ids_in(origin, "area"));
    CHECK(ids_in(cache, "organisation") == ids_in(origin, "organisation"));
    CHECK(ids_in(cache, "site") == ids_in(origin, "site"));
    CHECK(r.sites == ids_in(origin, "site").size());

    // The cache answers the GUI's questions: Tampere with its municipality and its issuers and venues.
    const auto areas = store::AreaRepository{cache}.list();
    const auto tampere = std::find_if(areas.begin(), areas.end(), [](const auto& a) { return a.name_fi == "Tampere"; });
    REQUIRE(tampere != areas.end());
    REQUIRE(tampere->municipalities.size() == 1);
    CHECK(tampere->municipalities[0].code == "837");
    CHECK(tampere->name_sv == "Tammerfors");
    const auto sites = store::SiteRepository{cache}.list_for_area(tampere->id);
    CHECK(std::any_of(sites.begin(), sites.end(), [](const auto& s) { return s.role == core::SiteRole::issuer; }));
    CHECK(std::any_of(sites.begin(), sites.end(), [](const auto& s) { return s.role == core::SiteRole::venue; }));
    const auto original = store::SiteRepository{origin}.get(sites.front().id);
    REQUIRE(original);
    CHECK(original->name == sites.front().name);
    CHECK(original->contact.email == sites.front().contact.email);

    // No holder data reaches a client that asked for the network.
    CHECK(store::CardRepository{cache}.count() == 0);

    // A second refresh is idempotent, and works from the saved session alone.
    net::HttpClient fresh(server.url());
    const auto again = sync::refresh_signed_in(cache, fresh, {"coord-tre", "", "test"});
    REQUIRE(again.ok());
    CHECK(ids_in(cache, "site").size() == r.sites);
    CHECK(server.stop() == 0);  // graceful shutdown exits cleanly
}

TEST_CASE("keyset pagination walks every site exactly once") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.05"});
    net::HttpClient http(server.url());
    test::sign_in(http, "kaikukeskus");
    std::vector<std::string> seen;
    std::string after;
    int pages = 0;
    do {
        const auto res = http.get("/v1/sites?limit=7" + (after.empty() ? "" : "&after=" + after));
        REQUIRE(res.status == 200);
        const auto doc = net::json::parse(res.body);
        REQUIRE(doc["items"].size() <= 7);
        for (const auto& item : doc["items"]) seen.push_back(item["id"].get<std::string>());
        after = doc["next"].is_string() ? doc["next"].get<std::string>() : "";
        ++pages;
    } while (!after.empty() && pages < 1000);
    store::Database origin(tdb.url(), store::SchemaKind::server);
    const auto all = ids_in(origin, "site");
    CHECK(seen.size() == all.size());
    CHECK(std::set<std::string>(seen.begin(), seen.end()) == all);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(pages >= 2);
}

TEST_CASE("bad queries and unknown paths get problem documents naming the problem") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.01"});
    net::HttpClient http(server.url());
    const auto anonymous = test::get(http, "/v1/sites");
    CHECK(anonymous.status == 401);
    CHECK(anonymous.body["type"] == "/problems/unauthenticated");
    test::sign_in(http, "kaikukeskus");
    for (const std::string bad : {"0", "1001", "abc", "-5", "99999999999"}) {
        const auto res = http.get("/v1/sites?limit=" + bad);
        CAPTURE(bad);
        CHECK(res.status == 400);
        CHECK(res.content_type.find("application/problem+json") == 0);
        const auto doc = net::json::parse(res.body);
        CHECK(doc["status"] == 400);
        CHECK(doc["errors"][0]["field"] == "limit");
    }
    const auto missing = http.get("/v1/no-such-thing");
    CHECK(missing.status == 404);
    CHECK(net::json::parse(missing.body)["type"] == "/problems/not-found");
    const auto health = http.get("/healthz");
    CHECK(health.status == 200);
    CHECK(net::json::parse(health.body)["status"] == "ok");
}

TEST_CASE("a stop signal that comes right after start-up stops the server") {
    // SIGTERM as soon as the port file is written, before the server listens: it used to be ignored, and the
    // server then ran until the test's timeout.
    TempDir dir;
    const std::string db = "sqlite:" + dir.file("server.sqlite");
    for (int i = 0; i < 10; ++i) {
        CAPTURE(i);
        ServerProcess server(dir, db);
        const auto t0 = std::chrono::steady_clock::now();
        CHECK(server.stop() == 0);
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    }
}

TEST_CASE("a server that is down or a bad address gives a clear failure without hanging") {
    TempDir dir;
    int port = 0;
    {
        ServerProcess server(dir, "sqlite:" + dir.file("server.sqlite"));
        port = server.port();
    }  // stopped: nothing listens on the port any more
    store::Database cache(dir.file("cache.sqlite"));
    const auto t0 = std::chrono::steady_clock::now();
    const auto down = sync::refresh_network(cache, net::HttpClient("http://127.0.0.1:" + std::to_string(port)));
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
    CHECK(down.failure == sync::FailureKind::server_unreachable);
    CHECK(sync::describe(down).find("Could not reach the server") != std::string::npos);
    CHECK(down.detail.find("127.0.0.1") != std::string::npos);

    for (const std::string bad : {"ftp://example.invalid", "not a url", ""}) {
        CAPTURE(bad);
        const auto r = sync::refresh_network(cache, net::HttpClient(bad));
        CHECK(r.failure == sync::FailureKind::bad_url);
    }
    std::atomic<bool> cancel{true};
    const auto cancelled =
        sync::refresh_network(cache, net::HttpClient("http://127.0.0.1:" + std::to_string(port)), {}, &cancel);
    CHECK(cancelled.failure == sync::FailureKind::cancelled);
}

TEST_CASE("kaikuctl fetches and lists through the real server, bad flags exit 2") {
    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.05"});
    const std::string cache = dir.file("ctl-cache.sqlite");
    const std::string password_file = dir.file("password");
    std::ofstream(password_file) << test::kDemoPassword << "\n";
    const auto no_user = test::run({KAIKUCTL_BIN, "--server", server.url(), "--cache", cache, "fetch"}, dir);
    CHECK(no_user.status == 1);
    CHECK(no_user.err.find("Sign in again") != std::string::npos);
    const auto fetch = test::run({KAIKUCTL_BIN, "--server", server.url(), "--cache", cache, "--user", "coord-tre",
                                  "--password-file", password_file, "fetch"},
                                 dir);
    INFO(fetch.err);
    CHECK(fetch.status == 0);
    CHECK(fetch.out.find("17 areas") != std::string::npos);

    const auto areas = test::run({KAIKUCTL_BIN, "--cache", cache, "list", "areas"}, dir);
    CHECK(areas.status == 0);
    CHECK(areas.out.find("TRE\tTampere\tTammerfors") != std::string::npos);
    CHECK(areas.out.find("KAI\tKainuu") != std::string::npos);

    const auto sites = test::run({KAIKUCTL_BIN, "--cache", cache, "list", "sites", "--area", "TRE"}, dir);
    CHECK(sites.status == 0);
    CHECK(sites.out.find("TRE\tissuer") != std::string::npos);
    CHECK(sites.out.find("TRE\tvenue") != std::string::npos);
    CHECK(sites.out.find("ESP\t") == std::string::npos);

    const auto down = test::run(
        {KAIKUCTL_BIN, "--server", "http://127.0.0.1:1", "--cache", cache, "--user", "coord-tre", "fetch"}, dir);
    CHECK(down.status == 1);
    CHECK(down.err.find("Could not reach the server") != std::string::npos);

    const auto bad = test::run({KAIKUCTL_BIN, "--frobnicate"}, dir);
    CHECK(bad.status == 2);
    CHECK(bad.err.find("unknown option '--frobnicate'") != std::string::npos);
    const auto bad_area = test::run({KAIKUCTL_BIN, "--cache", cache, "list", "sites", "--area", "XYZ"}, dir);
    CHECK(bad_area.status == 2);
    CHECK(bad_area.err.find("no area 'XYZ'") != std::string::npos);
    const auto help = test::run({KAIKUCTL_BIN, "--help"}, dir);
    CHECK(help.status == 0);
    CHECK(help.out.find("--server URL") != std::string::npos);
}

TEST_CASE("kaiku-server describes its options and rejects bad flags with exit status 2") {
    TempDir dir;
    const auto help = test::run({KAIKU_SERVER_BIN, "--help"}, dir);
    CHECK(help.status == 0);
    for (const char* opt : {"--database URL", "--listen HOST:PORT", "--threads N", "migrate", "seed SPEC"})
        CHECK(help.out.find(opt) != std::string::npos);
    const struct {
        std::vector<std::string> args;
        const char* message;
    } cases[] = {
        {{"--bogus"}, "unknown option '--bogus'"},
        {{"--listen", "localhost"}, "must be HOST:PORT"},
        {{"--listen", "127.0.0.1:70000"}, "from 0 to 65535"},
        {{"--threads", "0"}, "--threads"},
        {{"--database", "mysql://x"}, "must start with sqlite: or postgresql://"},
        {{"seed", "lots"}, "must be demo, demo:SCALE or scale:SCALE"},
        {{"frobnicate"}, "unknown command 'frobnicate'"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> argv = {KAIKU_SERVER_BIN};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        const auto r = test::run(argv, dir);
        CAPTURE(c.args.front());
        CHECK(r.status == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    test::TestDatabase tdb(dir, "migrate");
    const auto migrate = test::run({KAIKU_SERVER_BIN, "migrate", "--database", tdb.url()}, dir);
    CHECK(migrate.status == 0);
    CHECK(migrate.err.find("schema at version " + std::to_string(store::latest_schema_version())) != std::string::npos);
}

TEST_CASE("the server speaks TLS when given a certificate and key") {
    TempDir dir;
    const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
    const auto made = test::run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                                 cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
                                dir);
    REQUIRE(made.status == 0);
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--tls-cert", cert, "--tls-key", key});
    const std::string url = "https://127.0.0.1:" + std::to_string(server.port());
    net::HttpOptions trusted;
    trusted.ca_file = cert;
    const auto ok = net::HttpClient(url, trusted).get("/healthz");
    INFO(ok.error);
    CHECK(ok.status == 200);
    // A client that does not trust the certificate refuses the connection.
    const auto untrusted = net::HttpClient(url).get("/healthz");
    CHECK(untrusted.failure == net::HttpResponse::Failure::certificate);
    store::Database cache(dir.file("cache.sqlite"));
    const auto refused = sync::refresh_network(cache, net::HttpClient(url));
    CHECK(refused.failure == sync::FailureKind::certificate);
    CHECK(sync::describe(refused).find("certificate is not trusted") != std::string::npos);
    // A trusted certificate for another name is refused as well: the name is always checked.
    const auto other_name =
        net::HttpClient("https://localhost:" + std::to_string(server.port()), trusted).get("/healthz");
    CHECK(other_name.failure == net::HttpResponse::Failure::certificate);
    // A certificate without its key is refused at start-up with a clear message.
    const auto bad = test::run({KAIKU_SERVER_BIN, "--tls-cert", cert, "--tls-key", cert, "--database", tdb.url(),
                                "--listen", "127.0.0.1:0"},
                               dir);
    CHECK(bad.status == 1);
    CHECK(bad.err.find("Cannot use the TLS certificate") != std::string::npos);
}

TEST_CASE("plain http is refused for other computers, and an answer larger than the cap fails cleanly") {
    using net::ServerUrlCheck;
    CHECK(net::check_server_url("https://kaikukanta.example.fi") == ServerUrlCheck::ok);
    CHECK(net::check_server_url("http://127.0.0.1:8080/") == ServerUrlCheck::ok);
    CHECK(net::check_server_url("http://127.3.4.5") == ServerUrlCheck::ok);
    CHECK(net::check_server_url("http://LOCALHOST:1") == ServerUrlCheck::ok);
    CHECK(net::check_server_url("http://[::1]:8080") == ServerUrlCheck::ok);
    for (const std::string remote : {"http://kaikukanta.example.fi", "http://10.1.2.3:8080", "http://127.0.0.1.example.fi",
                                     "http://localhost@kaikukanta.example.fi/", "http://[2001:db8::1]:80", "http://127.1"}) {
        CAPTURE(remote);
        CHECK(net::check_server_url(remote) == ServerUrlCheck::insecure_remote);
        const auto r = net::HttpClient(remote).get("/healthz");
        CHECK(r.failure == net::HttpResponse::Failure::insecure_url);
        CHECK(r.error.find("https://") != std::string::npos);
    }
    CHECK(net::check_server_url("https://") == ServerUrlCheck::no_host);
    CHECK(net::check_server_url("ftp://x") == ServerUrlCheck::bad_scheme);
    CHECK(net::url_host("https://user@Example.FI:8443/v1?x") == "example.fi");

    TempDir dir;
    test::TestDatabase tdb(dir);
    ServerProcess server(dir, tdb.url(), {"--seed", "demo:0.02"});
    store::Database cache(dir.file("cache.sqlite"));
    const auto insecure = sync::refresh_network(cache, net::HttpClient("http://kaikukanta.example.fi"));
    CHECK(insecure.failure == sync::FailureKind::insecure_url);
    const std::string password_file = dir.file("password");
    std::ofstream(password_file) << test::kDemoPassword << "\n";
    const auto ctl = test::run({KAIKUCTL_BIN, "--server", "http://kaikukanta.example.fi", "--cache",
                                dir.file("ctl.sqlite"), "--user", "coord-tre", "--password-file", password_file, "fetch"},
                               dir);
    CHECK(ctl.status == 1);
    CHECK(ctl.err.find("must start with https://") != std::string::npos);

    // An answer over the cap (after decompression) is cut off as too large, and the cache is left as it was.
    net::HttpClient normal(server.url());
    const std::string token = test::sign_in(normal, "coord-tre")["token"];
    net::HttpOptions capped;
    capped.max_response_bytes = 2048;
    net::HttpClient small(server.url(), capped);
    small.set_bearer_token(token);
    const auto big = small.get("/v1/sites?limit=500");
    CHECK(big.failure == net::HttpResponse::Failure::too_large);
    CHECK(big.body.empty());
    CHECK(big.error.find("larger than") != std::string::npos);
    const auto fetched = sync::refresh_network(cache, small);
    CHECK(fetched.failure == sync::FailureKind::bad_response);
    CHECK(normal.get("/v1/sites?limit=500").status == 200);
}
