// A view's long computation (statistics, audit): a newer question calls off the one before it, and the user can
// stop it. One button says "Stop" while it runs and "Refresh" otherwise; Escape in the view stops it too.
#pragma once

#include <functional>

#include <wx/string.h>

#include "ui/services.hpp"

class wxButton;
class wxWindow;

namespace kaiku::ui {

class StoppableRead {
public:
    // `refresh` asks the question again (the view's reload). The button's accessible id is `id`.
    StoppableRead(wxWindow* view, const char* id, std::function<void()> refresh);

    wxButton* button() const { return button_; }
    // Calls off the running question and returns the token of the new one.
    CancelToken begin();
    // Whether an answer belongs to the newest question; answers of superseded ones are dropped.
    bool is_current(const CancelToken& token) const { return token && token == token_; }
    // The newest question's answer arrived (or it was stopped).
    void end();
    void stop();
    bool running() const { return running_; }
    // What a view says when the user stopped it.
    static wxString stopped_message();

private:
    void show_state();

    wxButton* button_;
    std::function<void()> refresh_;
    CancelToken token_;
    bool running_ = false;
};

}  // namespace kaiku::ui
