// Code lists of the register. Each enum has stable lower-case wire names (API, database, files);
// user-visible labels are translated in the UI, never taken from these names.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kaiku::core {

template <class E>
struct EnumNames;  // specialised below: static constexpr std::array<std::string_view, N> names

template <class E>
constexpr std::string_view enum_name(E e) {
    const auto i = static_cast<std::size_t>(e);
    return i < EnumNames<E>::names.size() ? EnumNames<E>::names[i] : std::string_view{};
}

template <class E>
constexpr std::optional<E> enum_parse(std::string_view s) {
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (EnumNames<E>::names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

#define KAIKU_ENUM_NAMES(E, ...)                                                          \
    template <>                                                                           \
    struct EnumNames<E> {                                                                 \
        static constexpr auto names = std::to_array<std::string_view>({__VA_ARGS__});     \
    }

enum class AreaStatus { planning, pilot, permanent, ended };
KAIKU_ENUM_NAMES(AreaStatus, "planning", "pilot", "permanent", "ended");

enum class SiteRole { issuer, venue, ticket_agent };
KAIKU_ENUM_NAMES(SiteRole, "issuer", "venue", "ticket_agent");

enum class SiteStatus { proposed, active, paused, left };
KAIKU_ENUM_NAMES(SiteStatus, "proposed", "active", "paused", "left");

enum class Category { culture, education, science, sports };
KAIKU_ENUM_NAMES(Category, "culture", "education", "science", "sports");

enum class CardKind { personal, community };
KAIKU_ENUM_NAMES(CardKind, "personal", "community");

enum class CardMedium { cardboard, mobile };
KAIKU_ENUM_NAMES(CardMedium, "cardboard", "mobile");

// in_stock -> registered -> activated (first use) -> expired; any registered state -> cancelled.
enum class CardStatus { in_stock, registered, activated, expired, cancelled };
KAIKU_ENUM_NAMES(CardStatus, "in_stock", "registered", "activated", "expired", "cancelled");

enum class CancelReason { lost, stolen, misuse, data_error };
KAIKU_ENUM_NAMES(CancelReason, "lost", "stolen", "misuse", "data_error");

enum class Gender { unspecified, female, male, other };
KAIKU_ENUM_NAMES(Gender, "unspecified", "female", "male", "other");

enum class LifeSituation { unspecified, employed, unemployed, student, retired, disability, caregiver, other };
KAIKU_ENUM_NAMES(LifeSituation, "unspecified", "employed", "unemployed", "student", "retired", "disability",
                 "caregiver", "other");

enum class AgeGroup { unspecified, age_16_29, age_30_64, age_65_plus };
KAIKU_ENUM_NAMES(AgeGroup, "unspecified", "16-29", "30-64", "65+");

enum class UsageItem { ticket, course_place, season_pass };
KAIKU_ENUM_NAMES(UsageItem, "ticket", "course_place", "season_pass");

enum class EntryMethod { scanner, manual, paper_form, import };
KAIKU_ENUM_NAMES(EntryMethod, "scanner", "manual", "paper_form", "import");

enum class RuleScope { national, area, venue, offer };
KAIKU_ENUM_NAMES(RuleScope, "national", "area", "venue", "offer");

enum class RuleKind {
    max_tickets_per_event,     // per card and event (adults + children)
    max_uses_per_card_period,  // per card within period_days
    max_courses_per_year,      // course places per card and calendar year
    max_course_fee_cents,      // courses above this fee are not offered
    no_sold_out_events,
};
KAIKU_ENUM_NAMES(RuleKind, "max_tickets_per_event", "max_uses_per_card_period", "max_courses_per_year",
                 "max_course_fee_cents", "no_sold_out_events");

enum class Role { issuer_staff, venue_staff, coordinator_culture, coordinator_sote, national_service };
KAIKU_ENUM_NAMES(Role, "issuer_staff", "venue_staff", "coordinator_culture", "coordinator_sote", "national_service");

enum class Language { fi, sv, en };
KAIKU_ENUM_NAMES(Language, "fi", "sv", "en");

// user: a notice from the register itself to one person (for example, that a value they set was overwritten).
enum class RecipientKind { site, area_issuers, area_venues, area_all, network, user };
KAIKU_ENUM_NAMES(RecipientKind, "site", "area_issuers", "area_venues", "area_all", "network", "user");

#undef KAIKU_ENUM_NAMES

}  // namespace kaiku::core
