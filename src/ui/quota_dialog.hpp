// Setting an issuer site's card quota for a period. Setting it again for the same site and period changes
// that quota's number of cards (adjustments stay as they are).
#pragma once

#include <vector>

#include "ui/form_dialog.hpp"
#include "ui/quota_data.hpp"

class wxChoice;
class wxSpinCtrl;
class wxTextCtrl;

namespace kaiku::ui {

class QuotaDialog : public FormDialog {
public:
    // `current` (may be null) fills the form in.
    QuotaDialog(wxWindow* parent, Services& services, std::vector<Place> issuers, std::vector<QuotaRow> quotas,
                const QuotaRow* current);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;

    std::vector<Place> issuers_;
    std::vector<QuotaRow> quotas_;
    wxChoice* site_ = nullptr;
    wxTextCtrl* start_ = nullptr;
    wxTextCtrl* end_ = nullptr;
    wxSpinCtrl* cards_ = nullptr;
};

}  // namespace kaiku::ui
