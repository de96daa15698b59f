#include "core/card_id.hpp"

#include <cstdio>

namespace kaiku::core {
namespace {

constexpr int kBase = 36;  // alphabet 0-9A-Z

// Code point of a character in the alphabet 0-9A-Z, or -1.
int code_point(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

char alphabet_char(int cp) { return static_cast<char>(cp < 10 ? '0' + cp : 'A' + (cp - 10)); }

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

// Luhn mod N (N = 36) check character over `payload` (all characters in the alphabet).
char luhn36(std::string_view payload) {
    int factor = 2;
    int sum = 0;
    for (std::size_t i = payload.size(); i-- > 0;) {
        int addend = factor * code_point(payload[i]);
        factor = factor == 2 ? 1 : 2;
        addend = addend / kBase + addend % kBase;
        sum += addend;
    }
    return alphabet_char((kBase - sum % kBase) % kBase);
}

std::string_view trim_space(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string payload_of(std::string_view prefix, std::uint32_t serial) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(serial));
    std::string p(prefix);
    p += digits;
    return p;
}

FieldError format_error(const std::string& field) {
    return {field, "invalid_format", "Card ID must look like ABC-123456-X (3 letters, 6 digits, check character)."};
}

}  // namespace

bool is_valid_area_prefix(std::string_view prefix) {
    if (prefix.size() != 3) return false;
    for (char c : prefix)
        if (!is_upper(c)) return false;
    return true;
}

char card_check_character(std::string_view prefix, std::uint32_t serial) {
    if (!is_valid_area_prefix(prefix) || serial > kMaxCardSerial) return '?';
    return luhn36(payload_of(prefix, serial));
}

std::string format_card_id(std::string_view prefix, std::uint32_t serial) {
    if (!is_valid_area_prefix(prefix) || serial > kMaxCardSerial) return {};
    std::string p = payload_of(prefix, serial);
    const char check = luhn36(p);
    p.insert(3, 1, '-');
    p += '-';
    p += check;
    return p;
}

std::string CardId::str() const { return format_card_id(prefix, serial); }

CardIdParse parse_card_id(std::string_view input, const std::string& field) {
    std::string_view s = trim_space(input);
    if (!s.empty() && s.front() == '*') s.remove_prefix(1);  // Code 39 start character
    if (!s.empty() && s.back() == '*') s.remove_suffix(1);    // Code 39 stop character
    s = trim_space(s);
    if (s.empty()) return {std::nullopt, FieldError{field, "required", "Card ID is required."}};

    std::string compact;
    if (s.size() == 12) {
        if (s[3] != '-' || s[10] != '-') return {std::nullopt, format_error(field)};
        compact = std::string(s.substr(0, 3)) + std::string(s.substr(4, 6)) + s[11];
    } else if (s.size() == 10) {
        compact = std::string(s);
    } else {
        return {std::nullopt, format_error(field)};
    }
    for (char& c : compact)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');

    for (std::size_t i = 0; i < 3; ++i)
        if (!is_upper(compact[i])) return {std::nullopt, format_error(field)};
    std::uint32_t serial = 0;
    for (std::size_t i = 3; i < 9; ++i) {
        if (!is_digit(compact[i])) return {std::nullopt, format_error(field)};
        serial = serial * 10 + static_cast<std::uint32_t>(compact[i] - '0');
    }
    if (code_point(compact[9]) < 0) return {std::nullopt, format_error(field)};
    if (luhn36(std::string_view(compact).substr(0, 9)) != compact[9])
        return {std::nullopt,
                FieldError{field, "invalid_check_character",
                           "Card ID check character does not match: the ID was probably mistyped."}};
    return {CardId{compact.substr(0, 3), serial}, std::nullopt};
}

}  // namespace kaiku::core
