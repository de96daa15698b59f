#include "core/demo_network.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"

namespace kaiku::core::demo {

const std::array<YearFigures, 9>& national_table() {
    static const std::array<YearFigures, 9> t = {{
        {2015, 1000, 180, 610, 1},
        {2016, 2003, 1457, 2117, 9},
        {2017, 3913, 824, 2947, 11},
        {2018, 4528, 1261, 6110, 14},
        {2019, 6095, 1667, 11527, 21},
        {2020, 5984, 959, 9835, 38},
        {2021, 10731, 4363, 26568, 50},
        {2022, 11689, 4433, 41162, 54},
        {2023, 14789, 5608, 51188, 61},
    }};
    return t;
}

YearFigures scaled(const YearFigures& f, double scale) {
    auto s = [&](int v) { return static_cast<int>(std::llround(v * scale)); };
    YearFigures out{f.year, s(f.registered), s(f.activated), s(f.uses), f.municipalities};
    out.activated = std::min(out.activated, out.registered);
    out.uses = std::max(out.uses, out.activated);
    return out;
}

namespace {

// Real municipalities (Statistics Finland codes) grouped into demo areas; the joining years make the
// network's municipality count follow the national table: 1, 9, 11, 14, 21, 38, 50, 54, 61.
struct MunicipalitySeed {
    const char* code;
    const char* name_fi;
    const char* name_sv;
    int joined;
    int population_k;     // rough population in thousands: weights cards and sites
    const char* postcode;  // first three digits of a typical postcode
};

struct AreaSeed {
    const char* prefix;
    const char* name_fi;
    const char* name_sv;
    const char* name_en;
    const char* county;
    std::vector<MunicipalitySeed> municipalities;
};

const std::vector<AreaSeed>& area_seeds() {
    static const std::vector<AreaSeed> seeds = {
        {"KAI", "Kainuu", "Kajanaland", "Kainuu", "Kainuun hyvinvointialue",
         {{"205", "Kajaani", "Kajana", 2015, 36, "871"},
          {"105", "Hyrynsalmi", "Hyrynsalmi", 2016, 2, "891"},
          {"290", "Kuhmo", "Kuhmo", 2016, 8, "889"},
          {"578", "Paltamo", "Paltamo", 2016, 3, "886"},
          {"620", "Puolanka", "Puolanka", 2016, 2, "893"},
          {"697", "Ristijärvi", "Ristijärvi", 2016, 1, "892"},
          {"765", "Sotkamo", "Sotkamo", 2016, 10, "886"},
          {"777", "Suomussalmi", "Suomussalmi", 2016, 7, "896"}}},
        {"TRE", "Tampere", "Tammerfors", "Tampere", "Pirkanmaan hyvinvointialue",
         {{"837", "Tampere", "Tammerfors", 2016, 250, "331"}}},
        {"ESP", "Espoo", "Esbo", "Espoo", "Länsi-Uudenmaan hyvinvointialue",
         {{"049", "Espoo", "Esbo", 2017, 305, "021"}}},
        {"LPR", "Lappeenranta", "Villmanstrand", "Lappeenranta", "Etelä-Karjalan hyvinvointialue",
         {{"405", "Lappeenranta", "Villmanstrand", 2017, 73, "538"}}},
        {"SLN", "Savonlinna", "Nyslott", "Savonlinna", "Etelä-Savon hyvinvointialue",
         {{"740", "Savonlinna", "Nyslott", 2018, 32, "571"}}},
        {"OUL", "Oulu", "Uleåborg", "Oulu", "Pohjois-Pohjanmaan hyvinvointialue",
         {{"564", "Oulu", "Uleåborg", 2018, 214, "901"}}},
        {"KOK", "Kokkola", "Karleby", "Kokkola", "Keski-Pohjanmaan hyvinvointialue",
         {{"272", "Kokkola", "Karleby", 2018, 48, "671"}}},
        {"PIR", "Pirkanmaan kehyskunnat", "Birkalands kranskommuner", "Tampere region", "Pirkanmaan hyvinvointialue",
         {{"536", "Nokia", "Nokia", 2019, 35, "371"},
          {"980", "Ylöjärvi", "Ylöjärvi", 2019, 33, "334"},
          {"211", "Kangasala", "Kangasala", 2019, 33, "366"},
          {"418", "Lempäälä", "Lempäälä", 2019, 24, "375"},
          {"604", "Pirkkala", "Birkala", 2019, 20, "339"},
          {"562", "Orivesi", "Orivesi", 2019, 9, "353"},
          {"908", "Valkeakoski", "Valkeakoski", 2019, 21, "378"}}},
        {"EKA", "Etelä-Karjala", "Södra Karelen", "South Karelia", "Etelä-Karjalan hyvinvointialue",
         {{"153", "Imatra", "Imatra", 2020, 25, "551"},
          {"416", "Lemi", "Lemi", 2020, 3, "549"},
          {"441", "Luumäki", "Luumäki", 2020, 5, "547"},
          {"580", "Parikkala", "Parikkala", 2020, 5, "594"},
          {"689", "Rautjärvi", "Rautjärvi", 2020, 3, "561"},
          {"700", "Ruokolahti", "Ruokolahti", 2020, 5, "563"},
          {"739", "Savitaipale", "Savitaipale", 2020, 3, "548"},
          {"831", "Taipalsaari", "Taipalsaari", 2020, 5, "549"}}},
        {"KPO", "Keski-Pohjanmaa", "Mellersta Österbotten", "Central Ostrobothnia", "Keski-Pohjanmaan hyvinvointialue",
         {{"217", "Kannus", "Kannus", 2020, 5, "692"},
          {"236", "Kaustinen", "Kaustby", 2020, 4, "696"},
          {"069", "Halsua", "Halsua", 2020, 1, "695"},
          {"421", "Lestijärvi", "Lestijärvi", 2020, 1, "694"},
          {"584", "Perho", "Perho", 2020, 3, "699"},
          {"849", "Toholampi", "Toholampi", 2020, 3, "693"},
          {"924", "Veteli", "Vetil", 2020, 3, "697"}}},
        {"VAA", "Vaasa", "Vasa", "Vaasa", "Pohjanmaan hyvinvointialue",
         {{"905", "Vaasa", "Vasa", 2020, 68, "651"}}},
        {"PED", "Pedersöre", "Pedersöre", "Pedersöre", "Pohjanmaan hyvinvointialue",
         {{"599", "Pedersöre", "Pedersöre", 2020, 11, "686"}}},
        {"PKA", "Pohjois-Karjala", "Norra Karelen", "North Karelia", "Pohjois-Karjalan hyvinvointialue",
         {{"167", "Joensuu", "Joensuu", 2021, 77, "801"},
          {"260", "Kitee", "Kides", 2021, 10, "821"},
          {"422", "Lieksa", "Lieksa", 2021, 11, "819"},
          {"541", "Nurmes", "Nurmes", 2021, 7, "752"},
          {"309", "Outokumpu", "Outokumpu", 2021, 6, "835"},
          {"146", "Ilomantsi", "Ilomants", 2021, 5, "829"},
          {"176", "Juuka", "Juga", 2021, 4, "839"},
          {"276", "Kontiolahti", "Kontiolax", 2021, 15, "811"},
          {"426", "Liperi", "Libelits", 2021, 12, "834"},
          {"607", "Polvijärvi", "Polvijärvi", 2021, 4, "837"},
          {"707", "Rääkkylä", "Rääkkylä", 2021, 2, "822"},
          {"848", "Tohmajärvi", "Tohmajärvi", 2021, 4, "826"}}},
        {"JKL", "Jyväskylän seutu", "Jyväskyläregionen", "Jyväskylä region", "Keski-Suomen hyvinvointialue",
         {{"179", "Jyväskylä", "Jyväskylä", 2022, 146, "401"},
          {"500", "Muurame", "Muurame", 2022, 10, "419"},
          {"410", "Laukaa", "Laukas", 2022, 19, "413"},
          {"992", "Äänekoski", "Äänekoski", 2022, 18, "446"}}},
        {"KUO", "Kuopio", "Kuopio", "Kuopio", "Pohjois-Savon hyvinvointialue",
         {{"297", "Kuopio", "Kuopio", 2023, 123, "701"}, {"749", "Siilinjärvi", "Siilinjärvi", 2023, 21, "714"}}},
        {"MIK", "Mikkeli", "S:t Michel", "Mikkeli", "Etelä-Savon hyvinvointialue",
         {{"491", "Mikkeli", "S:t Michel", 2023, 52, "501"}, {"593", "Pieksämäki", "Pieksämäki", 2023, 17, "761"}}},
        {"LAP", "Lappi", "Lappland", "Lapland", "Lapin hyvinvointialue",
         {{"698", "Rovaniemi", "Rovaniemi", 2023, 64, "961"},
          {"240", "Kemi", "Kemi", 2023, 20, "941"},
          {"851", "Tornio", "Torneå", 2023, 21, "954"}}},
    };
    return seeds;
}

constexpr const char* kIssuerUnits[] = {
    "aikuissosiaalityö",   "mielenterveyspalvelut", "työllisyyspalvelut", "päihdepalvelut",
    "vammaispalvelut",     "perhekeskus",           "nuorten ohjaamo",    "maahanmuuttajapalvelut",
    "diakoniatyö",         "asumisneuvonta",        "kotihoito",          "sosiaalinen kuntoutus",
};
constexpr const char* kVenueWords[] = {"Aalto", "Kajo", "Tähti", "Lumo", "Virta", "Kaiku", "Raita",
                                       "Usva", "Kide", "Pilke", "Revontuli", "Ilta", "Helmi", "Satama"};
struct VenueKind {
    const char* fi;
    Category category;
};
constexpr VenueKind kVenueKinds[] = {
    {"Teatteri", Category::culture},       {"Museo", Category::culture},
    {"Konserttitalo", Category::culture},  {"Elokuvateatteri", Category::culture},
    {"Tanssistudio", Category::culture},   {"Kansalaisopisto", Category::education},
    {"Taidekoulu", Category::education},   {"Tiedekeskus", Category::science},
    {"Luontokeskus", Category::science},   {"Uimahalli", Category::sports},
    {"Liikuntakeskus", Category::sports},  {"Palloiluseura", Category::sports},
};
constexpr const char* kFirstNames[] = {"Aino", "Eero", "Helmi", "Ilari", "Kaisla", "Lauri", "Minea",
                                       "Niilo", "Outi", "Paavo", "Ronja", "Sampo", "Tuuli", "Veikko"};
constexpr const char* kLastNames[] = {"Harjuvaara", "Kalliola", "Lehtoranta", "Mäntykivi", "Niittylä",
                                      "Rantasalo", "Salmenkylä", "Tervaniemi", "Uusikorpi", "Vainiola"};

class Generator {
public:
    Generator(const Options& o, Sink& sink) : opt_(o), sink_(sink), rng_(o.seed) {}

    Summary run() {
        make_network();
        const auto& table = national_table();
        int carry_in = 0;  // cards registered last year that are first used this year
        for (std::size_t i = 0; i < table.size(); ++i) {
            const auto fig = scaled(table[i], opt_.scale);
            const int next_activated = i + 1 < table.size() ? scaled(table[i + 1], opt_.scale).activated : 0;
            carry_in = run_year(fig, carry_in, next_activated);
        }
        make_quotas();
        return summary_;
    }

private:
    struct MunicipalityInfo {
        const MunicipalitySeed* seed;
        std::size_t area;
    };
    struct SiteInfo {
        std::string id;
        int joined_year;
        Category category = Category::culture;  // venues only
    };
    struct AreaInfo {
        Area area;
        int start_year = 0;
        std::vector<SiteInfo> issuers, venues;  // sorted by joined_year once the network is made
        std::uint32_t next_serial = 1;
    };
    struct CardInfo {  // what later years need to know about a card
        std::string id;
        std::size_t area;
        std::string issuer;
        Date registered, valid_until;
        std::optional<Date> activated;
        int children;
        bool community;
    };

    std::string uuid() {
        // Deterministic UUID (version 4 layout) from the seeded generator.
        std::uniform_int_distribution<std::uint64_t> d;
        std::uint64_t hi = d(rng_), lo = d(rng_);
        hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
        lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
        char buf[40];
        std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                      static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                      static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
        return buf;
    }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    template <class T, std::size_t N>
    const T& pick(const T (&arr)[N]) {
        return arr[static_cast<std::size_t>(uniform(0, static_cast<int>(N) - 1))];
    }
    Date day_between(Date a, Date b) { return Date::from_days(uniform(a.days(), std::max(a.days(), b.days()))); }
    static Date jan1(int y) { return *Date::from_ymd(y, 1, 1); }
    static Date dec31(int y) { return *Date::from_ymd(y, 12, 31); }

    Contact contact() {
        const std::string first = pick(kFirstNames), last = pick(kLastNames);
        auto ascii = [](std::string s) {
            std::string out;
            for (std::size_t i = 0; i < s.size(); ++i) {
                const unsigned char c = static_cast<unsigned char>(s[i]);
                if (c == 0xC3 && i + 1 < s.size()) {  // ä ö å in UTF-8
                    const unsigned char n = static_cast<unsigned char>(s[++i]);
                    out += (n == 0xA4 || n == 0x84 || n == 0xA5 || n == 0x85) ? 'a' : 'o';
                } else {
                    out += static_cast<char>(std::tolower(c));
                }
            }
            return out;
        };
        char phone[32];
        std::snprintf(phone, sizeof phone, "+358 40 000 %04d", uniform(0, 9999));
        return {first + " " + last, ascii(first) + "." + ascii(last) + "@kaiku.example", phone};
    }

    void make_network() {
        const auto& seeds = area_seeds();
        int total_weight = 0;
        for (const auto& s : seeds)
            for (const auto& m : s.municipalities) total_weight += m.population_k;
        const int total_sites = std::max(static_cast<int>(std::llround(1000 * opt_.scale)), 2 * int(seeds.size()));

        for (const auto& s : seeds) {
            AreaInfo info;
            Area& a = info.area;
            a.id = uuid();
            a.prefix = s.prefix;
            a.name_fi = s.name_fi;
            a.name_sv = s.name_sv;
            a.name_en = s.name_en;
            a.wellbeing_county = s.county;
            int weight = 0;
            info.start_year = 9999;
            for (const auto& m : s.municipalities) {
                a.municipalities.push_back({m.code, m.name_fi, m.name_sv, m.joined});
                info.start_year = std::min(info.start_year, m.joined);
                weight += m.population_k;
                municipalities_.push_back({&m, areas_.size()});
            }
            a.status = info.start_year >= 2023 ? AreaStatus::pilot : AreaStatus::permanent;
            a.pilot_start = jan1(info.start_year);
            if (a.status == AreaStatus::pilot) a.pilot_end = dec31(info.start_year + 2);
            sink_.area(a);
            ++summary_.areas;

            // Sites: proportional to population, at least one issuer and one venue; ~54 % issuers.
            const int sites = std::max(2, static_cast<int>(std::llround(double(total_sites) * weight / total_weight)));
            const int issuers = std::max(1, static_cast<int>(std::llround(sites * 0.54)));
            const int venues = std::max(1, sites - issuers);
            Organisation county_org{uuid(), a.id, s.county, ""};
            sink_.organisation(county_org);
            ++summary_.organisations;
            for (int i = 0; i < issuers; ++i) make_site(info, s, county_org, SiteRole::issuer, i);
            for (int i = 0; i < venues; ++i) make_site(info, s, county_org, SiteRole::venue, i);
            auto by_year = [](const SiteInfo& a, const SiteInfo& b) { return a.joined_year < b.joined_year; };
            std::stable_sort(info.issuers.begin(), info.issuers.end(), by_year);
            std::stable_sort(info.venues.begin(), info.venues.end(), by_year);
            areas_.push_back(std::move(info));
        }
        make_users_and_rules();
    }

    void make_site(AreaInfo& info, const AreaSeed& s, const Organisation& county_org, SiteRole role, int index) {
        const auto& m = s.municipalities[static_cast<std::size_t>(index) % s.municipalities.size()];
        // The first site of each role joins with the area; later ones over the following years.
        const int joined_year = index == 0 ? info.start_year : std::min(2023, m.joined + uniform(0, 3));
        Site site;
        site.id = uuid();
        site.area_id = info.area.id;
        site.role = role;
        site.municipality_code = m.code;
        char postcode[8];
        std::snprintf(postcode, sizeof postcode, "%s%02d", m.postcode, uniform(0, 9) * 10);
        site.postcode = postcode;
        site.street_address = std::string(pick(kVenueWords)) + "katu " + std::to_string(uniform(1, 60));
        site.status = chance(0.93) ? SiteStatus::active : SiteStatus::paused;
        site.joined_on = jan1(joined_year).plus_days(index == 0 ? 0 : uniform(0, 200));
        site.contact = contact();
        if (chance(0.8)) {
            site.commitment_acknowledged_on = Date::from_ymd(2025, uniform(1, 10), uniform(1, 28));
            site.commitment_version = "2025-1";
        }
        if (role == SiteRole::issuer) {
            site.organisation_id = county_org.id;
            // Units cycle through the list per municipality, so names within a municipality differ.
            const std::size_t per_municipality = static_cast<std::size_t>(index) / s.municipalities.size();
            constexpr std::size_t units = std::size(kIssuerUnits);
            site.name = std::string(m.name_fi) + ", " + kIssuerUnits[per_municipality % units];
            if (per_municipality >= units) site.name += " " + std::to_string(per_municipality / units + 1);
            if (index % 7 == 6) {  // some issuers are NGOs with an organisation of their own
                // NGO names step through the word list too, so no two in an area are the same.
                const std::size_t n = static_cast<std::size_t>(index) / 7, words = std::size(kVenueWords);
                std::string ngo_name = std::string("Kohtaamispaikka ") + kVenueWords[n % words];
                if (n >= words) ngo_name += " " + std::to_string(n / words + 1);
                Organisation ngo{uuid(), info.area.id, ngo_name + " ry", ""};
                sink_.organisation(ngo);
                ++summary_.organisations;
                site.organisation_id = ngo.id;
                site.name = ngo.name + ", " + m.name_fi;
            }
            sink_.site(site);
            info.issuers.push_back({site.id, joined_year});
        } else {
            // Kind and name cycle too: every venue of an area has a name of its own.
            constexpr std::size_t kinds = std::size(kVenueKinds), words = std::size(kVenueWords);
            const auto i = static_cast<std::size_t>(index) + areas_.size() * 5;  // areas start at different names
            const auto& kind = kVenueKinds[i % kinds];
            // The word index steps by 5 per venue (coprime with 14): names vary, and stay unique per kind.
            std::string name = std::string(kind.fi) + " " + kVenueWords[(5 * i + i / kinds) % words];
            if (i >= kinds * words) name += " " + std::to_string(i / (kinds * words) + 1);
            Organisation org{uuid(), info.area.id, name + " ry", ""};
            sink_.organisation(org);
            ++summary_.organisations;
            site.organisation_id = org.id;
            site.name = org.name.substr(0, org.name.size() - 3) + ", " + m.name_fi;
            sink_.site(site);
            VenueProfile p;
            p.site_id = site.id;
            p.categories = {kind.category};
            p.offers = kind.category == Category::education ? "Kurssipaikkoja syys- ja kevätkaudella."
                                                            : "Vapaalippuja kaikkiin omiin tapahtumiin.";
            p.booking_channels = "Lipunmyynti paikan päällä; puhelin";
            p.accessibility_notes = chance(0.7) ? "Esteetön sisäänkäynti, induktiosilmukka." : "";
            if (chance(0.3)) p.max_tickets_per_event = uniform(2, 10);
            sink_.venue_profile(p);
            info.venues.push_back({site.id, joined_year, kind.category});
        }
        ++summary_.sites;
    }

    void make_users_and_rules() {
        auto add_user = [&](const std::string& login, const std::string& name, Role role, const std::string& scope,
                            Language lang) {
            sink_.user(User{uuid(), login, name, role, scope, lang, true});
            ++summary_.users;
        };
        add_user("kaikukeskus", "Kaikukeskus (demo)", Role::national_service, "", Language::fi);
        for (const auto& a : areas_) {
            std::string login = a.area.prefix;
            std::transform(login.begin(), login.end(), login.begin(), [](unsigned char c) { return std::tolower(c); });
            const Language lang = (a.area.prefix == "VAA" || a.area.prefix == "PED") ? Language::sv : Language::fi;
            add_user("coord-" + login, "Area coordinator " + a.area.name_fi, Role::coordinator_sote, a.area.id, lang);
            add_user("culture-" + login, "Culture coordinator " + a.area.name_fi, Role::coordinator_culture,
                     a.area.id, lang);
            add_user("issuer-" + login, "Issuer staff " + a.area.name_fi, Role::issuer_staff, a.issuers.front().id,
                     lang);
            add_user("venue-" + login, "Venue staff " + a.area.name_fi, Role::venue_staff, a.venues.front().id, lang);
            Rule r{uuid(), RuleScope::area, a.area.id, RuleKind::max_courses_per_year, 2, 0, jan1(a.start_year), {}};
            sink_.rule(r);
            ++summary_.rules;
        }
        sink_.rule(Rule{uuid(), RuleScope::national, "", RuleKind::max_tickets_per_event, 11, 0, jan1(2015), {}});
        ++summary_.rules;
    }

    // Municipalities that are in the network in `year`, with population weights.
    std::size_t pick_municipality(int year) {
        int total = 0;
        for (const auto& m : municipalities_)
            if (m.seed->joined <= year) total += m.seed->population_k;
        int r = uniform(0, total - 1);
        for (std::size_t i = 0; i < municipalities_.size(); ++i) {
            const auto& m = municipalities_[i];
            if (m.seed->joined > year) continue;
            r -= m.seed->population_k;
            if (r < 0) return i;
        }
        return municipalities_.size() - 1;
    }

    // A site that had joined by `year` (sites are sorted by joining year; the first joined with the area).
    const SiteInfo& pick_site(const std::vector<SiteInfo>& sites, int year) {
        const auto end = std::upper_bound(sites.begin(), sites.end(), year,
                                          [](int y, const SiteInfo& s) { return y < s.joined_year; });
        const auto n = std::max<std::ptrdiff_t>(1, end - sites.begin());
        return sites[static_cast<std::size_t>(uniform(0, static_cast<int>(n) - 1))];
    }

    HolderProfile holder(const MunicipalitySeed& m, int year) {
        HolderProfile h;
        const int age = std::clamp(static_cast<int>(std::normal_distribution<double>(45, 16)(rng_)), 16, 88);
        h.birth_year = year - age;
        char postcode[8];
        std::snprintf(postcode, sizeof postcode, "%s%02d", m.postcode, uniform(0, 9) * 10);
        h.postcode = postcode;
        const int r = uniform(0, 99);
        h.children = r < 65 ? 0 : r < 80 ? 1 : r < 90 ? 2 : r < 96 ? 3 : 4;
        const int g = uniform(0, 99);
        h.gender = g < 56 ? Gender::female : g < 92 ? Gender::male : g < 95 ? Gender::other : Gender::unspecified;
        h.life_situation = static_cast<LifeSituation>(uniform(0, 7));
        h.age_group = chance(0.2)   ? AgeGroup::unspecified
                      : age < 30    ? AgeGroup::age_16_29
                      : age < 65    ? AgeGroup::age_30_64
                                    : AgeGroup::age_65_plus;
        return h;
    }

    // Makes one year's cards and uses; returns how many of this year's cards are first used next year.
    int run_year(const YearFigures& fig, int carry_in, int next_activated) {
        const int y = fig.year;
        std::vector<CardInfo> cards;
        std::vector<std::size_t> muni_of;
        cards.reserve(static_cast<std::size_t>(fig.registered));
        for (int i = 0; i < fig.registered; ++i) {
            const std::size_t mi = pick_municipality(y);
            const auto& mun = municipalities_[mi];
            CardInfo c;
            c.area = mun.area;
            c.issuer = pick_site(areas_[mun.area].issuers, y).id;
            c.registered = day_between(jan1(y), dec31(y));
            c.valid_until = validity_end(c.registered);
            c.community = chance(0.01);
            c.children = 0;
            cards.push_back(std::move(c));
            muni_of.push_back(mi);
        }
        // Activation plan: (activated - carry_in) of this year's cards are first used this year,
        // a quarter of next year's activations come from this year's cards.
        const int now = std::clamp(fig.activated - carry_in, 0, fig.registered);
        std::vector<std::size_t> order(cards.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), rng_);
        int carry_out = 0;
        const int want_carry = std::min(next_activated / 4, fig.registered - now);
        for (std::size_t k = 0; k < order.size(); ++k) {
            CardInfo& c = cards[order[k]];
            if (static_cast<int>(k) < now) {
                c.activated = day_between(c.registered, std::min(c.valid_until, dec31(y)));
            } else if (carry_out < want_carry && c.valid_until >= jan1(y + 1)) {
                c.activated = day_between(jan1(y + 1), c.valid_until);
                ++carry_out;
            }
        }
        emit_cards(y, cards, muni_of);
        emit_uses(fig, cards);
        prev_ = std::move(cards);
        return carry_out;
    }

    void emit_cards(int y, std::vector<CardInfo>& cards, const std::vector<std::size_t>& muni_of) {
        // One printed batch per area and year, a sub-range allocated to each issuer that registered cards,
        // with 10 % spare stock; serials follow registration order within an allocation.
        std::vector<std::size_t> idx(cards.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
            const auto& ca = cards[a];
            const auto& cb = cards[b];
            return std::tie(ca.area, ca.issuer, ca.registered) < std::tie(cb.area, cb.issuer, cb.registered);
        });
        std::size_t i = 0;
        while (i < idx.size()) {
            const std::size_t area = cards[idx[i]].area;
            std::size_t end = i;
            while (end < idx.size() && cards[idx[end]].area == area) ++end;
            AreaInfo& ai = areas_[area];
            CardBatch batch{uuid(), ai.area.id, ai.next_serial, ai.next_serial, CardKind::personal,
                            CardMedium::cardboard, jan1(y).plus_days(-30)};
            std::vector<Allocation> allocs;
            std::uint32_t serial = ai.next_serial;
            for (std::size_t j = i; j < end;) {
                std::size_t k = j;
                while (k < end && cards[idx[k]].issuer == cards[idx[j]].issuer) ++k;
                const auto count = static_cast<std::uint32_t>(k - j);
                const std::uint32_t spare = count / 10 + 1;
                allocs.push_back({uuid(), batch.id, cards[idx[j]].issuer, serial, serial + count + spare - 1,
                                  jan1(y).plus_days(-10)});
                for (std::size_t n = j; n < k; ++n) cards[idx[n]].id = format_card_id(ai.area.prefix, serial++);
                serial += spare;
                j = k;
            }
            batch.last_serial = serial - 1;
            ai.next_serial = serial;
            sink_.batch(batch);
            ++summary_.batches;
            for (const auto& a : allocs) sink_.allocation(a);
            summary_.allocations += static_cast<long long>(allocs.size());
            for (std::size_t j = i; j < end; ++j) {
                CardInfo& ci = cards[idx[j]];
                Card c;
                c.id = ci.id;
                c.area_id = ai.area.id;
                c.batch_id = batch.id;
                c.kind = ci.community ? CardKind::community : CardKind::personal;
                c.status = ci.activated ? CardStatus::activated : CardStatus::registered;
                c.issuer_site_id = ci.issuer;
                c.registered_on = ci.registered;
                c.valid_until = ci.valid_until;
                c.activated_on = ci.activated;
                const auto& m = *municipalities_[muni_of[idx[j]]].seed;
                c.holder = holder(m, y);
                if (ci.community) c.holder.children = 0;
                ci.children = c.holder.children;
                sink_.card(c);
                ++summary_.cards;
            }
            i = end;
        }
    }

    void emit_use(const CardInfo& c, Date on) {
        // About one use in ten is outside the holder's home area (cross-area use).
        std::size_t venue_area = c.area;
        if (chance(0.1)) {
            const std::size_t other = static_cast<std::size_t>(uniform(0, static_cast<int>(areas_.size()) - 1));
            if (areas_[other].start_year <= on.year()) venue_area = other;
        }
        const SiteInfo& venue = pick_site(areas_[venue_area].venues, on.year());
        Usage u;
        u.id = uuid();
        u.card_id = c.id;
        u.venue_site_id = venue.id;
        u.used_on = on;
        u.category = venue.category;
        u.item = u.category == Category::education ? UsageItem::course_place
                 : (u.category == Category::sports && chance(0.1)) ? UsageItem::season_pass
                                                                     : UsageItem::ticket;
        if (c.community) {
            u.adults = uniform(1, 2);
            u.children = uniform(2, 8);
        } else {
            u.adults = 1;
            u.children = (c.children > 0 && u.item == UsageItem::ticket && chance(0.5)) ? uniform(1, c.children) : 0;
        }
        u.entry = chance(0.7) ? EntryMethod::scanner : chance(0.5) ? EntryMethod::manual : EntryMethod::paper_form;
        sink_.usage(u);
        ++summary_.uses;
    }

    void emit_uses(const YearFigures& fig, const std::vector<CardInfo>& cards) {
        const int y = fig.year;
        std::vector<const CardInfo*> pool;  // cards with a use window inside this year
        int first_uses = 0;
        for (const auto* list : std::array<const std::vector<CardInfo>*, 2>{&prev_, &cards}) {
            for (const auto& c : *list) {
                if (!c.activated) continue;
                if (c.activated->year() == y) {
                    emit_use(c, *c.activated);
                    ++first_uses;
                }
                if (c.activated->year() <= y && c.valid_until >= jan1(y)) pool.push_back(&c);
            }
        }
        for (int i = first_uses; i < fig.uses && !pool.empty(); ++i) {
            const CardInfo& c = *pool[static_cast<std::size_t>(uniform(0, static_cast<int>(pool.size()) - 1))];
            emit_use(c, day_between(std::max(*c.activated, jan1(y)), std::min(c.valid_until, dec31(y))));
        }
    }

    void make_quotas() {
        for (const auto& a : areas_)
            for (const auto& s : a.issuers) {
                sink_.quota(Quota{uuid(), s.id, jan1(2024), dec31(2024), 20 + uniform(0, 8) * 10});
                ++summary_.quotas;
            }
    }

    Options opt_;
    Sink& sink_;
    std::mt19937_64 rng_;
    Summary summary_;
    std::vector<AreaInfo> areas_;
    std::vector<MunicipalityInfo> municipalities_;
    std::vector<CardInfo> prev_;
};

}  // namespace

Summary generate(const Options& o, Sink& sink) {
    Generator g(o, sink);
    return g.run();
}

}  // namespace kaiku::core::demo
