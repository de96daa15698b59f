// "New batch": a printed range of card IDs for an area (the coordinator orders the print run).
#pragma once

#include <vector>

#include "core/entities.hpp"
#include "ui/card_form_dialog.hpp"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class BatchDialog : public CardFormDialog {
public:
    BatchDialog(wxWindow* parent, Services& services, core::Area area, std::vector<core::CardBatch> existing);

private:
    bool check(bool final) override;
    void send() override;
    core::CardBatch batch() const;

    core::Area area_;
    std::vector<core::CardBatch> existing_;
    wxTextCtrl* first_ = nullptr;
    wxTextCtrl* last_ = nullptr;
    wxChoice* kind_ = nullptr;
    wxChoice* medium_ = nullptr;
    wxTextCtrl* printed_on_ = nullptr;
    wxStaticText* summary_ = nullptr;
};

}  // namespace kaiku::ui
