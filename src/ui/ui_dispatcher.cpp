#include "ui/ui_dispatcher.hpp"

#include <wx/app.h>

#include "ui/thread_check.hpp"

namespace kaiku::ui {

UiDispatcher::UiDispatcher(wxWindow* target) : guard_(std::make_shared<Guard>()) {
    assert_ui_thread("UiDispatcher::UiDispatcher");
    guard_->target = target;
}

UiDispatcher::~UiDispatcher() { assert_ui_thread("UiDispatcher::~UiDispatcher"); }

void UiDispatcher::post(std::function<void()> fn) const {
    wxApp* app = wxTheApp;  // lives until after every window and worker is gone
    if (!app) return;
    // Copying the shared_ptr is thread-safe; the Guard itself is released on the UI thread, because
    // the owner of this dispatcher holds a reference until its worker threads have been joined.
    app->CallAfter([guard = guard_, fn = std::move(fn)] {
        wxWindow* target = guard->target;
        if (target && !target->IsBeingDeleted()) fn();
    });
}

}  // namespace kaiku::ui
