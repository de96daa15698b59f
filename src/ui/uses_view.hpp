// Uses of cards at venues: the list (with anomalies as words), recording a use on behalf of a venue, voiding a
// use, importing a venue's paper/Excel log and, for coordinators and the national service, migration imports.
#pragma once

#include "ui/view.hpp"

class wxButton;
class wxCheckBox;

namespace kaiku::ui {

class RecordList;

class UsesView : public View {
public:
    UsesView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "uses"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;
    bool show_record(const std::string& entity, const std::string& id, const std::string& area_id) override;

    static bool available(const SessionInfo& s) { return s.venue() || s.coordinator() || s.national(); }

private:
    void update_buttons();
    void record_use();
    void void_use();
    void import_file(bool migration);

    RecordList* list_ = nullptr;
    wxCheckBox* anomalies_only_ = nullptr;
    wxButton* record_ = nullptr;
    wxButton* void_ = nullptr;
    std::string select_after_load_;  // a use opened from elsewhere (an audit finding)
    unsigned generation_ = 0;  // the newest read: older answers are dropped
};

}  // namespace kaiku::ui
