// Issuer card quotas and the rules of the area. Coordinators and the national service set quotas per period,
// adjust them (append-only, with a reason; the history is listed) and edit rules and venue caps; issuer staff
// see their own site's quotas and the rules, read-only. A warning in words with an icon tells which quotas run out.
#pragma once

#include <string>

#include "ui/quota_data.hpp"
#include "ui/view.hpp"

class wxButton;
class wxChoicebook;
class wxStaticBitmap;
class wxStaticText;

namespace kaiku::ui {

class RecordList;

class QuotasView : public View {
public:
    QuotasView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "quotas"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;
    bool show_record(const std::string& entity, const std::string& id, const std::string& area_id) override;

private:
    wxWindow* build_quotas_page(wxWindow* book);
    wxWindow* build_rules_page(wxWindow* book);
    void on_quota_selected();
    void update_warning();
    void update_buttons();
    const QuotaRow* selected_quota() const;
    const core::Rule* selected_rule() const;
    void set_quota();
    void adjust();
    void edit_rule(bool add);

    wxChoicebook* book_ = nullptr;
    RecordList* quotas_ = nullptr;
    RecordList* adjustments_ = nullptr;
    wxStaticText* adjustments_heading_ = nullptr;
    RecordList* rules_ = nullptr;
    wxStaticBitmap* warning_icon_ = nullptr;
    wxStaticText* warning_ = nullptr;
    wxButton* set_ = nullptr;
    wxButton* adjust_ = nullptr;
    wxButton* add_rule_ = nullptr;
    wxButton* edit_rule_ = nullptr;
    QuotasData data_;
    std::string pending_quota_;
    std::string select_after_load_;  // a quota opened from elsewhere (an audit finding)
};

}  // namespace kaiku::ui
