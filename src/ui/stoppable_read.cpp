#include "ui/stoppable_read.hpp"

#include <wx/button.h>
#include <wx/intl.h>

#include "ui/accessibility.hpp"

namespace kaiku::ui {

StoppableRead::StoppableRead(wxWindow* view, const char* id, std::function<void()> refresh)
    : button_(new wxButton(view, wxID_ANY, _("R&efresh"))), refresh_(std::move(refresh)) {
    set_accessible(button_, _("Refresh"), id);
    button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (running_)
            stop();
        else
            refresh_();
    });
    view->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE && running_)
            stop();
        else
            e.Skip();
    });
    show_state();
}

CancelToken StoppableRead::begin() {
    if (token_) token_->store(true);
    token_ = make_cancel_token();
    running_ = true;
    show_state();
    return token_;
}

void StoppableRead::end() {
    running_ = false;
    show_state();
}

void StoppableRead::stop() {
    if (token_) token_->store(true);
    // The view learns it from the answer (Loaded::cancelled), which comes back at once.
}

wxString StoppableRead::stopped_message() { return _("Computing was stopped. Press Refresh to compute again."); }

void StoppableRead::show_state() {
    const bool had_focus = button_->HasFocus();
    button_->SetLabel(running_ ? _("S&top") : _("R&efresh"));
    set_accessible_name(button_, running_ ? _("Stop computing") : _("Refresh"));
    button_->SetToolTip(running_ ? _("Stop computing (Esc)") : _("Compute again"));
    button_->GetParent()->Layout();
    if (had_focus) button_->SetFocus();
}

}  // namespace kaiku::ui
