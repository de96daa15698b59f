// "Allocate": a sub-range of a printed batch handed to an issuer site of the batch's area.
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "ui/card_form_dialog.hpp"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class AllocateDialog : public CardFormDialog {
public:
    AllocateDialog(wxWindow* parent, Services& services, std::vector<core::Area> areas,
                   std::vector<core::CardBatch> batches, std::vector<core::Allocation> allocations,
                   std::vector<core::Site> issuers, const std::string& batch_id);

private:
    bool check(bool final) override;
    void send() override;
    void on_batch_chosen();
    const core::CardBatch* batch() const;
    std::string prefix_of(const core::CardBatch&) const;
    std::vector<core::Allocation> allocations_of(const core::CardBatch&) const;
    core::Allocation allocation() const;

    std::vector<core::Area> areas_;
    std::vector<core::CardBatch> batches_;
    std::vector<core::Allocation> allocations_;
    std::vector<core::Site> issuers_;
    std::vector<const core::Site*> shown_issuers_;  // issuer sites of the chosen batch's area
    wxChoice* batch_ = nullptr;
    wxChoice* site_ = nullptr;
    wxTextCtrl* first_ = nullptr;
    wxTextCtrl* last_ = nullptr;
    wxTextCtrl* allocated_on_ = nullptr;
    wxStaticText* summary_ = nullptr;
};

}  // namespace kaiku::ui
