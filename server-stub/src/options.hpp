// Command line of kaiku-server.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kaiku::server {

struct Options {
    enum class Command { serve, migrate, seed, create_user, rotate_epoch, compact, help, version } command = Command::serve;
    std::string database = "sqlite:kaiku-server.sqlite";
    std::string host = "127.0.0.1";
    int port = 8080;  // 0 = any free port
    std::string port_file;
    std::string tls_cert, tls_key;  // PEM files; both given = HTTPS
    int threads = 8;              // database sessions answering requests
    int max_connections = 256;    // connections served at once
    int max_per_address = 64;     // of them from one peer address
    int sign_in_failures_per_address = 30;  // in 15 minutes
    int sign_in_rate = 20;                  // sign-ins per second overall
    int hashing_slots = 4;                  // concurrent Argon2 hashes
    int min_client_schema = 1;              // caches older than this may push but not pull
    std::string seed;  // "demo", "demo:SCALE" or "scale:SCALE"; with serve: only into an empty database
    unsigned long long seed_value = 1;
    int keep_days = 365;  // compact: change-log entries younger than this stay
    // create-user
    std::string login, role, scope, display_name, language = "fi", password_file;
};

struct ParseResult {
    std::optional<Options> options;
    std::string error;  // names the flag and the problem
};

ParseResult parse_options(const std::vector<std::string>& args);
std::string usage();

// The password every demo user gets when a database is seeded with the demo network.
inline constexpr const char* kDemoPassword = "kaikukortti-demo";

// "demo" -> 1.0, "demo:0.05" / "scale:10" -> the number; nullopt when malformed or out of 0.001..100.
std::optional<double> parse_seed_scale(const std::string& spec);

}  // namespace kaiku::server
