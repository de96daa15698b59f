// Delivers results from worker threads to the UI thread, only while the target window lives
// (Poedit's then_on_window pattern). The continuation is queued on the application object, so it
// is safe to post after the window is gone; the wxWeakRef is only ever read on the UI thread.
#pragma once

#include <functional>
#include <memory>

#include <wx/weakref.h>
#include <wx/window.h>

namespace kaiku::ui {

class UiDispatcher {
public:
    // UI thread only. The dispatcher must outlive every thread that posts through it.
    explicit UiDispatcher(wxWindow* target);
    ~UiDispatcher();
    UiDispatcher(const UiDispatcher&) = delete;
    UiDispatcher& operator=(const UiDispatcher&) = delete;

    // Any thread. `fn` later runs on the UI thread if the target window still exists then.
    void post(std::function<void()> fn) const;

private:
    struct Guard {
        wxWeakRef<wxWindow> target;  // created, read and destroyed on the UI thread only
    };
    std::shared_ptr<Guard> guard_;
};

}  // namespace kaiku::ui
