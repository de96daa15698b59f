#include "ui/quota_data.hpp"

#include <algorithm>
#include <map>

#include <wx/intl.h>

#include "store/repositories.hpp"
#include "ui/format.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

wxString rule_kind_label(core::RuleKind kind) {
    switch (kind) {
        case core::RuleKind::max_tickets_per_event: return _("Most tickets per card and event");
        case core::RuleKind::max_uses_per_card_period: return _("Most uses per card in a period");
        case core::RuleKind::max_courses_per_year: return _("Most course places per card and year");
        case core::RuleKind::max_course_fee_cents: return _("Highest course fee");
        case core::RuleKind::no_sold_out_events: return _("No free tickets to sold-out events");
    }
    return {};
}

wxString rule_value_text(const core::Rule& r) {
    switch (r.kind) {
        case core::RuleKind::max_course_fee_cents:
            // TRANSLATORS: a course fee in euros
            return wxString::Format(_(L"%.2f \u20AC"), r.value / 100.0);
        case core::RuleKind::no_sold_out_events: return r.value ? _("Yes") : _("No");
        case core::RuleKind::max_uses_per_card_period:
            // TRANSLATORS: a rule value: %1$d uses within %2$d days
            return wxString::Format(wxPLURAL("%d in %d day", "%d in %d days", r.period_days), r.value, r.period_days);
        default: return wxString::Format("%d", r.value);
    }
}

wxString quota_state_label(core::QuotaWarning w) {
    switch (w) {
        case core::QuotaWarning::exhausted: return _("Used up");
        case core::QuotaWarning::low: return _("Running out");
        case core::QuotaWarning::none: return _("Enough left");
    }
    return {};
}

QuotasData read_quotas(store::Database& db, const SessionInfo& session) {
    QuotasData data;
    data.editable = session.coordinator() || session.national();
    std::map<std::string, core::Site> sites;
    for (auto& s : store::SiteRepository{db}.list()) sites.emplace(s.id, std::move(s));
    std::map<std::string, wxString> areas;
    for (const auto& a : store::AreaRepository{db}.list()) areas.emplace(a.id, area_display_name(a));

    const auto in_scope = [&](const core::Site& s) {
        if (session.national()) return true;
        if (session.coordinator()) return s.area_id == session.area_id;
        return std::find(session.sites.begin(), session.sites.end(), s.id) != session.sites.end();
    };
    store::QuotaRepository quotas{db};
    for (const auto& [id, s] : sites) {
        if (s.role != core::SiteRole::issuer || !in_scope(s)) continue;
        if (data.editable && s.status != core::SiteStatus::left) data.issuers.push_back({s.id, s.name, s.area_id, s.role});
        for (auto& q : quotas.list_for_site(s.id)) {
            QuotaRow row{q, wxString::FromUTF8(s.name), quotas.use(q.id)};
            ListRow l;
            l.id = q.id;
            const int adjusted = row.use.effective - q.cards;
            const auto warning = row.use.warning();
            l.bold = warning != core::QuotaWarning::none;
            l.cells = {row.site_name,
                       // TRANSLATORS: a quota period: first day - last day
                       wxString::Format(_(L"%s \u2013 %s"), format_date(q.period_start), format_date(q.period_end)),
                       wxString::Format("%d", q.cards),
                       adjusted == 0 ? wxString("0") : wxString::Format("%+d", adjusted),
                       wxString::Format("%d", row.use.effective),
                       wxString::Format("%d", row.use.consumed),
                       wxString::Format("%d", row.use.remaining()),
                       quota_state_label(warning),
                       areas.count(s.area_id) ? areas[s.area_id] : wxString()};
            l.sort_keys = {"", q.period_start.iso(), "", std::to_string(adjusted), "", "", "", "", ""};
            data.quota_rows.push_back(std::move(l));
            data.quotas.push_back(std::move(row));
        }
    }
    std::sort(data.issuers.begin(), data.issuers.end(), [](const Place& a, const Place& b) { return a.name < b.name; });

    // Rules: national ones, the area's, and its venues'.
    const auto rule_applies = [&](const core::Rule& r) {
        if (session.national() || r.scope == core::RuleScope::national) return true;
        const std::string area = session.coordinator() ? session.area_id
                                 : !session.sites.empty() && sites.count(session.sites.front())
                                     ? sites[session.sites.front()].area_id
                                     : std::string();
        if (r.scope == core::RuleScope::area) return r.scope_id == area;
        const auto it = sites.find(r.scope_id);
        return it != sites.end() && it->second.area_id == area;
    };
    const auto scope_label = [&](core::RuleScope scope, const std::string& id) -> wxString {
        if (scope == core::RuleScope::national) return _("Whole network");
        if (scope == core::RuleScope::area) {
            // TRANSLATORS: a rule's scope; %s is an area's name
            return wxString::Format(_("Area: %s"), areas.count(id) ? areas[id] : wxString::FromUTF8(id));
        }
        const auto it = sites.find(id);
        // TRANSLATORS: a rule's scope; %s is a venue's name
        return wxString::Format(_("Venue: %s"), it != sites.end() ? wxString::FromUTF8(it->second.name) : wxString());
    };
    store::RuleRepository rules{db};
    soci::rowset<std::string> ids = db.sql().prepare << "SELECT id FROM rule ORDER BY scope, scope_id, kind, id";
    for (const auto& id : ids) {
        const auto r = rules.get(id);
        if (!r || !rule_applies(*r)) continue;
        ListRow l;
        l.id = r->id;
        l.cells = {scope_label(r->scope, r->scope_id), rule_kind_label(r->kind), rule_value_text(*r),
                   r->valid_from ? format_date(*r->valid_from) : wxString(),
                   r->valid_to ? format_date(*r->valid_to) : _("Until further notice")};
        l.sort_keys = {"", "", "", r->valid_from ? r->valid_from->iso() : "", r->valid_to ? r->valid_to->iso() : "9999"};
        data.rule_rows.push_back(std::move(l));
        data.rules.push_back(*r);
    }
    if (data.editable) {
        if (session.national()) data.scopes.push_back({core::RuleScope::national, "", scope_label(core::RuleScope::national, "")});
        for (const auto& [id, name] : areas)
            if (session.national() || id == session.area_id)
                data.scopes.push_back({core::RuleScope::area, id, scope_label(core::RuleScope::area, id)});
        for (const auto& [id, s] : sites)
            if (s.role == core::SiteRole::venue && (session.national() || s.area_id == session.area_id) &&
                s.status != core::SiteStatus::left)
                data.scopes.push_back({core::RuleScope::venue, id, scope_label(core::RuleScope::venue, id)});
        std::stable_sort(data.scopes.begin(), data.scopes.end(), [](const RuleScopeChoice& a, const RuleScopeChoice& b) {
            return a.scope != b.scope ? a.scope < b.scope : a.label < b.label;
        });
    }
    return data;
}

std::vector<ListRow> read_adjustments(store::Database& db, const std::string& quota_id) {
    std::vector<ListRow> out;
    for (const auto& a : store::QuotaRepository{db}.adjustments(quota_id)) {
        ListRow l;
        l.id = a.id;
        l.cells = {format_date(a.made_on), wxString::Format("%+d", a.delta), wxString::FromUTF8(a.reason)};
        l.sort_keys = {a.made_on.iso(), std::to_string(a.delta), ""};
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace kaiku::ui
