// Deterministic demo network: real area and municipality names, invented sites and staff, and cards
// and uses whose yearly totals follow the published national statistics (2015-2023) times a scale.
// Entities are streamed to a sink as they are made; only two years of cards are held in memory.
#pragma once

#include <array>
#include <cstdint>

#include "core/entities.hpp"

namespace kaiku::core::demo {

struct YearFigures {
    int year;
    int registered;      // cards registered that year
    int activated;       // cards first used that year
    int uses;            // uses recorded that year
    int municipalities;  // municipalities in the network that year
};

// The national table published on kaikukortti.fi.
const std::array<YearFigures, 9>& national_table();

// The figures the generator produces for a scale (x1 = the table itself); municipalities do not scale.
YearFigures scaled(const YearFigures&, double scale);

struct Options {
    std::uint64_t seed = 1;
    double scale = 1.0;  // 0.001 .. 100
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual void area(const Area&) {}
    virtual void organisation(const Organisation&) {}
    virtual void site(const Site&) {}
    virtual void venue_profile(const VenueProfile&) {}
    virtual void batch(const CardBatch&) {}
    virtual void allocation(const Allocation&) {}
    virtual void card(const Card&) {}
    virtual void usage(const Usage&) {}
    virtual void rule(const Rule&) {}
    virtual void quota(const Quota&) {}
    virtual void user(const User&) {}
};

struct Summary {
    long long areas = 0, organisations = 0, sites = 0, batches = 0, allocations = 0, cards = 0, uses = 0, rules = 0,
              quotas = 0, users = 0;
};

// Emits, in an order that satisfies every reference: areas, organisations, sites, venue profiles,
// users, rules; then per year: batches, allocations, cards, uses; then quotas.
Summary generate(const Options&, Sink&);

}  // namespace kaiku::core::demo
