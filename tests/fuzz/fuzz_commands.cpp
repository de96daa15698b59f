// Server commands (POST /v1/commands/{type} and the mutations of POST /v1/batch): the body checked like the route
// does (nesting depth, JSON, an object), then execute() with a signed-in principal on a small register in memory.
// Input: first byte = role of the caller, then "type\nJSON body". Every command is rolled back afterwards.
#include "fuzz_support.hpp"
#include "net/dto.hpp"

using namespace kaiku;

namespace {

struct World {
    store::Database db{"sqlite::memory:", store::SchemaKind::server};
    std::vector<server::Principal> principals;
    World() {
        fuzz::seed_register(db);
        for (const char* role : {"national_service", "coordinator_sote", "coordinator_culture", "issuer_staff",
                                 "venue_staff"})
            principals.push_back(*fuzz::sign_in_role(db, role).principal);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static World world;
    if (size < 1) return 0;
    const auto& principal = world.principals[data[0] % world.principals.size()];
    const auto text = fuzz::as_text(data + 1, size - 1);
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return 0;
    const std::string type(text.substr(0, nl));
    // A type reaches execute() from the route's path ([a-z_]+.[a-z_]+) or as a JSON string of a batch: UTF-8.
    if (net::parse_json(net::json(type).dump(-1, ' ', false, net::json::error_handler_t::replace)) != type) return 0;
    const std::string body(text.substr(nl + 1));
    if (net::json_depth(body) > net::kMaxJsonDepth) return 0;
    const auto json = net::parse_json(body);
    if (json.is_discarded() || !json.is_object()) return 0;
    server::Mutation m{"00000000-0000-4000-8000-000000000001", type, json, {}};
    store::Transaction tx(world.db);  // never committed
    const auto result = server::execute(world.db, principal, m);
    (void)result.problem.dump();
    (void)result.entity.dump();
    return 0;
}
