#include "store/mapping.hpp"

#include <sstream>

namespace kaiku::store {

using namespace kaiku::core;

#define COLUMNS(T, ...)                                                  \
    const std::vector<std::string>& Table<T>::columns() {               \
        static const std::vector<std::string> c = {__VA_ARGS__};        \
        return c;                                                        \
    }

// --- area
const char* Table<Area>::name = "area";
const char* Table<Area>::key = "id";
COLUMNS(Area, "id", "prefix", "name_fi", "name_sv", "name_en", "wellbeing_county", "status", "pilot_start", "pilot_end")
void Table<Area>::bind(RowBuffer& b, const Area& a) {
    b.text(a.id).text(a.prefix).text(a.name_fi).text(a.name_sv).text(a.name_en).text(a.wellbeing_county);
    b.name(a.status).date(a.pilot_start).date(a.pilot_end).end_row();
}
Area Table<Area>::read(const RowReader& r) {
    Area a;
    a.id = r.text(0);
    a.prefix = r.text(1);
    a.name_fi = r.text(2);
    a.name_sv = r.text(3);
    a.name_en = r.text(4);
    a.wellbeing_county = r.text(5);
    a.status = r.name(6, AreaStatus::planning);
    a.pilot_start = r.date(7);
    a.pilot_end = r.date(8);
    return a;
}

// --- organisation
const char* Table<Organisation>::name = "organisation";
const char* Table<Organisation>::key = "id";
COLUMNS(Organisation, "id", "area_id", "name", "business_id")
void Table<Organisation>::bind(RowBuffer& b, const Organisation& o) {
    b.text(o.id).text(o.area_id).text(o.name).text(o.business_id).end_row();
}
Organisation Table<Organisation>::read(const RowReader& r) {
    return Organisation{r.text(0), r.text(1), r.text(2), r.text(3)};
}

// --- site
const char* Table<Site>::name = "site";
const char* Table<Site>::key = "id";
COLUMNS(Site, "id", "organisation_id", "area_id", "role", "name", "street_address", "postcode", "municipality_code",
        "status", "joined_on", "contact_name", "contact_email", "contact_phone", "commitment_on", "commitment_version")
void Table<Site>::bind(RowBuffer& b, const Site& s) {
    b.text(s.id).text(s.organisation_id).text(s.area_id).name(s.role).text(s.name).text(s.street_address);
    b.text(s.postcode).text(s.municipality_code).name(s.status).date(s.joined_on);
    b.text(s.contact.name).text(s.contact.email).text(s.contact.phone);
    b.date(s.commitment_acknowledged_on).text(s.commitment_version).end_row();
}
Site Table<Site>::read(const RowReader& r) {
    Site s;
    s.id = r.text(0);
    s.organisation_id = r.text(1);
    s.area_id = r.text(2);
    s.role = r.name(3, SiteRole::issuer);
    s.name = r.text(4);
    s.street_address = r.text(5);
    s.postcode = r.text(6);
    s.municipality_code = r.text(7);
    s.status = r.name(8, SiteStatus::proposed);
    s.joined_on = r.date(9);
    s.contact = {r.text(10), r.text(11), r.text(12)};
    s.commitment_acknowledged_on = r.date(13);
    s.commitment_version = r.text(14);
    return s;
}

// --- venue profile
std::string join_categories(const std::vector<Category>& cats) {
    std::string out;
    for (auto c : cats) out += (out.empty() ? "" : ",") + std::string(enum_name(c));
    return out;
}
std::vector<Category> split_categories(const std::string& s) {
    std::vector<Category> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ','))
        if (auto c = enum_parse<Category>(part)) out.push_back(*c);
    return out;
}
const char* Table<VenueProfile>::name = "venue_profile";
const char* Table<VenueProfile>::key = "site_id";
COLUMNS(VenueProfile, "site_id", "categories", "offers", "booking_channels", "accessibility_notes",
        "max_tickets_per_event")
void Table<VenueProfile>::bind(RowBuffer& b, const VenueProfile& v) {
    b.text(v.site_id).text(join_categories(v.categories)).text(v.offers).text(v.booking_channels);
    b.text(v.accessibility_notes).opt_integer(v.max_tickets_per_event).end_row();
}
VenueProfile Table<VenueProfile>::read(const RowReader& r) {
    VenueProfile v;
    v.site_id = r.text(0);
    v.categories = split_categories(r.text(1));
    v.offers = r.text(2);
    v.booking_channels = r.text(3);
    v.accessibility_notes = r.text(4);
    v.max_tickets_per_event = r.opt_integer(5);
    return v;
}

// --- card batch
const char* Table<CardBatch>::name = "card_batch";
const char* Table<CardBatch>::key = "id";
COLUMNS(CardBatch, "id", "area_id", "first_serial", "last_serial", "kind", "medium", "printed_on")
void Table<CardBatch>::bind(RowBuffer& b, const CardBatch& c) {
    b.text(c.id).text(c.area_id).integer(c.first_serial).integer(c.last_serial).name(c.kind).name(c.medium);
    b.date(c.printed_on).end_row();
}
CardBatch Table<CardBatch>::read(const RowReader& r) {
    CardBatch c;
    c.id = r.text(0);
    c.area_id = r.text(1);
    c.first_serial = static_cast<std::uint32_t>(r.integer(2));
    c.last_serial = static_cast<std::uint32_t>(r.integer(3));
    c.kind = r.name(4, CardKind::personal);
    c.medium = r.name(5, CardMedium::cardboard);
    c.printed_on = r.date(6);
    return c;
}

// --- allocation
const char* Table<Allocation>::name = "allocation";
const char* Table<Allocation>::key = "id";
COLUMNS(Allocation, "id", "batch_id", "site_id", "first_serial", "last_serial", "allocated_on")
void Table<Allocation>::bind(RowBuffer& b, const Allocation& a) {
    b.text(a.id).text(a.batch_id).text(a.site_id).integer(a.first_serial).integer(a.last_serial);
    b.date(a.allocated_on).end_row();
}
Allocation Table<Allocation>::read(const RowReader& r) {
    Allocation a;
    a.id = r.text(0);
    a.batch_id = r.text(1);
    a.site_id = r.text(2);
    a.first_serial = static_cast<std::uint32_t>(r.integer(3));
    a.last_serial = static_cast<std::uint32_t>(r.integer(4));
    a.allocated_on = r.date(5);
    return a;
}

// --- card (holder profile columns only: no identifying data exists in the model)
const char* Table<Card>::name = "card";
const char* Table<Card>::key = "id";
COLUMNS(Card, "id", "area_id", "batch_id", "kind", "medium", "status", "issuer_site_id", "registered_on", "valid_until",
        "activated_on", "cancel_reason", "cancelled_on", "replaces", "replaced_by", "birth_year", "postcode", "children",
        "gender", "life_situation", "age_group")
void Table<Card>::bind(RowBuffer& b, const Card& c) {
    b.text(c.id).text(c.area_id);
    b.text_or_null(c.batch_id);
    b.name(c.kind).name(c.medium).name(c.status);
    b.text_or_null(c.issuer_site_id);
    b.date(c.registered_on).date(c.valid_until).date(c.activated_on);
    if (c.cancel_reason)
        b.name(*c.cancel_reason);
    else
        b.null();
    b.date(c.cancelled_on).text(c.replaces).text(c.replaced_by);
    b.integer(c.holder.birth_year).text(c.holder.postcode).integer(c.holder.children);
    b.name(c.holder.gender).name(c.holder.life_situation).name(c.holder.age_group).end_row();
}
Card Table<Card>::read(const RowReader& r) {
    Card c;
    c.id = r.text(0);
    c.area_id = r.text(1);
    c.batch_id = r.text(2);
    c.kind = r.name(3, CardKind::personal);
    c.medium = r.name(4, CardMedium::cardboard);
    c.status = r.name(5, CardStatus::in_stock);
    c.issuer_site_id = r.text(6);
    c.registered_on = r.date(7);
    c.valid_until = r.date(8);
    c.activated_on = r.date(9);
    c.cancel_reason = enum_parse<CancelReason>(r.text(10));
    c.cancelled_on = r.date(11);
    c.replaces = r.text(12);
    c.replaced_by = r.text(13);
    c.holder.birth_year = static_cast<int>(r.integer(14));
    c.holder.postcode = r.text(15);
    c.holder.children = static_cast<int>(r.integer(16));
    c.holder.gender = r.name(17, Gender::unspecified);
    c.holder.life_situation = r.name(18, LifeSituation::unspecified);
    c.holder.age_group = r.name(19, AgeGroup::unspecified);
    return c;
}

// --- usage
const char* Table<Usage>::name = "usage";
const char* Table<Usage>::key = "id";
COLUMNS(Usage, "id", "card_id", "venue_site_id", "event", "used_on", "category", "item", "adults", "children", "entry",
        "anomalies", "voided", "void_reason")
void Table<Usage>::bind(RowBuffer& b, const Usage& u) {
    b.text(u.id).text(u.card_id).text(u.venue_site_id).text(u.event).date(u.used_on).name(u.category).name(u.item);
    b.integer(u.adults).integer(u.children).name(u.entry).integer(u.anomalies).integer(u.voided ? 1 : 0);
    b.text(u.void_reason).end_row();
}
Usage Table<Usage>::read(const RowReader& r) {
    Usage u;
    u.id = r.text(0);
    u.card_id = r.text(1);
    u.venue_site_id = r.text(2);
    u.event = r.text(3);
    u.used_on = r.date(4).value_or(Date{});
    u.category = r.name(5, Category::culture);
    u.item = r.name(6, UsageItem::ticket);
    u.adults = static_cast<int>(r.integer(7));
    u.children = static_cast<int>(r.integer(8));
    u.entry = r.name(9, EntryMethod::manual);
    u.anomalies = static_cast<unsigned>(r.integer(10));
    u.voided = r.integer(11) != 0;
    u.void_reason = r.text(12);
    return u;
}

// --- rule
const char* Table<Rule>::name = "rule";
const char* Table<Rule>::key = "id";
COLUMNS(Rule, "id", "scope", "scope_id", "kind", "value", "period_days", "valid_from", "valid_to")
void Table<Rule>::bind(RowBuffer& b, const Rule& x) {
    b.text(x.id).name(x.scope).text(x.scope_id).name(x.kind).integer(x.value).integer(x.period_days);
    b.date(x.valid_from).date(x.valid_to).end_row();
}
Rule Table<Rule>::read(const RowReader& r) {
    Rule x;
    x.id = r.text(0);
    x.scope = r.name(1, RuleScope::area);
    x.scope_id = r.text(2);
    x.kind = r.name(3, RuleKind::max_tickets_per_event);
    x.value = static_cast<int>(r.integer(4));
    x.period_days = static_cast<int>(r.integer(5));
    x.valid_from = r.date(6);
    x.valid_to = r.date(7);
    return x;
}

// --- quota and adjustments
const char* Table<Quota>::name = "quota";
const char* Table<Quota>::key = "id";
COLUMNS(Quota, "id", "site_id", "period_start", "period_end", "cards")
void Table<Quota>::bind(RowBuffer& b, const Quota& q) {
    b.text(q.id).text(q.site_id).date(q.period_start).date(q.period_end).integer(q.cards).end_row();
}
Quota Table<Quota>::read(const RowReader& r) {
    return Quota{r.text(0), r.text(1), r.date(2).value_or(Date{}), r.date(3).value_or(Date{}),
                 static_cast<int>(r.integer(4))};
}
const char* Table<QuotaAdjustment>::name = "quota_adjustment";
const char* Table<QuotaAdjustment>::key = "id";
COLUMNS(QuotaAdjustment, "id", "quota_id", "delta", "reason", "made_on")
void Table<QuotaAdjustment>::bind(RowBuffer& b, const QuotaAdjustment& q) {
    b.text(q.id).text(q.quota_id).integer(q.delta).text(q.reason).date(q.made_on).end_row();
}
QuotaAdjustment Table<QuotaAdjustment>::read(const RowReader& r) {
    return QuotaAdjustment{r.text(0), r.text(1), static_cast<int>(r.integer(2)), r.text(3),
                           r.date(4).value_or(Date{})};
}

// --- message
const char* Table<Message>::name = "message";
const char* Table<Message>::key = "id";
COLUMNS(Message, "id", "thread_id", "sender_site_id", "sender_user_id", "recipient_kind", "recipient_id", "subject",
        "body", "sent_at")
void Table<Message>::bind(RowBuffer& b, const Message& m) {
    b.text(m.id).text(m.thread_id).text(m.sender_site_id).text(m.sender_user_id).name(m.recipient_kind);
    b.text(m.recipient_id).text(m.subject).text(m.body).text(m.sent_at).end_row();
}
Message Table<Message>::read(const RowReader& r) {
    Message m;
    m.id = r.text(0);
    m.thread_id = r.text(1);
    m.sender_site_id = r.text(2);
    m.sender_user_id = r.text(3);
    m.recipient_kind = r.name(4, RecipientKind::site);
    m.recipient_id = r.text(5);
    m.subject = r.text(6);
    m.body = r.text(7);
    m.sent_at = r.text(8);
    return m;
}

// --- group visits
const char* Table<GroupVisit>::name = "group_visit";
const char* Table<GroupVisit>::key = "id";
COLUMNS(GroupVisit, "id", "organiser_site_id", "venue_site_id", "event", "visit_on", "seats")
void Table<GroupVisit>::bind(RowBuffer& b, const GroupVisit& g) {
    b.text(g.id).text(g.organiser_site_id).text(g.venue_site_id).text(g.event).date(g.visit_on).integer(g.seats);
    b.end_row();
}
GroupVisit Table<GroupVisit>::read(const RowReader& r) {
    return GroupVisit{r.text(0), r.text(1), r.text(2), r.text(3), r.date(4).value_or(Date{}),
                      static_cast<int>(r.integer(5))};
}
const char* Table<GroupSignup>::name = "group_signup";
const char* Table<GroupSignup>::key = "id";
COLUMNS(GroupSignup, "id", "visit_id", "issuer_site_id", "participants")
void Table<GroupSignup>::bind(RowBuffer& b, const GroupSignup& g) {
    b.text(g.id).text(g.visit_id).text(g.issuer_site_id).integer(g.participants).end_row();
}
GroupSignup Table<GroupSignup>::read(const RowReader& r) {
    return GroupSignup{r.text(0), r.text(1), r.text(2), static_cast<int>(r.integer(3))};
}

// --- users
const char* Table<User>::name = "app_user";
const char* Table<User>::key = "id";
COLUMNS(User, "id", "login", "display_name", "role", "scope_id", "language", "active")
void Table<User>::bind(RowBuffer& b, const User& u) {
    b.text(u.id).text(u.login).text(u.display_name).name(u.role).text(u.scope_id).name(u.language);
    b.integer(u.active ? 1 : 0).end_row();
}
User Table<User>::read(const RowReader& r) {
    User u;
    u.id = r.text(0);
    u.login = r.text(1);
    u.display_name = r.text(2);
    u.role = r.name(3, Role::issuer_staff);
    u.scope_id = r.text(4);
    u.language = r.name(5, Language::fi);
    u.active = r.integer(6) != 0;
    return u;
}

// --- conflicts
const char* Table<Conflict>::name = "sync_conflict";
const char* Table<Conflict>::key = "id";
COLUMNS(Conflict, "id", "area_id", "entity", "entity_id", "mutation_id", "base_version", "fields", "server_json",
        "client_json", "status", "created_by", "created_at", "resolution", "resolved_by", "resolved_at")
void Table<Conflict>::bind(RowBuffer& b, const Conflict& c) {
    b.text(c.id).text(c.area_id).text(c.entity).text(c.entity_id).text(c.mutation_id).integer(c.base_version);
    b.text(c.fields).text(c.server_json).text(c.client_json).text(c.open ? "open" : "resolved");
    b.text(c.created_by).text(c.created_at).text_or_null(c.resolution).text_or_null(c.resolved_by);
    b.text_or_null(c.resolved_at).end_row();
}
Conflict Table<Conflict>::read(const RowReader& r) {
    Conflict c;
    c.id = r.text(0);
    c.area_id = r.text(1);
    c.entity = r.text(2);
    c.entity_id = r.text(3);
    c.mutation_id = r.text(4);
    c.base_version = r.integer(5);
    c.fields = r.text(6);
    c.server_json = r.text(7);
    c.client_json = r.text(8);
    c.open = r.text(9) == "open";
    c.created_by = r.text(10);
    c.created_at = r.text(11);
    c.resolution = r.text(12);
    c.resolved_by = r.text(13);
    c.resolved_at = r.text(14);
    return c;
}

#undef COLUMNS

}  // namespace kaiku::store
