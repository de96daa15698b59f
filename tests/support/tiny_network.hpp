// A tiny hand-made register for report tests, written with plain SQL into a client database.
#pragma once

#include <string>

#include "store/database.hpp"

namespace kaiku::test {

struct TinyNetwork {
    store::Database& db;
    int n = 0;

    void area(const std::string& id, const std::string& prefix, const std::string& fi, const std::string& sv = "") {
        db.sql() << "INSERT INTO area (id, prefix, name_fi, name_sv, name_en, status) VALUES ('" + id + "', '" +
                        prefix + "', '" + fi + "', '" + sv + "', '', 'permanent')";
        db.sql() << "INSERT INTO organisation (id, area_id, name) VALUES ('org-" + id + "', '" + id + "', 'Org')";
    }
    void municipality(const std::string& code, const std::string& area_id, const std::string& name, int joined) {
        db.sql() << "INSERT INTO municipality (code, area_id, name_fi, name_sv, joined_year) VALUES ('" + code +
                        "', '" + area_id + "', '" + name + "', '', " + std::to_string(joined) + ")";
    }
    // A complete, active site with contact and commitment.
    void site(const std::string& id, const std::string& area_id, const std::string& role,
              const std::string& municipality = "", const std::string& status = "active") {
        db.sql() << "INSERT INTO site (id, organisation_id, area_id, role, name, municipality_code, status, joined_on,"
                    " contact_name, contact_email, contact_phone, commitment_on) VALUES ('" +
                        id + "', 'org-" + area_id + "', '" + area_id + "', '" + role + "', 'Site " + id + "', '" +
                        municipality + "', '" + status +
                        "', '2020-01-01', 'Staff Person', 'staff@kaiku.example', '', '2020-01-01')";
    }
    void card(const std::string& id, const std::string& area_id, const std::string& issuer,
              const std::string& registered, const std::string& activated = "", int children = 0,
              const std::string& age_group = "unspecified", const std::string& valid_until = "2030-12-31") {
        db.sql() << "INSERT INTO card (id, area_id, kind, medium, status, issuer_site_id, registered_on, valid_until,"
                    " activated_on, birth_year, postcode, children, age_group) VALUES ('" +
                        id + "', '" + area_id + "', 'personal', 'cardboard', '" +
                        (activated.empty() ? "registered" : "activated") + "', '" + issuer + "', '" + registered +
                        "', '" + valid_until + "', " + (activated.empty() ? "NULL" : "'" + activated + "'") +
                        ", 1980, '00100', " + std::to_string(children) + ", '" + age_group + "')";
    }
    void use(const std::string& card, const std::string& venue, const std::string& on, int adults = 1,
             int children = 0, const std::string& category = "culture", const std::string& event = "",
             int voided = 0) {
        db.sql() << "INSERT INTO usage (id, card_id, venue_site_id, event, used_on, category, item, adults, children,"
                    " entry, voided) VALUES ('u" +
                        std::to_string(++n) + "', '" + card + "', '" + venue + "', '" + event + "', '" + on + "', '" +
                        category + "', 'ticket', " + std::to_string(adults) + ", " + std::to_string(children) +
                        ", 'manual', " + std::to_string(voided) + ")";
    }
};

}  // namespace kaiku::test
