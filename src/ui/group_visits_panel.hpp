// Group visits ("company for participation"): an issuer proposes a visit to a venue event with a number of seats;
// staff of the area's issuers sign clients up by count (never names). The list shows the seats left.
#pragma once

#include <string>
#include <vector>

#include <wx/panel.h>

#include "ui/message_data.hpp"
#include "ui/services.hpp"

class wxButton;

namespace kaiku::ui {

class RecordList;

struct VisitRow {
    core::GroupVisit visit;
    int taken = 0;
    int left() const { return visit.seats > taken ? visit.seats - taken : 0; }
};

struct VisitsData {
    std::vector<ListRow> rows;
    std::vector<VisitRow> visits;
    std::vector<Place> issuers;  // issuer sites the user acts for (own sites, or the area's for coordinators)
    std::vector<Place> venues;   // venue sites of the user's area
};

class GroupVisitsPanel : public wxPanel {
public:
    GroupVisitsPanel(wxWindow* parent, Services& services);
    void reload();

private:
    void update_buttons();
    const VisitRow* selected() const;
    void propose();
    void sign_up();

    Services& services_;
    RecordList* list_ = nullptr;
    wxButton* propose_ = nullptr;
    wxButton* sign_up_ = nullptr;
    VisitsData data_;
};

}  // namespace kaiku::ui
