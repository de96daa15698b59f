// Wire DTOs: JSON text -> parse_json (depth limit) -> every from_json the client and the server use, then the value
// written back with to_json and read again. The first byte chooses the type.
#include "fuzz_support.hpp"
#include "net/dto.hpp"

using namespace kaiku;

namespace {

template <class T>
void round_trip(const net::json& j) {
    T value;
    if (!net::from_json(j, value).empty()) return;
    const auto again = net::to_json(value);
    T second;
    (void)net::from_json(again, second);
    (void)again.dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto j = net::parse_json(fuzz::as_text(data + 1, size - 1));
    if (j.is_discarded()) return 0;
    switch (data[0] % 20) {
        case 0: round_trip<core::Area>(j); break;
        case 1: round_trip<core::Organisation>(j); break;
        case 2: round_trip<core::Site>(j); break;
        case 3: round_trip<core::VenueProfile>(j); break;
        case 4: round_trip<core::CardBatch>(j); break;
        case 5: round_trip<core::Allocation>(j); break;
        case 6: {
            core::HolderProfile h;
            if (net::from_json(j, h).empty()) (void)net::to_json(h).dump();
            break;
        }
        case 7: round_trip<core::Card>(j); break;
        case 8: round_trip<core::Usage>(j); break;
        case 9: round_trip<core::Rule>(j); break;
        case 10: round_trip<core::Quota>(j); break;
        case 11: round_trip<core::QuotaAdjustment>(j); break;
        case 12: round_trip<core::Message>(j); break;
        case 13: round_trip<core::GroupVisit>(j); break;
        case 14: round_trip<core::GroupSignup>(j); break;
        case 15: round_trip<core::User>(j); break;
        case 16: round_trip<core::Conflict>(j); break;
        case 17: {  // a site patch in the flat form
            core::Site site;
            auto nested = net::to_json(site);
            if (j.is_object()) net::apply_flat_fields(nested, j);
            (void)net::from_json(nested, site);
            (void)net::to_flat_json(site).dump();
            break;
        }
        case 18: {  // the audit log's copy
            auto copy = j;
            net::redact_holder(copy, "card");
            (void)copy.dump();
            break;
        }
        default: (void)net::json_depth(fuzz::as_text(data + 1, size - 1)); break;
    }
    return 0;
}
