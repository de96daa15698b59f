// The preview of an import: every row checked against the local cache, nothing written.
#include <algorithm>
#include <map>

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "core/validation.hpp"
#include "import/import.hpp"
#include "import/row_id.hpp"
#include "import/row_reader.hpp"
#include "store/repositories.hpp"

namespace kaiku::import {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string import_field(const std::string& core_field) {
    static const std::map<std::string, std::string> rename = {{"venue_site_id", "venue"},
                                                              {"issuer_site_id", "issuer"},
                                                              {"contact.name", "contact_name"},
                                                              {"contact.email", "contact_email"},
                                                              {"contact.phone", "contact_phone"},
                                                              {"organisation_id", "organisation"},
                                                              {"area_id", "area"}};
    if (const auto it = rename.find(core_field); it != rename.end()) return it->second;
    if (core_field.rfind("holder.", 0) == 0) return core_field.substr(7);
    if (core_field.rfind("municipalities[", 0) == 0) return "municipalities";
    return core_field;
}

namespace {

const std::vector<WordList<core::Category>> kCategories = {
    {core::Category::culture, {"culture", "kulttuuri", "kultur", "taide", "konst", "art", "arts"}},
    {core::Category::education, {"education", "koulutus", "kurssi", "kurssit", "utbildning", "kurs", "course"}},
    {core::Category::science, {"science", "tiede", "vetenskap"}},
    {core::Category::sports, {"sports", "sport", "liikunta", "urheilu", "motion", "idrott"}},
};

const std::vector<WordList<core::UsageItem>> kItems = {
    {core::UsageItem::ticket, {"ticket", "lippu", "pääsylippu", "biljett", "inträdesbiljett", "admission ticket"}},
    {core::UsageItem::course_place, {"course_place", "kurssipaikka", "kursplats", "course place"}},
    {core::UsageItem::season_pass, {"season_pass", "kausikortti", "säsongskort", "season pass", "season ticket"}},
};

const std::vector<WordList<core::Gender>> kGenders = {
    {core::Gender::female, {"female", "nainen", "kvinna", "woman", "f", "n", "k"}},
    {core::Gender::male, {"male", "mies", "man", "m"}},
    {core::Gender::other, {"other", "muu", "annan", "annat", "other gender"}},
    {core::Gender::unspecified,
     {"unspecified", "ei tiedossa", "ei halua kertoa", "okänd", "vill inte säga", "unknown"}},
};

const std::vector<WordList<core::LifeSituation>> kLifeSituations = {
    {core::LifeSituation::employed,
     {"employed", "työssä", "työssäkäyvä", "työllinen", "anställd", "i arbete", "working"}},
    {core::LifeSituation::unemployed, {"unemployed", "työtön", "arbetslös"}},
    {core::LifeSituation::student, {"student", "opiskelija", "studerande", "opiskelee"}},
    {core::LifeSituation::retired, {"retired", "eläkeläinen", "eläkkeellä", "pensionär", "pensioner"}},
    {core::LifeSituation::disability,
     {"disability", "työkyvytön", "vammainen", "funktionsnedsättning", "arbetsoförmögen", "disabled"}},
    {core::LifeSituation::caregiver, {"caregiver", "omaishoitaja", "närståendevårdare", "carer"}},
    {core::LifeSituation::other, {"other", "muu", "annan", "annat"}},
    {core::LifeSituation::unspecified, {"unspecified", "ei tiedossa", "okänd", "unknown"}},
};

const std::vector<WordList<core::AgeGroup>> kAgeGroups = {
    {core::AgeGroup::age_16_29, {"16-29", "16–29", "16 - 29"}},
    {core::AgeGroup::age_30_64, {"30-64", "30–64", "30 - 64"}},
    {core::AgeGroup::age_65_plus, {"65+", "65-", "yli 65", "över 65", "over 65", "65 tai yli", "65 or over"}},
    {core::AgeGroup::unspecified, {"unspecified", "ei tiedossa", "okänd", "unknown"}},
};

// The age group cell compared by its digits and '+' (normalise_header would drop the '+').
std::optional<core::AgeGroup> match_age_group(const std::string& cell) {
    auto squash = [](std::string_view s) {
        std::string out;
        for (char c : s)
            if ((c >= '0' && c <= '9') || c == '+') out += c;
        return out;
    };
    const std::string s = squash(cell);
    if (!s.empty())
        for (const auto& w : kAgeGroups)
            for (const char* word : w.words)
                if (squash(word) == s && !squash(word).empty()) return w.value;
    return match_word(kAgeGroups, cell);
}

// A site named in a cell: its id, or its name among the sites of the role in the cache.
std::optional<core::Site> find_site(const std::vector<core::Site>& sites, const std::string& cell, core::SiteRole role,
                                    std::string& problem) {
    for (const auto& s : sites)
        if (s.id == cell) {
            if (s.role != role) {
                problem = "\"" + cell + "\" is not a " + std::string(core::enum_name(role)) + " site.";
                return std::nullopt;
            }
            return s;
        }
    const auto want = normalise_header(cell);
    std::optional<core::Site> hit;
    int hits = 0;
    for (const auto& s : sites)
        if (s.role == role && normalise_header(s.name) == want) {
            hit = s;
            ++hits;
        }
    if (hits > 1) {
        problem =
            "Several " + std::string(core::enum_name(role)) + " sites are named \"" + cell + "\"; give the site ID.";
        return std::nullopt;
    }
    if (!hit)
        problem = "No " + std::string(core::enum_name(role)) + " site \"" + cell +
                  "\" in the data on this computer (sync first, or give the site ID).";
    return hit;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

template <class E>
std::string names_of(const std::vector<WordList<E>>& list) {
    std::vector<std::string> out;
    for (const auto& w : list) out.push_back(w.words[0]);
    return joined(out);
}

void plan_uses(store::Database& db, const Table& t, const Mapping& m, const ImportContext& ctx, ImportPlan& plan) {
    const auto sites = store::SiteRepository{db}.list();
    std::optional<core::Site> default_venue;
    if (!ctx.venue_site_id.empty()) {
        std::string problem;
        default_venue = find_site(sites, ctx.venue_site_id, core::SiteRole::venue, problem);
        if (!default_venue) plan.errors.push_back({"venue", "not_found", "Venue: " + problem});
    }
    if (!default_venue && !m.column_of("venue"))
        plan.errors.push_back(
            {"venue", "required", "Choose the venue whose log this is: the file has no venue column."});
    if (!plan.errors.empty()) return;
    store::UsageRepository uses{db};
    store::VenueProfileRepository profiles{db};
    std::map<std::string, int> occurrences;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        PlannedRow row;
        row.index = i;
        row.row_number = t.row_numbers[i];
        RowReader r(t, m, row);
        core::Usage u;
        u.entry = core::EntryMethod::import;
        const auto card = core::parse_card_id(r.cell("card_id"), "card_id");
        if (card.id)
            u.card_id = card.id->str();
        else
            r.fail(*card.error);
        const auto day = r.date("used_on", "Date");
        if (day)
            u.used_on = *day;
        else if (r.cell("used_on").empty())
            r.fail("used_on", "required", "Date is required.");
        const auto adults = r.count("adults", "Number of adults", core::kMaxAdultsPerUse);
        const auto children = r.count("children", "Number of children", core::kMaxChildren);
        u.adults = adults.value_or(r.cell("adults").empty() ? 1 : 0);
        u.children = children.value_or(0);
        std::optional<core::Site> venue = default_venue;
        if (const auto v = r.cell("venue"); !v.empty()) {
            std::string problem;
            venue = find_site(sites, v, core::SiteRole::venue, problem);
            if (!venue) r.fail("venue", "not_found", problem);
        } else if (!venue) {
            r.fail("venue", "required", "Venue is required (no venue was chosen for the file).");
        }
        if (venue) u.venue_site_id = venue->id;
        if (const auto c = r.cell("category"); !c.empty()) {
            if (auto cat = match_word(kCategories, c))
                u.category = *cat;
            else
                r.fail("category", "invalid_value",
                       "Category \"" + c + "\" is not one of " + names_of(kCategories) + ".");
        } else if (venue) {
            const auto profile = profiles.get(venue->id);
            if (profile && profile->categories.size() == 1)
                u.category = profile->categories[0];
            else if (profile && !profile->categories.empty())
                r.fail("category", "required", "Category is required: the venue offers several categories.");
        }
        u.item = u.category == core::Category::education ? core::UsageItem::course_place : core::UsageItem::ticket;
        if (const auto it = r.cell("item"); !it.empty()) {
            if (auto item = match_word(kItems, it))
                u.item = *item;
            else
                r.fail("item", "invalid_value", "Item \"" + it + "\" is not one of " + names_of(kItems) + ".");
        }
        u.event = r.cell("event");
        // The core's checks too, for the fields not already found wrong.
        u.id = name_uuid("uses|check");
        for (const auto& e : core::validate(u))
            if (!r.has_error(import_field(e.field))) r.fail(e);
        if (!r.failed()) {
            // The occurrence counts identical rows of the file, so that two real uses on one day stay two.
            const std::string key = u.venue_site_id + "|" + u.card_id + "|" + u.used_on.iso() + "|" +
                                    std::to_string(u.adults) + "|" + std::to_string(u.children);
            const int n = occurrences[key]++;
            u.id = name_uuid("uses|" + key + "|" + std::to_string(n));
        }
        if (!r.failed()) {
            row.id = u.id;
            if (uses.get(u.id)) row.status = RowStatus::duplicate;
            row.use = std::move(u);
        }
        if (!row.errors.empty()) row.status = RowStatus::error;
        plan.rows.push_back(std::move(row));
    }
}

void plan_cards(store::Database& db, const Table& t, const Mapping& m, const ImportContext& ctx, ImportPlan& plan) {
    const auto sites = store::SiteRepository{db}.list();
    std::optional<core::Site> default_issuer;
    if (!ctx.issuer_site_id.empty()) {
        std::string problem;
        default_issuer = find_site(sites, ctx.issuer_site_id, core::SiteRole::issuer, problem);
        if (!default_issuer) plan.errors.push_back({"issuer", "not_found", "Issuer: " + problem});
    }
    if (!default_issuer && !m.column_of("issuer"))
        plan.errors.push_back({"issuer", "required", "Choose the issuer site: the file has no issuer column."});
    if (!plan.errors.empty()) return;
    const int year = ctx.current_year ? ctx.current_year : core::Date::today().year();
    store::CardRepository cards{db};
    store::AreaRepository areas{db};
    store::CardBatchRepository batches{db};
    std::map<std::string, long> seen;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        PlannedRow row;
        row.index = i;
        row.row_number = t.row_numbers[i];
        RowReader r(t, m, row);
        CardRegistration reg;
        const auto parsed = core::parse_card_id(r.cell("card_id"), "card_id");
        if (parsed.id)
            reg.card_id = parsed.id->str();
        else
            r.fail(*parsed.error);
        std::optional<core::Site> issuer = default_issuer;
        if (const auto v = r.cell("issuer"); !v.empty()) {
            std::string problem;
            issuer = find_site(sites, v, core::SiteRole::issuer, problem);
            if (!issuer) r.fail("issuer", "not_found", problem);
        } else if (!issuer) {
            r.fail("issuer", "required", "Issuer site is required (no issuer was chosen for the file).");
        }
        if (issuer) reg.issuer_site_id = issuer->id;
        const auto on = r.date("registered_on", "Registration date");
        if (on)
            reg.registered_on = *on;
        else if (r.cell("registered_on").empty())
            r.fail("registered_on", "required", "Registration date is required.");
        const auto until = r.date("valid_until", "Valid until");
        if (on && until && *until < *on)
            r.fail("valid_until", "out_of_range", "Valid until is before the registration date.");
        const auto birth = r.year("birth_year", "Birth year");
        if (birth)
            reg.holder.birth_year = *birth;
        else if (r.cell("birth_year").empty())
            r.fail("birth_year", "required", "Birth year is required.");
        reg.holder.postcode = r.cell("postcode");
        if (const auto c = r.count("children", "Number of children", core::kMaxChildren)) reg.holder.children = *c;
        if (const auto g = r.cell("gender"); !g.empty()) {
            if (auto v = match_word(kGenders, g))
                reg.holder.gender = *v;
            else
                r.fail("gender", "invalid_value", "Gender \"" + g + "\" is not one of " + names_of(kGenders) + ".");
        }
        if (const auto s = r.cell("life_situation"); !s.empty()) {
            if (auto v = match_word(kLifeSituations, s))
                reg.holder.life_situation = *v;
            else
                r.fail("life_situation", "invalid_value",
                       "Life situation \"" + s + "\" is not one of " + names_of(kLifeSituations) + ".");
        }
        if (const auto a = r.cell("age_group"); !a.empty()) {
            if (auto v = match_age_group(a))
                reg.holder.age_group = *v;
            else
                r.fail("age_group", "invalid_value", "Age group \"" + a + "\" is not one of 16-29, 30-64, 65+.");
        }
        if (!r.failed() && parsed.id) {
            if (const auto it = seen.find(reg.card_id); it != seen.end())
                r.fail("card_id", "duplicate_in_file",
                       "The card is listed already on row " + std::to_string(it->second) + ".");
            seen.emplace(reg.card_id, row.row_number);
        }
        if (!r.failed()) {
            const auto area = areas.get(issuer->area_id);
            if (area && area->prefix != parsed.id->prefix)
                r.fail("card_id", "invalid_value",
                       "This card belongs to area " + parsed.id->prefix + ", not to the issuer's area " + area->prefix +
                           ".");
            core::CardKind kind = core::CardKind::personal;
            for (const auto& b : batches.list_for_area(issuer->area_id))
                if (parsed.id->serial >= b.first_serial && parsed.id->serial <= b.last_serial) kind = b.kind;
            if (kind == core::CardKind::personal)
                r.fail_all(core::validate(reg.holder, year, "holder"));
            else if (reg.holder.children != 0)
                r.fail("children", "not_allowed", "Number of children must be 0 on a community card.");
        }
        if (!r.failed()) {
            row.id = reg.card_id;
            if (const auto existing = cards.get(reg.card_id);
                existing && existing->status != core::CardStatus::in_stock) {
                if (existing->issuer_site_id == reg.issuer_site_id && existing->registered_on == reg.registered_on)
                    row.status = RowStatus::duplicate;
                else
                    r.fail("card_id", "conflict",
                           "The card is already registered" +
                               (existing->registered_on ? " on " + existing->registered_on->iso() : std::string()) +
                               "; renew or replace it instead.");
            }
        }
        if (!r.failed() && until && *until != core::validity_end(reg.registered_on))
            row.notes.push_back("Valid until becomes " + core::validity_end(reg.registered_on).iso() +
                                " (12 months from registration), not " + until->iso() + ".");
        if (!r.failed()) row.card = std::move(reg);
        if (!row.errors.empty()) row.status = RowStatus::error;
        plan.rows.push_back(std::move(row));
    }
}

}  // namespace

std::string RowReader::cell(const std::string& field) const {
    const auto col = m_.column_of(field);
    if (!col) return {};
    const auto& cells = t_.rows[row_.index];
    return *col < cells.size() ? cells[*col] : std::string();
}

std::string RowReader::column(const std::string& field) const {
    const auto col = m_.column_of(field);
    return col && *col < t_.headers.size() ? t_.headers[*col] : std::string();
}

void RowReader::fail(const std::string& field, const std::string& code, const std::string& message) {
    row_.errors.push_back({row_.row_number, column(field), field, code, message});
}

bool RowReader::has_error(const std::string& field) const {
    for (const auto& e : row_.errors)
        if (e.field == field) return true;
    return false;
}

void RowReader::fail(const core::FieldError& e) {
    fail(import_field(e.field), e.code, e.message);
}

std::optional<core::Date> RowReader::date(const std::string& field, const std::string& label) {
    const auto c = cell(field);
    if (c.empty()) return std::nullopt;
    if (auto d = parse_import_date(c)) return d;
    fail(field, "invalid_format", label + " \"" + c + "\" is not a date (use d.m.yyyy or yyyy-mm-dd).");
    return std::nullopt;
}

std::optional<int> RowReader::count(const std::string& field, const std::string& label, int max) {
    const auto c = cell(field);
    if (c.empty()) return std::nullopt;
    const auto n = parse_count(c);
    if (!n) {
        fail(field, "invalid_format", label + " \"" + c + "\" must be a whole number of 0 or more.");
        return std::nullopt;
    }
    if (*n > max) {
        fail(field, "out_of_range", label + " must be at most " + std::to_string(max) + ".");
        return std::nullopt;
    }
    return n;
}

std::optional<int> RowReader::year(const std::string& field, const std::string& label) {
    const auto c = cell(field);
    if (c.empty()) return std::nullopt;
    if (c.size() == 4 && all_digits(c)) return std::stoi(c);
    fail(field, "invalid_format", label + " \"" + c + "\" must be a year with four digits.");
    return std::nullopt;
}

std::optional<core::Date> parse_import_date(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    // A time after the date (from spreadsheets: "2024-03-05 00:00:00", "5.3.2024 klo 10.00") is ignored.
    if (const auto cut = s.find_first_of(" T"); cut != std::string_view::npos) s = s.substr(0, cut);
    auto number = [](std::string_view p) -> int {
        if (p.empty() || p.size() > 4 || !all_digits(p)) return -1;
        return std::stoi(std::string(p));
    };
    if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
        const int y = number(s.substr(0, 4)), m = number(s.substr(5, 2)), d = number(s.substr(8, 2));
        if (y < 0 || m < 0 || d < 0) return std::nullopt;
        return core::Date::from_ymd(y, m, d);
    }
    if (!s.empty() && s.back() == '.') s.remove_suffix(1);
    const auto p1 = s.find('.');
    if (p1 == std::string_view::npos) return std::nullopt;
    const auto p2 = s.find('.', p1 + 1);
    if (p2 == std::string_view::npos) return std::nullopt;
    const auto year_text = s.substr(p2 + 1);
    if (year_text.size() != 4) return std::nullopt;
    const int d = number(s.substr(0, p1)), m = number(s.substr(p1 + 1, p2 - p1 - 1)), y = number(year_text);
    if (d < 0 || m < 0 || y < 0 || p1 > 2 || p2 - p1 - 1 > 2) return std::nullopt;
    return core::Date::from_ymd(y, m, d);
}

std::optional<int> parse_count(std::string_view s) {
    if (!all_digits(s) || s.size() > 6) return std::nullopt;
    return std::stoi(std::string(s));
}

std::size_t ImportPlan::count(RowStatus s) const {
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [s](const PlannedRow& r) { return r.status == s; }));
}

std::vector<RowError> ImportPlan::row_errors() const {
    std::vector<RowError> out;
    for (const auto& r : rows) out.insert(out.end(), r.errors.begin(), r.errors.end());
    return out;
}

LoadedFile load_file(const std::string& path, ImportKind kind, const std::string& sheet,
                     const std::vector<MappingOverride>& overrides) {
    LoadedFile f;
    auto read = read_table(path, read_options_for(kind, sheet));
    if (!read.ok()) {
        f.errors.push_back(*read.error);
        return f;
    }
    f.table = std::move(read.table);
    f.mapping = map_columns(kind, *f.table, overrides);
    f.errors = f.mapping.errors;
    return f;
}

ImportPlan plan_import(store::Database& db, const Table& t, ImportKind kind, const Mapping& m,
                       const ImportContext& ctx) {
    ImportPlan plan;
    plan.kind = kind;
    plan.source = t.source;
    for (const auto& [key, col] : m.columns)
        if (col < t.headers.size()) plan.field_columns[key] = t.headers[col];
    for (const auto& h : t.dropped_headers) {
        if (auto why = ignored_column_reason(kind, h))
            plan.ignored_columns.emplace_back(h, *why);
        else
            plan.private_columns.push_back(h);
    }
    std::vector<bool> used(t.headers.size(), false);
    for (const auto& [key, col] : m.columns)
        if (col < used.size()) used[col] = true;
    for (std::size_t i = 0; i < t.headers.size(); ++i)
        if (!used[i]) plan.unmapped_columns.push_back(t.headers[i]);
    for (const auto& f : fields_of(kind))
        if (f.required && !m.column_of(f.key))
            plan.errors.push_back(
                {"mapping." + f.key, "required", "No column gives the " + f.label + " (" + f.key + ")."});
    if (!plan.errors.empty()) return plan;
    switch (kind) {
        case ImportKind::uses:
            plan_uses(db, t, m, ctx, plan);
            break;
        case ImportKind::cards:
            plan_cards(db, t, m, ctx, plan);
            break;
        case ImportKind::areas:
            plan_areas(db, t, m, plan);
            break;
        case ImportKind::sites:
            plan_sites(db, t, m, plan);
            break;
    }
    return plan;
}

}  // namespace kaiku::import
