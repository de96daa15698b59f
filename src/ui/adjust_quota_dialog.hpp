// Adjusting a quota: cards added (or removed, negative) with a required reason. Adjustments are never changed
// afterwards; a mistake is corrected by another adjustment.
#pragma once

#include "ui/form_dialog.hpp"
#include "ui/quota_data.hpp"

class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {

class AdjustQuotaDialog : public FormDialog {
public:
    AdjustQuotaDialog(wxWindow* parent, Services& services, const QuotaRow& quota);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;

    std::string quota_id_;
    wxSpinCtrl* delta_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
};

}  // namespace kaiku::ui
