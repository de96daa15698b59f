// Values typed in forms and import files: dates (ISO, d.m.yyyy, XLSX serials), counts, years, postcodes,
// municipality codes, business IDs, e-mail addresses, phone numbers, UUIDs. Parsed dates must print back as
// ISO dates that parse to the same day.
#include <cstring>

#include "core/date.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "fuzz_support.hpp"
#include "import/import.hpp"

using namespace kaiku;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);
    const std::string s(text);
    if (const auto d = core::Date::parse(text)) {
        const auto back = core::Date::parse(d->iso());
        if (!back || back->days() != d->days()) std::abort();
    }
    if (const auto d = import::parse_import_date(text)) {
        const auto back = core::Date::parse(d->iso());
        if (!back || back->days() != d->days()) std::abort();
    }
    if (const auto n = import::parse_count(text); n && *n < 0) std::abort();
    if (size >= sizeof(double)) {
        double serial;
        std::memcpy(&serial, data, sizeof serial);
        // Excel's dates go up to 9999-12-31, beyond the register's Date (1900..2999): the text is still a date.
        const auto iso = import::xlsx_serial_to_iso(serial);
        if (!iso.empty()) {
            if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || iso < "1900-01-01" || iso > "9999-12-31")
                std::abort();
            if (iso <= "2999-12-31" && !core::Date::parse(iso)) std::abort();
        }
    }
    if (size >= 3 * sizeof(int)) {
        int ymd[3];
        std::memcpy(ymd, data, sizeof ymd);
        if (const auto d = core::Date::from_ymd(ymd[0], ymd[1], ymd[2])) {
            const auto back = core::Date::parse(d->iso());
            if (!back || back->days() != d->days()) std::abort();
        }
    }
    (void)core::is_valid_postcode(s);
    (void)core::is_valid_municipality_code(s);
    (void)core::is_valid_business_id(s);
    (void)core::is_plausible_email(s);
    (void)core::is_plausible_phone(s);
    (void)core::is_uuid(s);
    (void)core::trimmed(text);
    return 0;
}
