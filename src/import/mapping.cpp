#include "import/mapping.hpp"

#include <algorithm>
#include <set>

namespace kaiku::import {

std::string_view kind_name(ImportKind k) {
    switch (k) {
        case ImportKind::uses:
            return "uses";
        case ImportKind::cards:
            return "cards";
        case ImportKind::areas:
            return "areas";
        case ImportKind::sites:
            return "sites";
    }
    return {};
}

std::optional<ImportKind> parse_kind(std::string_view s) {
    for (auto k : {ImportKind::uses, ImportKind::cards, ImportKind::areas, ImportKind::sites})
        if (kind_name(k) == s) return k;
    return std::nullopt;
}

std::string normalise_header(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                out += static_cast<char>(c - 'A' + 'a');
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out += static_cast<char>(c);
            continue;
        }
        if (c == 0xC3 && i + 1 < s.size()) {
            const auto d = static_cast<unsigned char>(s[++i]);
            switch (d) {
                case 0xA4:
                case 0x84:
                case 0xA5:
                case 0x85:
                case 0xA0:
                case 0x80:
                case 0xA1:
                case 0x81:
                    out += 'a';
                    break;
                case 0xB6:
                case 0x96:
                case 0xB8:
                case 0x98:
                case 0xB3:
                case 0x93:
                    out += 'o';
                    break;
                case 0xA9:
                case 0x89:
                case 0xA8:
                case 0x88:
                    out += 'e';
                    break;
                case 0xBC:
                case 0x9C:
                    out += 'u';
                    break;
                default:
                    break;
            }
        }
    }
    return out;
}

namespace {

using Specs = std::vector<FieldSpec>;

const Specs kUses = {
    {"card_id",
     "Card number",
     true,
     {"Kortin numero", "Korttinumero", "Kortin tunnus", "Kortti", "Kaikukortti", "Kortin nro", "Kortnummer", "Kort",
      "Kortets nummer", "Card number", "Card ID", "Card", "Card no"}},
    {"used_on",
     "Date",
     true,
     {"Päivämäärä", "Pvm", "Käyttöpäivä", "Päivä", "Datum", "Användningsdatum", "Dag", "Date", "Date of use", "Day"}},
    {"adults", "Adults", false, {"Aikuiset", "Aikuisia", "Aikuisten määrä", "Vuxna", "Antal vuxna", "Adults"}},
    {"children", "Children", false, {"Lapset", "Lapsia", "Lasten määrä", "Barn", "Antal barn", "Children"}},
    {"category", "Category", false, {"Kategoria", "Luokka", "Laji", "Kategori", "Category"}},
    {"venue",
     "Venue",
     false,
     {"Kohde", "Kohteen tunnus", "Toimipiste", "Kaikukortti-kohde", "Kohteen nimi", "Besöksmål", "Verksamhetsställe",
      "Venue", "Venue site", "Venue name", "Site", "Venue ID"}},
    {"event", "Event", false, {"Tapahtuma", "Tilaisuus", "Esitys", "Evenemang", "Event", "Offer"}},
    {"item", "Item", false, {"Tuote", "Lipputyyppi", "Biljettyp", "Typ", "Item", "Ticket type"}},
};

const Specs kCards = {
    {"card_id", "Card number", true, kUses[0].aliases},
    {"issuer",
     "Issuer site",
     false,
     {"Kortinjakaja", "Jakaja", "Jakajataho", "Myöntäjä", "Jakava toimipiste", "Kortutdelare", "Utdelare", "Issuer",
      "Issuer site", "Issuing site"}},
    {"registered_on",
     "Registered on",
     true,
     {"Rekisteröity", "Rekisteröintipäivä", "Myönnetty", "Myöntämispäivä", "Jakopäivä", "Registrerad",
      "Registreringsdatum", "Utdelad", "Registered", "Registered on", "Issued", "Issued on"}},
    {"valid_until",
     "Valid until",
     false,
     {"Voimassa", "Voimassa asti", "Viimeinen voimassaolopäivä", "Giltig till", "Giltig", "Valid until", "Valid to",
      "Expires"}},
    {"birth_year", "Birth year", true, {"Syntymävuosi", "Födelseår", "Birth year", "Year of birth"}},
    {"postcode",
     "Postcode",
     true,
     {"Postinumero", "Postnro", "Postnummer", "Postcode", "Postal code", "Zip code", "Zip"}},
    {"children",
     "Children",
     false,
     {"Lapset", "Lapsia", "Lasten määrä", "Lapsimäärä", "Barn", "Antal barn", "Children", "Number of children"}},
    {"gender", "Gender", false, {"Sukupuoli", "Kön", "Gender"}},
    {"life_situation", "Life situation", false, {"Elämäntilanne", "Livssituation", "Life situation"}},
    {"age_group", "Age group", false, {"Ikäryhmä", "Åldersgrupp", "Age group"}},
};

const Specs kAreas = {
    {"id", "Area ID", false, {"Tunniste", "ID", "Area ID", "UUID"}},
    {"prefix",
     "Card ID prefix",
     true,
     {"Etuliite", "Kortin etuliite", "Tunnus", "Alueen tunnus", "Prefix", "Kortprefix", "Card prefix",
      "Card ID prefix"}},
    {"name_fi",
     "Finnish name",
     true,
     {"Nimi", "Nimi suomeksi", "Suomenkielinen nimi", "Namn på finska", "Finskt namn", "Name fi", "Finnish name",
      "Name"}},
    {"name_sv",
     "Swedish name",
     false,
     {"Nimi ruotsiksi", "Ruotsinkielinen nimi", "Namn", "Namn på svenska", "Svenskt namn", "Name sv", "Swedish name"}},
    {"name_en",
     "English name",
     false,
     {"Nimi englanniksi", "Englanninkielinen nimi", "Namn på engelska", "Engelskt namn", "Name en", "English name"}},
    {"wellbeing_county",
     "Wellbeing services county",
     false,
     {"Hyvinvointialue", "Välfärdsområde", "Wellbeing services county", "County"}},
    {"status", "Status", false, {"Tila", "Vaihe", "Status", "Läge", "Stage"}},
    {"pilot_start",
     "Pilot start",
     false,
     {"Kokeilu alkaa", "Kokeilun alku", "Försöket börjar", "Försök start", "Pilot start", "Pilot starts"}},
    {"pilot_end",
     "Pilot end",
     false,
     {"Kokeilu päättyy", "Kokeilun loppu", "Försöket slutar", "Försök slut", "Pilot end", "Pilot ends"}},
    {"municipalities", "Municipalities", false, {"Kunnat", "Kommuner", "Municipalities"}},
};

const Specs kSites = {
    {"id", "Site ID", false, {"Tunniste", "ID", "Site ID", "UUID"}},
    {"area", "Area", true, {"Alue", "Kaikukortti-alue", "Område", "Area"}},
    {"organisation", "Organisation", true, {"Organisaatio", "Yhteisö", "Organisation", "Organization"}},
    {"role", "Role", true, {"Rooli", "Tyyppi", "Roll", "Typ", "Role", "Type"}},
    {"name",
     "Site name",
     true,
     {"Nimi", "Toimipiste", "Toimipisteen nimi", "Namn", "Verksamhetsställe", "Name", "Site name", "Site"}},
    {"street_address",
     "Street address",
     false,
     {"Katuosoite", "Osoite", "Käyntiosoite", "Gatuadress", "Adress", "Besöksadress", "Street address", "Address"}},
    {"postcode", "Postcode", false, kCards[5].aliases},
    {"municipality_code",
     "Municipality code",
     false,
     {"Kuntanumero", "Kuntakoodi", "Kunta", "Kommunnummer", "Kommunkod", "Kommun", "Municipality code",
      "Municipality"}},
    {"status", "Status", false, {"Tila", "Status", "Läge"}},
    {"joined_on",
     "Joined on",
     false,
     {"Liittynyt", "Liittymispäivä", "Anslöt", "Anslutningsdatum", "Joined", "Joined on"}},
    {"contact_name",
     "Contact person",
     false,
     {"Yhteyshenkilö", "Kontaktperson", "Contact person", "Contact name", "Contact"}},
    {"contact_email",
     "Contact e-mail",
     false,
     {"Sähköposti", "Yhteyshenkilön sähköposti", "E-post", "E-postadress", "Email", "E-mail", "Contact email"}},
    {"contact_phone",
     "Contact phone",
     false,
     {"Puhelin", "Puhelinnumero", "Yhteyshenkilön puhelin", "Telefon", "Telefonnummer", "Phone", "Contact phone"}},
};

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

}  // namespace

const std::vector<FieldSpec>& fields_of(ImportKind k) {
    switch (k) {
        case ImportKind::uses:
            return kUses;
        case ImportKind::cards:
            return kCards;
        case ImportKind::areas:
            return kAreas;
        case ImportKind::sites:
            return kSites;
    }
    return kUses;
}

const FieldSpec* find_field(ImportKind k, std::string_view key) {
    for (const auto& f : fields_of(k))
        if (f.key == key) return &f;
    return nullptr;
}

bool is_private_column(ImportKind k, std::string_view header) {
    if (k != ImportKind::uses && k != ImportKind::cards) return false;
    const std::string h = normalise_header(header);
    static const std::set<std::string> exact = {"nimi",       "name",          "namn",   "kokonimi",   "fullname",
                                                "hetu",       "ssn",           "pin",    "hlotunnus",  "htunnus",
                                                "haltija",    "kortinhaltija", "holder", "cardholder", "kortinnehavare",
                                                "innehavare", "asiakas",       "client", "klient",     "puh",
                                                "tel",        "mobile"};
    if (exact.count(h)) return true;
    static const char* const parts[] = {
        "henkilotunnus", "personbeteckning", "personnummer", "identitycode", "socialsecurity", "idnumber",
        "syntymaaika",   "syntymapaiva",     "fodelsedatum", "fodelsedag",   "birthdate",      "dateofbirth",
        "osoite",        "address",          "adress",       "etunimi",      "sukunimi",       "fornamn",
        "efternamn",     "firstname",        "lastname",     "surname",      "givenname",      "puhelin",
        "phone",         "telefon",          "email",        "sahkoposti",   "epost",          "kotikunta"};
    for (const char* p : parts)
        if (contains(h, p)) return true;
    // "Haltijan nimi", "Asiakkaan nimi", "Holder's name", "Kundens namn" ...
    const bool names_a_person = contains(h, "haltija") || contains(h, "holder") || contains(h, "innehavare") ||
                                contains(h, "asiak") || contains(h, "client") || contains(h, "klient") ||
                                contains(h, "kund") || contains(h, "henkilo") || contains(h, "person");
    return names_a_person && (contains(h, "nimi") || contains(h, "name") || contains(h, "namn"));
}

std::optional<std::string> ignored_column_reason(ImportKind k, std::string_view header) {
    if (k != ImportKind::uses && k != ImportKind::cards) return std::nullopt;
    static const std::set<std::string> notes = {"huom",       "huomautus",    "huomautukset", "lisatieto",
                                                "lisatiedot", "kommentti",    "kommentit",    "muistiinpano",
                                                "anteckning", "anteckningar", "kommentar",    "note",
                                                "notes",      "comment",      "comments",     "remarks"};
    if (notes.count(normalise_header(header))) return "free-text notes are not stored: they may name a person";
    return std::nullopt;
}

ReadOptions read_options_for(ImportKind k, std::string sheet) {
    ReadOptions o;
    o.sheet = std::move(sheet);
    o.drop_column = [k](std::string_view h) {
        return is_private_column(k, h) || ignored_column_reason(k, h).has_value();
    };
    return o;
}

MappingResult map_columns(ImportKind k, const Table& t, const std::vector<MappingOverride>& overrides) {
    MappingResult r;
    std::vector<std::string> norm;
    for (const auto& h : t.headers) norm.push_back(normalise_header(h));
    std::set<std::size_t> taken;
    // Aliases are tried in order for every field, so that the most specific name wins per field.
    for (const auto& f : fields_of(k)) {
        for (const auto& alias : f.aliases) {
            const auto a = normalise_header(alias);
            std::optional<std::size_t> hit;
            for (std::size_t i = 0; i < norm.size() && !hit; ++i)
                if (norm[i] == a && !taken.count(i)) hit = i;
            if (hit) {
                r.mapping.columns[f.key] = *hit;
                taken.insert(*hit);
                break;
            }
        }
        if (!r.mapping.columns.count(f.key)) {
            const auto key = normalise_header(f.key);
            for (std::size_t i = 0; i < norm.size(); ++i)
                if (norm[i] == key && !taken.count(i)) {
                    r.mapping.columns[f.key] = i;
                    taken.insert(i);
                    break;
                }
        }
    }
    for (const auto& o : overrides) {
        const FieldSpec* f = find_field(k, o.field);
        if (!f) {
            std::string keys;
            for (const auto& s : fields_of(k)) keys += (keys.empty() ? "" : ", ") + s.key;
            r.errors.push_back({"mapping." + o.field, "unknown_field",
                                "There is no field \"" + o.field + "\" in a " + std::string(kind_name(k)) +
                                    " import (fields: " + keys + ")."});
            continue;
        }
        if (o.column.empty()) {
            r.mapping.columns.erase(f->key);
            continue;
        }
        std::optional<std::size_t> hit;
        for (std::size_t i = 0; i < t.headers.size() && !hit; ++i)
            if (t.headers[i] == o.column) hit = i;
        const auto want = normalise_header(o.column);
        for (std::size_t i = 0; i < norm.size() && !hit; ++i)
            if (norm[i] == want) hit = i;
        if (!hit) {
            const bool dropped = std::any_of(t.dropped_headers.begin(), t.dropped_headers.end(),
                                             [&](const std::string& d) { return normalise_header(d) == want; });
            r.errors.push_back({"mapping." + f->key, dropped ? "not_allowed" : "not_found",
                                dropped ? "Column \"" + o.column + "\" is ignored for privacy and cannot be imported."
                                        : "The file has no column \"" + o.column + "\"."});
            continue;
        }
        // A column moved to another field is no longer read for the field that had it.
        for (auto it = r.mapping.columns.begin(); it != r.mapping.columns.end();)
            it = it->second == *hit && it->first != f->key ? r.mapping.columns.erase(it) : std::next(it);
        r.mapping.columns[f->key] = *hit;
    }
    for (const auto& f : fields_of(k))
        if (f.required && !r.mapping.columns.count(f.key))
            r.errors.push_back(
                {"mapping." + f.key, "required",
                 "No column gives the " + f.label + " (" + f.key + "); name one with " + f.key + "=COLUMN."});
    std::set<std::size_t> used;
    for (const auto& [key, col] : r.mapping.columns) used.insert(col);
    for (std::size_t i = 0; i < t.headers.size(); ++i)
        if (!used.count(i)) r.unmapped_headers.push_back(t.headers[i]);
    return r;
}

}  // namespace kaiku::import
