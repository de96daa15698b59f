// Writing a message: a new message to a site, a reply in a thread, or an announcement (coordinators to all issuers,
// venues or both of their area; the national service also to the whole network).
#pragma once

#include "ui/form_dialog.hpp"
#include "ui/message_data.hpp"

class wxChoice;
class wxTextCtrl;

namespace kaiku::ui {

class ComposeDialog : public FormDialog {
public:
    enum class Mode { message, reply, announcement };
    // `thread` is required for a reply.
    ComposeDialog(wxWindow* parent, Services& services, Mode mode, const MessagesData& data,
                  const ThreadData* thread = nullptr);

private:
    bool check() override;
    std::function<sync::LocalResult(store::Database&)> change() override;
    wxWindow* field_window(const std::string& wire_field) override;

    struct Audience {
        core::RecipientKind kind;
        wxString label;
    };

    Mode mode_;
    bool staff_ = false;
    std::vector<Place> own_sites_, to_sites_;
    std::vector<AreaChoice> areas_;
    std::vector<Audience> audiences_;
    std::string reply_to_;
    wxChoice* from_ = nullptr;
    wxChoice* to_ = nullptr;        // a site (new message)
    wxChoice* audience_ = nullptr;  // announcement
    wxChoice* area_ = nullptr;      // announcement
    wxTextCtrl* subject_ = nullptr;
    wxTextCtrl* body_ = nullptr;
};

}  // namespace kaiku::ui
