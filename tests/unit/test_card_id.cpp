#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/card_id.hpp"

using namespace kaiku::core;

namespace {

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

bool parses(const std::string& s) { return parse_card_id(s).id.has_value(); }

}  // namespace

TEST_CASE("card id: known check characters (pins the Luhn mod 36 algorithm)") {
    CHECK(card_check_character("TRE", 123) == 'K');
    CHECK(card_check_character("HEL", 1) == 'F');
    CHECK(card_check_character("TRE", 0) == 'U');
    CHECK(card_check_character("ABC", 999999) == '8');
    CHECK(format_card_id("TRE", 123) == "TRE-000123-K");
    CHECK(format_card_id("ABC", kMaxCardSerial) == "ABC-999999-8");
    CHECK((CardId{"TRE", 123}.str()) == "TRE-000123-K");
}

TEST_CASE("card id: invalid inputs to the formatter") {
    CHECK(format_card_id("TR", 1).empty());
    CHECK(format_card_id("tre", 1).empty());
    CHECK(format_card_id("TRE", kMaxCardSerial + 1).empty());
    CHECK(card_check_character("T1E", 1) == '?');
    CHECK(is_valid_area_prefix("TRE"));
    CHECK_FALSE(is_valid_area_prefix("TREE"));
    CHECK_FALSE(is_valid_area_prefix("Tre"));
    CHECK_FALSE(is_valid_area_prefix("TÄR"));
    CHECK_FALSE(is_valid_area_prefix(""));
}

TEST_CASE("card id: tolerant parsing of scanner and keyboard input") {
    const CardId expected{"TRE", 123};
    for (const char* in : {"TRE-000123-K", "tre000123k", " TRE-000123-K\n", "*TRE-000123-K*", "\t*tre-000123-k*\r\n",
                           "TRE000123K", "*TRE000123K", "Tre-000123-k "}) {
        CAPTURE(in);
        const auto p = parse_card_id(in);
        REQUIRE(p.id.has_value());
        CHECK_FALSE(p.error.has_value());
        CHECK(*p.id == expected);
        CHECK(p.id->str() == "TRE-000123-K");
    }
}

TEST_CASE("card id: rejected inputs carry the field name and a code") {
    struct Case {
        const char* input;
        const char* code;
    };
    for (const Case& c : {Case{"", "required"}, Case{"   ", "required"}, Case{"**", "required"},
                          Case{"TRE-000123", "invalid_format"}, Case{"TRE-000123-", "invalid_format"},
                          Case{"TRE-000123K", "invalid_format"}, Case{"TRE000123-K", "invalid_format"},
                          Case{"TRE-0001234-K", "invalid_format"}, Case{"TRE 000123 K", "invalid_format"},
                          Case{"TRE_000123_K", "invalid_format"}, Case{"T1E-000123-K", "invalid_format"},
                          Case{"TRE-00012A-K", "invalid_format"}, Case{"TRE-000123-#", "invalid_format"},
                          Case{"TRE-000123-Ä", "invalid_format"}, Case{"TRE-000123-KK", "invalid_format"},
                          Case{"**TRE-000123-K**", "invalid_format"}, Case{"TRE-000123-L", "invalid_check_character"},
                          Case{"TRE000124K", "invalid_check_character"}}) {
        CAPTURE(c.input);
        const auto p = parse_card_id(c.input, "usage.card_id");
        CHECK_FALSE(p.id.has_value());
        REQUIRE(p.error.has_value());
        CHECK(p.error->field == "usage.card_id");
        CHECK(p.error->code == c.code);
        CHECK_FALSE(p.error->message.empty());
    }
    const auto p = parse_card_id("TRE-000123-X");
    REQUIRE(p.error.has_value());
    CHECK(p.error->field == "card_id");
    CHECK(p.error->message == "Card ID check character does not match: the ID was probably mistyped.");
    const auto f = parse_card_id("TRE-123-K");
    REQUIRE(f.error.has_value());
    CHECK(f.error->message == "Card ID must look like ABC-123456-X (3 letters, 6 digits, check character).");
}

TEST_CASE("card id: every serial round-trips in a sample range") {
    for (std::uint32_t serial = 0; serial <= kMaxCardSerial; serial += 997) {
        const std::string id = format_card_id("JKL", serial);
        const auto p = parse_card_id(id);
        REQUIRE(p.id.has_value());
        CHECK(p.id->serial == serial);
        CHECK(p.id->prefix == "JKL");
    }
}

TEST_CASE("card id: every single-character substitution is rejected") {
    std::vector<std::string> samples{"TRE-000123-K", format_card_id("ZZZ", 999999), format_card_id("AAA", 0),
                                     format_card_id("HEL", 500000)};
    for (std::uint32_t s = 17; s < kMaxCardSerial; s += 49999) samples.push_back(format_card_id("OUL", s));
    for (const std::string& id : samples) {
        REQUIRE(parses(id));
        for (const std::string& form : {id, id.substr(0, 3) + id.substr(4, 6) + id.substr(11)}) {
            for (std::size_t i = 0; i < form.size(); ++i) {
                for (int ch = 1; ch < 256; ++ch) {
                    std::string changed = form;
                    changed[i] = static_cast<char>(ch);
                    // The same character in the other case is the same ID, not a mistake.
                    if (upper(changed) == upper(form)) continue;
                    CAPTURE(changed);
                    CHECK_FALSE(parses(changed));
                }
            }
        }
    }
}

TEST_CASE("card id: every adjacent transposition is rejected") {
    std::vector<std::string> samples;
    for (const char* prefix : {"TRE", "ABZ", "ZAY", "KUO"})
        for (std::uint32_t s : {0u, 1u, 9u, 10u, 123u, 90909u, 109876u, 999999u, 989898u})
            samples.push_back(format_card_id(prefix, s));
    int transpositions = 0;
    for (const std::string& id : samples) {
        REQUIRE(parses(id));
        for (const std::string& form : {id, id.substr(0, 3) + id.substr(4, 6) + id.substr(11)}) {
            for (std::size_t i = 0; i + 1 < form.size(); ++i) {
                if (form[i] == form[i + 1]) continue;  // swapping equal characters changes nothing
                std::string swapped = form;
                std::swap(swapped[i], swapped[i + 1]);
                CAPTURE(swapped);
                CHECK_FALSE(parses(swapped));
                ++transpositions;
            }
        }
    }
    CHECK(transpositions > 500);
}
