// The one JSON reader for the network and the disk: parse_json with its nesting limit. Properties: a document
// nesting deeper than the limit is refused; any other document is read exactly as the plain parser reads it.
#include "fuzz_support.hpp"
#include "net/dto.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);
    const int limit = 1 + (size ? data[0] % 40 : 0);
    const int depth = net::json_depth(text, limit);
    const auto j = net::parse_json(text, limit);
    if (depth > limit + 1) std::abort();  // counted up to limit + 1 only
    if (depth > limit) {
        if (!j.is_discarded()) std::abort();
        return 0;
    }
    const auto plain = net::json::parse(text.begin(), text.end(), nullptr, false);
    if (plain.is_discarded() != j.is_discarded()) std::abort();
    if (!j.is_discarded() && !(plain == j)) std::abort();
    return 0;
}
