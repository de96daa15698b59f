// XLSX (Office Open XML spreadsheet) reading with libzip and expat: only what an import needs.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <expat.h>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <zip.h>

#include "import/table.hpp"
#include "import/table_builder.hpp"

namespace kaiku::import {

namespace {

// An uncompressed part larger than this is refused (a "zip bomb" would otherwise fill the memory).
constexpr zip_uint64_t kMaxPartBytes = 1024ull * 1024 * 1024;
// Marks a shared-string reference in a cell until the strings are read (XML text cannot contain U+0001).
constexpr char kSharedMark = '\x01';

struct Failure {
    std::string code, problem;
};

std::string_view local_name(const char* name) {
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char* attr(const char** atts, std::string_view name) {
    for (int i = 0; atts[i]; i += 2)
        if (local_name(atts[i]) == name) return atts[i + 1];
    return nullptr;
}

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** atts) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(const char*, int) {}
    bool stop = false;               // set to end the parse early (not an error)
    std::optional<Failure> failure;  // set to end the parse with an error
    XML_Parser parser = nullptr;
    void check_stop() {
        if ((stop || failure) && parser) XML_StopParser(parser, XML_FALSE);
    }
};

class Archive {
public:
    explicit Archive(const std::string& path) {
        int err = 0;
        zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
        if (!zip_) {
            if (err == ZIP_ER_NOZIP)
                open_error_ = {"not_xlsx", "the file is not an XLSX workbook (it is not a zip archive)."};
            else {
                zip_error_t ze;
                zip_error_init_with_code(&ze, err);
                open_error_ = {"damaged",
                               std::string("the workbook cannot be opened: ") + zip_error_strerror(&ze) + "."};
                zip_error_fini(&ze);
            }
        }
    }
    ~Archive() {
        if (zip_) zip_discard(zip_);
    }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    const std::optional<Failure>& open_error() const { return open_error_; }
    bool has(const std::string& part) { return zip_name_locate(zip_, part.c_str(), 0) >= 0; }

    // Streams a part through expat into the handler; returns the failure, if any.
    std::optional<Failure> parse(const std::string& part, XmlHandler& h) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat(zip_, part.c_str(), 0, &st) != 0)
            return Failure{"damaged", "the workbook has no part " + part + "."};
        if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes)
            return Failure{"too_large", part + " is too large to read."};
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen(zip_, part.c_str(), 0), &zip_fclose);
        if (!f) return Failure{"damaged", "the workbook's part " + part + " cannot be read."};
        std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> p(XML_ParserCreate("UTF-8"), &XML_ParserFree);
        h.parser = p.get();
        XML_SetUserData(p.get(), &h);
        XML_SetElementHandler(
            p.get(),
            [](void* u, const XML_Char* n, const XML_Char** a) {
                auto* h = static_cast<XmlHandler*>(u);
                h->start(local_name(n), a);
                h->check_stop();
            },
            [](void* u, const XML_Char* n) {
                auto* h = static_cast<XmlHandler*>(u);
                h->end(local_name(n));
                h->check_stop();
            });
        XML_SetCharacterDataHandler(
            p.get(), [](void* u, const XML_Char* s, int len) { static_cast<XmlHandler*>(u)->text(s, len); });
        char buf[64 * 1024];
        zip_uint64_t total = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
            if (n < 0)
                return Failure{"damaged",
                               "the workbook's part " + part + " is damaged (" + zip_file_strerror(f.get()) + ")."};
            total += static_cast<zip_uint64_t>(n);
            if (total > kMaxPartBytes) return Failure{"too_large", part + " is too large to read."};
            const bool last = n == 0;
            if (XML_Parse(p.get(), buf, static_cast<int>(n), last) == XML_STATUS_ERROR) {
                if (h.failure) return h.failure;
                if (h.stop) return std::nullopt;
                return Failure{"damaged", part + " line " + std::to_string(XML_GetCurrentLineNumber(p.get())) +
                                              ": the XML is broken (" + XML_ErrorString(XML_GetErrorCode(p.get())) +
                                              ")."};
            }
            if (h.failure) return h.failure;
            if (h.stop || last) return std::nullopt;
        }
    }

private:
    zip_t* zip_ = nullptr;
    std::optional<Failure> open_error_;
};

struct WorkbookHandler : XmlHandler {
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    bool date1904 = false;
    void start(std::string_view n, const char** a) override {
        if (n == "sheet") {
            const char* name = attr(a, "name");
            const char* id = attr(a, "id");
            sheets.emplace_back(name ? name : "", id ? id : "");
        } else if (n == "workbookPr") {
            const char* d = attr(a, "date1904");
            date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
        }
    }
    void end(std::string_view) override {}
};

struct RelsHandler : XmlHandler {
    std::map<std::string, std::string> targets;
    void start(std::string_view n, const char** a) override {
        if (n != "Relationship") return;
        const char* id = attr(a, "Id");
        const char* target = attr(a, "Target");
        if (id && target) targets[id] = target;
    }
    void end(std::string_view) override {}
};

bool is_date_format_code(const std::string& code) {
    bool quoted = false, bracket = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '\\')
            ++i;
        else if (c == '[')
            bracket = true;
        else if (c == ']')
            bracket = false;
        else if (!bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M'))
            return true;
    }
    return false;
}

bool is_builtin_date_format(int id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

struct StylesHandler : XmlHandler {
    std::map<int, std::string> formats;
    std::vector<int> xf_formats;
    bool in_cell_xfs = false;
    void start(std::string_view n, const char** a) override {
        if (n == "numFmt") {
            const char* id = attr(a, "numFmtId");
            const char* code = attr(a, "formatCode");
            if (id && code) formats[std::atoi(id)] = code;
        } else if (n == "cellXfs") {
            in_cell_xfs = true;
        } else if (n == "xf" && in_cell_xfs) {
            const char* id = attr(a, "numFmtId");
            xf_formats.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view n) override {
        if (n == "cellXfs") in_cell_xfs = false;
    }
    std::vector<bool> date_styles() const {
        std::vector<bool> out;
        for (int f : xf_formats) {
            const auto it = formats.find(f);
            out.push_back(it != formats.end() ? is_date_format_code(it->second) : is_builtin_date_format(f));
        }
        return out;
    }
};

// Reads the shared strings whose index is wanted (the others are parsed and dropped).
struct SharedStringsHandler : XmlHandler {
    const std::set<long>& wanted;
    std::unordered_map<long, std::string> strings;
    long index = -1;
    bool keep = false, in_t = false;
    int phonetic = 0;
    std::string current;
    explicit SharedStringsHandler(const std::set<long>& w) : wanted(w) {}
    void start(std::string_view n, const char**) override {
        if (n == "si") {
            ++index;
            keep = wanted.count(index) > 0;
            current.clear();
        } else if (n == "rPh") {
            ++phonetic;
        } else if (n == "t") {
            in_t = true;
        }
    }
    void end(std::string_view n) override {
        if (n == "si") {
            if (keep) strings[index] = std::move(current);
            current.clear();
            keep = false;
        } else if (n == "rPh") {
            --phonetic;
        } else if (n == "t") {
            in_t = false;
        }
    }
    void text(const char* s, int len) override {
        if (keep && in_t && phonetic == 0) current.append(s, static_cast<std::size_t>(len));
    }
};

long column_of(const char* ref, long fallback) {
    if (!ref) return fallback;
    long col = 0;
    bool any = false;
    for (const char* p = ref; *p; ++p) {
        const char c = *p;
        if (c >= 'A' && c <= 'Z')
            col = col * 26 + (c - 'A' + 1), any = true;
        else if (c >= 'a' && c <= 'z')
            col = col * 26 + (c - 'a' + 1), any = true;
        else
            break;
        if (col > 16384) return fallback;
    }
    return any ? col - 1 : fallback;
}

std::string format_number(const std::string& v) {
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (end == v.c_str() || !std::isfinite(d)) return v;
    if (std::floor(d) == d && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", d);
    return buf;
}

// Reads the cells of a worksheet row by row.
struct SheetHandler : XmlHandler {
    std::function<bool(long column)> skip_column;                      // cells not to read
    std::function<bool(std::vector<std::string>&&, long row)> on_row;  // false: stop
    const std::vector<bool>* date_styles = nullptr;
    bool date1904 = false;
    std::set<long>* shared_refs = nullptr;  // shared-string indexes referenced by read cells

    long row_number = 0, column = -1;
    std::vector<std::string> cells;
    bool in_row = false, in_cell = false, in_value = false, in_inline = false, in_t = false, skipping = false;
    int phonetic = 0;
    std::string type, value;
    int style = 0;

    void start(std::string_view n, const char** a) override {
        if (stop || failure) return;
        if (n == "row") {
            const char* r = attr(a, "r");
            row_number = r ? std::atol(r) : row_number + 1;
            in_row = true;
            column = -1;
            cells.clear();
        } else if (n == "c" && in_row) {
            column = column_of(attr(a, "r"), column + 1);
            const char* t = attr(a, "t");
            type = t ? t : "n";
            const char* s = attr(a, "s");
            style = s ? std::atoi(s) : 0;
            value.clear();
            in_cell = true;
            skipping = skip_column && skip_column(column);
        } else if (in_cell && n == "v") {
            in_value = true;
        } else if (in_cell && n == "is") {
            in_inline = true;
        } else if (in_inline && n == "rPh") {
            ++phonetic;
        } else if (in_inline && n == "t") {
            in_t = true;
        }
    }
    void end(std::string_view n) override {
        if (stop || failure) return;
        if (n == "v") {
            in_value = false;
        } else if (n == "t") {
            in_t = false;
        } else if (n == "rPh") {
            --phonetic;
        } else if (n == "is") {
            in_inline = false;
        } else if (n == "c" && in_cell) {
            in_cell = false;
            if (skipping || column < 0) {
                value.clear();
                return;
            }
            if (static_cast<std::size_t>(column) >= cells.size()) cells.resize(static_cast<std::size_t>(column) + 1);
            cells[static_cast<std::size_t>(column)] = resolve();
            value.clear();
        } else if (n == "row") {
            in_row = false;
            if (!on_row(std::move(cells), row_number)) stop = true;
            cells.clear();
        }
    }
    void text(const char* s, int len) override {
        if (skipping || stop) return;
        if (in_value || (in_t && phonetic == 0)) value.append(s, static_cast<std::size_t>(len));
    }
    std::string resolve() {
        if (type == "s") {
            char* end = nullptr;
            const long i = std::strtol(value.c_str(), &end, 10);
            if (end == value.c_str() || i < 0) return {};
            if (shared_refs) shared_refs->insert(i);
            return std::string(1, kSharedMark) + std::to_string(i);
        }
        if (type == "inlineStr" || type == "str" || type == "e") return value;
        if (type == "b") return value == "1" || value == "true" ? "TRUE" : "FALSE";
        if (type == "d") return value.substr(0, 10);
        if (value.empty()) return value;
        const bool is_date = date_styles && style >= 0 && static_cast<std::size_t>(style) < date_styles->size() &&
                             (*date_styles)[static_cast<std::size_t>(style)];
        if (is_date) {
            char* end = nullptr;
            double serial = std::strtod(value.c_str(), &end);
            if (end != value.c_str()) {
                if (date1904) serial += 1462;
                const auto iso = xlsx_serial_to_iso(serial);
                if (!iso.empty()) return iso;
            }
        }
        return format_number(value);
    }
};

std::string part_path(const std::string& target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    return "xl/" + target;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

ReadResult fail(const std::string& source, const Failure& f) {
    return {std::nullopt, core::FieldError{"file", f.code, source + ": " + f.problem}};
}

bool is_shared_ref(const std::string& cell) {
    return !cell.empty() && cell[0] == kSharedMark;
}
long shared_index(const std::string& cell) {
    return std::atol(cell.c_str() + 1);
}

}  // namespace

ReadResult read_xlsx_file(const std::string& path, const ReadOptions& opt) {
    const std::string source = std::filesystem::path(path).filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail(source, {"not_found", "the file does not exist or cannot be read."});
    if (size > opt.max_bytes)
        return fail(source, {"too_large", "the file is larger than " + std::to_string(opt.max_bytes / (1024 * 1024)) +
                                              " MB; split it into smaller files."});
    Archive zip(path);
    if (zip.open_error()) return fail(source, *zip.open_error());
    if (!zip.has("xl/workbook.xml"))
        return fail(source, {"not_xlsx", "the file is a zip archive but not an XLSX workbook (no xl/workbook.xml)."});

    WorkbookHandler wb;
    if (auto f = zip.parse("xl/workbook.xml", wb)) return fail(source, *f);
    if (wb.sheets.empty()) return fail(source, {"missing_sheet", "the workbook has no sheets."});
    RelsHandler rels;
    if (zip.has("xl/_rels/workbook.xml.rels"))
        if (auto f = zip.parse("xl/_rels/workbook.xml.rels", rels)) return fail(source, *f);

    std::size_t chosen = 0;
    if (!opt.sheet.empty()) {
        chosen = wb.sheets.size();
        for (std::size_t i = 0; i < wb.sheets.size() && chosen == wb.sheets.size(); ++i)
            if (wb.sheets[i].first == opt.sheet) chosen = i;
        for (std::size_t i = 0; i < wb.sheets.size() && chosen == wb.sheets.size(); ++i)
            if (lower(wb.sheets[i].first) == lower(opt.sheet)) chosen = i;
        if (chosen == wb.sheets.size()) {
            std::string names;
            for (const auto& s : wb.sheets) names += (names.empty() ? "" : ", ") + ("\"" + s.first + "\"");
            return fail(source, {"missing_sheet",
                                 "the workbook has no sheet named \"" + opt.sheet + "\" (its sheets: " + names + ")."});
        }
    }
    std::string sheet_part;
    if (const auto it = rels.targets.find(wb.sheets[chosen].second); it != rels.targets.end())
        sheet_part = part_path(it->second);
    else
        sheet_part = "xl/worksheets/sheet" + std::to_string(chosen + 1) + ".xml";
    if (!zip.has(sheet_part))
        return fail(source,
                    {"missing_sheet", "the sheet \"" + wb.sheets[chosen].first + "\" is missing from the workbook."});

    StylesHandler styles;
    if (zip.has("xl/styles.xml"))
        if (auto f = zip.parse("xl/styles.xml", styles)) return fail(source, *f);
    const auto date_styles = styles.date_styles();
    const bool have_shared = zip.has("xl/sharedStrings.xml");

    // Pass 1: the header row only.
    std::vector<std::string> header;
    long header_row = 0;
    std::set<long> header_refs;
    {
        SheetHandler h;
        h.date_styles = &date_styles;
        h.date1904 = wb.date1904;
        h.shared_refs = &header_refs;
        h.on_row = [&](std::vector<std::string>&& cells, long row) {
            for (const auto& c : cells)
                if (!trim_cell(c).empty()) {
                    header = std::move(cells);
                    header_row = row;
                    return false;
                }
            return true;
        };
        if (auto f = zip.parse(sheet_part, h)) return fail(source, *f);
    }
    if (header_row == 0) return fail(source, {"empty", "the sheet \"" + wb.sheets[chosen].first + "\" is empty."});
    if (!header_refs.empty()) {
        if (!have_shared) return fail(source, {"damaged", "the workbook's shared strings are missing."});
        SharedStringsHandler ss(header_refs);
        if (auto f = zip.parse("xl/sharedStrings.xml", ss)) return fail(source, *f);
        for (auto& c : header)
            if (is_shared_ref(c)) c = ss.strings[shared_index(c)];
    }

    TableBuilder builder(source, opt);
    builder.add(std::move(header), header_row);

    // Pass 2: the data rows; dropped columns are skipped while parsing.
    std::set<long> refs;
    bool over_limit = false;
    {
        SheetHandler h;
        h.date_styles = &date_styles;
        h.date1904 = wb.date1904;
        h.shared_refs = &refs;
        h.skip_column = [&](long col) { return builder.is_dropped(static_cast<std::size_t>(col)); };
        h.on_row = [&](std::vector<std::string>&& cells, long row) {
            if (row <= header_row) return true;
            if (!builder.add(std::move(cells), row)) {
                over_limit = true;
                return false;
            }
            return true;
        };
        if (auto f = zip.parse(sheet_part, h)) return fail(source, *f);
    }
    if (over_limit) return {std::nullopt, builder.error()};
    auto result = builder.finish();
    if (!result.table || refs.empty()) return result;

    // Pass 3: only the shared strings the kept cells refer to.
    if (!have_shared) return fail(source, {"damaged", "the workbook's shared strings are missing."});
    SharedStringsHandler ss(refs);
    if (auto f = zip.parse("xl/sharedStrings.xml", ss)) return fail(source, *f);
    Table& t = *result.table;
    std::size_t out = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        bool blank = true;
        for (auto& c : t.rows[r]) {
            if (is_shared_ref(c)) {
                const auto it = ss.strings.find(shared_index(c));
                c = it == ss.strings.end() ? std::string() : trim_cell(it->second);
            }
            if (!c.empty()) blank = false;
        }
        if (blank) continue;
        if (out != r) {
            t.rows[out] = std::move(t.rows[r]);
            t.row_numbers[out] = t.row_numbers[r];
        }
        ++out;
    }
    t.rows.resize(out);
    t.row_numbers.resize(out);
    return result;
}

}  // namespace kaiku::import
