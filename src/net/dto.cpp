#include "net/dto.hpp"

namespace kaiku::net {

using namespace kaiku::core;

namespace {

json date_or_null(const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); }

// Reads fields of one JSON object, collecting errors instead of throwing.
class Reader {
public:
    Reader(const json& j, Errors& errors, std::string prefix = {}) : j_(j), errors_(errors), prefix_(std::move(prefix)) {
        if (!j_.is_object()) fail("", "invalid_format", "must be a JSON object");
    }
    void text(const char* key, std::string& out, bool required = false) {
        const json* v = find(key, required);
        if (!v) return;
        if (v->is_string())
            out = v->get<std::string>();
        else if (!v->is_null())
            fail(key, "invalid_format", "must be a string");
    }
    void integer(const char* key, int& out, bool required = false) {
        const json* v = find(key, required);
        if (!v) return;
        if (v->is_number_integer() && v->get<long long>() >= INT32_MIN && v->get<long long>() <= INT32_MAX)
            out = v->get<int>();
        else
            fail(key, "invalid_format", "must be a whole number");
    }
    void opt_integer(const char* key, std::optional<int>& out) {
        const json* v = find(key, false);
        if (!v || v->is_null()) return;
        int x = 0;
        integer(key, x);
        out = x;
    }
    void date(const char* key, std::optional<Date>& out) {
        const json* v = find(key, false);
        if (!v || v->is_null()) return;
        if (v->is_string())
            if (auto d = Date::parse(v->get<std::string>())) {
                out = d;
                return;
            }
        fail(key, "invalid_format", "must be a date in the form YYYY-MM-DD");
    }
    template <class E>
    void name(const char* key, E& out, bool required = false) {
        const json* v = find(key, required);
        if (!v) return;
        if (v->is_string())
            if (auto e = enum_parse<E>(v->get<std::string>())) {
                out = *e;
                return;
            }
        std::string allowed;
        for (auto n : EnumNames<E>::names) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
        fail(key, "invalid_value", "must be one of: " + allowed);
    }
    const json* find(const char* key, bool required) {
        if (!j_.is_object()) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end()) {
            if (required) fail(key, "required", "is required");
            return nullptr;
        }
        return &*it;
    }
    void fail(const std::string& key, const std::string& code, const std::string& what) {
        const std::string field = prefix_.empty() ? key : key.empty() ? prefix_ : prefix_ + "." + key;
        errors_.push_back({field, code, "Field '" + field + "' " + what + "."});
    }

private:
    const json& j_;
    Errors& errors_;
    std::string prefix_;
};

}  // namespace

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

}  // namespace kaiku::net
