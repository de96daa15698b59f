// Cards: the cards list with registration, renewal, cancellation, replacement and history (issuer staff and
// coordinators), and the card stock page (batches and allocations for coordinators). The national support
// service sees both read-only.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "ui/view.hpp"

class wxButton;
class wxChoicebook;

namespace kaiku::ui {

class RecordList;
class StockPanel;

class CardsView : public View {
public:
    CardsView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "cards"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;
    bool show_record(const std::string& entity, const std::string& id, const std::string& area_id) override;

    static bool available(const SessionInfo&);

private:
    void update_buttons();
    void later(void (CardsView::*action)());
    void register_card();
    void renew_card();
    void cancel_card();
    void replace_card();
    void show_history();

    wxChoicebook* book_ = nullptr;
    RecordList* cards_ = nullptr;
    StockPanel* stock_ = nullptr;
    wxButton* register_ = nullptr;
    wxButton* renew_ = nullptr;
    wxButton* cancel_ = nullptr;
    wxButton* replace_ = nullptr;
    wxButton* history_ = nullptr;
    std::vector<core::Site> issuers_;  // where the signed-in person may register cards
    std::string select_after_load_;    // a card just registered or replaced
    unsigned load_ = 0;                // the newest read asked for; older answers are dropped
};

}  // namespace kaiku::ui
