// kaiku-server: command line entry point.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "auth.hpp"
#include "buckets.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "core/crash_report.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
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
    // Scope membership of every row, the sync epoch, and one shared demo password (hashed once).
    server::rebuild_row_buckets(db);
    server::ensure_sync_meta(db);
    const std::string hash = server::hash_password(server::kDemoPassword), now = server::now_iso();
    db.sql() << "INSERT INTO credential (user_id, password_hash, changed_at) SELECT id, :h, :n FROM app_user "
                "WHERE id NOT IN (SELECT user_id FROM credential)",
        soci::use(hash, "h"), soci::use(now, "n");
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "kaiku-server: seeded demo network x%g: %lld areas, %lld sites, %lld cards, %lld uses, %lld users in "
                 "%.2f s\n",
                 scale, s.areas, s.sites, s.cards, s.uses, s.users, secs);
    return 0;
}

int create_user(store::Database& db, const server::Options& o) {
    core::User u;
    u.id = core::new_uuid();
    u.login = o.login;
    u.display_name = o.display_name;
    const auto role = core::enum_parse<core::Role>(o.role);
    const auto lang = core::enum_parse<core::Language>(o.language);
    if (!role) {
        std::cerr << "kaiku-server: create-user: --role '" << o.role << "' is not a role\n";
        return 2;
    }
    if (!lang) {
        std::cerr << "kaiku-server: create-user: --language must be fi, sv or en\n";
        return 2;
    }
    u.role = *role;
    u.language = *lang;
    u.scope_id = o.scope;
    if (u.role == core::Role::coordinator_culture || u.role == core::Role::coordinator_sote) {
        // Coordinators are scoped to an area, given by its prefix.
        std::string id;
        db.sql() << "SELECT id FROM area WHERE prefix = :p OR id = :p2", soci::use(o.scope, "p"),
            soci::use(o.scope, "p2"), soci::into(id);
        if (!db.sql().got_data()) {
            std::cerr << "kaiku-server: create-user: --scope: no area '" << o.scope << "'\n";
            return 1;
        }
        u.scope_id = id;
    }
    if (auto errors = core::validate(u); !errors.empty()) {
        std::cerr << "kaiku-server: create-user: " << core::to_string(errors) << "\n";
        return 2;
    }
    std::string password;
    if (!o.password_file.empty()) {
        std::ifstream in(o.password_file);
        if (!in) {
            std::cerr << "kaiku-server: create-user: cannot read --password-file " << o.password_file << "\n";
            return 1;
        }
        std::getline(in, password);
    } else {
        std::getline(std::cin, password);
    }
    if (password.size() < 10 || password.size() > 200) {
        std::cerr << "kaiku-server: create-user: the password must be 10 to 200 characters long\n";
        return 2;
    }
    if (store::UserRepository{db}.by_login(u.login)) {
        std::cerr << "kaiku-server: create-user: the login '" << u.login << "' is taken\n";
        return 1;
    }
    store::Transaction tx(db);
    store::UserRepository{db}.upsert(u);
    server::set_password(db, u.id, password);
    server::update_row_buckets(db, "app_user", u.id, server::compute_buckets(db, "app_user", u.id));
    tx.commit();
    std::cout << u.id << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    kaiku::core::install_crash_report("kaiku-server");
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
        server::ensure_sync_meta(db);
        if (o.command == C::seed) return seed(db, o, false);
        if (o.command == C::create_user) return create_user(db, o);
        if (o.command == C::compact) {
            const std::string cutoff = server::iso_utc(std::chrono::system_clock::now() -
                                                       std::chrono::hours(24) * o.keep_days);
            long long floor = 0;
            soci::indicator ind = soci::i_null;
            db.sql() << "SELECT MAX(seq) FROM audit_log WHERE at <= :c", soci::use(cutoff, "c"), soci::into(floor, ind);
            if (ind != soci::i_ok) floor = 0;
            store::Transaction tx(db);
            db.sql() << "DELETE FROM change_log WHERE seq <= :f", soci::use(floor, "f");
            db.sql() << "UPDATE sync_meta SET retention_floor = :f WHERE id = 1 AND retention_floor < :f2",
                soci::use(floor, "f"), soci::use(floor, "f2");
            tx.commit();
            std::cerr << "kaiku-server: change log compacted up to position " << floor << "\n";
            return 0;
        }
        if (o.command == C::rotate_epoch) {
            const std::string epoch = core::new_uuid();
            db.sql() << "UPDATE sync_meta SET epoch = :e WHERE id = 1", soci::use(epoch, "e");
            std::cerr << "kaiku-server: new sync epoch " << epoch << "\n";
            return 0;
        }
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

    std::unique_ptr<server::Server> srv_ptr;
    try {
        srv_ptr = std::make_unique<server::Server>(o);
    } catch (const std::exception& e) {
        std::cerr << "kaiku-server: " << e.what() << "\n";
        return 1;
    }
    server::Server& srv = *srv_ptr;
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
    std::atomic<bool> run_returned{false};
    std::thread signals([&] {
        int sig = 0;
        sigwait(&set, &sig);
        if (run_returned) return;
        std::fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopping\",\"signal\":%d}\n", sig);
        // The library ignores a stop that comes before it has started listening (a signal right after the port
        // file was written), so it is repeated until run() has returned.
        while (!run_returned) {
            srv.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    srv.run();
    run_returned = true;
    // run() returned: either a signal stopped us, or listening failed; wake the signal thread if needed.
    pthread_kill(signals.native_handle(), SIGTERM);
    signals.join();
    return 0;
}
