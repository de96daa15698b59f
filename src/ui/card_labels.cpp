#include "ui/card_labels.hpp"
#include "ui/labels.hpp"

#include "core/card_id.hpp"
#include "ui/format.hpp"

#include <wx/intl.h>
#include <wx/tokenzr.h>

namespace kaiku::ui {

wxString label(core::CardStatus s) {
    switch (s) {
        // TRANSLATORS: status of a printed card that has not been handed to anyone
        case core::CardStatus::in_stock: return _("In stock");
        // TRANSLATORS: status of a card handed to a cardholder and recorded in the register (an adjective, like
        // "In stock", "Expired"); not a number of cards
        case core::CardStatus::registered: return wxGETTEXT_IN_CONTEXT("card status", "Registered");
        // TRANSLATORS: status of a card that has been used at least once
        case core::CardStatus::activated: return _("In use");
        case core::CardStatus::expired: return _("Expired");
        case core::CardStatus::cancelled: return _("Cancelled");
    }
    return {};
}

wxString label(core::CardKind k) {
    switch (k) {
        // TRANSLATORS: kind of card: held by one person
        case core::CardKind::personal: return _("Personal");
        // TRANSLATORS: kind of card: held by an issuer for group visits (yhteisön Kaikukortti)
        case core::CardKind::community: return _("Community");
    }
    return {};
}

wxString label(core::CardMedium m) {
    switch (m) {
        case core::CardMedium::cardboard: return _("Cardboard");
        case core::CardMedium::mobile: return _("Mobile");
    }
    return {};
}

wxString label(core::CancelReason r) {
    switch (r) {
        case core::CancelReason::lost: return _("Lost");
        case core::CancelReason::stolen: return _("Stolen");
        case core::CancelReason::misuse: return _("Misuse");
        case core::CancelReason::data_error: return _("Data error");
    }
    return {};
}

wxString label(core::Gender g) {
    switch (g) {
        case core::Gender::unspecified: return _("Not given");
        case core::Gender::female: return _("Female");
        case core::Gender::male: return _("Male");
        case core::Gender::other: return _("Other");
    }
    return {};
}

wxString label(core::LifeSituation s) {
    switch (s) {
        case core::LifeSituation::unspecified: return _("Not given");
        case core::LifeSituation::employed: return _("Employed");
        case core::LifeSituation::unemployed: return _("Unemployed");
        case core::LifeSituation::student: return _("Student");
        case core::LifeSituation::retired: return _("Retired");
        case core::LifeSituation::disability: return _("On disability benefit");
        case core::LifeSituation::caregiver: return _("Family caregiver");
        case core::LifeSituation::other: return _("Other");
    }
    return {};
}

wxString label(core::AgeGroup a) {
    switch (a) {
        case core::AgeGroup::unspecified: return _("Not given");
        // TRANSLATORS: an age group of card holders, in years
        case core::AgeGroup::age_16_29: return _(L"16\u201329");
        case core::AgeGroup::age_30_64: return _(L"30\u201364");
        case core::AgeGroup::age_65_plus: return _("65 or over");
    }
    return {};
}

CardLabels CardLabels::make() {
    CardLabels l;
    for (std::size_t i = 0; i < l.status.size(); ++i) l.status[i] = label(static_cast<core::CardStatus>(i));
    for (std::size_t i = 0; i < l.kind.size(); ++i) l.kind[i] = label(static_cast<core::CardKind>(i));
    for (std::size_t i = 0; i < l.medium.size(); ++i) l.medium[i] = label(static_cast<core::CardMedium>(i));
    for (std::size_t i = 0; i < l.cancel_reason.size(); ++i)
        l.cancel_reason[i] = label(static_cast<core::CancelReason>(i));
    return l;
}

wxString show_date(const std::optional<core::Date>& d) { return d ? format_date(*d) : wxString(); }

std::string date_key(const std::optional<core::Date>& d) { return d ? d->iso() : std::string(); }

std::optional<core::Date> parse_date_text(const wxString& text) {
    const wxString t = wxString(text).Trim(true).Trim(false);
    if (auto iso = core::Date::parse(t.utf8_string())) return iso;
    // Finnish habit: day.month.year
    wxArrayString parts = wxStringTokenize(t, ".", wxTOKEN_RET_EMPTY_ALL);
    if (parts.size() != 3) return std::nullopt;
    long d = 0, m = 0, y = 0;
    if (!parts[0].ToLong(&d) || !parts[1].ToLong(&m) || !parts[2].ToLong(&y) || parts[2].length() != 4)
        return std::nullopt;
    return core::Date::from_ymd(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

std::optional<std::uint32_t> parse_serial_text(const wxString& text, const std::string& area_prefix) {
    const wxString t = wxString(text).Trim(true).Trim(false);
    unsigned long n = 0;
    if (!t.empty() && t.find_first_not_of("0123456789") == wxString::npos && t.ToULong(&n) && n >= 1 &&
        n <= core::kMaxCardSerial)
        return static_cast<std::uint32_t>(n);
    const auto parsed = core::parse_card_id(t.utf8_string());
    if (parsed.id && parsed.id->prefix == area_prefix && parsed.id->serial >= 1) return parsed.id->serial;
    return std::nullopt;
}

wxString describe_error(const wxString& field, const core::FieldError& e) {
    // The common problems in the user's language; the rest as the core words them (English, or its translation
    // when the catalog has one).
    if (e.code == "required")
        // TRANSLATORS: %s is the name of a form field, e.g. "Postcode"
        return wxString::Format(_("%s: fill in this field."), field);
    if (e.code == "invalid_check_character")
        // TRANSLATORS: %s is the name of the field, "Card ID"
        return wxString::Format(_("%s: the check character (the last one) does not match the rest of the ID. "
                                  "Check the ID or scan the card again."),
                                field);
    if (e.code == "invalid_format" && (e.field == "card_id" || e.field == "new_card_id"))
        // TRANSLATORS: %s is the name of the field, "Card ID"; keep the example as it is
        return wxString::Format(_("%s: type the whole ID as printed on the card, for example TRE-000123-K."),
                                field);
    // TRANSLATORS: first %s is the name of a form field, second %s the problem in a sentence
    return wxString::Format(_("%s: %s"), field, core_problem(e));
}

}  // namespace kaiku::ui
