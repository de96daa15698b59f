#include "store/demo_writer.hpp"

#include "store/mapping.hpp"

namespace kaiku::store {

using namespace kaiku::core;

namespace {

constexpr std::size_t kFlushRows = 5000;

template <class T>
struct Pending {
    RowBuffer rows = make_buffer<T>();
    void add(const T& v) { Table<T>::bind(rows, v); }
    void flush(soci::session& sql) { rows.execute(sql, upsert_statement<T>()); }
};

class DemoWriter final : public demo::Sink {
public:
    explicit DemoWriter(Database& db) : db_(db) {}

    void area(const Area& a) override {
        areas_.add(a);
        for (const auto& m : a.municipalities)
            municipalities_.text(m.code).text(a.id).text(m.name_fi).text(m.name_sv).integer(m.joined_year).end_row();
        maybe_flush();
    }
    void organisation(const Organisation& o) override { put(organisations_, o); }
    void site(const Site& s) override { put(sites_, s); }
    void venue_profile(const VenueProfile& v) override { put(profiles_, v); }
    void batch(const CardBatch& b) override { put(batches_, b); }
    void allocation(const Allocation& a) override { put(allocations_, a); }
    void card(const Card& c) override { put(cards_, c); }
    void usage(const Usage& u) override { put(uses_, u); }
    void rule(const Rule& r) override { put(rules_, r); }
    void quota(const Quota& q) override { put(quotas_, q); }
    void user(const User& u) override { put(users_, u); }

    // Parents before children, so every foreign key is satisfied at each flush.
    void flush_all() {
        auto& sql = db_.sql();
        areas_.flush(sql);
        municipalities_.execute(sql, upsert_sql("municipality", {"code", "area_id", "name_fi", "name_sv", "joined_year"},
                                                "code"));
        organisations_.flush(sql);
        sites_.flush(sql);
        profiles_.flush(sql);
        users_.flush(sql);
        rules_.flush(sql);
        batches_.flush(sql);
        allocations_.flush(sql);
        cards_.flush(sql);
        uses_.flush(sql);
        quotas_.flush(sql);
        pending_ = 0;
    }

private:
    template <class T>
    void put(Pending<T>& p, const T& v) {
        p.add(v);
        maybe_flush();
    }
    void maybe_flush() {
        if (++pending_ >= kFlushRows) flush_all();
    }

    Database& db_;
    std::size_t pending_ = 0;
    Pending<Area> areas_;
    RowBuffer municipalities_{5};
    Pending<Organisation> organisations_;
    Pending<Site> sites_;
    Pending<VenueProfile> profiles_;
    Pending<User> users_;
    Pending<Rule> rules_;
    Pending<CardBatch> batches_;
    Pending<Allocation> allocations_;
    Pending<Card> cards_;
    Pending<Usage> uses_;
    Pending<Quota> quotas_;
};

}  // namespace

demo::Summary write_demo_network(Database& db, const demo::Options& options) {
    Transaction tr(db);
    DemoWriter writer(db);
    const auto summary = demo::generate(options, writer);
    writer.flush_all();
    tr.commit();
    return summary;
}

}  // namespace kaiku::store
