#include "import/table.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/date.hpp"
#include "import/table_builder.hpp"

namespace kaiku::import {

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        if (c >= 0x80) {
            if ((c & 0xE0) == 0xC0)
                n = 1;
            else if ((c & 0xF0) == 0xE0)
                n = 2;
            else if ((c & 0xF8) == 0xF0)
                n = 3;
            else
                return false;
        }
        if (s.size() - i <= n) return false;
        for (std::size_t k = 1; k <= n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Excel on Windows saves "CSV" in the ANSI code page (Windows-1252 in Finland and Sweden).
std::string windows1252_to_utf8(std::string_view s) {
    static constexpr unsigned kHigh[32] = {0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021,
                                           0x2C6,  0x2030, 0x160,  0x2039, 0x152,  0x8D,   0x17D,  0x8F,
                                           0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                           0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        append_utf8(out, c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c);
    }
    return out;
}

char sniff_delimiter(std::string_view text) {
    std::size_t semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        if (c == ';') ++semi;
        if (c == ',') ++comma;
        if (c == '\t') ++tab;
    }
    if (semi >= comma && semi >= tab && semi > 0) return ';';
    if (tab >= comma && tab > 0) return '\t';
    return ',';
}

core::FieldError file_error(const std::string& source, const std::string& code, const std::string& problem) {
    return {"file", code, source + ": " + problem};
}

std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

std::optional<core::FieldError> check_size(const std::string& path, const ReadOptions& opt) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return file_error(file_name(path), "not_found", "the file does not exist or is not a regular file.");
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return file_error(file_name(path), "unreadable", "the file cannot be read (" + ec.message() + ").");
    if (size > opt.max_bytes)
        return file_error(file_name(path), "too_large",
                          "the file is larger than " + std::to_string(opt.max_bytes / (1024 * 1024)) +
                              " MB; split it into smaller files.");
    return std::nullopt;
}

}  // namespace

std::string xlsx_serial_to_iso(double serial) {
    if (!std::isfinite(serial) || serial < 1 || serial > 2958465) return {};
    int whole = static_cast<int>(std::floor(serial));
    // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was (serial 60).
    if (whole == 60) return {};
    if (whole > 60) --whole;
    return core::Date::from_ymd(1900, 1, 1)->plus_days(whole - 1).iso();
}

ReadResult parse_csv(std::string_view text, const std::string& source, const ReadOptions& opt) {
    std::string converted;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!valid_utf8(text)) {
        converted = windows1252_to_utf8(text);
        text = converted;
    }
    const char delim = sniff_delimiter(text);
    TableBuilder builder(source, opt);
    std::vector<std::string> record;
    std::string cell;
    long line = 1, record_line = 1, quote_line = 0;
    bool quoted = false, cell_started = false;
    std::size_t i = 0;
    auto end_cell = [&] {
        record.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
    };
    auto end_record = [&]() -> bool {
        end_cell();
        const bool ok = builder.add(std::move(record), record_line);
        record.clear();
        record_line = line;
        return ok;
    };
    while (i < text.size()) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                ++i;
                continue;
            }
            if (c == '\n') ++line;
            if (c == '\r') {
                ++line;
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                cell += '\n';
                ++i;
                continue;
            }
            cell += c;
            ++i;
            continue;
        }
        if (c == '"' && !cell_started) {
            quoted = true;
            cell_started = true;
            quote_line = line;
            ++i;
            continue;
        }
        if (c == delim) {
            end_cell();
            ++i;
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++i;
            ++line;
            if (!end_record()) return {std::nullopt, builder.error()};
            continue;
        }
        cell += c;
        cell_started = true;
        ++i;
    }
    if (quoted)
        return {std::nullopt,
                file_error(source, "unterminated_quote",
                           "line " + std::to_string(quote_line) + ": a quoted value is not closed (a \" is missing).")};
    if (!record.empty() || !cell.empty()) {
        if (!end_record()) return {std::nullopt, builder.error()};
    }
    return builder.finish();
}

ReadResult read_csv_file(const std::string& path, const ReadOptions& opt) {
    if (auto e = check_size(path, opt)) return {std::nullopt, e};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {std::nullopt, file_error(file_name(path), "unreadable", "the file cannot be opened.")};
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return parse_csv(text, file_name(path), opt);
}

ReadResult read_table(const std::string& path, const ReadOptions& opt) {
    if (auto e = check_size(path, opt)) return {std::nullopt, e};
    char magic[4] = {0};
    {
        std::ifstream in(path, std::ios::binary);
        in.read(magic, 4);
    }
    if (magic[0] == 'P' && magic[1] == 'K') return read_xlsx_file(path, opt);
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".xlsx" || ext == ".XLSX")
        return {std::nullopt,
                file_error(file_name(path), "not_xlsx", "the file is not an XLSX workbook (it is not a zip archive).")};
    return read_csv_file(path, opt);
}

}  // namespace kaiku::import
