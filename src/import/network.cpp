// Migration of areas and sites: planning against the cache, and writing through the outbox.
#include <algorithm>
#include <map>

#include "core/validation.hpp"
#include "import/row_id.hpp"
#include "import/row_reader.hpp"
#include "import/table_builder.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_commands.hpp"
#include "sync/outbox.hpp"

namespace kaiku::import {

namespace {

const std::vector<WordList<core::AreaStatus>> kAreaStatuses = {
    {core::AreaStatus::planning, {"planning", "suunnitteilla", "suunnittelu", "valmistelu", "planering", "planned"}},
    {core::AreaStatus::pilot, {"pilot", "kokeilu", "pilotti", "försök", "pilotprojekt"}},
    {core::AreaStatus::permanent, {"permanent", "pysyvä", "vakiintunut", "vakinainen", "permanent", "ordinarie"}},
    {core::AreaStatus::ended, {"ended", "päättynyt", "lopetettu", "avslutad", "avslutat", "closed"}},
};

const std::vector<WordList<core::SiteRole>> kRoles = {
    {core::SiteRole::issuer, {"issuer", "kortinjakaja", "jakaja", "jakajataho", "kortutdelare", "utdelare"}},
    {core::SiteRole::venue, {"venue", "kohde", "kaikukortti-kohde", "besöksmål", "kulttuurikohde", "liikuntakohde"}},
    {core::SiteRole::ticket_agent, {"ticket_agent", "lipunmyyjä", "lippupalvelu", "biljettförsäljare", "ticket agent"}},
};

const std::vector<WordList<core::SiteStatus>> kSiteStatuses = {
    {core::SiteStatus::proposed, {"proposed", "ehdotettu", "ehdolla", "föreslagen", "föreslaget"}},
    {core::SiteStatus::active, {"active", "aktiivinen", "mukana", "aktiv"}},
    {core::SiteStatus::paused, {"paused", "tauolla", "keskeytetty", "pausad", "vilande"}},
    {core::SiteStatus::left, {"left", "lähtenyt", "eronnut", "poistunut", "lämnat", "utträtt"}},
};

template <class E>
std::string first_words(const std::vector<WordList<E>>& list) {
    std::string out;
    for (const auto& w : list) out += (out.empty() ? "" : ", ") + std::string(w.words[0]);
    return out;
}

// "837 Tampere; 536 Nokia / Nokia" (entries split by ';', ',' or new lines; Swedish name after '/').
std::vector<core::Municipality> parse_municipalities(const std::string& cell, const core::Area* existing,
                                                     RowReader& r) {
    std::vector<core::Municipality> out;
    std::string entry;
    auto flush = [&] {
        std::string e = trim_cell(entry);
        entry.clear();
        if (e.empty()) return;
        std::size_t n = 0;
        while (n < e.size() && e[n] >= '0' && e[n] <= '9') ++n;
        core::Municipality m;
        m.code = e.substr(0, n);
        std::string names = trim_cell(e.substr(n));
        if (const auto slash = names.find('/'); slash != std::string::npos) {
            m.name_sv = trim_cell(names.substr(slash + 1));
            names = trim_cell(names.substr(0, slash));
        }
        m.name_fi = names;
        if (m.code.size() != 3) {
            r.fail("municipalities", "invalid_format",
                   "Municipality \"" + e + "\" must start with its 3-digit code (\"837 Tampere\").");
            return;
        }
        if (existing)
            for (const auto& old : existing->municipalities)
                if (old.code == m.code) {
                    if (m.name_fi.empty()) m.name_fi = old.name_fi;
                    if (m.name_sv.empty()) m.name_sv = old.name_sv;
                    m.joined_year = old.joined_year;
                }
        if (m.name_fi.empty()) {
            r.fail("municipalities", "required",
                   "Municipality " + m.code + " needs its name (\"" + m.code + " Name\").");
            return;
        }
        out.push_back(std::move(m));
    };
    for (char c : cell) {
        if (c == ';' || c == ',' || c == '\n')
            flush();
        else
            entry += c;
    }
    flush();
    return out;
}

template <class E>
void read_enum(RowReader& r, const std::string& field, const std::string& label, const std::vector<WordList<E>>& list,
               E& out) {
    const auto c = r.cell(field);
    if (c.empty()) return;
    if (auto v = match_word(list, c))
        out = *v;
    else
        r.fail(field, "invalid_value", label + " \"" + c + "\" is not one of " + first_words(list) + ".");
}

void set_text(RowReader& r, const std::string& field, std::string& out) {
    if (const auto c = r.cell(field); !c.empty()) out = c;
}

void set_date(RowReader& r, const std::string& field, const std::string& label, std::optional<core::Date>& out) {
    if (auto d = r.date(field, label)) out = d;
}

}  // namespace

void plan_areas(store::Database& db, const Table& t, const Mapping& m, ImportPlan& plan) {
    auto existing_areas = store::AreaRepository{db}.list();
    std::map<std::string, long> seen;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        PlannedRow row;
        row.index = i;
        row.row_number = t.row_numbers[i];
        RowReader r(t, m, row);
        std::string prefix = r.cell("prefix");
        for (char& c : prefix)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const std::string id = r.cell("id");
        const core::Area* existing = nullptr;
        for (const auto& a : existing_areas)
            if ((!id.empty() && a.id == id) || (id.empty() && a.prefix == prefix)) existing = &a;
        core::Area a = existing ? *existing : core::Area{};
        if (!existing) a.id = id.empty() ? name_uuid("areas|" + prefix) : id;
        a.prefix = prefix;
        set_text(r, "name_fi", a.name_fi);
        set_text(r, "name_sv", a.name_sv);
        set_text(r, "name_en", a.name_en);
        set_text(r, "wellbeing_county", a.wellbeing_county);
        read_enum(r, "status", "Status", kAreaStatuses, a.status);
        set_date(r, "pilot_start", "Pilot start", a.pilot_start);
        set_date(r, "pilot_end", "Pilot end", a.pilot_end);
        if (const auto c = r.cell("municipalities"); !c.empty()) {
            a.municipalities = parse_municipalities(c, existing, r);
            std::sort(a.municipalities.begin(), a.municipalities.end(),
                      [](const auto& x, const auto& y) { return x.code < y.code; });
        }
        if (!r.failed()) r.fail_all(core::validate(a));
        if (!r.failed()) {
            if (const auto it = seen.find(a.prefix); it != seen.end())
                r.fail("prefix", "duplicate_in_file",
                       "Area " + a.prefix + " is listed already on row " + std::to_string(it->second) + ".");
            seen.emplace(a.prefix, row.row_number);
        }
        if (!r.failed()) {
            row.id = a.id;
            row.updates_existing = existing != nullptr;
            if (existing && net::to_json(*existing) == net::to_json(a)) row.status = RowStatus::duplicate;
            row.area = std::move(a);
        }
        if (!row.errors.empty()) row.status = RowStatus::error;
        plan.rows.push_back(std::move(row));
    }
}

void plan_sites(store::Database& db, const Table& t, const Mapping& m, ImportPlan& plan) {
    const auto areas = store::AreaRepository{db}.list();
    const auto sites = store::SiteRepository{db}.list();
    store::OrganisationRepository orgs{db};
    std::map<std::string, long> seen;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        PlannedRow row;
        row.index = i;
        row.row_number = t.row_numbers[i];
        RowReader r(t, m, row);
        const auto area_cell = r.cell("area");
        const core::Area* area = nullptr;
        for (const auto& a : areas)
            if (a.id == area_cell || a.prefix == area_cell ||
                normalise_header(a.name_fi) == normalise_header(area_cell))
                area = &a;
        if (!area) {
            r.fail("area", area_cell.empty() ? "required" : "not_found",
                   area_cell.empty() ? "Area is required."
                                     : "No area \"" + area_cell + "\" in the data on this computer (give its prefix).");
            plan.rows.push_back(std::move(row));
            plan.rows.back().status = RowStatus::error;
            continue;
        }
        core::SiteRole role = core::SiteRole::venue;
        const bool have_role = !r.cell("role").empty();
        read_enum(r, "role", "Role", kRoles, role);
        const std::string id = r.cell("id"), name = r.cell("name");
        const core::Site* existing = nullptr;
        for (const auto& s : sites) {
            if (!id.empty()
                    ? s.id == id
                    : s.area_id == area->id && s.role == role && normalise_header(s.name) == normalise_header(name))
                existing = &s;
        }
        core::Site s = existing ? *existing : core::Site{};
        if (!existing) {
            s.id = id.empty() ? name_uuid("sites|" + area->id + "|" + std::string(core::enum_name(role)) + "|" +
                                          normalise_header(name))
                              : id;
            s.area_id = area->id;
            s.role = role;
        } else if (have_role && existing->role != role) {
            r.fail("role", "not_allowed", "A site's role cannot change; add a new site instead.");
        }
        if (existing && existing->area_id != area->id)
            r.fail("area", "not_allowed", "An existing site cannot move to another area by import.");
        const auto org_cell = r.cell("organisation");
        std::optional<core::Organisation> org;
        for (const auto& o : orgs.list_for_area(area->id))
            if (o.id == org_cell || normalise_header(o.name) == normalise_header(org_cell)) org = o;
        if (!org)
            r.fail("organisation", org_cell.empty() ? "required" : "not_found",
                   org_cell.empty() ? "Organisation is required."
                                    : "No organisation \"" + org_cell + "\" in area " + area->prefix +
                                          " in the data on this computer.");
        else if (existing && existing->organisation_id != org->id)
            r.fail("organisation", "not_allowed", "An existing site cannot move to another organisation by import.");
        else
            s.organisation_id = org->id;
        set_text(r, "name", s.name);
        set_text(r, "street_address", s.street_address);
        set_text(r, "postcode", s.postcode);
        set_text(r, "municipality_code", s.municipality_code);
        read_enum(r, "status", "Status", kSiteStatuses, s.status);
        set_date(r, "joined_on", "Joined on", s.joined_on);
        set_text(r, "contact_name", s.contact.name);
        set_text(r, "contact_email", s.contact.email);
        set_text(r, "contact_phone", s.contact.phone);
        if (existing && existing->joined_on != s.joined_on)
            r.fail("joined_on", "not_allowed", "The joining date of an existing site cannot be changed by import.");
        if (!r.failed()) r.fail_all(core::validate(s));
        if (!r.failed()) {
            if (const auto it = seen.find(s.id); it != seen.end())
                r.fail("name", "duplicate_in_file",
                       "The site is listed already on row " + std::to_string(it->second) + ".");
            seen.emplace(s.id, row.row_number);
        }
        if (!r.failed()) {
            row.id = s.id;
            row.updates_existing = existing != nullptr;
            if (existing && net::to_json(*existing) == net::to_json(s)) row.status = RowStatus::duplicate;
            row.site = std::move(s);
        }
        if (!row.errors.empty()) row.status = RowStatus::error;
        plan.rows.push_back(std::move(row));
    }
}

// TODO: use sync::upsert_area once available
core::Errors write_area(store::Database& db, const PlannedRow& row) {
    auto errors = core::validate(*row.area);
    if (!errors.empty()) return errors;
    store::Transaction tx(db);
    store::AreaRepository{db}.upsert(*row.area);
    sync::Outbox(db).enqueue("area.upsert", "area", row.area->id, net::to_json(*row.area));
    tx.commit();
    return {};
}

core::Errors write_site(store::Database& db, const PlannedRow& row) {
    const auto& s = *row.site;
    auto errors = core::validate(s);
    if (!errors.empty()) return errors;
    const auto existing = store::SiteRepository{db}.get(s.id);
    if (existing) {
        // An existing site changes through a patch of the changed fields, so that the register can merge it.
        const auto before = net::to_flat_json(*existing), after = net::to_flat_json(s);
        sync::json set = sync::json::object();
        for (const char* f : {"name", "status", "municipality_code", "street_address", "postcode", "contact_name",
                              "contact_email", "contact_phone"})
            if (before.value(f, sync::json()) != after.value(f, sync::json())) set[f] = after[f];
        if (set.empty()) return {};
        return sync::patch_site(db, s.id, set).errors;
    }
    // TODO: use sync::upsert_site once available
    store::Transaction tx(db);
    store::SiteRepository{db}.upsert(s);
    sync::Outbox(db).enqueue("site.upsert", "site", s.id, net::to_json(s));
    tx.commit();
    return {};
}

}  // namespace kaiku::import
