// Repositories: typed reads and writes of every entity. Writes are upserts keyed by id.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/rules.hpp"
#include "store/database.hpp"

namespace kaiku::store {

struct AreaRepository {
    Database& db;
    void upsert(const core::Area&);  // replaces the area's municipality rows too
    std::optional<core::Area> get(const std::string& id);
    std::vector<core::Area> list();  // ordered by Finnish name
};

struct OrganisationRepository {
    Database& db;
    void upsert(const core::Organisation&);
    std::optional<core::Organisation> get(const std::string& id);
    std::vector<core::Organisation> list_for_area(const std::string& area_id);
};

struct SiteRepository {
    Database& db;
    void upsert(const core::Site&);
    std::optional<core::Site> get(const std::string& id);
    std::vector<core::Site> list();
    std::vector<core::Site> list_for_area(const std::string& area_id);  // ordered by role, name
};

struct VenueProfileRepository {
    Database& db;
    void upsert(const core::VenueProfile&);
    std::optional<core::VenueProfile> get(const std::string& site_id);
};

struct CardBatchRepository {
    Database& db;
    void upsert(const core::CardBatch&);
    std::optional<core::CardBatch> get(const std::string& id);
    std::vector<core::CardBatch> list_for_area(const std::string& area_id);
};

// Cards an issuer site holds: serials allocated to it, and how many of those are registered (by anyone).
struct CardStock {
    std::string site_id;
    long long allocated = 0;
    long long registered = 0;
    long long in_stock() const { return allocated - registered; }
};

struct AllocationRepository {
    Database& db;
    void upsert(const core::Allocation&);
    std::optional<core::Allocation> get(const std::string& id);
    std::vector<core::Allocation> list_for_batch(const std::string& batch_id);
    std::vector<core::Allocation> list_for_site(const std::string& site_id);
    // Card stock per issuer site: allocated minus registered.
    CardStock stock_for_site(const std::string& site_id);
    std::vector<CardStock> stock_per_issuer(const std::string& area_id);  // every issuer site of the area
};

struct CardRepository {
    Database& db;
    void upsert(const core::Card&);
    std::optional<core::Card> get(const std::string& id);
    std::vector<core::Card> list_for_site(const std::string& issuer_site_id);
    long long count();
};

struct UsageRepository {
    Database& db;
    void insert(const core::Usage&);  // append-only
    void set_voided(const std::string& id, const std::string& reason);
    std::optional<core::Usage> get(const std::string& id);
    std::vector<core::Usage> list_for_card(const std::string& card_id);
    long long count();
};

struct RuleRepository {
    Database& db;
    void upsert(const core::Rule&);
    std::optional<core::Rule> get(const std::string& id);
    std::vector<core::Rule> list_for_scope(core::RuleScope, const std::string& scope_id);
};

struct QuotaRepository {
    Database& db;
    void upsert(const core::Quota&);
    void add_adjustment(const core::QuotaAdjustment&);  // append-only
    std::optional<core::Quota> get(const std::string& id);
    std::vector<core::Quota> list_for_site(const std::string& site_id);  // newest period first
    std::vector<core::QuotaAdjustment> adjustments(const std::string& quota_id);
    int effective_cards(const std::string& quota_id);  // quota + sum of adjustments
    // Cards the quota's issuer registered within the period (replacements of lost cards do not count).
    int consumed_cards(const std::string& quota_id);
    core::QuotaUse use(const std::string& quota_id);  // effective and consumed; warning() tells when it runs out
};

struct MessageRepository {
    Database& db;
    void insert(const core::Message&);
    std::optional<core::Message> get(const std::string& id);
    void mark_read(const std::string& message_id, const std::string& user_id, const std::string& at);
    std::vector<core::Message> thread(const std::string& thread_id);
    bool is_read(const std::string& message_id, const std::string& user_id);
};

struct GroupVisitRepository {
    Database& db;
    void upsert(const core::GroupVisit&);
    void add_signup(const core::GroupSignup&);
    std::optional<core::GroupVisit> get(const std::string& id);
    int seats_taken(const std::string& visit_id);
};

struct StateRepository {  // the client's own bookkeeping (last sync time, server URL)
    Database& db;
    void set(const std::string& key, const std::string& value);
    std::optional<std::string> get(const std::string& key);
};

struct UserRepository {
    Database& db;
    void upsert(const core::User&);
    std::optional<core::User> get(const std::string& id);
    std::optional<core::User> by_login(const std::string& login);
};

}  // namespace kaiku::store
