#include "core/validation.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/card_id.hpp"
#include "core/uuid.hpp"

namespace kaiku::core {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(const std::string& s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), is_digit);
}

// Length in characters: UTF-8 continuation bytes are not counted.
std::size_t char_count(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Collects the errors of one entity; `prefix` is prepended to field names ("holder" -> "holder.postcode").
class Checker {
public:
    explicit Checker(std::string prefix = {}) : prefix_(std::move(prefix)) {}

    std::string name(const std::string& field) const { return prefix_.empty() ? field : prefix_ + "." + field; }

    void add(const std::string& field, std::string code, std::string message) {
        errors_.push_back({name(field), std::move(code), std::move(message)});
    }

    // A text field: blank counts as missing; length is measured after trimming.
    bool text(const std::string& field, const std::string& label, const std::string& value, std::size_t max_len,
              bool required) {
        const std::string t = trimmed(value);
        if (t.empty()) {
            if (required) add(field, "required", label + " is required.");
            return false;
        }
        if (char_count(t) > max_len) {
            add(field, "too_long", label + " must be at most " + std::to_string(max_len) + " characters.");
            return false;
        }
        return true;
    }

    // A reference to another entity: required.
    bool ref(const std::string& field, const std::string& label, const std::string& value) {
        if (trimmed(value).empty()) {
            add(field, "required", label + " is required.");
            return false;
        }
        return true;
    }

    // The entity's own key: a UUID.
    void key(const std::string& field, const std::string& label, const std::string& value) {
        if (!ref(field, label, value)) return;
        if (!is_uuid(value)) add(field, "invalid_format", label + " must be a UUID (8-4-4-4-12 hexadecimal digits).");
    }

    bool range(const std::string& field, const std::string& label, long long v, long long lo, long long hi) {
        if (v < lo || v > hi) {
            add(field, "out_of_range",
                label + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ".");
            return false;
        }
        return true;
    }

    template <class E>
    void known(const std::string& field, const std::string& label, E e) {
        if (enum_name(e).empty()) add(field, "invalid_value", label + " has an unknown value.");
    }

    void postcode(const std::string& field, const std::string& label, const std::string& value) {
        if (value.empty())
            add(field, "required", label + " is required.");
        else if (!is_valid_postcode(value))
            add(field, "invalid_format", label + " must be exactly 5 digits.");
    }

    void municipality(const std::string& field, const std::string& label, const std::string& value) {
        if (value.empty())
            add(field, "required", label + " is required.");
        else if (!is_valid_municipality_code(value))
            add(field, "invalid_format", label + " must be exactly 3 digits.");
    }

    void date_order(const std::string& field, const std::string& label, const std::optional<Date>& from,
                    const std::optional<Date>& to, const std::string& from_label) {
        if (from && to && *to < *from) add(field, "out_of_range", label + " must not be before " + from_label + ".");
    }

    void append(const Errors& more) { errors_.insert(errors_.end(), more.begin(), more.end()); }

    Errors take() { return std::move(errors_); }

private:
    std::string prefix_;
    Errors errors_;
};

}  // namespace

std::string trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

bool is_valid_postcode(const std::string& s) { return all_digits(s, 5); }

bool is_valid_municipality_code(const std::string& s) { return all_digits(s, 3); }

// Y-tunnus "NNNNNNN-C": weights 7,9,10,5,8,4,2; remainder 0 -> 0, 1 -> never issued, else 11 - remainder.
bool is_valid_business_id(const std::string& s) {
    if (s.size() != 9 || s[7] != '-' || !is_digit(s[8])) return false;
    static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        if (!is_digit(s[i])) return false;
        sum += kWeights[i] * (s[i] - '0');
    }
    const int r = sum % 11;
    if (r == 1) return false;
    const int check = r == 0 ? 0 : 11 - r;
    return s[8] - '0' == check;
}

bool is_plausible_email(const std::string& s) {
    if (s.size() > 254) return false;
    const auto at = s.find('@');
    if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
    for (char c : s)
        if (is_space(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7F || c == ',' || c == ';' || c == '<' ||
            c == '>')
            return false;
    const std::string domain = s.substr(at + 1);
    const auto last_dot = domain.rfind('.');
    if (last_dot == std::string::npos || domain.front() == '.' || domain.front() == '-' ||
        domain.find("..") != std::string::npos)
        return false;
    return domain.size() - last_dot - 1 >= 2;  // a top-level domain of 2+ characters
}

bool is_plausible_phone(const std::string& s) {
    int digits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_digit(c))
            ++digits;
        else if (c == '+') {
            if (digits > 0 || trimmed(s.substr(0, i)).size() != 0) return false;  // only as the first character
        } else if (c != ' ' && c != '-' && c != '(' && c != ')')
            return false;
    }
    return digits >= 6 && digits <= 20;
}

Errors validate(const Area& a) {
    Checker c;
    c.key("id", "Area ID", a.id);
    if (a.prefix.empty())
        c.add("prefix", "required", "Card ID prefix is required.");
    else if (!is_valid_area_prefix(a.prefix))
        c.add("prefix", "invalid_format", "Card ID prefix must be exactly 3 capital letters A-Z.");
    c.text("name_fi", "Finnish name", a.name_fi, kMaxNameLength, true);
    c.text("name_sv", "Swedish name", a.name_sv, kMaxNameLength, false);
    c.text("name_en", "English name", a.name_en, kMaxNameLength, false);
    c.text("wellbeing_county", "Wellbeing services county", a.wellbeing_county, kMaxNameLength, false);
    c.known("status", "Area status", a.status);
    c.date_order("pilot_end", "Pilot end date", a.pilot_start, a.pilot_end, "the pilot start date");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < a.municipalities.size(); ++i) {
        const auto& m = a.municipalities[i];
        const std::string f = "municipalities[" + std::to_string(i) + "].";
        if (m.code.empty())
            c.add(f + "code", "required", "Municipality code is required.");
        else if (!is_valid_municipality_code(m.code))
            c.add(f + "code", "invalid_format", "Municipality code must be exactly 3 digits.");
        else if (!seen.insert(m.code).second)
            c.add(f + "code", "invalid_value", "Municipality " + m.code + " is listed more than once.");
        c.text(f + "name_fi", "Municipality's Finnish name", m.name_fi, kMaxNameLength, true);
        c.text(f + "name_sv", "Municipality's Swedish name", m.name_sv, kMaxNameLength, false);
        if (m.joined_year != 0) c.range(f + "joined_year", "Year the municipality joined", m.joined_year, 2000, 2999);
    }
    return c.take();
}

Errors validate(const Organisation& o) {
    Checker c;
    c.key("id", "Organisation ID", o.id);
    c.ref("area_id", "Area", o.area_id);
    c.text("name", "Organisation name", o.name, kMaxNameLength, true);
    if (!o.business_id.empty() && !is_valid_business_id(o.business_id))
        c.add("business_id", "invalid_check_character",
              "Business ID must look like 1234567-8 with a valid check digit.");
    return c.take();
}

Errors validate(const Contact& ct, const std::string& field_prefix) {
    Checker c(field_prefix);
    c.text("name", "Contact person's name", ct.name, kMaxNameLength, false);
    if (!ct.email.empty() && !is_plausible_email(ct.email))
        c.add("email", "invalid_format", "Contact e-mail address must look like name@example.fi.");
    if (!ct.phone.empty() && !is_plausible_phone(ct.phone))
        c.add("phone", "invalid_format",
              "Contact phone number must have 6 to 20 digits (spaces, +, -, and parentheses allowed).");
    return c.take();
}

Errors validate(const Site& s) {
    Checker c;
    c.key("id", "Site ID", s.id);
    c.ref("organisation_id", "Organisation", s.organisation_id);
    c.ref("area_id", "Area", s.area_id);
    c.known("role", "Site role", s.role);
    c.text("name", "Site name", s.name, kMaxNameLength, true);
    c.text("street_address", "Street address", s.street_address, kMaxNameLength, false);
    c.postcode("postcode", "Postcode", s.postcode);
    c.municipality("municipality_code", "Municipality code", s.municipality_code);
    c.known("status", "Site status", s.status);
    c.append(validate(s.contact, "contact"));
    if (s.status == SiteStatus::active && trimmed(s.contact.name).empty())
        c.add("contact.name", "required", "Contact person's name is required for an active site.");
    c.text("commitment_version", "Commitment guideline version", s.commitment_version, 32, false);
    if (s.commitment_acknowledged_on && trimmed(s.commitment_version).empty())
        c.add("commitment_version", "required",
              "Commitment guideline version is required when the commitment is acknowledged.");
    return c.take();
}

Errors validate(const VenueProfile& v) {
    Checker c;
    c.ref("site_id", "Venue site", v.site_id);
    for (std::size_t i = 0; i < v.categories.size(); ++i) {
        const std::string f = "categories[" + std::to_string(i) + "]";
        c.known(f, "Category", v.categories[i]);
        if (std::find(v.categories.begin(), v.categories.begin() + static_cast<std::ptrdiff_t>(i),
                      v.categories[i]) != v.categories.begin() + static_cast<std::ptrdiff_t>(i))
            c.add(f, "invalid_value", "Category is listed more than once.");
    }
    c.text("offers", "Offers", v.offers, kMaxTextLength, false);
    c.text("booking_channels", "Booking channels", v.booking_channels, kMaxTextLength, false);
    c.text("accessibility_notes", "Accessibility notes", v.accessibility_notes, kMaxTextLength, false);
    if (v.max_tickets_per_event)
        c.range("max_tickets_per_event", "Maximum tickets per event", *v.max_tickets_per_event, 1, 1000);
    return c.take();
}

Errors validate(const CardBatch& b) {
    Checker c;
    c.key("id", "Batch ID", b.id);
    c.ref("area_id", "Area", b.area_id);
    c.known("kind", "Card kind", b.kind);
    c.known("medium", "Card medium", b.medium);
    if (b.first_serial > kMaxCardSerial)
        c.add("first_serial", "out_of_range", "First serial must be at most " + std::to_string(kMaxCardSerial) + ".");
    if (b.last_serial > kMaxCardSerial)
        c.add("last_serial", "out_of_range", "Last serial must be at most " + std::to_string(kMaxCardSerial) + ".");
    else if (b.last_serial < b.first_serial)
        c.add("last_serial", "out_of_range", "Last serial must not be smaller than the first serial.");
    else if (b.last_serial - b.first_serial + 1 > 100000)
        c.add("last_serial", "out_of_range", "A batch can hold at most 100000 cards.");
    return c.take();
}

Errors validate(const Allocation& a, const CardBatch& batch) {
    Checker c;
    c.key("id", "Allocation ID", a.id);
    if (c.ref("batch_id", "Batch", a.batch_id) && a.batch_id != batch.id)
        c.add("batch_id", "invalid_value", "Batch does not match the batch the allocation is checked against.");
    c.ref("site_id", "Issuer site", a.site_id);
    if (a.first_serial < batch.first_serial || a.first_serial > batch.last_serial)
        c.add("first_serial", "out_of_range",
              "First serial must be within the batch (" + std::to_string(batch.first_serial) + " to " +
                  std::to_string(batch.last_serial) + ").");
    if (a.last_serial < a.first_serial)
        c.add("last_serial", "out_of_range", "Last serial must not be smaller than the first serial.");
    else if (a.last_serial > batch.last_serial || a.last_serial < batch.first_serial)
        c.add("last_serial", "out_of_range",
              "Last serial must be within the batch (" + std::to_string(batch.first_serial) + " to " +
                  std::to_string(batch.last_serial) + ").");
    return c.take();
}

Errors validate(const HolderProfile& h, int current_year, const std::string& field_prefix) {
    Checker c(field_prefix);
    const int oldest = current_year - kMaxHolderAge;
    const int youngest = current_year - kMinHolderAge;
    if (h.birth_year < oldest || h.birth_year > youngest)
        c.add("birth_year", "out_of_range",
              "Birth year must be between " + std::to_string(oldest) + " and " + std::to_string(youngest) +
                  ": the holder must be 16 or turn 16 this year.");
    c.postcode("postcode", "Postcode", h.postcode);
    c.range("children", "Number of children", h.children, 0, kMaxChildren);
    c.known("gender", "Gender", h.gender);
    c.known("life_situation", "Life situation", h.life_situation);
    c.known("age_group", "Age group", h.age_group);
    return c.take();
}

Errors validate(const Card& card) {
    Checker c;
    const auto parsed = parse_card_id(card.id, "id");
    if (parsed.error)
        c.append({*parsed.error});
    else if (parsed.id->str() != card.id)
        c.add("id", "invalid_format", "Card ID must be stored in its canonical form ABC-123456-X.");
    c.ref("area_id", "Area", card.area_id);
    c.known("kind", "Card kind", card.kind);
    c.known("medium", "Card medium", card.medium);
    c.known("status", "Card status", card.status);

    if (card.status != CardStatus::in_stock) {
        c.ref("issuer_site_id", "Issuing site", card.issuer_site_id);
        if (!card.registered_on) c.add("registered_on", "required", "Registration date is required.");
        if (!card.valid_until) c.add("valid_until", "required", "Last valid day is required.");
        c.date_order("valid_until", "Last valid day", card.registered_on, card.valid_until, "the registration date");
        if (card.kind == CardKind::personal) {
            if (card.registered_on) c.append(validate(card.holder, card.registered_on->year(), "holder"));
        } else if (card.holder.children != 0) {
            c.add("holder.children", "not_allowed", "Number of children must be 0 on a community card.");
        }
    }
    if (card.status == CardStatus::activated && !card.activated_on)
        c.add("activated_on", "required", "Date of first use is required for an activated card.");
    c.date_order("activated_on", "Date of first use", card.registered_on, card.activated_on, "the registration date");
    if (card.status == CardStatus::cancelled) {
        if (!card.cancel_reason) c.add("cancel_reason", "required", "Cancellation reason is required.");
        if (!card.cancelled_on) c.add("cancelled_on", "required", "Cancellation date is required.");
    }
    if (card.cancel_reason) c.known("cancel_reason", "Cancellation reason", *card.cancel_reason);
    c.date_order("cancelled_on", "Cancellation date", card.registered_on, card.cancelled_on, "the registration date");
    if (!card.replaces.empty()) {
        if (card.replaces == card.id)
            c.add("replaces", "invalid_value", "A card cannot replace itself.");
        else if (auto p = parse_card_id(card.replaces, "replaces"); p.error)
            c.append({*p.error});
    }
    if (!card.replaced_by.empty()) {
        if (card.replaced_by == card.id)
            c.add("replaced_by", "invalid_value", "A card cannot replace itself.");
        else if (auto p = parse_card_id(card.replaced_by, "replaced_by"); p.error)
            c.append({*p.error});
        if (card.status != CardStatus::cancelled)
            c.add("replaced_by", "not_allowed", "Only a cancelled card can have a replacement card.");
    }
    return c.take();
}

Errors validate(const Usage& u) {
    Checker c;
    c.key("id", "Use ID", u.id);
    const auto parsed = parse_card_id(u.card_id, "card_id");
    if (parsed.error)
        c.append({*parsed.error});
    else if (parsed.id->str() != u.card_id)
        c.add("card_id", "invalid_format", "Card ID must be stored in its canonical form ABC-123456-X.");
    c.ref("venue_site_id", "Venue", u.venue_site_id);
    c.text("event", "Event", u.event, kMaxNameLength, false);
    c.known("category", "Category", u.category);
    c.known("item", "Item", u.item);
    c.known("entry", "Entry method", u.entry);
    const bool adults_ok = c.range("adults", "Number of adults", u.adults, 0, kMaxAdultsPerUse);
    const bool children_ok = c.range("children", "Number of children", u.children, 0, kMaxChildren);
    if (adults_ok && children_ok && u.adults + u.children < 1)
        c.add("adults", "out_of_range", "A use must admit at least one person (adults plus children).");
    c.text("void_reason", "Reason for voiding", u.void_reason, kMaxTextLength, u.voided);
    return c.take();
}

Errors validate(const Rule& r) {
    Checker c;
    c.key("id", "Rule ID", r.id);
    c.known("scope", "Rule scope", r.scope);
    c.known("kind", "Rule kind", r.kind);
    if (r.scope == RuleScope::national) {
        if (!r.scope_id.empty())
            c.add("scope_id", "not_allowed", "Scope must be empty for a national rule.");
    } else {
        c.ref("scope_id", "Scope (area, venue or offer)", r.scope_id);
    }
    if (r.value < 0) c.add("value", "out_of_range", "Rule value must not be negative.");
    if (r.kind == RuleKind::max_uses_per_card_period)
        c.range("period_days", "Period length in days", r.period_days, 1, 3660);
    else if (r.period_days != 0)
        c.add("period_days", "not_allowed", "Period length is only used by the uses-per-period rule.");
    c.date_order("valid_to", "Rule end date", r.valid_from, r.valid_to, "its start date");
    return c.take();
}

Errors validate(const Quota& q) {
    Checker c;
    c.key("id", "Quota ID", q.id);
    c.ref("site_id", "Issuer site", q.site_id);
    c.date_order("period_end", "Quota period end", q.period_start, q.period_end, "its start");
    if (q.cards < 0) c.add("cards", "out_of_range", "Number of cards must not be negative.");
    return c.take();
}

Errors validate(const QuotaAdjustment& a) {
    Checker c;
    c.key("id", "Adjustment ID", a.id);
    c.ref("quota_id", "Quota", a.quota_id);
    if (a.delta == 0) c.add("delta", "invalid_value", "Adjustment must add or remove at least one card.");
    c.text("reason", "Reason for the adjustment", a.reason, kMaxTextLength, true);
    return c.take();
}

Errors validate(const Message& m) {
    Checker c;
    c.key("id", "Message ID", m.id);
    c.ref("thread_id", "Thread", m.thread_id);
    c.ref("sender_user_id", "Sender", m.sender_user_id);
    c.known("recipient_kind", "Recipient kind", m.recipient_kind);
    if (m.recipient_kind == RecipientKind::network) {
        if (!m.recipient_id.empty())
            c.add("recipient_id", "not_allowed", "Recipient must be empty for a message to the whole network.");
    } else {
        c.ref("recipient_id", "Recipient", m.recipient_id);
    }
    c.text("subject", "Subject", m.subject, kMaxSubjectLength, true);
    c.text("body", "Message text", m.body, kMaxBodyLength, true);
    return c.take();
}

Errors validate(const GroupVisit& g) {
    Checker c;
    c.key("id", "Group visit ID", g.id);
    c.ref("organiser_site_id", "Organising issuer", g.organiser_site_id);
    c.ref("venue_site_id", "Venue", g.venue_site_id);
    c.text("event", "Event", g.event, kMaxNameLength, true);
    c.range("seats", "Number of seats", g.seats, 1, kMaxGroupVisitSeats);
    return c.take();
}

Errors validate(const GroupSignup& s, const GroupVisit& visit, int seats_already_taken) {
    Checker c;
    c.key("id", "Sign-up ID", s.id);
    if (c.ref("visit_id", "Group visit", s.visit_id) && s.visit_id != visit.id)
        c.add("visit_id", "invalid_value", "Group visit does not match the visit the sign-up is checked against.");
    c.ref("issuer_site_id", "Issuer site", s.issuer_site_id);
    const int left = std::max(0, visit.seats - std::max(0, seats_already_taken));
    if (s.participants < 1)
        c.add("participants", "out_of_range", "Number of participants must be at least 1.");
    else if (s.participants > left)
        c.add("participants", "out_of_range",
              "Number of participants must be at most " + std::to_string(left) + ", the seats left on this visit.");
    return c.take();
}

Errors validate(const User& u) {
    Checker c;
    c.key("id", "User ID", u.id);
    if (u.login.empty()) {
        c.add("login", "required", "Login is required.");
    } else if (u.login.size() > 64) {
        c.add("login", "too_long", "Login must be at most 64 characters.");
    } else {
        const bool chars_ok = std::all_of(u.login.begin(), u.login.end(), [](char ch) {
            return (ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == '@';
        });
        if (!chars_ok || u.login.size() < 3)
            c.add("login", "invalid_format",
                  "Login must be 3 to 64 characters: lower-case letters a-z, digits, '.', '_', '-' or '@'.");
    }
    c.text("display_name", "Display name", u.display_name, kMaxNameLength, true);
    c.known("role", "Role", u.role);
    c.known("language", "Language", u.language);
    if (u.role == Role::national_service) {
        if (!u.scope_id.empty())
            c.add("scope_id", "not_allowed", "Scope must be empty for the national support service.");
    } else {
        const bool site_role = u.role == Role::issuer_staff || u.role == Role::venue_staff;
        c.ref("scope_id", site_role ? "Site" : "Area", u.scope_id);
    }
    return c.take();
}

namespace {

template <class T>
const T* first_overlap(const T& v, std::span<const T> others) {
    for (const auto& o : others)
        if (o.id != v.id && v.first_serial <= o.last_serial && o.first_serial <= v.last_serial) return &o;
    return nullptr;
}

std::string range_text(std::uint32_t first, std::uint32_t last) {
    return std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

Errors check_no_overlap(const CardBatch& b, std::span<const CardBatch> others) {
    if (const auto* o = first_overlap(b, others))
        return {{"first_serial", "conflict",
                 "The range " + range_text(b.first_serial, b.last_serial) + " overlaps batch " + o->id + " (" +
                     range_text(o->first_serial, o->last_serial) + ")."}};
    return {};
}

Errors check_no_overlap(const Allocation& a, std::span<const Allocation> others) {
    if (const auto* o = first_overlap(a, others))
        return {{"first_serial", "conflict",
                 "The range " + range_text(a.first_serial, a.last_serial) +
                     " overlaps an earlier allocation of this batch (" + range_text(o->first_serial, o->last_serial) +
                     ")."}};
    return {};
}

}  // namespace kaiku::core
