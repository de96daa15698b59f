// First-run and after-sign-out dialog: server address, login name, password. Signing in runs on a worker thread;
// problems are shown in the dialog (and announced) without losing what was typed. The password is only sent,
// never kept: the register's session token goes to the keyring (or the owner-only cache when there is none).
#pragma once

#include <memory>

#include <wx/dialog.h>

#include "sync/session.hpp"
#include "ui/db_worker.hpp"
#include "ui/ui_dispatcher.hpp"

class wxButton;
class wxGauge;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class SignInDialog : public wxDialog {
public:
    SignInDialog(wxWindow* parent, const wxString& server_url, const wxString& login, const wxString& cache_path);
    ~SignInDialog() override;

    wxString server_url() const;
    wxString login() const;

private:
    void start();
    void finish(const sync::SignInResult& result, const wxString& problem);
    void show_problem(const wxString& text);
    void set_busy(bool busy);

    wxString cache_path_;
    wxTextCtrl* server_ = nullptr;
    wxTextCtrl* login_ = nullptr;
    wxTextCtrl* password_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxButton* ok_ = nullptr;
    std::unique_ptr<UiDispatcher> dispatch_;
    std::unique_ptr<DbWorker> worker_;
};

}  // namespace kaiku::ui
