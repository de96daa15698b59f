// Messages between issuers, venues and coordinators: the inbox as threads (unread ones in bold and marked
// "Unread"), the selected thread in a reading pane (opening it marks it read), new messages, replies and
// announcements; and the group visits ("company for participation") on a second page.
#pragma once

#include <string>

#include "ui/message_data.hpp"
#include "ui/view.hpp"

class wxButton;
class wxChoicebook;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class GroupVisitsPanel;
class RecordList;

class MessagesView : public View {
public:
    MessagesView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "messages"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;

private:
    void on_thread_selected(const ListRow* row);
    void show_thread(ThreadData thread);
    void compose(int mode);
    void update_unread();
    void update_buttons();

    wxChoicebook* book_ = nullptr;
    RecordList* inbox_ = nullptr;
    wxTextCtrl* reading_ = nullptr;
    wxStaticText* unread_ = nullptr;
    wxButton* new_ = nullptr;
    wxButton* reply_ = nullptr;
    wxButton* announce_ = nullptr;
    GroupVisitsPanel* visits_ = nullptr;
    MessagesData data_;
    ThreadData thread_;
    std::string pending_thread_;  // the thread being read
    std::string select_next_;     // a thread just started, selected after the next reload
    bool loaded_ = false;
};

}  // namespace kaiku::ui
