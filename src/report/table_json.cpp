#include "report/table_json.hpp"

namespace kaiku::report {

namespace {

using nlohmann::json;

json row_json(const Row& r) {
    json cells = json::array();
    for (const auto& c : r.cells)
        cells.push_back(c.suppressed ? json{{"value", nullptr}, {"suppressed", true}}
                                     : json{{"value", c.value}, {"suppressed", false}});
    return {{"key", r.key}, {"label", r.label}, {"label_is_english", r.label_is_english}, {"cells", cells}};
}

Row row_of(const json& j, std::size_t columns) {
    Row r;
    r.key = j.at("key").get<std::string>();
    r.label = j.at("label").get<std::string>();
    r.label_is_english = j.value("label_is_english", false);
    for (const auto& c : j.at("cells")) {
        Cell cell;
        cell.suppressed = c.value("suppressed", false);
        // A suppressed cell has no value: 0 here, shown as "< 5" everywhere.
        if (!cell.suppressed) cell.value = c.at("value").get<std::int64_t>();
        r.cells.push_back(cell);
    }
    if (r.cells.size() != columns) throw std::runtime_error("a row has " + std::to_string(r.cells.size()) +
                                                            " cells for " + std::to_string(columns) + " columns");
    return r;
}

}  // namespace

nlohmann::json to_json(const Table& t) {
    json rows = json::array();
    for (const auto& r : t.rows) rows.push_back(row_json(r));
    return {{"title", t.title},
            {"key_header", t.key_header},
            {"columns", t.columns},
            {"rows", rows},
            {"total", t.total ? row_json(*t.total) : json(nullptr)}};
}

std::optional<Table> table_from_json(const nlohmann::json& j, std::string* error) {
    try {
        Table t;
        t.title = j.at("title").get<std::string>();
        t.key_header = j.at("key_header").get<std::string>();
        t.columns = j.at("columns").get<std::vector<std::string>>();
        for (const auto& r : j.at("rows")) t.rows.push_back(row_of(r, t.columns.size()));
        if (j.contains("total") && !j.at("total").is_null()) t.total = row_of(j.at("total"), t.columns.size());
        return t;
    } catch (const std::exception& e) {
        if (error) *error = std::string("not a statistics table: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace kaiku::report
