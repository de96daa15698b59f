// Site access: the staff accounts that may work for a site, with Add... and Remove. Each change is a local
// command (works offline) that the register confirms on the next sync; the list says which are still waiting.
#pragma once

#include <wx/dialog.h>

#include "core/entities.hpp"
#include "ui/site_access_data.hpp"

class wxButton;
class wxStaticText;

namespace kaiku::ui {

class RecordList;
class Services;

class SiteAccessDialog : public wxDialog {
public:
    SiteAccessDialog(wxWindow* parent, Services& services, const core::Site& site);

private:
    void load();
    void add();
    void remove();
    void change(const std::string& user_id, bool grant);
    void show_problem(const wxString& text);
    void update_buttons();

    Services& services_;
    core::Site site_;
    SiteAccess access_;
    RecordList* list_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxButton* add_ = nullptr;
    wxButton* remove_ = nullptr;
    std::string select_;  // the account to select when the list is read again
    bool busy_ = true;
};

}  // namespace kaiku::ui
