#include "ui/register_card_dialog.hpp"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/card_id.hpp"
#include "core/validation.hpp"
#include "store/repositories.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/card_labels.hpp"

namespace kaiku::ui {

namespace {

struct CardLookup {
    bool registered = false;
    std::optional<core::CardKind> printed;  // kind of the printed batch that holds the ID
    std::string allocated_to;               // name of another issuer site the ID was allocated to
};

CardLookup look_up(store::Database& db, const core::CardId& id, const std::string& issuer_site_id) {
    CardLookup out;
    out.registered = store::CardRepository{db}.get(id.str()).has_value();
    for (const auto& area : store::AreaRepository{db}.list()) {
        if (area.prefix != id.prefix) continue;
        for (const auto& b : store::CardBatchRepository{db}.list_for_area(area.id)) {
            if (id.serial < b.first_serial || id.serial > b.last_serial) continue;
            out.printed = b.kind;
            for (const auto& a : store::AllocationRepository{db}.list_for_batch(b.id))
                if (id.serial >= a.first_serial && id.serial <= a.last_serial && a.site_id != issuer_site_id) {
                    const auto site = store::SiteRepository{db}.get(a.site_id);
                    out.allocated_to = site ? site->name : a.site_id;
                }
        }
    }
    return out;
}

template <class E, std::size_t N>
wxChoice* code_choice(wxWindow* parent, const std::array<E, N>& values) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    for (E v : values) choice->Append(label(v));
    choice->SetSelection(0);
    return choice;
}

constexpr std::array kAgeGroups{core::AgeGroup::unspecified, core::AgeGroup::age_16_29, core::AgeGroup::age_30_64,
                                core::AgeGroup::age_65_plus};
constexpr std::array kGenders{core::Gender::unspecified, core::Gender::female, core::Gender::male,
                              core::Gender::other};
constexpr std::array kSituations{core::LifeSituation::unspecified, core::LifeSituation::employed,
                                 core::LifeSituation::unemployed,  core::LifeSituation::student,
                                 core::LifeSituation::retired,     core::LifeSituation::disability,
                                 core::LifeSituation::caregiver,   core::LifeSituation::other};

}  // namespace

RegisterCardDialog::RegisterCardDialog(wxWindow* parent, Services& services, std::vector<core::Site> issuers,
                                       const std::string& preselected)
    : CardFormDialog(parent, services, _("Register Card"), "register-card"), issuers_(std::move(issuers)) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Scan the card or type its ID, then fill in the holder profile. No name, "
                                     "identity code, birth date or address is recorded."));
    intro->Wrap(FromDIP(440));

    auto* grid = new_grid();
    card_id_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(FromDIP(220), -1),
                              wxTE_PROCESS_ENTER);
    card_id_->SetHint(_("e.g. TRE-000123-K"));
    add_row(grid, _("&Card ID:"), card_id_, _("Card ID"), "register-card-id", {"card_id", "status"});
    issuer_ = new wxChoice(this, wxID_ANY);
    for (const auto& s : issuers_) {
        issuer_->Append(wxString::FromUTF8(s.name));
        if (s.id == preselected) issuer_->SetSelection(issuer_->GetCount() - 1);
    }
    if (issuer_->GetSelection() == wxNOT_FOUND && issuer_->GetCount() == 1) issuer_->SetSelection(0);
    add_row(grid, _("&Issuer site:"), issuer_, _("Issuer site"), "register-card-issuer", {"issuer_site_id"});
    registered_on_ = new wxTextCtrl(this, wxID_ANY, core::Date::today().iso());
    registered_on_->SetHint(_("YYYY-MM-DD"));
    add_row(grid, _("&Registered on:"), registered_on_, _("Registered on"), "register-card-date", {"registered_on"});
    community_ = new wxCheckBox(this, wxID_ANY, _("Co&mmunity card (held by the issuer for group visits)"));
    add_row(grid, wxString(), community_, _("Community card"), "register-card-community", {"kind"});

    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("Holder profile"));
    auto* holder = new_grid();
    birth_year_ = new wxTextCtrl(this, wxID_ANY);
    birth_year_->SetHint(_("e.g. 1980"));
    add_row(holder, _("&Birth year:"), birth_year_, _("Birth year"), "register-card-birth-year",
            {"holder.birth_year"});
    postcode_ = new wxTextCtrl(this, wxID_ANY);
    postcode_->SetHint(_("5 digits"));
    add_row(holder, _("&Postcode:"), postcode_, _("Postcode"), "register-card-postcode", {"holder.postcode"});
    children_ = new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                               core::kMaxChildren, 0);
    add_row(holder, _("C&hildren under 18:"), children_, _("Children under 18"), "register-card-children",
            {"holder.children"});
    age_group_ = code_choice(this, kAgeGroups);
    add_row(holder, _("&Age group:"), age_group_, _("Age group"), "register-card-age-group", {"holder.age_group"});
    gender_ = code_choice(this, kGenders);
    add_row(holder, _("&Gender:"), gender_, _("Gender"), "register-card-gender", {"holder.gender"});
    life_situation_ = code_choice(this, kSituations);
    add_row(holder, _("&Life situation:"), life_situation_, _("Life situation"), "register-card-life-situation",
            {"holder.life_situation"});
    box->Add(holder, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));

    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(intro, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
    body->Add(grid, wxSizerFlags().Expand());
    body->Add(box, wxSizerFlags().Expand().Border(wxTOP, FromDIP(8)));
    finish(body, _("&Register"), _("Register"));

    for (wxWindow* w : std::initializer_list<wxWindow*>{card_id_, issuer_, registered_on_, community_, birth_year_,
                                                        postcode_, children_, age_group_, gender_, life_situation_})
        validate_on_change(w);
    card_id_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { on_card_id_enter(); });
    // The ID is shown in its printed form once the person (or the scanner) has finished with the field.
    card_id_->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        e.Skip();
        const auto parsed = core::parse_card_id(card_id_->GetValue().utf8_string());
        if (parsed.id && card_id_->GetValue() != parsed.id->str()) card_id_->ChangeValue(parsed.id->str());
    });
    card_id_->SetFocus();
}

bool RegisterCardDialog::community() const { return community_->GetValue(); }

void RegisterCardDialog::on_card_id_enter() {
    const auto parsed = core::parse_card_id(card_id_->GetValue().utf8_string());
    if (!parsed.id) {
        set_problem(card_id_, describe_error(_("Card ID"), *parsed.error));
        card_id_->SelectAll();  // the next scan replaces the wrong ID
        return;
    }
    card_id_->ChangeValue(parsed.id->str());
    if (ready())
        on_ok();
    else
        card_id_->Navigate();
}

void RegisterCardDialog::look_up_card(const std::string& canonical_id) {
    if (canonical_id == looked_up_) return;
    looked_up_ = canonical_id;
    const int sel = issuer_->GetSelection();
    const std::string site = sel == wxNOT_FOUND ? std::string() : issuers_[static_cast<std::size_t>(sel)].id;
    const auto id = core::parse_card_id(canonical_id).id;
    services_.read<CardLookup>([id = *id, site](store::Database& db) { return look_up(db, id, site); },
                               [this, alive = alive_, canonical_id](Loaded<CardLookup> found) {
                                   if (!*alive || !found.ok() || canonical_id != looked_up_) return;
                                   printed_ = found.value.printed;
                                   lookup_problem_.clear();
                                   if (found.value.registered)
                                       lookup_problem_ = _("Card ID: this card is already registered. Renew or "
                                                           "replace it instead.");
                                   else if (!found.value.allocated_to.empty())
                                       // TRANSLATORS: %s is the name of an issuer site
                                       lookup_problem_ = wxString::Format(
                                           _("Card ID: this card was allocated to another issuer site (%s)."),
                                           wxString::FromUTF8(found.value.allocated_to));
                                   if (printed_) community_->SetValue(*printed_ == core::CardKind::community);
                                   community_->Enable(!printed_);
                                   check(false);
                               });
}

bool RegisterCardDialog::check(bool final) {
    bool ok = true;
    // Card ID: a wrong check character is told at once; an unfinished ID only when the person is done.
    const wxString raw = card_id_->GetValue();
    const auto parsed = core::parse_card_id(raw.utf8_string());
    wxString id_problem;
    if (parsed.id) {
        look_up_card(parsed.id->str());
        if (parsed.id->str() == looked_up_) id_problem = lookup_problem_;
    } else if (parsed.error->code == "invalid_check_character" || final) {
        id_problem = describe_error(_("Card ID"), *parsed.error);
    } else {
        printed_.reset();
        community_->Enable();
    }
    set_problem(card_id_, id_problem);
    ok = ok && parsed.id && id_problem.empty();

    const bool no_issuer = issuer_->GetSelection() == wxNOT_FOUND;
    set_problem(issuer_, no_issuer && final ? _("Issuer site: choose the site that hands out the card.") : wxString());
    ok = ok && !no_issuer;

    const auto date = parse_date_text(registered_on_->GetValue());
    const bool future = date && *date > core::Date::today();
    set_problem(registered_on_, !date && (final || !registered_on_->IsEmpty())
                                    ? _("Registered on: type a date such as 2024-03-31 or 31.3.2024.")
                                : future ? _("Registered on: the date is in the future.")
                                         : wxString());
    ok = ok && date && !future;

    const bool personal = !community();
    for (wxWindow* w : std::initializer_list<wxWindow*>{birth_year_, postcode_, children_, age_group_, gender_,
                                                        life_situation_})
        w->Enable(personal);
    if (!personal) {
        for (wxWindow* w : std::initializer_list<wxWindow*>{birth_year_, postcode_, children_}) set_problem(w, {});
        return ok;
    }
    const int year = core::Date::today().year();
    long birth = 0;
    const wxString birth_text = wxString(birth_year_->GetValue()).Trim(true).Trim(false);
    const bool birth_ok = birth_text.ToLong(&birth) && birth >= year - core::kMaxHolderAge &&
                          birth <= year - core::kMinHolderAge;
    set_problem(birth_year_,
                birth_ok || (birth_text.empty() && !final)
                    ? wxString()
                    // TRANSLATORS: %d and %d are the earliest and latest birth years allowed
                    : wxString::Format(_("Birth year: the holder must be 16 or turn 16 this year, so type a year "
                                         "from %d to %d."),
                                       year - core::kMaxHolderAge, year - core::kMinHolderAge));
    if (birth_ok && age_group_->GetSelection() == 0) {
        const long age = year - birth;
        age_group_->SetSelection(age < 30 ? 1 : age < 65 ? 2 : 3);
    }
    const wxString postcode = wxString(postcode_->GetValue()).Trim(true).Trim(false);
    const bool postcode_ok = core::is_valid_postcode(postcode.utf8_string());
    set_problem(postcode_, postcode_ok || (postcode.empty() && !final)
                               ? wxString()
                               : _("Postcode: type the five digits of the holder's postcode, e.g. 33100."));
    return ok && birth_ok && postcode_ok;
}

bool RegisterCardDialog::ready() const {
    if (issuer_->GetSelection() == wxNOT_FOUND || !parse_date_text(registered_on_->GetValue())) return false;
    if (community()) return true;
    long birth = 0;
    return wxString(birth_year_->GetValue()).Trim().ToLong(&birth) &&
           core::is_valid_postcode(wxString(postcode_->GetValue()).Trim().utf8_string());
}

void RegisterCardDialog::send() {
    const std::string id = core::parse_card_id(card_id_->GetValue().utf8_string()).id->str();
    const std::string site = issuers_[static_cast<std::size_t>(issuer_->GetSelection())].id;
    const core::Date on = *parse_date_text(registered_on_->GetValue());
    core::HolderProfile holder;
    if (!community()) {
        long birth = 0;
        wxString(birth_year_->GetValue()).Trim().ToLong(&birth);
        holder.birth_year = static_cast<int>(birth);
        holder.postcode = wxString(postcode_->GetValue()).Trim(true).Trim(false).utf8_string();
        holder.children = children_->GetValue();
        holder.age_group = kAgeGroups[static_cast<std::size_t>(age_group_->GetSelection())];
        holder.gender = kGenders[static_cast<std::size_t>(gender_->GetSelection())];
        holder.life_situation = kSituations[static_cast<std::size_t>(life_situation_->GetSelection())];
    }
    submit([id, site, on, holder](store::Database& db) { return sync::register_card(db, id, site, on, holder); },
           [this, id](const sync::LocalResult&) { registered_id_ = id; });
}

}  // namespace kaiku::ui
