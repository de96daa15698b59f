// Adding or changing a rule: where it applies (the network, an area, a venue: a venue's cap on tickets is a rule
// on the venue), what it limits, the value, and the dates it is valid.
#pragma once

#include <optional>
#include <vector>

#include "ui/form_dialog.hpp"
#include "ui/quota_data.hpp"

class wxChoice;
class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {

class RuleDialog : public FormDialog {
public:
    // `rule` null: a new rule.
    RuleDialog(wxWindow* parent, Services& services, std::vector<RuleScopeChoice> scopes, const core::Rule* rule);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;
    core::RuleKind kind() const;
    std::optional<int> value() const;
    void update_fields();

    std::vector<RuleScopeChoice> scopes_;
    std::string id_;
    wxChoice* scope_ = nullptr;
    wxChoice* kind_ = nullptr;
    wxTextCtrl* value_ = nullptr;
    wxSpinCtrl* period_ = nullptr;
    wxTextCtrl* from_ = nullptr;
    wxTextCtrl* to_ = nullptr;
};

}  // namespace kaiku::ui
