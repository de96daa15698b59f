// kaiku-server: command line entry point.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "options.hpp"
#include "server.hpp"
#include "store/database.hpp"
#include "store/demo_writer.hpp"
#include "store/repositories.hpp"

using namespace kaiku;

namespace {

int count_areas(store::Database& db) {
    int n = 0;
    db.sql() << "SELECT COUNT(*) FROM area", soci::into(n);
    return n;
}

int seed(store::Database& db, const server::Options& o, bool only_if_empty) {
    if (count_areas(db) > 0) {
        if (only_if_empty) return 0;
        std::cerr << "kaiku-server: seed: the database already holds areas; seed only an empty database\n";
        return 1;
    }
    const double scale = *server::parse_seed_scale(o.seed);
    const auto t0 = std::chrono::steady_clock::now();
    const auto s = store::write_demo_network(db, {o.seed_value, scale});
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "kaiku-server: seeded demo network x%g: %lld areas, %lld sites, %lld cards, %lld uses, %lld users in "
                 "%.2f s\n",
                 scale, s.areas, s.sites, s.cards, s.uses, s.users, secs);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto parsed = server::parse_options(args);
    if (!parsed.options) {
        std::cerr << "kaiku-server: " << parsed.error << "\nTry 'kaiku-server --help'.\n";
        return 2;
    }
    const auto& o = *parsed.options;
    using C = server::Options::Command;
    if (o.command == C::help) {
        std::cout << server::usage();
        return 0;
    }
    if (o.command == C::version) {
        std::cout << "kaiku-server 0.1.0\n";
        return 0;
    }
    try {
        // Opening the database runs pending migrations.
        store::Database db(o.database, store::SchemaKind::server);
        if (o.command == C::migrate) {
            std::cerr << "kaiku-server: schema at version " << db.schema_version() << "\n";
            return 0;
        }
        if (o.command == C::seed) return seed(db, o, false);
        if (!o.seed.empty() && seed(db, o, true) != 0) return 1;
    } catch (const std::exception& e) {
        std::cerr << "kaiku-server: " << e.what() << "\n";
        return 1;
    }

    // Signals are taken by a dedicated thread, which stops the server gracefully.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    server::Server srv(o);
    std::string error;
    if (!srv.bind(error)) {
        std::cerr << "kaiku-server: " << error << "\n";
        return 1;
    }
    if (!o.port_file.empty()) {
        const std::string tmp = o.port_file + ".tmp";
        std::ofstream(tmp) << srv.port() << "\n";
        std::rename(tmp.c_str(), o.port_file.c_str());  // atomic: readers never see a partial file
    }
    std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"listening\",\"host\":\"%s\",\"port\":%d}\n", o.host.c_str(),
                 srv.port());
    std::thread signals([&] {
        int sig = 0;
        sigwait(&set, &sig);
        std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopping\",\"signal\":%d}\n", sig);
        srv.stop();
    });
    srv.run();
    // run() returned: either a signal stopped us, or listening failed; wake the signal thread if needed.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
    return 0;
}
