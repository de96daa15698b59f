// Each audit finding on a hand-made network, and none on a clean one.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "report/audit.hpp"
#include "report/export.hpp"
#include "support/temp_dir.hpp"
#include "support/tiny_network.hpp"

using namespace kaiku;
using report::FindingKind;

namespace {

// A clean network: every site has contact and commitment, registrations and uses are recent and in order.
void clean(test::TinyNetwork& n) {
    n.area("a1", "AAA", "Tampere");
    n.site("i1", "a1", "issuer");
    n.site("v1", "a1", "venue");
    n.card("c1", "a1", "i1", "2023-06-01", "2023-06-02", 1);
    n.use("c1", "v1", "2023-06-02", 1, 1, "culture", "concert");
    n.use("c1", "v1", "2023-06-03", 1, 1, "culture", "concert");
    n.use("c1", "v1", "2023-06-02", 1, 0, "culture", "concert", 1);  // voided duplicate: not a double use
    n.db.sql() << "INSERT INTO quota (id, site_id, period_start, period_end, cards) VALUES "
                  "('q1', 'i1', '2023-01-01', '2023-12-31', 1)";
}

report::AuditOptions options() {
    report::AuditOptions o;
    o.from = *core::Date::from_ymd(2023, 1, 1);
    o.to = *core::Date::from_ymd(2023, 12, 31);
    o.today = *core::Date::from_ymd(2023, 7, 1);
    return o;
}

std::vector<report::Finding> of(const std::vector<report::Finding>& all, FindingKind k) {
    std::vector<report::Finding> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [k](const auto& f) { return f.kind == k; });
    return out;
}

}  // namespace

TEST_CASE("a clean network has no audit findings") {
    test::TempDir dir;
    store::Database db(dir.file("a.sqlite"));
    test::TinyNetwork n{db};
    clean(n);
    const auto f = report::audit_network(db, options());
    for (const auto& x : f) MESSAGE(report::finding_title(x.kind) << " " << x.entity_id);
    CHECK(f.empty());
}

TEST_CASE("every audit kind is found and linked to its record") {
    test::TempDir dir;
    store::Database db(dir.file("a.sqlite"));
    test::TinyNetwork n{db};
    clean(n);
    n.site("nocontact", "a1", "venue");
    db.sql() << "UPDATE site SET contact_email = '', contact_phone = '' WHERE id = 'nocontact'";
    n.site("nocommit", "a1", "venue");
    db.sql() << "UPDATE site SET commitment_on = NULL WHERE id = 'nocommit'";
    n.site("idle-issuer", "a1", "issuer");
    n.card("old", "a1", "idle-issuer", "2021-01-01", "2021-01-02", 0, "unspecified", "2022-12-31");
    n.use("old", "v1", "2023-03-01");  // after expiry; also the idle issuer has no registrations in 2023
    n.card("c2", "a1", "i1", "2023-06-05", "2023-06-06", 1);
    n.use("c2", "v1", "2023-06-06", 1, 3);                             // 3 children, 1 registered
    n.use("c2", "v1", "2023-06-10", 1, 0, "culture", "play");
    n.use("c2", "v1", "2023-06-10", 1, 0, "culture", "play");          // double use
    // i1 registered c1 and c2 against a quota of 1 (+0 adjustments).
    const auto f = report::audit_network(db, options());

    auto one = [&](FindingKind k, const std::string& entity, const std::string& id) {
        const auto found = of(f, k);
        CAPTURE(report::finding_title(k));
        REQUIRE(found.size() >= 1);
        CHECK(std::any_of(found.begin(), found.end(),
                          [&](const auto& x) { return x.entity == entity && x.entity_id == id; }));
        return found.front();
    };
    one(FindingKind::no_contact_person, "site", "nocontact");
    one(FindingKind::no_commitment, "site", "nocommit");
    one(FindingKind::issuer_without_registrations, "site", "idle-issuer");
    const auto venue_idle = of(f, FindingKind::venue_without_uses);
    CHECK(venue_idle.size() == 2);  // nocontact and nocommit have no uses
    const auto expired = one(FindingKind::used_after_expiry, "usage", "u4");
    CHECK(expired.subject == "old");
    CHECK(expired.on == *core::Date::from_ymd(2023, 3, 1));
    const auto children = one(FindingKind::more_children_than_registered, "usage", "u5");
    CHECK(children.number == 3);
    CHECK(children.limit == 1);
    const auto dbl = one(FindingKind::possible_double_use, "usage", "u6");
    CHECK(dbl.number == 2);
    CHECK(dbl.subject == "c2");
    const auto quota = one(FindingKind::quota_exceeded, "quota", "q1");
    CHECK(quota.number == 2);
    CHECK(quota.limit == 1);
    // An adjustment lifts the quota: no longer exceeded.
    db.sql() << "INSERT INTO quota_adjustment (id, quota_id, delta, reason, made_on) VALUES "
                "('adj', 'q1', 5, 'more cards', '2023-06-01')";
    CHECK(of(report::audit_network(db, options()), FindingKind::quota_exceeded).empty());
    // The idle issuer's last registration was in 2021.
    const auto stale = one(FindingKind::stale_site, "site", "idle-issuer");
    CHECK(stale.on == *core::Date::from_ymd(2021, 1, 1));
    CHECK(of(f, FindingKind::stale_site).size() == 3);  // idle-issuer and the two venues joined in 2020 without uses

    std::ostringstream csv;
    report::write_findings_csv(f, csv, {});
    CHECK(csv.str().find("Possible double use,usage,u6,a1,c2,2023-06-10,2,1") != std::string::npos);
    test::TempDir out;
    report::write_findings_xlsx(f, out.file("audit.xlsx"), {});
}
