// Card stock of the Cards view: printed batches (with "New batch" and "Allocate" for coordinators) and, below,
// the stock per issuer site (allocated, registered, left).
#pragma once

#include <wx/panel.h>

#include "ui/card_rows.hpp"
#include "ui/services.hpp"

class wxButton;
class wxStaticText;

namespace kaiku::ui {

class RecordList;

class StockPanel : public wxPanel {
public:
    StockPanel(wxWindow* parent, Services& services);
    void set_data(StockData data);
    void set_loading();
    void focus_filter();
    void focus_main();

private:
    void new_batch();
    void allocate();
    void card_sheet();
    void update_buttons();

    Services& services_;
    StockData data_;
    wxButton* new_batch_ = nullptr;
    wxButton* allocate_ = nullptr;
    wxButton* sheet_ = nullptr;
    wxStaticText* message_ = nullptr;  // the outcome of saving a card sheet
    RecordList* batches_ = nullptr;
    RecordList* stock_ = nullptr;
};

}  // namespace kaiku::ui
