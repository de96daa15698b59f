// Conflicts and refused changes: what waits for a person's decision, each with both versions side by side.
// Conflicts: keep mine / keep theirs / edit. Changes returned as conflicts: accept the register's version.
// Refused changes: the register's reason, correct and resend, or discard.
#pragma once

#include <vector>

#include "sync/review.hpp"
#include "ui/view.hpp"

class wxButton;
class wxStaticText;

namespace kaiku::ui {

class RecordList;

class ConflictsView : public View {
public:
    ConflictsView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "conflicts"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;

private:
    void show_selected();
    const sync::ReviewItem* selected() const;
    void decide(const std::string& decision);
    void edit();
    void resend();
    void discard();
    void after_decision(sync::LocalResult result, const std::string& error);

    std::vector<sync::ReviewItem> items_;
    RecordList* list_ = nullptr;
    RecordList* compare_ = nullptr;
    wxStaticText* reason_ = nullptr;
    wxButton* keep_mine_ = nullptr;
    wxButton* keep_theirs_ = nullptr;
    wxButton* edit_ = nullptr;
    wxButton* resend_ = nullptr;
    wxButton* discard_ = nullptr;
};

}  // namespace kaiku::ui
