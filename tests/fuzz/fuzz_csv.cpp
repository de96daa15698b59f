// CSV import: text -> table (delimiter sniffing, quotes, encodings) -> column mapping -> the preview's row reading
// against an empty client cache. The first byte chooses the import kind.
#include "fuzz_support.hpp"
#include "import/import.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static store::Database db("sqlite::memory:");
    if (size < 1) return 0;
    const auto kind = static_cast<import::ImportKind>(data[0] % 4);
    auto options = import::read_options_for(kind);
    options.max_rows = 2000;
    const auto read = import::parse_csv(fuzz::as_text(data + 1, size - 1), "fuzz.csv", options);
    if (!read.ok()) return 0;
    const auto mapped = import::map_columns(kind, *read.table);
    if (!mapped.errors.empty()) return 0;
    import::ImportContext context;
    context.venue_site_id = "venue-1";
    context.issuer_site_id = "issuer-1";
    context.current_year = 2026;
    import::plan_import(db, *read.table, kind, mapped.mapping, context);
    return 0;
}
