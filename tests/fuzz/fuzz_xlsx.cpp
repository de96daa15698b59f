// XLSX import: the bytes as a workbook file (zip, shared strings, styles, sheets) -> table -> column mapping.
// The first byte chooses the import kind; the file lives in the target's temporary folder.
#include <fstream>

#include "fuzz_support.hpp"
#include "import/import.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto kind = static_cast<import::ImportKind>(data[0] % 4);
    const std::string path = (fuzz::temp_dir() / "input.xlsx").string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    auto options = import::read_options_for(kind, (data[0] & 0x80) ? "Kortit" : "");
    options.max_rows = 2000;
    const auto read = import::read_xlsx_file(path, options);
    if (read.ok()) import::map_columns(kind, *read.table);
    return 0;
}
