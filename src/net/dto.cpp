#include "net/dto.hpp"

namespace kaiku::net {

using namespace kaiku::core;

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

using Reader = JsonReader;

}  // namespace

JsonReader::JsonReader(const json& j, Errors& errors, std::string prefix)
    : j_(j), errors_(errors), prefix_(std::move(prefix)) {
    if (!j_.is_object()) fail("", "invalid_format", "must be a JSON object");
}

void JsonReader::text(const char* key, std::string& out, bool required) {
    const json* v = find(key, required);
    if (!v) return;
    if (v->is_string())
        out = v->get<std::string>();
    else if (!v->is_null())
        fail(key, "invalid_format", "must be a string");
    else if (required)
        fail(key, "required", "is required");
}

void JsonReader::integer(const char* key, int& out, bool required) {
    const json* v = find(key, required);
    if (!v) return;
    if (v->is_number_integer() && v->get<long long>() >= INT32_MIN && v->get<long long>() <= INT32_MAX)
        out = v->get<int>();
    else
        fail(key, "invalid_format", "must be a whole number");
}

void JsonReader::opt_integer(const char* key, std::optional<int>& out) {
    const json* v = find(key, false);
    if (!v || v->is_null()) {
        out.reset();
        return;
    }
    int x = 0;
    integer(key, x);
    out = x;
}

void JsonReader::date(const char* key, std::optional<Date>& out, bool required) {
    const json* v = find(key, required);
    if (!v) return;
    if (v->is_null()) {
        if (required) fail(key, "required", "is required");
        out.reset();
        return;
    }
    if (v->is_string())
        if (auto d = Date::parse(v->get<std::string>())) {
            out = d;
            return;
        }
    fail(key, "invalid_format", "must be a date in the form YYYY-MM-DD");
}

void JsonReader::date(const char* key, Date& out, bool required) {
    std::optional<Date> d;
    date(key, d, required);
    if (d) out = *d;
}

const json* JsonReader::find(const char* key, bool required) {
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end()) {
        if (required) fail(key, "required", "is required");
        return nullptr;
    }
    return &*it;
}

void JsonReader::fail(const std::string& key, const std::string& code, const std::string& what) {
    const std::string field = prefix_.empty() ? key : key.empty() ? prefix_ : prefix_ + "." + key;
    errors_.push_back({field, code, "Field '" + field + "' " + what + "."});
}

void JsonReader::only(std::initializer_list<const char*> known) {
    if (!j_.is_object()) return;
    for (auto it = j_.begin(); it != j_.end(); ++it) {
        bool ok = false;
        for (const char* k : known) ok = ok || it.key() == k;
        if (!ok) fail(it.key(), "unknown_field", "is not a known field");
    }
}

json to_json(const Area& a) {
    json munis = json::array();
    for (const auto& m : a.municipalities)
        munis.push_back({{"code", m.code}, {"name_fi", m.name_fi}, {"name_sv", m.name_sv}, {"joined_year", m.joined_year}});
    return {{"id", a.id},
            {"prefix", a.prefix},
            {"name_fi", a.name_fi},
            {"name_sv", a.name_sv},
            {"name_en", a.name_en},
            {"wellbeing_county", a.wellbeing_county},
            {"status", enum_name(a.status)},
            {"pilot_start", date_or_null(a.pilot_start)},
            {"pilot_end", date_or_null(a.pilot_end)},
            {"municipalities", munis}};
}

Errors from_json(const json& j, Area& a) {
    Errors e;
    Reader r(j, e);
    r.text("id", a.id, true);
    r.text("prefix", a.prefix, true);
    r.text("name_fi", a.name_fi, true);
    r.text("name_sv", a.name_sv);
    r.text("name_en", a.name_en);
    r.text("wellbeing_county", a.wellbeing_county);
    r.name("status", a.status, true);
    r.date("pilot_start", a.pilot_start);
    r.date("pilot_end", a.pilot_end);
    a.municipalities.clear();
    if (const json* ms = r.find("municipalities", false)) {
        if (!ms->is_array()) {
            r.fail("municipalities", "invalid_format", "must be a list");
        } else {
            for (std::size_t i = 0; i < ms->size(); ++i) {
                Municipality m;
                Reader mr((*ms)[i], e, "municipalities[" + std::to_string(i) + "]");
                mr.text("code", m.code, true);
                mr.text("name_fi", m.name_fi, true);
                mr.text("name_sv", m.name_sv);
                mr.integer("joined_year", m.joined_year, true);
                a.municipalities.push_back(std::move(m));
            }
        }
    }
    return e;
}

json to_json(const Organisation& o) {
    return {{"id", o.id}, {"area_id", o.area_id}, {"name", o.name}, {"business_id", o.business_id}};
}

Errors from_json(const json& j, Organisation& o) {
    Errors e;
    Reader r(j, e);
    r.text("id", o.id, true);
    r.text("area_id", o.area_id, true);
    r.text("name", o.name, true);
    r.text("business_id", o.business_id);
    return e;
}

json to_json(const Site& s) {
    return {{"id", s.id},
            {"organisation_id", s.organisation_id},
            {"area_id", s.area_id},
            {"role", enum_name(s.role)},
            {"name", s.name},
            {"street_address", s.street_address},
            {"postcode", s.postcode},
            {"municipality_code", s.municipality_code},
            {"status", enum_name(s.status)},
            {"joined_on", date_or_null(s.joined_on)},
            {"contact", {{"name", s.contact.name}, {"email", s.contact.email}, {"phone", s.contact.phone}}},
            {"commitment_acknowledged_on", date_or_null(s.commitment_acknowledged_on)},
            {"commitment_version", s.commitment_version}};
}

Errors from_json(const json& j, Site& s) {
    Errors e;
    Reader r(j, e);
    r.text("id", s.id, true);
    r.text("organisation_id", s.organisation_id, true);
    r.text("area_id", s.area_id, true);
    r.name("role", s.role, true);
    r.text("name", s.name, true);
    r.text("street_address", s.street_address);
    r.text("postcode", s.postcode);
    r.text("municipality_code", s.municipality_code);
    r.name("status", s.status, true);
    r.date("joined_on", s.joined_on);
    if (const json* c = r.find("contact", false)) {
        Reader cr(*c, e, "contact");
        cr.text("name", s.contact.name);
        cr.text("email", s.contact.email);
        cr.text("phone", s.contact.phone);
    }
    r.date("commitment_acknowledged_on", s.commitment_acknowledged_on);
    r.text("commitment_version", s.commitment_version);
    return e;
}

json to_json(const VenueProfile& v) {
    json cats = json::array();
    for (auto c : v.categories) cats.push_back(enum_name(c));
    return {{"site_id", v.site_id},
            {"categories", cats},
            {"offers", v.offers},
            {"booking_channels", v.booking_channels},
            {"accessibility_notes", v.accessibility_notes},
            {"max_tickets_per_event", v.max_tickets_per_event ? json(*v.max_tickets_per_event) : json(nullptr)}};
}

Errors from_json(const json& j, VenueProfile& v) {
    Errors e;
    Reader r(j, e);
    r.text("site_id", v.site_id, true);
    v.categories.clear();
    if (const json* cs = r.find("categories", false)) {
        if (!cs->is_array()) {
            r.fail("categories", "invalid_format", "must be a list");
        } else {
            for (const auto& c : *cs) {
                auto cat = c.is_string() ? enum_parse<Category>(c.get<std::string>()) : std::nullopt;
                if (cat)
                    v.categories.push_back(*cat);
                else
                    r.fail("categories", "invalid_value", "must contain only culture, education, science, sports");
            }
        }
    }
    r.text("offers", v.offers);
    r.text("booking_channels", v.booking_channels);
    r.text("accessibility_notes", v.accessibility_notes);
    r.opt_integer("max_tickets_per_event", v.max_tickets_per_event);
    return e;
}

json to_json(const CardBatch& b) {
    return {{"id", b.id},           {"area_id", b.area_id},      {"first_serial", b.first_serial},
            {"last_serial", b.last_serial}, {"kind", enum_name(b.kind)}, {"medium", enum_name(b.medium)},
            {"printed_on", date_or_null(b.printed_on)}};
}
Errors from_json(const json& j, CardBatch& b) {
    Errors e;
    Reader r(j, e);
    r.text("id", b.id, true);
    r.text("area_id", b.area_id, true);
    int first = 0, last = 0;
    r.integer("first_serial", first, true);
    r.integer("last_serial", last, true);
    if (first < 0) r.fail("first_serial", "out_of_range", "must not be negative");
    if (last < 0) r.fail("last_serial", "out_of_range", "must not be negative");
    b.first_serial = static_cast<std::uint32_t>(std::max(first, 0));
    b.last_serial = static_cast<std::uint32_t>(std::max(last, 0));
    r.name("kind", b.kind);
    r.name("medium", b.medium);
    r.date("printed_on", b.printed_on);
    return e;
}

json to_json(const Allocation& a) {
    return {{"id", a.id},           {"batch_id", a.batch_id},       {"site_id", a.site_id},
            {"first_serial", a.first_serial}, {"last_serial", a.last_serial}, {"allocated_on", date_or_null(a.allocated_on)}};
}
Errors from_json(const json& j, Allocation& a) {
    Errors e;
    Reader r(j, e);
    r.text("id", a.id, true);
    r.text("batch_id", a.batch_id, true);
    r.text("site_id", a.site_id, true);
    int first = 0, last = 0;
    r.integer("first_serial", first, true);
    r.integer("last_serial", last, true);
    if (first < 0) r.fail("first_serial", "out_of_range", "must not be negative");
    if (last < 0) r.fail("last_serial", "out_of_range", "must not be negative");
    a.first_serial = static_cast<std::uint32_t>(std::max(first, 0));
    a.last_serial = static_cast<std::uint32_t>(std::max(last, 0));
    r.date("allocated_on", a.allocated_on);
    return e;
}

json to_json(const HolderProfile& h) {
    return {{"birth_year", h.birth_year},
            {"postcode", h.postcode},
            {"children", h.children},
            {"gender", enum_name(h.gender)},
            {"life_situation", enum_name(h.life_situation)},
            {"age_group", enum_name(h.age_group)}};
}
Errors from_json(const json& j, HolderProfile& h, const std::string& prefix) {
    Errors e;
    Reader r(j, e, prefix);
    r.only({"birth_year", "postcode", "children", "gender", "life_situation", "age_group"});
    r.integer("birth_year", h.birth_year, true);
    r.text("postcode", h.postcode, true);
    r.integer("children", h.children, true);
    r.name("gender", h.gender);
    r.name("life_situation", h.life_situation);
    r.name("age_group", h.age_group);
    return e;
}

json to_json(const Card& c, bool with_holder) {
    json j = {{"id", c.id},
              {"area_id", c.area_id},
              {"batch_id", c.batch_id},
              {"kind", enum_name(c.kind)},
              {"medium", enum_name(c.medium)},
              {"status", enum_name(c.status)},
              {"issuer_site_id", c.issuer_site_id},
              {"registered_on", date_or_null(c.registered_on)},
              {"valid_until", date_or_null(c.valid_until)},
              {"activated_on", date_or_null(c.activated_on)},
              {"cancel_reason", c.cancel_reason ? json(enum_name(*c.cancel_reason)) : json(nullptr)},
              {"cancelled_on", date_or_null(c.cancelled_on)},
              {"replaces", c.replaces},
              {"replaced_by", c.replaced_by},
              {"children", c.holder.children}};
    j["holder"] = with_holder ? to_json(c.holder) : json(nullptr);
    return j;
}
Errors from_json(const json& j, Card& c) {
    Errors e;
    Reader r(j, e);
    r.text("id", c.id, true);
    r.text("area_id", c.area_id);
    r.text("batch_id", c.batch_id);
    r.name("kind", c.kind);
    r.name("medium", c.medium);
    r.name("status", c.status, true);
    r.text("issuer_site_id", c.issuer_site_id);
    r.date("registered_on", c.registered_on);
    r.date("valid_until", c.valid_until);
    r.date("activated_on", c.activated_on);
    if (const json* v = r.find("cancel_reason", false); v && !v->is_null()) {
        CancelReason reason{};
        r.name("cancel_reason", reason);
        c.cancel_reason = reason;
    }
    r.date("cancelled_on", c.cancelled_on);
    r.text("replaces", c.replaces);
    r.text("replaced_by", c.replaced_by);
    r.integer("children", c.holder.children);
    if (const json* h = r.find("holder", false); h && !h->is_null()) {
        auto he = from_json(*h, c.holder);
        e.insert(e.end(), he.begin(), he.end());
    }
    return e;
}

json to_json(const Usage& u) {
    return {{"id", u.id},
            {"card_id", u.card_id},
            {"venue_site_id", u.venue_site_id},
            {"event", u.event},
            {"used_on", u.used_on.iso()},
            {"category", enum_name(u.category)},
            {"item", enum_name(u.item)},
            {"adults", u.adults},
            {"children", u.children},
            {"entry", enum_name(u.entry)},
            {"anomalies", u.anomalies},
            {"voided", u.voided},
            {"void_reason", u.void_reason}};
}
Errors from_json(const json& j, Usage& u) {
    Errors e;
    Reader r(j, e);
    r.text("id", u.id, true);
    r.text("card_id", u.card_id, true);
    r.text("venue_site_id", u.venue_site_id, true);
    r.text("event", u.event);
    r.date("used_on", u.used_on, true);
    r.name("category", u.category, true);
    r.name("item", u.item);
    r.integer("adults", u.adults, true);
    r.integer("children", u.children, true);
    r.name("entry", u.entry);
    int anomalies = 0;
    r.integer("anomalies", anomalies);
    u.anomalies = static_cast<unsigned>(std::max(anomalies, 0));
    if (const json* v = r.find("voided", false)) {
        if (v->is_boolean())
            u.voided = v->get<bool>();
        else
            r.fail("voided", "invalid_format", "must be true or false");
    }
    r.text("void_reason", u.void_reason);
    return e;
}

json to_json(const Rule& x) {
    return {{"id", x.id},
            {"scope", enum_name(x.scope)},
            {"scope_id", x.scope_id},
            {"kind", enum_name(x.kind)},
            {"value", x.value},
            {"period_days", x.period_days},
            {"valid_from", date_or_null(x.valid_from)},
            {"valid_to", date_or_null(x.valid_to)}};
}
Errors from_json(const json& j, Rule& x) {
    Errors e;
    Reader r(j, e);
    r.text("id", x.id, true);
    r.name("scope", x.scope, true);
    r.text("scope_id", x.scope_id);
    r.name("kind", x.kind, true);
    r.integer("value", x.value, true);
    r.integer("period_days", x.period_days);
    r.date("valid_from", x.valid_from);
    r.date("valid_to", x.valid_to);
    return e;
}

json to_json(const Quota& q) {
    return {{"id", q.id}, {"site_id", q.site_id}, {"period_start", q.period_start.iso()},
            {"period_end", q.period_end.iso()}, {"cards", q.cards}};
}
Errors from_json(const json& j, Quota& q) {
    Errors e;
    Reader r(j, e);
    r.text("id", q.id, true);
    r.text("site_id", q.site_id, true);
    r.date("period_start", q.period_start, true);
    r.date("period_end", q.period_end, true);
    r.integer("cards", q.cards, true);
    return e;
}

json to_json(const QuotaAdjustment& q) {
    return {{"id", q.id}, {"quota_id", q.quota_id}, {"delta", q.delta}, {"reason", q.reason}, {"made_on", q.made_on.iso()}};
}
Errors from_json(const json& j, QuotaAdjustment& q) {
    Errors e;
    Reader r(j, e);
    r.text("id", q.id, true);
    r.text("quota_id", q.quota_id, true);
    r.integer("delta", q.delta, true);
    r.text("reason", q.reason, true);
    r.date("made_on", q.made_on, true);
    return e;
}

json to_json(const Message& m) {
    return {{"id", m.id},
            {"thread_id", m.thread_id},
            {"sender_site_id", m.sender_site_id},
            {"sender_user_id", m.sender_user_id},
            {"recipient_kind", enum_name(m.recipient_kind)},
            {"recipient_id", m.recipient_id},
            {"subject", m.subject},
            {"body", m.body},
            {"sent_at", m.sent_at}};
}
Errors from_json(const json& j, Message& m) {
    Errors e;
    Reader r(j, e);
    r.text("id", m.id, true);
    r.text("thread_id", m.thread_id);
    r.text("sender_site_id", m.sender_site_id);
    r.text("sender_user_id", m.sender_user_id);
    r.name("recipient_kind", m.recipient_kind, true);
    r.text("recipient_id", m.recipient_id);
    r.text("subject", m.subject, true);
    r.text("body", m.body, true);
    r.text("sent_at", m.sent_at);
    return e;
}

json to_json(const GroupVisit& g) {
    return {{"id", g.id},       {"organiser_site_id", g.organiser_site_id}, {"venue_site_id", g.venue_site_id},
            {"event", g.event}, {"visit_on", g.visit_on.iso()},             {"seats", g.seats}};
}
Errors from_json(const json& j, GroupVisit& g) {
    Errors e;
    Reader r(j, e);
    r.text("id", g.id, true);
    r.text("organiser_site_id", g.organiser_site_id, true);
    r.text("venue_site_id", g.venue_site_id, true);
    r.text("event", g.event, true);
    r.date("visit_on", g.visit_on, true);
    r.integer("seats", g.seats, true);
    return e;
}

json to_json(const GroupSignup& g) {
    return {{"id", g.id}, {"visit_id", g.visit_id}, {"issuer_site_id", g.issuer_site_id}, {"participants", g.participants}};
}
Errors from_json(const json& j, GroupSignup& g) {
    Errors e;
    Reader r(j, e);
    r.text("id", g.id, true);
    r.text("visit_id", g.visit_id, true);
    r.text("issuer_site_id", g.issuer_site_id, true);
    r.integer("participants", g.participants, true);
    return e;
}

json to_json(const User& u) {
    return {{"id", u.id},         {"login", u.login},       {"display_name", u.display_name},
            {"role", enum_name(u.role)}, {"scope_id", u.scope_id}, {"language", enum_name(u.language)},
            {"active", u.active}};
}
Errors from_json(const json& j, User& u) {
    Errors e;
    Reader r(j, e);
    r.text("id", u.id, true);
    r.text("login", u.login, true);
    r.text("display_name", u.display_name, true);
    r.name("role", u.role, true);
    r.text("scope_id", u.scope_id);
    r.name("language", u.language);
    if (const json* v = r.find("active", false)) {
        if (v->is_boolean())
            u.active = v->get<bool>();
        else
            r.fail("active", "invalid_format", "must be true or false");
    }
    return e;
}

json to_json(const Conflict& c) {
    return {{"id", c.id},
            {"area_id", c.area_id},
            {"entity", c.entity},
            {"entity_id", c.entity_id},
            {"mutation_id", c.mutation_id},
            {"base_version", c.base_version},
            {"fields", c.fields},
            {"server", net::parse_json(c.server_json)},
            {"client", net::parse_json(c.client_json)},
            {"status", c.open ? "open" : "resolved"},
            {"created_by", c.created_by},
            {"created_at", c.created_at},
            {"resolution", c.resolution},
            {"resolved_by", c.resolved_by},
            {"resolved_at", c.resolved_at}};
}
Errors from_json(const json& j, Conflict& c) {
    Errors e;
    Reader r(j, e);
    r.text("id", c.id, true);
    r.text("area_id", c.area_id);
    r.text("entity", c.entity, true);
    r.text("entity_id", c.entity_id, true);
    r.text("mutation_id", c.mutation_id);
    if (const json* v = r.find("base_version", false); v && v->is_number_integer()) c.base_version = v->get<long long>();
    r.text("fields", c.fields);
    if (const json* v = r.find("server", false)) c.server_json = v->dump();
    if (const json* v = r.find("client", false)) c.client_json = v->dump();
    std::string status = "open";
    r.text("status", status);
    c.open = status == "open";
    r.text("created_by", c.created_by);
    r.text("created_at", c.created_at);
    r.text("resolution", c.resolution);
    r.text("resolved_by", c.resolved_by);
    r.text("resolved_at", c.resolved_at);
    return e;
}

json to_flat_json(const Site& s) {
    json j = to_json(s);
    j["contact_name"] = s.contact.name;
    j["contact_email"] = s.contact.email;
    j["contact_phone"] = s.contact.phone;
    j.erase("contact");
    return j;
}

void apply_flat_fields(json& site, const json& flat_fields) {
    for (auto it = flat_fields.begin(); it != flat_fields.end(); ++it) {
        const std::string& f = it.key();
        if (f.rfind("contact_", 0) == 0)
            site["contact"][f.substr(8)] = it.value();
        else
            site[f] = it.value();
    }
}

json problem(int status, const std::string& type_slug, const std::string& title, const std::string& detail,
             const Errors& errors) {
    json p = {{"type", "/problems/" + type_slug}, {"title", title}, {"status", status}};
    if (!detail.empty()) p["detail"] = detail;
    if (!errors.empty()) {
        json list = json::array();
        for (const auto& e : errors) list.push_back({{"field", e.field}, {"code", e.code}, {"message", e.message}});
        p["errors"] = list;
    }
    return p;
}

void redact_holder(json& j, const std::string& entity) {
    if (j.is_array()) {
        for (auto& v : j) redact_holder(v);
        return;
    }
    if (!j.is_object()) return;
    const bool card_copy = entity == "card" || j.contains("holder");
    if (card_copy) {
        j.erase("holder");
        j.erase("children");
    }
    const bool card_conflict = entity == "sync_conflict" && j.value("entity", std::string()) == "card";
    for (auto& [key, value] : j.items()) {
        if (card_conflict && (key == "server" || key == "client"))
            redact_holder(value, "card");
        else
            redact_holder(value);
    }
}

int json_depth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char ch : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (ch == '\\') escaped = true;
            else if (ch == '"') in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '{' || ch == '[') {
            if (++depth > deepest && (deepest = depth) > limit) return deepest;
        } else if (ch == '}' || ch == ']') {
            --depth;
        }
    }
    return deepest;
}

json parse_json(std::string_view text, int max_depth) {
    if (json_depth(text, max_depth) > max_depth) return json(json::value_t::discarded);
    return json::parse(text.begin(), text.end(), nullptr, false);
}

}  // namespace kaiku::net
