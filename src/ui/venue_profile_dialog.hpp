// The profile of an existing venue: categories, offers, booking channels, accessibility notes and the cap on
// Kaikukortti tickets per event. Read from the cache off the UI thread; saved as a local change that syncs.
#pragma once

#include <wx/dialog.h>

#include "core/entities.hpp"

class wxButton;
class wxStaticText;

namespace kaiku::ui {

class Services;
class VenueProfileForm;

class VenueProfileDialog : public wxDialog {
public:
    VenueProfileDialog(wxWindow* parent, Services& services, const core::Site& venue, bool editable);

private:
    void save();
    void show_general(const wxString& text);

    Services& services_;
    core::Site venue_;
    bool editable_;
    VenueProfileForm* form_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxStaticText* general_ = nullptr;
    wxButton* ok_ = nullptr;
    bool loaded_ = false;
    bool busy_ = false;
};

}  // namespace kaiku::ui
