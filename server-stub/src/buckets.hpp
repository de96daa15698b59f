// Bucket membership of rows: "global" (network reference data), "area:<id>", "site:<id>".
// One set of queries decides both what a principal may read and what it receives by sync.
#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace kaiku::server {

// Entities that are synced and scoped, by table name.
const std::vector<std::string>& bucketed_entities();
// The key column of an entity table ("id", or "site_id" for venue_profile).
std::string key_column(const std::string& entity);

// The buckets one row belongs to now, computed from the database.
std::vector<std::string> compute_buckets(store::Database&, const std::string& entity, const std::string& id);

// Replaces the stored membership of one row; returns the buckets it left (for bucket_removed-style updates).
std::vector<std::string> update_row_buckets(store::Database&, const std::string& entity, const std::string& id,
                                            const std::vector<std::string>& buckets);

// Recomputes the membership of every row (after a seed or a bulk import).
void rebuild_row_buckets(store::Database&);

// SQL condition restricting `alias.key` of `entity` to rows in the given buckets (bound by name :b0, :b1, ...).
std::string bucket_condition(const std::string& entity, const std::string& key_expr, std::size_t bucket_count);

}  // namespace kaiku::server
