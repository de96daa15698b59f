// Site access: the staff accounts that may work for a site, with Add... and Remove. Each change is a local
// command (works offline) that the register confirms on the next sync; the list says which are still waiting.
#pragma once

#include <map>
#include <string>

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
    void apply_own_changes();

    Services& services_;
    core::Site site_;
    SiteAccess access_;
    RecordList* list_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxButton* add_ = nullptr;
    wxButton* remove_ = nullptr;
    std::map<std::string, bool> own_changes_;  // user id -> access given (true) or removed here
    std::string select_;  // the account to select when the list is read again
    bool busy_ = true;
};

}  // namespace kaiku::ui
