// Deciding conflicts the register keeps (site patches, quota limits).
#include "clock.hpp"
#include "command_registry.hpp"
#include "store/mapping.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

using net::json;
using net::to_json;

// Decides a conflict: keep_theirs (the register's values stand), keep_mine (the change is applied after all)
// or edit (the given values). Deciding a decided conflict again changes nothing.
void conflict_resolve(CommandContext& c) {
    core::Errors errors;
    net::JsonReader r(c.m.data, errors);
    r.only({"conflict_id", "decision", "set"});
    std::string id, decision;
    r.text("conflict_id", id, true);
    r.text("decision", decision, true);
    if (!decision.empty() && decision != "keep_mine" && decision != "keep_theirs" && decision != "edit")
        r.fail("decision", "invalid_value", "must be keep_mine, keep_theirs or edit");
    const json* set = r.find("set", decision == "edit");
    if (!errors.empty()) c.invalid(errors);
    std::optional<core::Conflict> k;
    {
        soci::rowset<soci::row> rs = (c.db.sql().prepare << store::select_sql<core::Conflict>() + " WHERE id = :i",
                                      soci::use(id, "i"));
        for (const auto& row : rs) k = store::Table<core::Conflict>::read(store::RowReader(row));
    }
    if (!k || !c.manages_area(k->area_id))
        c.field_error("conflict_id", "not_found", "Field 'conflict_id' names no conflict you can decide.");
    if (!k->open) {
        c.result = to_json(*k);  // decided already: the same answer again, nothing changes
        return;
    }
    const auto before = *k;
    if (decision != "keep_theirs") {
        const json client = net::parse_json(k->client_json);
        const json chosen = decision == "edit" ? *set : client.value("set", json::object());
        if (!chosen.is_object() || chosen.empty()) c.field_error("set", "required", "Give the values that stand.");
        if (k->entity == "site") {
            for (auto it = chosen.begin(); it != chosen.end(); ++it)
                if (!is_site_patch_field(it.key()))
                    c.field_error("set." + it.key(), "unknown_field", "is not a field of a site");
            apply_site_set(c, c.site(k->entity_id, "conflict_id"), chosen);
        } else if (k->entity == "quota") {
            store::QuotaRepository repo{c.db};
            auto q = repo.get(k->entity_id);
            if (!q) c.field_error("conflict_id", "not_found", "The quota of this conflict no longer exists.");
            if (!chosen.contains("cards") || !chosen["cards"].is_number_integer() || chosen["cards"].get<int>() < 0)
                c.field_error("set.cards", "invalid_format", "Give the number of cards as a whole number.");
            const auto before_q = *q;
            q->cards = chosen["cards"].get<int>();
            repo.upsert(*q);
            c.record("quota", q->id, k->area_id, to_json(before_q), to_json(*q));
        }
    }
    k->open = false;
    k->resolution = decision;
    k->resolved_by = c.p.user.id;
    k->resolved_at = now_iso();
    auto buf = store::make_buffer<core::Conflict>();
    store::Table<core::Conflict>::bind(buf, *k);
    buf.execute(c.db.sql(), store::upsert_statement<core::Conflict>());
    c.record("sync_conflict", k->id, k->area_id, to_json(before), to_json(*k));
    c.result = to_json(*k);
}

}  // namespace

void add_conflict_commands(HandlerMap& m) { m["conflict.resolve"] = conflict_resolve; }

}  // namespace kaiku::server
