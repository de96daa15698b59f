// The demo network: deterministic by seed, valid by the core's own rules, and faithful to the
// published national statistics.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/card_id.hpp"
#include "core/demo_network.hpp"
#include "core/validation.hpp"
#include "store/demo_writer.hpp"
#include "support/temp_dir.hpp"

using namespace kaiku;
using namespace kaiku::core;

namespace {

// Keeps everything (only for small scales).
struct Collect final : demo::Sink {
    std::vector<Area> areas;
    std::vector<Site> sites;
    std::vector<Organisation> organisations;
    std::vector<VenueProfile> profiles;
    std::vector<CardBatch> batches;
    std::vector<Allocation> allocations;
    std::vector<Card> cards;
    std::vector<Usage> uses;
    std::vector<User> users;
    void area(const Area& a) override { areas.push_back(a); }
    void organisation(const Organisation& o) override { organisations.push_back(o); }
    void site(const Site& s) override { sites.push_back(s); }
    void venue_profile(const VenueProfile& v) override { profiles.push_back(v); }
    void batch(const CardBatch& b) override { batches.push_back(b); }
    void allocation(const Allocation& a) override { allocations.push_back(a); }
    void card(const Card& c) override { cards.push_back(c); }
    void usage(const Usage& u) override { uses.push_back(u); }
    void user(const User& u) override { users.push_back(u); }
};

}  // namespace

TEST_CASE("the same seed gives the same network and another seed another one") {
    Collect a, b, c;
    demo::generate({7, 0.02}, a);
    demo::generate({7, 0.02}, b);
    demo::generate({8, 0.02}, c);
    REQUIRE(a.cards.size() == b.cards.size());
    CHECK(a.cards.front().id == b.cards.front().id);
    CHECK(a.uses.back().id == b.uses.back().id);
    CHECK(a.uses.back().used_on == b.uses.back().used_on);
    CHECK(a.sites[10].name == b.sites[10].name);
    CHECK(a.areas.front().id != c.areas.front().id);
}

TEST_CASE("real area names, invented sites, and everything valid by the core's rules") {
    Collect n;
    const auto summary = demo::generate({1, 0.05}, n);
    CHECK(summary.areas == 17);
    std::set<std::string> names;
    for (const auto& a : n.areas) {
        names.insert(a.name_fi);
        CHECK_MESSAGE(validate(a).empty(), a.name_fi, to_string(validate(a)));
    }
    for (const char* real : {"Espoo", "Kainuu", "Lappeenranta", "Savonlinna", "Tampere", "Oulu", "Kokkola"})
        CHECK_MESSAGE(names.count(real) == 1, real);
    for (const auto& o : n.organisations) CHECK_MESSAGE(validate(o).empty(), to_string(validate(o)));
    for (const auto& s : n.sites) CHECK_MESSAGE(validate(s).empty(), s.name, to_string(validate(s)));
    for (const auto& v : n.profiles) CHECK_MESSAGE(validate(v).empty(), to_string(validate(v)));
    for (const auto& b : n.batches) CHECK_MESSAGE(validate(b).empty(), to_string(validate(b)));
    for (const auto& u : n.users) CHECK_MESSAGE(validate(u).empty(), u.login, to_string(validate(u)));
    std::map<std::string, CardBatch> batch_of;
    for (const auto& b : n.batches) batch_of[b.id] = b;
    for (const auto& c : n.cards) {
        CHECK_MESSAGE(validate(c).empty(), c.id, to_string(validate(c)));
        // Each card lies in its batch's printed range and is registered at or after its site joined.
        const auto& b = batch_of.at(c.batch_id);
        const auto id = parse_card_id(c.id).id;
        REQUIRE(id);
        CHECK(id->serial >= b.first_serial);
        CHECK(id->serial <= b.last_serial);
        if (c.activated_on) CHECK(*c.activated_on >= *c.registered_on);
        if (c.activated_on) CHECK(*c.activated_on <= *c.valid_until);
    }
    std::map<std::string, const Card*> card_of;
    for (const auto& c : n.cards) card_of[c.id] = &c;
    for (const auto& u : n.uses) {
        CHECK_MESSAGE(validate(u).empty(), to_string(validate(u)));
        const Card& c = *card_of.at(u.card_id);
        // A use happens on a valid day of an activated card, never before its first use.
        CHECK(u.used_on >= *c.activated_on);
        CHECK(u.used_on <= *c.valid_until);
        if (c.kind == CardKind::personal) CHECK(u.children <= c.holder.children);
    }
    // Contact persons are staff with invented names and reserved-domain e-mail addresses.
    for (const auto& s : n.sites) CHECK(s.contact.email.find("@kaiku.example") != std::string::npos);
}

// The x1 network against the published table (through report::national and the exports): tests/report.

TEST_CASE("scaled figures follow the table times the scale") {
    const auto f = demo::scaled(demo::national_table()[8], 10);
    CHECK(f.registered == 147890);
    CHECK(f.activated == 56080);
    CHECK(f.uses == 511880);
    CHECK(f.municipalities == 61);
    Collect n;
    const auto s = demo::generate({3, 0.1}, n);
    long long registered = 0, uses = 0;
    for (const auto& y : demo::national_table()) {
        registered += demo::scaled(y, 0.1).registered;
        uses += demo::scaled(y, 0.1).uses;
    }
    CHECK(s.cards == registered);
    CHECK(s.uses == uses);
}
