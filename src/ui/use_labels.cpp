#include "ui/use_labels.hpp"

#include <map>

#include <wx/intl.h>

#include "core/entities.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

wxString label(core::Category c) {
    switch (c) {
        case core::Category::culture: return _("Culture");
        // TRANSLATORS: the category of courses and other education (koulutus, utbildning)
        case core::Category::education: return _("Education");
        case core::Category::science: return _("Science");
        case core::Category::sports: return _("Sports");
    }
    return wxString();
}

wxString label(core::UsageItem i) {
    switch (i) {
        case core::UsageItem::ticket: return _("Admission ticket");
        case core::UsageItem::course_place: return _("Course place");
        case core::UsageItem::season_pass: return _("Season pass");
    }
    return wxString();
}

wxString label(import::ImportKind k) {
    switch (k) {
        case import::ImportKind::uses: return _("Uses");
        case import::ImportKind::cards: return _("Cards");
        case import::ImportKind::areas: return _("Areas");
        case import::ImportKind::sites: return _("Sites");
    }
    return wxString();
}

namespace {

struct AnomalyText {
    unsigned flag;
    const char* word;
    const char* sentence;
};

// wxTRANSLATE marks them for the catalogue; they are translated when shown.
const AnomalyText kAnomalies[] = {
    {core::anomaly_card_expired, wxTRANSLATE("card expired"), wxTRANSLATE("The card was not valid on the day of use.")},
    {core::anomaly_card_not_registered, wxTRANSLATE("card not registered"),
     wxTRANSLATE("The card is not registered in the register.")},
    {core::anomaly_card_cancelled, wxTRANSLATE("card cancelled"), wxTRANSLATE("The card has been cancelled.")},
    {core::anomaly_too_many_children, wxTRANSLATE("more children than registered"),
     wxTRANSLATE("More children came along than are registered on the card.")},
    {core::anomaly_possible_double_use, wxTRANSLATE("possible double use"),
     wxTRANSLATE("The card has another use on the same day: this may be a double use.")},
    {core::anomaly_venue_cap_exceeded, wxTRANSLATE("over the venue's limit"),
     wxTRANSLATE("The use goes over a limit of the venue or the area.")},
    {core::anomaly_clock_skew, wxTRANSLATE("clock skew"),
     wxTRANSLATE("The computer that recorded the use had its clock set ahead.")},
};

}  // namespace

wxString anomaly_words(unsigned anomalies) {
    wxString out;
    for (const auto& a : kAnomalies)
        if (anomalies & a.flag) {
            // TRANSLATORS: separator between anomaly words in the uses list ("card expired, clock skew")
            if (!out.empty()) out += _(", ");
            out += wxGetTranslation(a.word);
        }
    return out;
}

wxString anomaly_sentences(unsigned anomalies) {
    wxString out;
    for (const auto& a : kAnomalies)
        if (anomalies & a.flag) {
            if (!out.empty()) out += '\n';
            out += wxGetTranslation(a.sentence);
        }
    return out;
}

wxString field_label(const std::string& key, const std::string& english) {
    static const std::map<std::string, const char*> labels = {
        {"card_id", wxTRANSLATE("Card ID")},
        {"used_on", wxTRANSLATE("Date")},
        {"adults", wxTRANSLATE("Adults")},
        {"children", wxTRANSLATE("Children")},
        {"category", wxTRANSLATE("Category")},
        {"venue", wxTRANSLATE("Venue")},
        {"venue_site_id", wxTRANSLATE("Venue")},
        {"event", wxTRANSLATE("Event")},
        {"item", wxTRANSLATE("Item")},
        {"reason", wxTRANSLATE("Reason")},
        {"usage_id", wxTRANSLATE("Use")},
        {"issuer", wxTRANSLATE("Issuer site")},
        {"issuer_site_id", wxTRANSLATE("Issuer site")},
        {"registered_on", wxTRANSLATE("Registered on")},
        {"valid_until", wxTRANSLATE("Valid until")},
        {"birth_year", wxTRANSLATE("Birth year")},
        {"postcode", wxTRANSLATE("Postcode")},
        {"gender", wxTRANSLATE("Gender")},
        {"life_situation", wxTRANSLATE("Life situation")},
        {"age_group", wxTRANSLATE("Age group")},
        {"id", wxTRANSLATE("ID")},
        {"prefix", wxTRANSLATE("Card prefix")},
        {"name_fi", wxTRANSLATE("Name in Finnish")},
        {"name_sv", wxTRANSLATE("Name in Swedish")},
        {"name_en", wxTRANSLATE("Name in English")},
        {"wellbeing_county", wxTRANSLATE("Wellbeing services county")},
        {"status", wxTRANSLATE("Status")},
        {"pilot_start", wxTRANSLATE("Pilot start")},
        {"pilot_end", wxTRANSLATE("Pilot end")},
        {"municipalities", wxTRANSLATE("Municipalities")},
        {"area", wxTRANSLATE("Area")},
        {"organisation", wxTRANSLATE("Organisation")},
        {"role", wxTRANSLATE("Role")},
        {"name", wxTRANSLATE("Name")},
        {"street_address", wxTRANSLATE("Street address")},
        {"municipality_code", wxTRANSLATE("Municipality code")},
        {"joined_on", wxTRANSLATE("Joined on")},
        {"contact_name", wxTRANSLATE("Contact person")},
        {"contact_email", wxTRANSLATE("Contact e-mail")},
        {"contact_phone", wxTRANSLATE("Contact phone")},
        {"file", wxTRANSLATE("File")},
        {"area_id", wxTRANSLATE("Area")},
        {"batch_id", wxTRANSLATE("Batch")},
        {"first_serial", wxTRANSLATE("First card number")},
        {"last_serial", wxTRANSLATE("Last card number")},
        {"kind", wxTRANSLATE("Kind")},
        {"medium", wxTRANSLATE("Medium")},
        {"printed_on", wxTRANSLATE("Printed on")},
        {"cards", wxTRANSLATE("Number of cards")},
    };
    std::string k = key;
    if (k.rfind("mapping.", 0) == 0) k = k.substr(8);
    if (const auto it = labels.find(k); it != labels.end()) return wxGetTranslation(it->second);
    return wxString::FromUTF8(english.empty() ? k : english);
}

wxString problem_text(const core::FieldError& error) {
    const wxString message = core_problem(error);
    if (error.field.empty()) return message;
    // TRANSLATORS: a problem in a form: "<field name>: <what is wrong>"
    return wxString::Format(_("%s: %s"), field_label(error.field), message);
}

}  // namespace kaiku::ui
