// Records uses on behalf of a venue: card ID (typed, or read by a scanner that ends with Enter), date, venue,
// adults and children, category. The form checks as it is typed, warns about anomalies the cache can already
// see, and stays open after saving for the next card (the register's flags are shown for the saved use).
#pragma once

#include <string>
#include <vector>

#include <wx/dialog.h>
#include <wx/timer.h>

#include "core/entities.hpp"
#include "ui/services.hpp"
#include "ui/uses_data.hpp"

class wxButton;
class wxChoice;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class RecordUseDialog : public wxDialog {
public:
    RecordUseDialog(wxWindow* parent, Services& services);

private:
    void on_sites(std::vector<SiteChoice> sites);
    void on_venue_changed();
    bool check_card(bool show_required);
    bool check_date(bool show_required);
    bool check_counts();
    bool build(core::Usage& use, bool show_required);
    void schedule_preview();
    void preview();
    void save();
    void saved(const sync::LocalResult& result, const std::string& error, const wxString& card);
    void show(wxStaticText* where, const wxString& text);

    Services& services_;
    std::vector<SiteChoice> sites_;
    core::EntryMethod entry_ = core::EntryMethod::manual;
    bool saving_ = false;
    unsigned preview_generation_ = 0;
    wxTimer preview_timer_;

    wxTextCtrl* card_ = nullptr;
    wxStaticText* card_problem_ = nullptr;
    wxTextCtrl* date_ = nullptr;
    wxStaticText* date_problem_ = nullptr;
    wxChoice* venue_ = nullptr;
    wxSpinCtrl* adults_ = nullptr;
    wxSpinCtrl* children_ = nullptr;
    wxStaticText* counts_problem_ = nullptr;
    wxChoice* category_ = nullptr;
    wxChoice* item_ = nullptr;
    wxTextCtrl* event_ = nullptr;
    wxStaticText* warnings_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxButton* ok_ = nullptr;
};

}  // namespace kaiku::ui
