// POST /v1/commands/<type>: one command, answered like a one-mutation batch.
#include "commands.hpp"
#include "core/uuid.hpp"
#include "routes.hpp"

namespace kaiku::server {

// Takes the writers' lock at the start of a write transaction: the sync clock's row on PostgreSQL,
// the database write lock on SQLite. Writers are serialised, so change-log order is commit order.
void lock_writers(store::Database& db) { db.sql() << "UPDATE sync_clock SET v = v WHERE id = 1"; }

void add_command_routes(httplib::Server& s, const std::string& url) {
    s.Post(R"(/v1/commands/([a-z_]+\.[a-z_]+))", [url](const httplib::Request& req, httplib::Response& res) {
        auto& db = thread_db(url);
        const auto p = require_principal(db, req, res);
        if (!p) return;
        const auto body = json_body(req, res);
        if (!body) return;
        Mutation m{core::new_uuid(), req.matches[1], *body, {}};
        store::Transaction tx(db);
        lock_writers(db);
        const auto result = execute(db, *p, m);
        tx.commit();
        if (result.status == MutationResult::Status::applied) {
            send_json(res, 200, {{"status", "applied"}, {"version", result.version}, {"result", result.entity}});
        } else {
            send_json(res, result.http_status, result.problem);
        }
    });
}

}  // namespace kaiku::server
