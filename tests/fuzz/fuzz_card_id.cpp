// Card IDs as people and keyboard-wedge scanners type them (whitespace, lower case, no hyphens, Code 39 asterisks,
// the Enter a scanner ends with): parse_card_id, then the canonical form must parse back to the same card, and
// any single changed character of it must not.
#include "core/card_id.hpp"
#include "core/validation.hpp"
#include "fuzz_support.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input = fuzz::as_text(data, size);
    // A scanner line: what comes before its Enter.
    if (const auto end = input.find_first_of("\r\n"); end != std::string_view::npos && size && data[0] == '*')
        input = input.substr(0, end);
    const auto parsed = core::parse_card_id(input, "card_id");
    if (!parsed.id) {
        if (!parsed.error) std::abort();
        return 0;
    }
    const std::string canonical = parsed.id->str();
    if (core::format_card_id(parsed.id->prefix, parsed.id->serial) != canonical) std::abort();
    const auto again = core::parse_card_id(canonical);
    if (!again.id || !(*again.id == *parsed.id)) std::abort();
    // Single substitutions of a serial digit or the check character are detected.
    for (std::size_t i = 4; i < canonical.size(); ++i) {
        if (canonical[i] == '-') continue;
        std::string typo = canonical;
        typo[i] = typo[i] == '0' ? '1' : '0';
        if (i == canonical.size() - 1) typo[i] = canonical[i] == 'A' ? 'B' : 'A';
        if (core::parse_card_id(typo).id) std::abort();
    }
    (void)core::trimmed(input);
    return 0;
}
