#include "ui/rule_dialog.hpp"

#include <cmath>

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include "ui/accessibility.hpp"
#include "ui/format.hpp"

namespace kaiku::ui {

namespace {
constexpr core::RuleKind kinds[] = {core::RuleKind::max_tickets_per_event, core::RuleKind::max_uses_per_card_period,
                                    core::RuleKind::max_courses_per_year, core::RuleKind::max_course_fee_cents,
                                    core::RuleKind::no_sold_out_events};
}

RuleDialog::RuleDialog(wxWindow* parent, Services& services, std::vector<RuleScopeChoice> scopes,
                       const core::Rule* rule)
    : FormDialog(parent, services, rule ? _("Edit Rule") : _("Add Rule")), scopes_(std::move(scopes)) {
    scope_ = new wxChoice(this, wxID_ANY);
    for (const auto& s : scopes_) scope_->Append(s.label);
    set_accessible(scope_, _("Applies to"), "rule-scope");
    add_field(_("&Applies to:"), scope_, "scope_id", "rule-scope-problem");

    kind_ = new wxChoice(this, wxID_ANY);
    for (const auto k : kinds) kind_->Append(rule_kind_label(k));
    kind_->SetSelection(0);
    set_accessible(kind_, _("Rule"), "rule-kind");
    add_field(_("&Rule:"), kind_, "kind", "rule-kind-problem");

    value_ = new wxTextCtrl(this, wxID_ANY, "2");
    set_accessible(value_, _("Value"), "rule-value");
    add_field(_("&Value:"), value_, "value", "rule-value-problem");

    period_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1, 3660, 30);
    set_accessible(period_, _("Period in days"), "rule-period");
    add_field(_("&Period in days:"), period_, "period_days", "rule-period-problem");

    from_ = new wxTextCtrl(this, wxID_ANY, format_date(core::Date::today()));
    set_accessible(from_, _("Valid from"), "rule-from");
    add_field(_("Valid &from:"), from_, "valid_from", "rule-from-problem");
    to_ = new wxTextCtrl(this, wxID_ANY, wxString());
    set_accessible(to_, _("Valid until (empty: until further notice)"), "rule-to");
    to_->SetToolTip(_("Leave empty for a rule valid until further notice."));
    add_field(_("Valid &until:"), to_, "valid_to", "rule-to-problem");

    if (rule) {
        id_ = rule->id;
        for (std::size_t i = 0; i < scopes_.size(); ++i)
            if (scopes_[i].scope == rule->scope && scopes_[i].id == rule->scope_id) scope_->SetSelection(static_cast<int>(i));
        for (std::size_t i = 0; i < std::size(kinds); ++i)
            if (kinds[i] == rule->kind) kind_->SetSelection(static_cast<int>(i));
        value_->ChangeValue(rule->kind == core::RuleKind::max_course_fee_cents
                                ? wxString::Format("%.2f", rule->value / 100.0)
                                : wxString::Format("%d", rule->value));
        if (rule->period_days > 0) period_->SetValue(rule->period_days);
        from_->ChangeValue(rule->valid_from ? format_date(*rule->valid_from) : wxString());
        to_->ChangeValue(rule->valid_to ? format_date(*rule->valid_to) : wxString());
        scope_->Enable(false);  // a rule stays where it applies; add a new one elsewhere
    }
    finish(_("&Save Rule"), _("Save rule"), "rule-ok", "rule-cancel", "rule-problem");
    kind_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        update_fields();
        changed();
    });
    scope_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    for (wxTextCtrl* t : {value_, from_, to_}) t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { changed(); });
    update_fields();
    (rule ? static_cast<wxWindow*>(value_) : static_cast<wxWindow*>(scope_))->SetFocus();
}

core::RuleKind RuleDialog::kind() const { return kinds[std::max(0, kind_->GetSelection())]; }

std::optional<int> RuleDialog::value() const {
    wxString text = wxString(value_->GetValue()).Trim().Trim(false);
    if (kind() == core::RuleKind::no_sold_out_events) return 1;
    if (kind() == core::RuleKind::max_course_fee_cents) {
        text.Replace(",", ".");
        text.Replace(L"\u20AC", "");
        double euros = 0;
        if (!text.Trim().ToCDouble(&euros) || euros < 0 || euros > 100000) return std::nullopt;
        return static_cast<int>(std::lround(euros * 100));
    }
    long n = 0;
    if (!text.ToLong(&n) || n < 0 || n > 100000) return std::nullopt;
    return static_cast<int>(n);
}

void RuleDialog::update_fields() {
    period_->Enable(kind() == core::RuleKind::max_uses_per_card_period);
    value_->Enable(kind() != core::RuleKind::no_sold_out_events);
    value_->SetToolTip(kind() == core::RuleKind::max_course_fee_cents ? _("In euros, for example 25 or 25,50")
                                                                       : _("A whole number, 0 or more"));
}

bool RuleDialog::check() {
    bool ok = true;
    problems_.set_general(wxString());
    auto need = [&](const std::string& field, bool good, const wxString& problem) {
        problems_.set(field, good ? wxString() : problem);
        ok = ok && good;
    };
    need("scope_id", scope_->GetSelection() >= 0, _("Applies to: choose the network, the area or a venue."));
    need("value", value().has_value(),
         kind() == core::RuleKind::max_course_fee_cents ? _("Value: write the fee in euros, for example 25,50.")
                                                         : _("Value: write a whole number, 0 or more."));
    const wxString from_text = wxString(from_->GetValue()).Trim().Trim(false);
    const wxString to_text = wxString(to_->GetValue()).Trim().Trim(false);
    const auto from = parse_user_date(from_text);
    const auto to = parse_user_date(to_text);
    need("valid_from", from_text.empty() || from, _("Valid from: write a date such as 1.1.2025, or leave it empty."));
    if (!to_text.empty() && !to)
        need("valid_to", false, _("Valid until: write a date such as 31.12.2025, or leave it empty."));
    else
        need("valid_to", !from || !to || *from <= *to, _("Valid until: the last day must not be before the first."));
    return ok;
}

std::function<sync::LocalResult(store::Database&)> RuleDialog::change() {
    core::Rule r;
    r.id = id_;
    const auto& scope = scopes_[static_cast<size_t>(scope_->GetSelection())];
    r.scope = scope.scope;
    r.scope_id = scope.id;
    r.kind = kind();
    r.value = *value();
    r.period_days = r.kind == core::RuleKind::max_uses_per_card_period ? period_->GetValue() : 0;
    r.valid_from = parse_user_date(from_->GetValue());
    r.valid_to = parse_user_date(to_->GetValue());
    return [r](store::Database& db) { return sync::upsert_rule(db, r); };
}

wxWindow* RuleDialog::field_window(const std::string& f) {
    if (f == "scope" || f == "scope_id") return scope_;
    if (f == "kind") return kind_;
    if (f == "value") return value_;
    if (f == "period_days") return period_;
    if (f == "valid_from") return from_;
    if (f == "valid_to") return to_;
    return nullptr;
}

}  // namespace kaiku::ui
