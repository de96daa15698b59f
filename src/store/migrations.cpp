#include "store/migrations.hpp"

#include <string>

namespace kaiku::store {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1,
         AppliesTo::both,
         "register entities",
         {
             R"(CREATE TABLE area (
                 id TEXT PRIMARY KEY,
                 prefix TEXT NOT NULL UNIQUE,
                 name_fi TEXT NOT NULL,
                 name_sv TEXT NOT NULL DEFAULT '',
                 name_en TEXT NOT NULL DEFAULT '',
                 wellbeing_county TEXT NOT NULL DEFAULT '',
                 status TEXT NOT NULL,
                 pilot_start TEXT,
                 pilot_end TEXT))",
             R"(CREATE TABLE municipality (
                 code TEXT PRIMARY KEY,
                 area_id TEXT NOT NULL REFERENCES area(id) ON DELETE CASCADE,
                 name_fi TEXT NOT NULL,
                 name_sv TEXT NOT NULL DEFAULT '',
                 joined_year INTEGER NOT NULL))",
             "CREATE INDEX municipality_area ON municipality(area_id)",
             R"(CREATE TABLE organisation (
                 id TEXT PRIMARY KEY,
                 area_id TEXT NOT NULL REFERENCES area(id),
                 name TEXT NOT NULL,
                 business_id TEXT NOT NULL DEFAULT ''))",
             "CREATE INDEX organisation_area ON organisation(area_id)",
             R"(CREATE TABLE site (
                 id TEXT PRIMARY KEY,
                 organisation_id TEXT NOT NULL REFERENCES organisation(id),
                 area_id TEXT NOT NULL REFERENCES area(id),
                 role TEXT NOT NULL,
                 name TEXT NOT NULL,
                 street_address TEXT NOT NULL DEFAULT '',
                 postcode TEXT NOT NULL DEFAULT '',
                 municipality_code TEXT NOT NULL DEFAULT '',
                 status TEXT NOT NULL,
                 joined_on TEXT,
                 contact_name TEXT NOT NULL DEFAULT '',
                 contact_email TEXT NOT NULL DEFAULT '',
                 contact_phone TEXT NOT NULL DEFAULT '',
                 commitment_on TEXT,
                 commitment_version TEXT NOT NULL DEFAULT ''))",
             "CREATE INDEX site_area ON site(area_id, role, name)",
             "CREATE INDEX site_organisation ON site(organisation_id)",
             R"(CREATE TABLE venue_profile (
                 site_id TEXT PRIMARY KEY REFERENCES site(id) ON DELETE CASCADE,
                 categories TEXT NOT NULL DEFAULT '',
                 offers TEXT NOT NULL DEFAULT '',
                 booking_channels TEXT NOT NULL DEFAULT '',
                 accessibility_notes TEXT NOT NULL DEFAULT '',
                 max_tickets_per_event INTEGER))",
             R"(CREATE TABLE card_batch (
                 id TEXT PRIMARY KEY,
                 area_id TEXT NOT NULL REFERENCES area(id),
                 first_serial INTEGER NOT NULL,
                 last_serial INTEGER NOT NULL,
                 kind TEXT NOT NULL,
                 medium TEXT NOT NULL,
                 printed_on TEXT,
                 CHECK (first_serial <= last_serial)))",
             "CREATE INDEX card_batch_area ON card_batch(area_id)",
             R"(CREATE TABLE allocation (
                 id TEXT PRIMARY KEY,
                 batch_id TEXT NOT NULL REFERENCES card_batch(id),
                 site_id TEXT NOT NULL REFERENCES site(id),
                 first_serial INTEGER NOT NULL,
                 last_serial INTEGER NOT NULL,
                 allocated_on TEXT,
                 CHECK (first_serial <= last_serial)))",
             "CREATE INDEX allocation_batch ON allocation(batch_id)",
             "CREATE INDEX allocation_site ON allocation(site_id)",
             // Holder profile columns only: no name, identity code, birth date or address, ever.
             R"(CREATE TABLE card (
                 id TEXT PRIMARY KEY,
                 area_id TEXT NOT NULL REFERENCES area(id),
                 batch_id TEXT REFERENCES card_batch(id),
                 kind TEXT NOT NULL,
                 medium TEXT NOT NULL,
                 status TEXT NOT NULL,
                 issuer_site_id TEXT REFERENCES site(id),
                 registered_on TEXT,
                 valid_until TEXT,
                 activated_on TEXT,
                 cancel_reason TEXT,
                 cancelled_on TEXT,
                 replaces TEXT NOT NULL DEFAULT '',
                 replaced_by TEXT NOT NULL DEFAULT '',
                 birth_year INTEGER NOT NULL DEFAULT 0,
                 postcode TEXT NOT NULL DEFAULT '',
                 children INTEGER NOT NULL DEFAULT 0,
                 gender TEXT NOT NULL DEFAULT 'unspecified',
                 life_situation TEXT NOT NULL DEFAULT 'unspecified',
                 age_group TEXT NOT NULL DEFAULT 'unspecified'))",
             "CREATE INDEX card_issuer ON card(issuer_site_id)",
             "CREATE INDEX card_registered ON card(registered_on)",
             // History of a card: the register wins over the printed card, so every edit is kept.
             R"(CREATE TABLE card_event (
                 id TEXT PRIMARY KEY,
                 card_id TEXT NOT NULL REFERENCES card(id),
                 event TEXT NOT NULL,
                 occurred_on TEXT NOT NULL,
                 detail TEXT NOT NULL DEFAULT ''))",
             "CREATE INDEX card_event_card ON card_event(card_id)",
             R"(CREATE TABLE usage (
                 id TEXT PRIMARY KEY,
                 card_id TEXT NOT NULL REFERENCES card(id),
                 venue_site_id TEXT NOT NULL REFERENCES site(id),
                 event TEXT NOT NULL DEFAULT '',
                 used_on TEXT NOT NULL,
                 category TEXT NOT NULL,
                 item TEXT NOT NULL,
                 adults INTEGER NOT NULL,
                 children INTEGER NOT NULL,
                 entry TEXT NOT NULL,
                 anomalies INTEGER NOT NULL DEFAULT 0,
                 voided INTEGER NOT NULL DEFAULT 0,
                 void_reason TEXT NOT NULL DEFAULT ''))",
             "CREATE INDEX usage_card ON usage(card_id, used_on)",
             "CREATE INDEX usage_venue ON usage(venue_site_id, used_on)",
             "CREATE INDEX usage_date ON usage(used_on)",
             R"(CREATE TABLE rule (
                 id TEXT PRIMARY KEY,
                 scope TEXT NOT NULL,
                 scope_id TEXT NOT NULL DEFAULT '',
                 kind TEXT NOT NULL,
                 value INTEGER NOT NULL,
                 period_days INTEGER NOT NULL DEFAULT 0,
                 valid_from TEXT,
                 valid_to TEXT))",
             "CREATE INDEX rule_scope ON rule(scope, scope_id)",
             R"(CREATE TABLE quota (
                 id TEXT PRIMARY KEY,
                 site_id TEXT NOT NULL REFERENCES site(id),
                 period_start TEXT NOT NULL,
                 period_end TEXT NOT NULL,
                 cards INTEGER NOT NULL))",
             R"(CREATE TABLE quota_adjustment (
                 id TEXT PRIMARY KEY,
                 quota_id TEXT NOT NULL REFERENCES quota(id),
                 delta INTEGER NOT NULL,
                 reason TEXT NOT NULL,
                 made_on TEXT NOT NULL))",
             "CREATE INDEX quota_adjustment_quota ON quota_adjustment(quota_id)",
             R"(CREATE TABLE message (
                 id TEXT PRIMARY KEY,
                 thread_id TEXT NOT NULL,
                 sender_site_id TEXT NOT NULL DEFAULT '',
                 sender_user_id TEXT NOT NULL DEFAULT '',
                 recipient_kind TEXT NOT NULL,
                 recipient_id TEXT NOT NULL DEFAULT '',
                 subject TEXT NOT NULL,
                 body TEXT NOT NULL,
                 sent_at TEXT NOT NULL))",
             "CREATE INDEX message_thread ON message(thread_id, sent_at)",
             R"(CREATE TABLE message_read (
                 message_id TEXT NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                 user_id TEXT NOT NULL,
                 read_at TEXT NOT NULL,
                 PRIMARY KEY (message_id, user_id)))",
             R"(CREATE TABLE group_visit (
                 id TEXT PRIMARY KEY,
                 organiser_site_id TEXT NOT NULL REFERENCES site(id),
                 venue_site_id TEXT NOT NULL REFERENCES site(id),
                 event TEXT NOT NULL,
                 visit_on TEXT NOT NULL,
                 seats INTEGER NOT NULL))",
             R"(CREATE TABLE group_signup (
                 id TEXT PRIMARY KEY,
                 visit_id TEXT NOT NULL REFERENCES group_visit(id) ON DELETE CASCADE,
                 issuer_site_id TEXT NOT NULL REFERENCES site(id),
                 participants INTEGER NOT NULL))",
             R"(CREATE TABLE app_user (
                 id TEXT PRIMARY KEY,
                 login TEXT NOT NULL UNIQUE,
                 display_name TEXT NOT NULL DEFAULT '',
                 role TEXT NOT NULL,
                 scope_id TEXT NOT NULL DEFAULT '',
                 language TEXT NOT NULL DEFAULT 'fi',
                 active INTEGER NOT NULL DEFAULT 1))",
         }},
        {2,
         AppliesTo::both,
         "local key-value state (last sync, server URL)",
         {
             "CREATE TABLE sync_state (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
         }},
        {3,
         AppliesTo::server,
         "server: versions and tombstones, change log, accounts, devices, tokens, grants, audit, sync bookkeeping",
         {
             // Every syncable row carries the change-log position of its last change and a tombstone.
             "ALTER TABLE area ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE organisation ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE site ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE venue_profile ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE card_batch ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE allocation ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE card ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE usage ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE rule ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE rule ADD COLUMN retired_on TEXT",
             "ALTER TABLE quota ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE quota_adjustment ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE message ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE group_visit ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE group_signup ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             "ALTER TABLE app_user ADD COLUMN version BIGINT NOT NULL DEFAULT 0",
             // epoch: rotated on restore from backup; cursor_key: signs change-feed cursors.
             "CREATE TABLE sync_meta (id INTEGER PRIMARY KEY CHECK (id = 1), epoch TEXT NOT NULL, "
             "cursor_key TEXT NOT NULL, retention_floor BIGINT NOT NULL DEFAULT 0)",
             // The commit-ordered clock: taken with UPDATE at the end of every write transaction; its row lock
             // serialises writers on PostgreSQL, so change-log order equals commit order.
             "CREATE TABLE sync_clock (id INTEGER PRIMARY KEY CHECK (id = 1), v BIGINT NOT NULL)",
             "INSERT INTO sync_clock (id, v) VALUES (1, 0)",
             R"(CREATE TABLE change_log (
                 seq BIGINT NOT NULL,
                 bucket TEXT NOT NULL,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
                 PRIMARY KEY (bucket, seq)))",
             "CREATE INDEX change_log_seq ON change_log(seq)",
             // Current bucket membership of every syncable row: the single source of read and sync scope.
             R"(CREATE TABLE row_bucket (
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 bucket TEXT NOT NULL,
                 PRIMARY KEY (entity, entity_id, bucket)))",
             "CREATE INDEX row_bucket_bucket ON row_bucket(bucket, entity, entity_id)",
             R"(CREATE TABLE credential (
                 user_id TEXT PRIMARY KEY REFERENCES app_user(id),
                 password_hash TEXT NOT NULL,
                 changed_at TEXT NOT NULL))",
             R"(CREATE TABLE login_throttle (
                 login TEXT PRIMARY KEY,
                 failures INTEGER NOT NULL,
                 window_start TEXT NOT NULL,
                 locked_until TEXT))",
             R"(CREATE TABLE device (
                 id TEXT PRIMARY KEY,
                 user_id TEXT NOT NULL REFERENCES app_user(id),
                 name TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 last_seen TEXT,
                 revoked_at TEXT,
                 revoked_by TEXT))",
             "CREATE INDEX device_user ON device(user_id)",
             // Bearer tokens are stored as SHA-256 hashes only.
             R"(CREATE TABLE auth_token (
                 token_hash TEXT PRIMARY KEY,
                 user_id TEXT NOT NULL REFERENCES app_user(id),
                 device_id TEXT NOT NULL REFERENCES device(id),
                 created_at TEXT NOT NULL,
                 expires_at TEXT NOT NULL,
                 revoked_at TEXT))",
             "CREATE INDEX auth_token_device ON auth_token(device_id)",
             R"(CREATE TABLE site_grant (
                 user_id TEXT NOT NULL REFERENCES app_user(id),
                 site_id TEXT NOT NULL REFERENCES site(id),
                 granted_by TEXT NOT NULL,
                 granted_at TEXT NOT NULL,
                 PRIMARY KEY (user_id, site_id)))",
             R"(CREATE TABLE sync_client (
                 client_id TEXT PRIMARY KEY,
                 user_id TEXT NOT NULL REFERENCES app_user(id),
                 device_id TEXT NOT NULL,
                 last_client_seq BIGINT NOT NULL DEFAULT 0,
                 registered_epoch TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 last_seen TEXT))",
             R"(CREATE TABLE applied_mutation (
                 mutation_id TEXT PRIMARY KEY,
                 client_id TEXT NOT NULL,
                 client_seq BIGINT NOT NULL,
                 type TEXT NOT NULL,
                 status TEXT NOT NULL,
                 result TEXT NOT NULL,
                 applied_at TEXT NOT NULL))",
             "CREATE INDEX applied_mutation_client ON applied_mutation(client_id, client_seq)",
             R"(CREATE TABLE mutation_quarantine (
                 mutation_id TEXT PRIMARY KEY,
                 client_id TEXT NOT NULL,
                 user_id TEXT NOT NULL,
                 payload TEXT NOT NULL,
                 problem TEXT NOT NULL,
                 received_at TEXT NOT NULL,
                 resolved_by TEXT,
                 resolution TEXT))",
             R"(CREATE TABLE audit_log (
                 id TEXT PRIMARY KEY,
                 seq BIGINT NOT NULL,
                 at TEXT NOT NULL,
                 user_id TEXT NOT NULL,
                 device_id TEXT NOT NULL DEFAULT '',
                 action TEXT NOT NULL,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 area_id TEXT NOT NULL DEFAULT '',
                 before_json TEXT,
                 after_json TEXT))",
             "CREATE INDEX audit_log_area ON audit_log(area_id, seq)",
             "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)",
         }},
        {4,
         AppliesTo::client,
         "client: server versions, bucket membership, outbox, conflicts",
         {
             "ALTER TABLE area ADD COLUMN server_version BIGINT",
             "ALTER TABLE organisation ADD COLUMN server_version BIGINT",
             "ALTER TABLE site ADD COLUMN server_version BIGINT",
             "ALTER TABLE venue_profile ADD COLUMN server_version BIGINT",
             "ALTER TABLE card_batch ADD COLUMN server_version BIGINT",
             "ALTER TABLE allocation ADD COLUMN server_version BIGINT",
             "ALTER TABLE card ADD COLUMN server_version BIGINT",
             "ALTER TABLE usage ADD COLUMN server_version BIGINT",
             "ALTER TABLE rule ADD COLUMN server_version BIGINT",
             "ALTER TABLE quota ADD COLUMN server_version BIGINT",
             "ALTER TABLE quota_adjustment ADD COLUMN server_version BIGINT",
             "ALTER TABLE message ADD COLUMN server_version BIGINT",
             "ALTER TABLE group_visit ADD COLUMN server_version BIGINT",
             "ALTER TABLE group_signup ADD COLUMN server_version BIGINT",
             "ALTER TABLE app_user ADD COLUMN server_version BIGINT",
             // Through which buckets the server sent a row: a row goes when no bucket holds it any more.
             R"(CREATE TABLE row_bucket (
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 bucket TEXT NOT NULL,
                 PRIMARY KEY (entity, entity_id, bucket)) WITHOUT ROWID)",
             "CREATE INDEX row_bucket_bucket ON row_bucket(bucket)",
             // Every local change, written in the same transaction as the change itself. client_seq is never reused.
             R"(CREATE TABLE outbox (
                 client_seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 mutation_id TEXT NOT NULL UNIQUE,
                 type TEXT NOT NULL,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 payload TEXT NOT NULL,
                 user_id TEXT NOT NULL DEFAULT '',
                 recorded_at TEXT NOT NULL,
                 state TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'inflight', 'acked', 'conflict', 'rejected')),
                 attempts INTEGER NOT NULL DEFAULT 0,
                 last_error TEXT,
                 next_attempt_at TEXT,
                 server_version BIGINT,
                 acked_at TEXT,
                 result TEXT))",
             "CREATE INDEX outbox_state ON outbox(state, client_seq)",
             R"(CREATE TABLE local_conflict (
                 id TEXT PRIMARY KEY,
                 mutation_id TEXT NOT NULL,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 server_json TEXT,
                 local_json TEXT NOT NULL,
                 problem TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 resolved_at TEXT,
                 resolution TEXT))",
         }},
        {5,
         AppliesTo::both,
         "conflicts kept until someone decides; per-field change positions of sites",
         {
             // On the server a conflict belongs to the area of the row; clients receive it by sync, so both
             // coordinators see it and either can decide. Deciding is itself a synced change.
             R"(CREATE TABLE sync_conflict (
                 id TEXT PRIMARY KEY,
                 area_id TEXT NOT NULL,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 mutation_id TEXT NOT NULL,
                 base_version BIGINT NOT NULL DEFAULT 0,
                 fields TEXT NOT NULL,
                 server_json TEXT NOT NULL,
                 client_json TEXT NOT NULL,
                 status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
                 created_by TEXT NOT NULL,
                 created_at TEXT NOT NULL,
                 resolution TEXT,
                 resolved_by TEXT,
                 resolved_at TEXT,
                 version BIGINT NOT NULL DEFAULT 0,
                 server_version BIGINT))",
             "CREATE INDEX sync_conflict_area ON sync_conflict(area_id, status)",
             "ALTER TABLE site ADD COLUMN field_versions TEXT NOT NULL DEFAULT '{}'",
         }},
        {6,
         AppliesTo::client,
         "client: the rows each local change wrote, with their values before it",
         {
             // before_json is NULL for a row the change created. When the register refuses the change, created
             // rows go and changed rows get their earlier values back (see sync/local_change.hpp).
             R"(CREATE TABLE outbox_row (
                 mutation_id TEXT NOT NULL REFERENCES outbox(mutation_id) ON DELETE CASCADE,
                 entity TEXT NOT NULL,
                 entity_id TEXT NOT NULL,
                 before_json TEXT,
                 before_version BIGINT,
                 PRIMARY KEY (mutation_id, entity, entity_id)))",
             "CREATE INDEX outbox_row_entity ON outbox_row(entity, entity_id)",
         }},
        {7,
         AppliesTo::both,
         "statistics: covering index of uses by day and category, cards by activation day",
         {
             // The national table groups uses by day and category: this index answers it without reading the
             // table (x10 network: 1.5M uses in well under a second on SQLite).
             "CREATE INDEX usage_stats ON usage(used_on, category, voided, adults, children)",
             "CREATE INDEX card_activated ON card(activated_on)",
         }},
        {8,
         AppliesTo::both,
         "statistics and audit: covering indexes of uses by card and by venue, cards by issuer and day",
         {
             // Same leading columns as before, so every earlier lookup still works, and the number of indexes on
             // usage goes down by one: writes (the first sync of a national user writes 1.5M uses) cost no more.
             // By card: issuer and holder-profile statistics, cross-area use and the use audit read the uses of
             // each card in card order without touching the table (event: the double-use check).
             "DROP INDEX usage_card",
             "CREATE INDEX usage_card ON usage(card_id, used_on, voided, venue_site_id, event, category, adults, "
             "children)",
             // By venue: area, municipality and venue statistics, venues without uses, last use of a venue.
             "DROP INDEX usage_venue",
             "CREATE INDEX usage_venue ON usage(venue_site_id, used_on, voided, category, adults, children)",
             // usage_stats (used_on, ...) answers every lookup by day.
             "DROP INDEX usage_date",
             // Registrations of an issuer in a period (quotas, issuers without registrations, last registration).
             "DROP INDEX card_issuer",
             "CREATE INDEX card_issuer ON card(issuer_site_id, registered_on)",
         }},
        {9,
         AppliesTo::client,
         "client: daily sums of uses and card registrations kept by triggers, for the national table",
         {
             // The national service's cache holds the whole register (x10: 1.5M uses): its yearly and monthly
             // table reads these few thousand rows instead of every use. The triggers keep them exact through
             // every insert, upsert, void and delete (sync, local commands, imports, purges, sign-out wipes).
             R"(CREATE TABLE stat_use_day (
                 day TEXT NOT NULL,
                 category TEXT NOT NULL,
                 uses INTEGER NOT NULL DEFAULT 0,
                 adults INTEGER NOT NULL DEFAULT 0,
                 children INTEGER NOT NULL DEFAULT 0,
                 PRIMARY KEY (day, category)) WITHOUT ROWID)",
             R"(CREATE TABLE stat_card_day (
                 day TEXT PRIMARY KEY,
                 registered INTEGER NOT NULL DEFAULT 0,
                 activated INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID)",
             "INSERT INTO stat_use_day (day, category, uses, adults, children) SELECT used_on, category, COUNT(*), "
             "SUM(adults), SUM(children) FROM usage WHERE voided = 0 GROUP BY used_on, category",
             "INSERT INTO stat_card_day (day, registered) SELECT registered_on, COUNT(*) FROM card "
             "WHERE registered_on IS NOT NULL GROUP BY registered_on",
             "INSERT INTO stat_card_day (day, activated) SELECT activated_on, COUNT(*) FROM card "
             "WHERE activated_on IS NOT NULL GROUP BY activated_on "
             "ON CONFLICT (day) DO UPDATE SET activated = excluded.activated",
             R"(CREATE TRIGGER stat_usage_insert AFTER INSERT ON usage WHEN NEW.voided = 0 BEGIN
                 INSERT INTO stat_use_day (day, category, uses, adults, children)
                 VALUES (NEW.used_on, NEW.category, 1, NEW.adults, NEW.children)
                 ON CONFLICT (day, category) DO UPDATE SET uses = uses + 1, adults = adults + excluded.adults,
                     children = children + excluded.children;
             END)",
             R"(CREATE TRIGGER stat_usage_delete AFTER DELETE ON usage WHEN OLD.voided = 0 BEGIN
                 UPDATE stat_use_day SET uses = uses - 1, adults = adults - OLD.adults,
                     children = children - OLD.children
                 WHERE day = OLD.used_on AND category = OLD.category;
             END)",
             R"(CREATE TRIGGER stat_usage_update AFTER UPDATE OF used_on, category, adults, children, voided
                 ON usage BEGIN
                 UPDATE stat_use_day SET uses = uses - 1, adults = adults - OLD.adults,
                     children = children - OLD.children
                 WHERE OLD.voided = 0 AND day = OLD.used_on AND category = OLD.category;
                 INSERT INTO stat_use_day (day, category, uses, adults, children)
                 SELECT NEW.used_on, NEW.category, 1, NEW.adults, NEW.children WHERE NEW.voided = 0
                 ON CONFLICT (day, category) DO UPDATE SET uses = uses + 1, adults = adults + excluded.adults,
                     children = children + excluded.children;
             END)",
             R"(CREATE TRIGGER stat_card_insert AFTER INSERT ON card BEGIN
                 INSERT INTO stat_card_day (day, registered) SELECT NEW.registered_on, 1
                 WHERE NEW.registered_on IS NOT NULL
                 ON CONFLICT (day) DO UPDATE SET registered = registered + 1;
                 INSERT INTO stat_card_day (day, activated) SELECT NEW.activated_on, 1
                 WHERE NEW.activated_on IS NOT NULL
                 ON CONFLICT (day) DO UPDATE SET activated = activated + 1;
             END)",
             R"(CREATE TRIGGER stat_card_delete AFTER DELETE ON card BEGIN
                 UPDATE stat_card_day SET registered = registered - 1 WHERE day = OLD.registered_on;
                 UPDATE stat_card_day SET activated = activated - 1 WHERE day = OLD.activated_on;
             END)",
             R"(CREATE TRIGGER stat_card_update AFTER UPDATE OF registered_on, activated_on ON card BEGIN
                 UPDATE stat_card_day SET registered = registered - 1 WHERE day = OLD.registered_on;
                 UPDATE stat_card_day SET activated = activated - 1 WHERE day = OLD.activated_on;
                 INSERT INTO stat_card_day (day, registered) SELECT NEW.registered_on, 1
                 WHERE NEW.registered_on IS NOT NULL
                 ON CONFLICT (day) DO UPDATE SET registered = registered + 1;
                 INSERT INTO stat_card_day (day, activated) SELECT NEW.activated_on, 1
                 WHERE NEW.activated_on IS NOT NULL
                 ON CONFLICT (day) DO UPDATE SET activated = activated + 1;
             END)",
         }},
        {10,
         AppliesTo::server,
         "server: the audit log keeps no holder profile; entries written before are redacted",
         {
             "UPDATE audit_log SET before_json = json_remove(before_json, '$.holder', '$.children') "
             "WHERE entity = 'card' AND json_valid(before_json)",
             "UPDATE audit_log SET after_json = json_remove(after_json, '$.holder', '$.children') "
             "WHERE entity = 'card' AND json_valid(after_json)",
             "UPDATE audit_log SET before_json = json_remove(before_json, '$.server.holder', '$.server.children', "
             "'$.client.holder', '$.client.children') WHERE entity = 'sync_conflict' AND json_valid(before_json) "
             "AND json_extract(before_json, '$.entity') = 'card'",
             "UPDATE audit_log SET after_json = json_remove(after_json, '$.server.holder', '$.server.children', "
             "'$.client.holder', '$.client.children') WHERE entity = 'sync_conflict' AND json_valid(after_json) "
             "AND json_extract(after_json, '$.entity') = 'card'",
         },
         {
             "UPDATE audit_log SET before_json = ((before_json::jsonb) - 'holder' - 'children')::text "
             "WHERE entity = 'card' AND before_json IS NOT NULL AND before_json <> ''",
             "UPDATE audit_log SET after_json = ((after_json::jsonb) - 'holder' - 'children')::text "
             "WHERE entity = 'card' AND after_json IS NOT NULL AND after_json <> ''",
             "UPDATE audit_log SET before_json = ((before_json::jsonb) #- '{server,holder}' #- '{server,children}' "
             "#- '{client,holder}' #- '{client,children}')::text WHERE entity = 'sync_conflict' "
             "AND before_json IS NOT NULL AND before_json <> '' AND (before_json::jsonb) ->> 'entity' = 'card'",
             "UPDATE audit_log SET after_json = ((after_json::jsonb) #- '{server,holder}' #- '{server,children}' "
             "#- '{client,holder}' #- '{client,children}')::text WHERE entity = 'sync_conflict' "
             "AND after_json IS NOT NULL AND after_json <> '' AND (after_json::jsonb) ->> 'entity' = 'card'",
         }},
    };
    return all;
}

int latest_schema_version() { return migrations().back().version; }

int current_schema_version(soci::session& sql, Dialect dialect) {
    int v = 0;
    if (dialect == Dialect::sqlite) {
        sql << "PRAGMA user_version", soci::into(v);
        return v;
    }
    sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(version) FROM schema_version", soci::into(v, ind);
    return ind == soci::i_ok ? v : 0;
}

namespace {

// Holds the schema lock for one migration step: another connection opening the same database waits here
// (SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: a transaction-scoped advisory lock).
class SchemaLock {
public:
    SchemaLock(soci::session& sql, Dialect dialect) : sql_(sql), dialect_(dialect) {
        if (dialect_ == Dialect::sqlite) {
            sql_ << "BEGIN IMMEDIATE";
        } else {
            sql_.begin();
            sql_ << "SELECT pg_advisory_xact_lock(4242424242)";
        }
    }
    ~SchemaLock() {
        if (open_) try {
                sql_ << "ROLLBACK";
            } catch (...) {
            }
    }
    void commit() {
        sql_ << "COMMIT";
        open_ = false;
    }

private:
    soci::session& sql_;
    Dialect dialect_;
    bool open_ = true;
};

}  // namespace

std::optional<SchemaKind> existing_schema_kind(soci::session& sql, Dialect dialect) {
    const auto has_table = [&](const std::string& name) {
        int n = 0;
        if (dialect == Dialect::sqlite)
            sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = :n", soci::use(name),
                soci::into(n);
        else
            sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                   "AND table_name = :n",
                soci::use(name), soci::into(n);
        return n > 0;
    };
    // Migration 3 gave the register its change log, migration 4 the client its outbox.
    if (has_table("change_log")) return SchemaKind::server;
    if (has_table("outbox")) return SchemaKind::client;
    return std::nullopt;
}

void migrate(soci::session& sql, Dialect dialect, SchemaKind kind) {
    if (dialect == Dialect::postgresql)
        sql << "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
    for (const auto& m : migrations()) {
        // Re-read the version under the lock: another process may have migrated meanwhile.
        SchemaLock lock(sql, dialect);
        const int from = current_schema_version(sql, dialect);
        if (from > latest_schema_version())
            throw StoreError("The database schema version " + std::to_string(from) +
                             " is newer than this program understands (" + std::to_string(latest_schema_version()) +
                             "). Install a newer version of Kaiku Admin.");
        if (m.version <= from) continue;
        try {
            const bool applies = m.applies == AppliesTo::both ||
                                 (m.applies == AppliesTo::server) == (kind == SchemaKind::server);
            const auto& statements =
                dialect == Dialect::postgresql && !m.postgresql.empty() ? m.postgresql : m.statements;
            if (applies)
                for (const auto& stmt : statements) sql << stmt;
            if (dialect == Dialect::sqlite)
                sql << "PRAGMA user_version = " + std::to_string(m.version);
            else
                sql << "INSERT INTO schema_version (version) VALUES (:v)", soci::use(m.version);
            lock.commit();
        } catch (const std::exception& e) {
            throw StoreError("Schema migration " + std::to_string(m.version) + " (" + m.description +
                             ") failed: " + e.what());
        }
    }
}

}  // namespace kaiku::store
