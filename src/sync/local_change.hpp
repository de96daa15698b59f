// How every local command writes: its rows and its outbox entry in one transaction, with the earlier values
// of the rows it changes, so that a change the register refuses can be taken back from the cache.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sync/local_commands.hpp"
#include "sync/outbox.hpp"

namespace kaiku::sync {

// The mutation that goes to the register: command type, the row the outbox entry is about, and the body.
struct QueuedCommand {
    std::string type, entity, entity_id;
    json payload;
};

// The rows one local change writes. Call created() or changing() before writing each row.
class LocalRows {
public:
    struct Row {
        std::string entity, id;
        std::optional<std::string> before;  // empty: created by this change
        std::optional<long long> before_version;
    };
    explicit LocalRows(store::Database& db) : db_(db) {}
    // A row the change adds (a refused change removes it again, unless the register confirmed it meanwhile).
    void created(const std::string& entity, const std::string& id);
    // A row the change modifies: its current values are kept (a refused change puts them back).
    void changing(const std::string& entity, const std::string& id);
    const std::vector<Row>& rows() const { return rows_; }

private:
    store::Database& db_;
    std::vector<Row> rows_;
};

// Runs `apply` (the optimistic change of the cache) and queues `command`, in one transaction. The result's
// `id` is the command's entity_id.
LocalResult commit_local(store::Database&, const QueuedCommand& command, const std::function<void(LocalRows&)>& apply);

// Takes a change the register refused (or kept as a conflict) back from the cache: rows it created and the
// register never confirmed go; rows it changed get their earlier values back, unless a later change of the same
// row is still waiting (that one inherits the earlier values) or the register sent a newer version meanwhile.
void undo_local_change(store::Database&, const std::string& mutation_id);

// Small shared checks of local commands.
std::string signed_in_user(store::Database&);  // the user id of the last sign-in on this cache, or empty
std::string signed_in_role(store::Database&);  // wire name of the role, or empty
// Whether the signed-in user manages `area_id` (its coordinators, the national service) as far as this cache
// knows; when it cannot know (never signed in, own account not cached) the register decides.
bool may_manage_area(store::Database&, const std::string& area_id);
// The error for a change only the area's coordinators or the national service may make.
core::FieldError not_area_manager(const std::string& field);
// A result that stored nothing, with its problems.
inline LocalResult refused(core::Errors errors) {
    LocalResult r;
    r.errors = std::move(errors);
    return r;
}
// "This <what> is not in the data saved on this computer." for `field`.
inline core::FieldError unknown(const std::string& field, const std::string& what) {
    return {field, "not_found", "This " + what + " is not in the data saved on this computer."};
}

}  // namespace kaiku::sync
