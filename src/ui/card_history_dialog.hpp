// The history of one card: registration, first use, renewals and cancellations made here, replacement, and
// its uses at venues, newest first. Read on the reader thread when the dialog opens.
#pragma once

#include <memory>
#include <string>

#include <wx/dialog.h>

#include "ui/services.hpp"

class wxStaticText;

namespace kaiku::ui {

class RecordList;

class CardHistoryDialog : public wxDialog {
public:
    CardHistoryDialog(wxWindow* parent, Services& services, const std::string& card_id);
    ~CardHistoryDialog() override;

private:
    wxStaticText* summary_ = nullptr;
    RecordList* list_ = nullptr;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kaiku::ui
