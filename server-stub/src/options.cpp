#include "options.hpp"

#include <charconv>

namespace kaiku::server {

std::string usage() {
    return R"(Usage: kaiku-server [COMMAND] [OPTIONS]

The Kaikukanta register server: REST API v1 for Kaiku Admin clients.

Commands:
  serve              Run the server (default).
  migrate            Create or upgrade the database schema, then exit.
  seed SPEC          Fill an empty database with the demo network, then exit.
                     SPEC is demo (the x1 national register), demo:SCALE or scale:SCALE
                     (SCALE from 0.001 to 100; scale:10 is ten times the register).
                     Every demo user (kaikukeskus, coord-tre, issuer-tre, venue-tre, ... one set per
                     area prefix) signs in with the password kaikukortti-demo.
  compact            Drop change-log entries older than --keep-days (default 365); clients whose sync
                     position is older then resynchronise in full (they lose nothing), then exit.
  rotate-epoch       After restoring the database from a backup: start a new sync epoch, so every
                     client re-registers and sends again what the backup lost, then exit.
  create-user        Create an account, then exit. Needs --login, --role, --name, and --scope
                     (an area prefix such as TRE for coordinators, a site id for site staff, nothing
                     for national_service); the password is read from --password-file or standard input.

Options:
  --database URL     sqlite:PATH (default sqlite:kaiku-server.sqlite) or postgresql://USER@HOST:PORT/DB
  --listen HOST:PORT Address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  --port-file PATH   Write the port actually listened on to PATH once the server accepts connections
  --threads N        Database sessions answering requests (1 to 256, default 8)
  --max-connections N
                     Connections served at once (8 to 4096, default 256); more wait to be accepted
  --max-connections-per-address N
                     Connections from one address (1 to 4096, default 64); more are answered 503
  --sign-in-failures-per-address N
                     Failed sign-ins one address may make in 15 minutes (1 to 100000, default 30);
                     then it waits, whatever login it tries
  --sign-in-rate N   Sign-ins per second from everyone together (1 to 10000, default 20; bursts of 5 s)
  --hashing-slots N  Password hashes computed at once, 64 MiB each (1 to 64, default 4)
  --min-client-schema N
                     Oldest client cache schema served changes (default 1); older clients may still send
                     their pending changes, then are asked to update
  --tls-cert PATH    Serve HTTPS with this PEM certificate (chain); needs --tls-key
  --tls-key PATH     The certificate's PEM private key
  --seed SPEC        With serve: seed the demo network first if the database has no areas
  --seed-value N     Random seed of the demo network (default 1; the same value gives the same network)
  --login L, --role R, --scope S, --name N, --language fi|sv|en, --password-file PATH
                     Fields of create-user. Roles: issuer_staff, venue_staff, coordinator_culture,
                     coordinator_sote, national_service.
  --help             Show this help and exit
  --version          Show the version and exit

Exit status: 0 on success, 1 on a runtime failure, 2 on a usage error.
)";
}

std::optional<double> parse_seed_scale(const std::string& spec) {
    if (spec == "demo") return 1.0;
    std::string num;
    if (spec.rfind("demo:", 0) == 0)
        num = spec.substr(5);
    else if (spec.rfind("scale:", 0) == 0)
        num = spec.substr(6);
    else
        return std::nullopt;
    try {
        std::size_t used = 0;
        const double v = std::stod(num, &used);
        if (used != num.size() || !(v >= 0.001 && v <= 100)) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

namespace {
bool parse_int(const std::string& s, int lo, int hi, int& out) {
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v < lo || v > hi) return false;
    out = v;
    return true;
}
}  // namespace

ParseResult parse_options(const std::vector<std::string>& args) {
    Options o;
    ParseResult r;
    auto fail = [&](std::string msg) {
        r.error = std::move(msg);
        return r;
    };
    std::size_t i = 0;
    if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
        const std::string& c = args[0];
        if (c == "serve")
            o.command = Options::Command::serve;
        else if (c == "migrate")
            o.command = Options::Command::migrate;
        else if (c == "compact")
            o.command = Options::Command::compact;
        else if (c == "rotate-epoch")
            o.command = Options::Command::rotate_epoch;
        else if (c == "create-user")
            o.command = Options::Command::create_user;
        else if (c == "seed") {
            o.command = Options::Command::seed;
            if (args.size() < 2 || args[1].rfind("--", 0) == 0) return fail("seed: missing SPEC (demo, demo:SCALE or scale:SCALE)");
            o.seed = args[1];
            ++i;
        } else
            return fail("unknown command '" + c + "' (expected serve, migrate, seed, create-user, compact or rotate-epoch)");
        ++i;
    }
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string value;
        std::string flag = a;
        const auto eq = a.find('=');
        const bool has_inline = a.rfind("--", 0) == 0 && eq != std::string::npos;
        if (has_inline) {
            flag = a.substr(0, eq);
            value = a.substr(eq + 1);
        }
        auto need_value = [&]() -> bool {
            if (has_inline) return true;
            if (i + 1 >= args.size()) return false;
            value = args[++i];
            return true;
        };
        if (flag == "--help" || flag == "-h") {
            o.command = Options::Command::help;
        } else if (flag == "--version") {
            o.command = Options::Command::version;
        } else if (flag == "--database") {
            if (!need_value() || value.empty()) return fail("--database: missing URL");
            if (value.rfind("sqlite:", 0) != 0 && value.rfind("postgresql://", 0) != 0 &&
                value.rfind("postgres://", 0) != 0)
                return fail("--database: '" + value + "' must start with sqlite: or postgresql://");
            o.database = value;
        } else if (flag == "--listen") {
            if (!need_value()) return fail("--listen: missing HOST:PORT");
            const auto colon = value.rfind(':');
            if (colon == std::string::npos || colon == 0)
                return fail("--listen: '" + value + "' must be HOST:PORT, for example 127.0.0.1:8080");
            o.host = value.substr(0, colon);
            if (!parse_int(value.substr(colon + 1), 0, 65535, o.port))
                return fail("--listen: port '" + value.substr(colon + 1) + "' must be a number from 0 to 65535");
        } else if (flag == "--keep-days") {
            if (o.command != Options::Command::compact) return fail("--keep-days: only with compact");
            if (!need_value() || !parse_int(value, 0, 36500, o.keep_days))
                return fail("--keep-days: must be a number of days from 0 to 36500");
        } else if (flag == "--tls-cert" || flag == "--tls-key") {
            if (!need_value() || value.empty()) return fail(flag + ": missing PATH");
            (flag == "--tls-cert" ? o.tls_cert : o.tls_key) = value;
        } else if (flag == "--port-file") {
            if (!need_value() || value.empty()) return fail("--port-file: missing PATH");
            o.port_file = value;
        } else if (flag == "--threads") {
            if (!need_value() || !parse_int(value, 1, 256, o.threads))
                return fail("--threads: must be a number from 1 to 256");
        } else if (flag == "--max-connections") {
            if (!need_value() || !parse_int(value, 8, 4096, o.max_connections))
                return fail("--max-connections: must be a number from 8 to 4096");
        } else if (flag == "--max-connections-per-address") {
            if (!need_value() || !parse_int(value, 1, 4096, o.max_per_address))
                return fail("--max-connections-per-address: must be a number from 1 to 4096");
        } else if (flag == "--sign-in-failures-per-address") {
            if (!need_value() || !parse_int(value, 1, 100000, o.sign_in_failures_per_address))
                return fail("--sign-in-failures-per-address: must be a number from 1 to 100000");
        } else if (flag == "--sign-in-rate") {
            if (!need_value() || !parse_int(value, 1, 10000, o.sign_in_rate))
                return fail("--sign-in-rate: must be a number from 1 to 10000");
        } else if (flag == "--min-client-schema") {
            if (!need_value() || !parse_int(value, 1, 100000, o.min_client_schema))
                return fail("--min-client-schema: must be a number from 1 to 100000");
        } else if (flag == "--hashing-slots") {
            if (!need_value() || !parse_int(value, 1, 64, o.hashing_slots))
                return fail("--hashing-slots: must be a number from 1 to 64");
        } else if (flag == "--seed") {
            if (!need_value()) return fail("--seed: missing SPEC");
            o.seed = value;
        } else if (flag == "--seed-value") {
            int v = 0;
            if (!need_value() || !parse_int(value, 0, 2147483647, v))
                return fail("--seed-value: must be a whole number from 0 to 2147483647");
            o.seed_value = static_cast<unsigned long long>(v);
        } else if (flag == "--login" || flag == "--role" || flag == "--scope" || flag == "--name" ||
                   flag == "--language" || flag == "--password-file") {
            if (o.command != Options::Command::create_user) return fail(flag + ": only with create-user");
            if (!need_value() || value.empty()) return fail(flag + ": missing value");
            (flag == "--login"      ? o.login
             : flag == "--role"     ? o.role
             : flag == "--scope"    ? o.scope
             : flag == "--name"     ? o.display_name
             : flag == "--language" ? o.language
                                    : o.password_file) = value;
        } else {
            return fail("unknown option '" + a + "'");
        }
    }
    if (o.tls_cert.empty() != o.tls_key.empty()) return fail("--tls-cert and --tls-key go together");
    if (o.command == Options::Command::create_user) {
        if (o.login.empty()) return fail("create-user: --login is required");
        if (o.role.empty()) return fail("create-user: --role is required");
        if (o.display_name.empty()) return fail("create-user: --name is required");
    }
    if (!o.seed.empty() && !parse_seed_scale(o.seed))
        return fail("seed: '" + o.seed + "' must be demo, demo:SCALE or scale:SCALE with SCALE from 0.001 to 100");
    r.options = o;
    return r;
}

}  // namespace kaiku::server
