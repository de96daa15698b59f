#include "store/repositories.hpp"

#include "store/mapping.hpp"

namespace kaiku::store {

using namespace kaiku::core;

namespace {

template <class T>
void upsert_one(Database& db, const T& value) {
    auto buf = make_buffer<T>();
    Table<T>::bind(buf, value);
    buf.execute(db.sql(), upsert_statement<T>());
}

template <class T>
void insert_one(Database& db, const T& value) {
    auto buf = make_buffer<T>();
    Table<T>::bind(buf, value);
    buf.execute(db.sql(), insert_ignore_statement<T>());
}

// SELECT <columns of T> FROM <table> <tail>, with at most one bound text parameter `:p`.
template <class T>
std::vector<T> select_many(Database& db, const std::string& tail, const std::string* param = nullptr) {
    std::vector<T> out;
    const std::string text = select_sql<T>() + " " + tail;
    auto collect = [&](soci::rowset<soci::row>& rs) {
        for (const auto& row : rs) out.push_back(Table<T>::read(RowReader(row)));
    };
    if (param) {
        soci::rowset<soci::row> rs = (db.sql().prepare << text, soci::use(*param, "p"));
        collect(rs);
    } else {
        soci::rowset<soci::row> rs = (db.sql().prepare << text);
        collect(rs);
    }
    return out;
}

template <class T>
std::optional<T> select_one(Database& db, const std::string& tail, const std::string& param) {
    auto rows = select_many<T>(db, tail, &param);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<Municipality> municipalities_of(Database& db, const std::string& area_id) {
    std::vector<Municipality> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT code, name_fi, name_sv, joined_year FROM municipality WHERE area_id = :p "
                             "ORDER BY code",
         soci::use(area_id, "p"));
    for (const auto& row : rs) {
        RowReader r(row);
        out.push_back({r.text(0), r.text(1), r.text(2), static_cast<int>(r.integer(3))});
    }
    return out;
}

}  // namespace

// --- areas
void AreaRepository::upsert(const Area& a) {
    Transaction tr(db);
    upsert_one(db, a);
    db.sql() << "DELETE FROM municipality WHERE area_id = :p", soci::use(a.id, "p");
    RowBuffer buf(5);
    for (const auto& m : a.municipalities)
        buf.text(m.code).text(a.id).text(m.name_fi).text(m.name_sv).integer(m.joined_year).end_row();
    buf.execute(db.sql(), upsert_sql("municipality", {"code", "area_id", "name_fi", "name_sv", "joined_year"}, "code"));
    tr.commit();
}
std::optional<Area> AreaRepository::get(const std::string& id) {
    auto a = select_one<Area>(db, "WHERE id = :p", id);
    if (a) a->municipalities = municipalities_of(db, a->id);
    return a;
}
std::vector<Area> AreaRepository::list() {
    auto areas = select_many<Area>(db, "ORDER BY name_fi, id");
    for (auto& a : areas) a.municipalities = municipalities_of(db, a.id);
    return areas;
}

// --- organisations and sites
void OrganisationRepository::upsert(const Organisation& o) { upsert_one(db, o); }
std::optional<Organisation> OrganisationRepository::get(const std::string& id) {
    return select_one<Organisation>(db, "WHERE id = :p", id);
}
std::vector<Organisation> OrganisationRepository::list_for_area(const std::string& area_id) {
    return select_many<Organisation>(db, "WHERE area_id = :p ORDER BY name, id", &area_id);
}

void SiteRepository::upsert(const Site& s) { upsert_one(db, s); }
std::optional<Site> SiteRepository::get(const std::string& id) { return select_one<Site>(db, "WHERE id = :p", id); }
std::vector<Site> SiteRepository::list() { return select_many<Site>(db, "ORDER BY area_id, role, name, id"); }
std::vector<Site> SiteRepository::list_for_area(const std::string& area_id) {
    return select_many<Site>(db, "WHERE area_id = :p ORDER BY role, name, id", &area_id);
}

void VenueProfileRepository::upsert(const VenueProfile& v) { upsert_one(db, v); }
std::optional<VenueProfile> VenueProfileRepository::get(const std::string& site_id) {
    return select_one<VenueProfile>(db, "WHERE site_id = :p", site_id);
}

// --- card stock and cards
void CardBatchRepository::upsert(const CardBatch& b) { upsert_one(db, b); }
std::optional<CardBatch> CardBatchRepository::get(const std::string& id) {
    return select_one<CardBatch>(db, "WHERE id = :p", id);
}
std::vector<CardBatch> CardBatchRepository::list_for_area(const std::string& area_id) {
    return select_many<CardBatch>(db, "WHERE area_id = :p ORDER BY first_serial", &area_id);
}

void AllocationRepository::upsert(const Allocation& a) { upsert_one(db, a); }
std::optional<Allocation> AllocationRepository::get(const std::string& id) {
    return select_one<Allocation>(db, "WHERE id = :p", id);
}
std::vector<Allocation> AllocationRepository::list_for_batch(const std::string& batch_id) {
    return select_many<Allocation>(db, "WHERE batch_id = :p ORDER BY first_serial", &batch_id);
}
std::vector<Allocation> AllocationRepository::list_for_site(const std::string& site_id) {
    return select_many<Allocation>(db, "WHERE site_id = :p ORDER BY batch_id, first_serial", &site_id);
}

namespace {

// Allocated serials of issuer sites, and the registered cards among them (serial = characters 5-10 of the ID).
const char* const kStockSql =
    "SELECT s.id, "
    "COALESCE((SELECT SUM(a.last_serial - a.first_serial + 1) FROM allocation a WHERE a.site_id = s.id), 0), "
    "(SELECT COUNT(*) FROM card c JOIN allocation a ON a.batch_id = c.batch_id AND a.site_id = s.id "
    "WHERE CAST(substr(c.id, 5, 6) AS INTEGER) BETWEEN a.first_serial AND a.last_serial) "
    "FROM site s WHERE s.role = 'issuer' AND ";

std::vector<CardStock> read_stock(Database& db, const std::string& where, const std::string& param) {
    std::vector<CardStock> out;
    soci::rowset<soci::row> rs = (db.sql().prepare << std::string(kStockSql) + where, soci::use(param, "p"));
    for (const auto& row : rs) {
        RowReader r(row);
        out.push_back({r.text(0), r.integer(1), r.integer(2)});
    }
    return out;
}

}  // namespace

CardStock AllocationRepository::stock_for_site(const std::string& site_id) {
    auto rows = read_stock(db, "s.id = :p", site_id);
    return rows.empty() ? CardStock{site_id} : rows.front();
}
std::vector<CardStock> AllocationRepository::stock_per_issuer(const std::string& area_id) {
    return read_stock(db, "s.area_id = :p ORDER BY s.name, s.id", area_id);
}

void CardRepository::upsert(const Card& c) { upsert_one(db, c); }
std::optional<Card> CardRepository::get(const std::string& id) { return select_one<Card>(db, "WHERE id = :p", id); }
std::vector<Card> CardRepository::list_for_site(const std::string& issuer_site_id) {
    return select_many<Card>(db, "WHERE issuer_site_id = :p ORDER BY id", &issuer_site_id);
}
long long CardRepository::count() {
    long long n = 0;
    db.sql() << "SELECT COUNT(*) FROM card", soci::into(n);
    return n;
}

// --- uses (append-only: corrections are a void and a new record)
void UsageRepository::insert(const Usage& u) { insert_one(db, u); }
void UsageRepository::set_voided(const std::string& id, const std::string& reason) {
    db.sql() << "UPDATE usage SET voided = 1, void_reason = :r WHERE id = :p", soci::use(reason, "r"),
        soci::use(id, "p");
}
std::optional<Usage> UsageRepository::get(const std::string& id) { return select_one<Usage>(db, "WHERE id = :p", id); }
std::vector<Usage> UsageRepository::list_for_card(const std::string& card_id) {
    return select_many<Usage>(db, "WHERE card_id = :p ORDER BY used_on, id", &card_id);
}
long long UsageRepository::count() {
    long long n = 0;
    db.sql() << "SELECT COUNT(*) FROM usage", soci::into(n);
    return n;
}

// --- rules and quotas
void RuleRepository::upsert(const Rule& r) { upsert_one(db, r); }
std::optional<Rule> RuleRepository::get(const std::string& id) {
    return select_one<Rule>(db, "WHERE id = :p", id);
}
std::vector<Rule> RuleRepository::list_for_scope(RuleScope scope, const std::string& scope_id) {
    std::vector<Rule> out;
    for (auto& r : select_many<Rule>(db, "WHERE scope_id = :p ORDER BY kind, id", &scope_id))
        if (r.scope == scope) out.push_back(std::move(r));
    return out;
}

void QuotaRepository::upsert(const Quota& q) { upsert_one(db, q); }
void QuotaRepository::add_adjustment(const QuotaAdjustment& a) { insert_one(db, a); }
std::optional<Quota> QuotaRepository::get(const std::string& id) { return select_one<Quota>(db, "WHERE id = :p", id); }
std::vector<Quota> QuotaRepository::list_for_site(const std::string& site_id) {
    return select_many<Quota>(db, "WHERE site_id = :p ORDER BY period_start DESC, id", &site_id);
}
std::vector<QuotaAdjustment> QuotaRepository::adjustments(const std::string& quota_id) {
    return select_many<QuotaAdjustment>(db, "WHERE quota_id = :p ORDER BY made_on, id", &quota_id);
}
int QuotaRepository::effective_cards(const std::string& quota_id) {
    const auto q = get(quota_id);
    if (!q) return 0;
    int total = q->cards;
    for (const auto& a : adjustments(quota_id)) total += a.delta;
    return total;
}
int QuotaRepository::consumed_cards(const std::string& quota_id) {
    long long n = 0;
    db.sql() << "SELECT COUNT(*) FROM card c JOIN quota q ON q.site_id = c.issuer_site_id WHERE q.id = :p "
                "AND c.registered_on >= q.period_start AND c.registered_on <= q.period_end AND c.replaces = ''",
        soci::use(quota_id, "p"), soci::into(n);
    return static_cast<int>(n);
}
QuotaUse QuotaRepository::use(const std::string& quota_id) {
    return {effective_cards(quota_id), consumed_cards(quota_id)};
}

// --- messages
void MessageRepository::insert(const Message& m) { insert_one(db, m); }
std::optional<Message> MessageRepository::get(const std::string& id) {
    return select_one<Message>(db, "WHERE id = :p", id);
}
void MessageRepository::mark_read(const std::string& message_id, const std::string& user_id, const std::string& at) {
    RowBuffer buf(3);
    buf.text(message_id).text(user_id).text(at).end_row();
    buf.execute(db.sql(), "INSERT INTO message_read (message_id, user_id, read_at) VALUES (:m, :u, :a) "
                          "ON CONFLICT (message_id, user_id) DO NOTHING");
}
std::vector<Message> MessageRepository::thread(const std::string& thread_id) {
    return select_many<Message>(db, "WHERE thread_id = :p ORDER BY sent_at, id", &thread_id);
}
bool MessageRepository::is_read(const std::string& message_id, const std::string& user_id) {
    int n = 0;
    db.sql() << "SELECT COUNT(*) FROM message_read WHERE message_id = :m AND user_id = :u", soci::use(message_id, "m"),
        soci::use(user_id, "u"), soci::into(n);
    return n > 0;
}

// --- group visits (sign-ups are counts, never names)
void GroupVisitRepository::upsert(const GroupVisit& g) { upsert_one(db, g); }
void GroupVisitRepository::add_signup(const GroupSignup& s) { insert_one(db, s); }
std::optional<GroupVisit> GroupVisitRepository::get(const std::string& id) {
    return select_one<GroupVisit>(db, "WHERE id = :p", id);
}
int GroupVisitRepository::seats_taken(const std::string& visit_id) {
    long long n = 0;
    soci::indicator ind = soci::i_ok;
    db.sql() << "SELECT SUM(participants) FROM group_signup WHERE visit_id = :p", soci::use(visit_id, "p"),
        soci::into(n, ind);
    return ind == soci::i_ok ? static_cast<int>(n) : 0;
}

// --- local key-value state
void StateRepository::set(const std::string& key, const std::string& value) {
    RowBuffer buf(2);
    buf.text(key).text(value).end_row();
    buf.execute(db.sql(), upsert_sql("sync_state", {"k", "v"}, "k"));
}
std::optional<std::string> StateRepository::get(const std::string& key) {
    std::string v;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT v FROM sync_state WHERE k = :k", soci::use(key, "k"), soci::into(v, ind);
    if (!db.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return v;
}

// --- users
void UserRepository::upsert(const User& u) { upsert_one(db, u); }
std::optional<User> UserRepository::get(const std::string& id) { return select_one<User>(db, "WHERE id = :p", id); }
std::optional<User> UserRepository::by_login(const std::string& login) {
    return select_one<User>(db, "WHERE login = :p", login);
}

}  // namespace kaiku::store
