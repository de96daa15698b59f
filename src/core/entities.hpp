// The register's data model. Plain values: no I/O, no validation here (see validation.hpp).
// Ids are UUID strings (client-generated, UUIDv7) unless noted. Holders are never identified:
// no name, identity code, birth date or address is representable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/enums.hpp"

namespace kaiku::core {

struct Municipality {
    std::string code;  // Statistics Finland municipality number, 3 digits ("837")
    std::string name_fi;
    std::string name_sv;
    int joined_year = 0;  // year the municipality joined the network
};

struct Area {
    std::string id;
    std::string prefix;  // 3 letters, the card-ID area prefix ("TRE")
    std::string name_fi, name_sv, name_en;
    std::string wellbeing_county;  // hyvinvointialue
    AreaStatus status = AreaStatus::planning;
    std::optional<Date> pilot_start, pilot_end;
    std::vector<Municipality> municipalities;
};

struct Organisation {
    std::string id;
    std::string area_id;
    std::string name;
    std::string business_id;  // Y-tunnus "1234567-8", optional (NGOs may lack one)
};

struct Contact {  // a contact person of a site: staff, not holders
    std::string name;
    std::string email;
    std::string phone;
};

struct Site {
    std::string id;
    std::string organisation_id;
    std::string area_id;
    SiteRole role = SiteRole::issuer;
    std::string name;
    std::string street_address;
    std::string postcode;           // 5 digits
    std::string municipality_code;  // 3 digits
    SiteStatus status = SiteStatus::proposed;
    std::optional<Date> joined_on;
    Contact contact;
    std::optional<Date> commitment_acknowledged_on;
    std::string commitment_version;  // guideline version acknowledged ("2025-1")
};

struct VenueProfile {
    std::string site_id;
    std::vector<Category> categories;
    std::string offers;
    std::string booking_channels;
    std::string accessibility_notes;
    std::optional<int> max_tickets_per_event;  // cap on Kaikukortti tickets per event
};

struct CardBatch {
    std::string id;
    std::string area_id;
    std::uint32_t first_serial = 0;  // inclusive range of serials printed
    std::uint32_t last_serial = 0;
    CardKind kind = CardKind::personal;
    CardMedium medium = CardMedium::cardboard;
    std::optional<Date> printed_on;
};

struct Allocation {  // a sub-range of a batch handed to an issuer site
    std::string id;
    std::string batch_id;
    std::string site_id;
    std::uint32_t first_serial = 0;
    std::uint32_t last_serial = 0;
    std::optional<Date> allocated_on;
};

struct HolderProfile {
    int birth_year = 0;  // mandatory
    std::string postcode;  // mandatory, 5 digits
    int children = 0;      // mandatory: minor children entitled to come along (0..20)
    Gender gender = Gender::unspecified;
    LifeSituation life_situation = LifeSituation::unspecified;
    AgeGroup age_group = AgeGroup::unspecified;
};

struct Card {
    std::string id;  // the printed card ID ("TRE-000123-K"), also the primary key
    std::string area_id;
    std::string batch_id;
    CardKind kind = CardKind::personal;
    CardMedium medium = CardMedium::cardboard;
    CardStatus status = CardStatus::in_stock;
    std::string issuer_site_id;
    std::optional<Date> registered_on;
    std::optional<Date> valid_until;  // last valid day, inclusive
    std::optional<Date> activated_on;  // first use
    std::optional<CancelReason> cancel_reason;
    std::optional<Date> cancelled_on;
    std::string replaces;     // card id this card replaces (lost card), or empty
    std::string replaced_by;  // card id that replaced this one, or empty
    HolderProfile holder;     // unused for community cards except children = 0
};

// Anomaly flags on a use; offline uses are accepted and flagged, never rejected for these.
enum AnomalyFlag : unsigned {
    anomaly_none = 0,
    anomaly_card_expired = 1u << 0,
    anomaly_card_not_registered = 1u << 1,
    anomaly_too_many_children = 1u << 2,
    anomaly_possible_double_use = 1u << 3,
    anomaly_venue_cap_exceeded = 1u << 4,
    anomaly_card_cancelled = 1u << 5,
    anomaly_clock_skew = 1u << 6,  // the device said it recorded the use in the future: its clock is wrong
};

struct Usage {
    std::string id;
    std::string card_id;
    std::string venue_site_id;
    std::string event;  // optional event/offer name
    Date used_on;
    Category category = Category::culture;
    UsageItem item = UsageItem::ticket;
    int adults = 1;
    int children = 0;
    EntryMethod entry = EntryMethod::manual;
    unsigned anomalies = anomaly_none;
    bool voided = false;
    std::string void_reason;
};

struct Rule {
    std::string id;
    RuleScope scope = RuleScope::area;
    std::string scope_id;  // area / venue site / offer id; empty for national
    RuleKind kind = RuleKind::max_tickets_per_event;
    int value = 0;
    int period_days = 0;  // for max_uses_per_card_period
    std::optional<Date> valid_from, valid_to;
};

struct Quota {  // issuer card quota for a period
    std::string id;
    std::string site_id;
    Date period_start, period_end;
    int cards = 0;
};

struct QuotaAdjustment {  // append-only; adjustments add up
    std::string id;
    std::string quota_id;
    int delta = 0;
    std::string reason;
    Date made_on;
};

struct Message {
    std::string id;
    std::string thread_id;  // equals id for the first message of a thread
    std::string sender_site_id;
    std::string sender_user_id;
    RecipientKind recipient_kind = RecipientKind::site;
    std::string recipient_id;  // site or area id; empty for network
    std::string subject;
    std::string body;
    std::string sent_at;  // ISO 8601 UTC
};

struct GroupVisit {
    std::string id;
    std::string organiser_site_id;
    std::string venue_site_id;
    std::string event;
    Date visit_on;
    int seats = 0;
};

struct GroupSignup {  // counts only, never names
    std::string id;
    std::string visit_id;
    std::string issuer_site_id;
    int participants = 0;
};

// A change the register could not merge: kept until a person decides (keep mine / keep theirs / edit).
struct Conflict {
    std::string id;
    std::string area_id;
    std::string entity, entity_id;
    std::string mutation_id;
    long long base_version = 0;
    std::string fields;       // comma-separated field names in conflict
    std::string server_json;  // the register's row when the change arrived
    std::string client_json;  // the change as sent
    bool open = true;
    std::string created_by, created_at;
    std::string resolution;   // keep_mine, keep_theirs, edit
    std::string resolved_by, resolved_at;
};

struct User {
    std::string id;
    std::string login;
    std::string display_name;  // staff member's name, not a holder's
    Role role = Role::issuer_staff;
    std::string scope_id;  // site id (staff), area id (coordinators), empty (national)
    Language language = Language::fi;
    bool active = true;
};

}  // namespace kaiku::core
