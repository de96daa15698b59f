// What the quotas view shows, read on the reader thread: issuer card quotas per period with the cards granted
// (quota plus adjustments), consumed (cards the issuer registered in the period) and remaining; a quota's
// adjustments; and the rules and caps that apply in the user's area.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "core/rules.hpp"
#include "store/database.hpp"
#include "ui/message_data.hpp"
#include "ui/record_list.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

struct QuotaRow {
    core::Quota quota;
    wxString site_name;
    core::QuotaUse use;
};

struct RuleScopeChoice {
    core::RuleScope scope;
    std::string id;  // area or site id; empty for national
    wxString label;
};

struct QuotasData {
    std::vector<QuotaRow> quotas;
    std::vector<ListRow> quota_rows;  // id = quota id
    std::vector<Place> issuers;       // issuer sites a quota may be set for
    std::vector<core::Rule> rules;
    std::vector<ListRow> rule_rows;   // id = rule id
    std::vector<RuleScopeChoice> scopes;  // where the user may set rules
    bool editable = false;            // coordinators and the national service
};

QuotasData read_quotas(store::Database& db, const SessionInfo& session);
std::vector<ListRow> read_adjustments(store::Database& db, const std::string& quota_id);

wxString rule_kind_label(core::RuleKind kind);
wxString rule_value_text(const core::Rule& rule);
// "Used up", "Running out", "Enough left"
wxString quota_state_label(core::QuotaWarning warning);

}  // namespace kaiku::ui
