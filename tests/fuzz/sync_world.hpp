// The client side of a sync round against a loopback server whose answers come from the fuzz input: an in-memory
// client cache with a registered installation, and two queued changes whose mutation ids are "m1" and "m2".
// Each input runs inside one outer transaction that is rolled back, so every input starts from the same cache.
#pragma once

#include "fuzz_support.hpp"
#include "net/http.hpp"
#include "store/repositories.hpp"
#include "sync/engine.hpp"
#include "sync/outbox.hpp"

namespace kaiku::fuzz {

struct SyncWorld {
    FakeServer server;
    store::Database db{"sqlite::memory:"};
    net::HttpClient http{server.url(), [] {
                             net::HttpOptions o;
                             o.connect_timeout_ms = 2000;
                             o.total_timeout_ms = 10000;
                             return o;
                         }()};
    sync::Credentials credentials;  // no login: the round runs without signing in

    SyncWorld() {
        store::StateRepository state{db};
        state.set("client_id", "fuzz-client");
        state.set("epoch", "fuzz-epoch");
        state.set("seq_offset", "0");
        db.sql() << "INSERT INTO area (id, prefix, name_fi, name_sv, name_en, status) VALUES "
                    "('area-1', 'TRE', 'Tampere', 'Tammerfors', 'Tampere', 'permanent')";
        db.sql() << "INSERT INTO organisation (id, area_id, name) VALUES ('org-1', 'area-1', 'Org')";
    }

    // Runs one round; `queue` puts the two changes in the outbox first, `unregistered` forgets the installation
    // (the round registers it again with POST /v1/clients).
    sync::SyncReport round(bool queue, bool unregistered = false) {
        store::Transaction outer(db);  // never committed
        if (unregistered) store::StateRepository{db}.set("client_id", "");
        if (queue) {
            sync::Outbox outbox(db);
            outbox.enqueue("site.upsert", "site", "site-1", {{"id", "site-1"}, {"name", "Site"}});
            outbox.enqueue("usage.record", "usage", "use-1", {{"id", "use-1"}});
            db.sql() << "UPDATE outbox SET mutation_id = 'm' || client_seq";
        }
        sync::SyncOptions options;
        options.page_size = 100;
        options.respect_backoff = false;
        return sync::sync_once(db, http, credentials, options);
    }
};

}  // namespace kaiku::fuzz
