// The wxWidgets application: command line, translations, configuration, sign-in, the main window.
#pragma once

#include <memory>

#include <wx/app.h>

#include "sync/session.hpp"
#include "ui/startup_options.hpp"

namespace kaiku::ui {

class DbWorker;
class MainFrame;

class App : public wxApp {
public:
    App();
    ~App() override;
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

    // Signs out (on a worker: tells the register, forgets the token, removes the register data from this
    // computer), closes `frame` and asks for a sign-in again. `frame` has already asked about unsent changes.
    void sign_out(MainFrame* frame, bool discard_unsent);

private:
    void start();  // main window when a session is saved (or a password given), else the sign-in dialog
    void ask_sign_in();
    void open_main_window();

    StartupOptions options_;
    std::shared_ptr<sync::TokenStore> tokens_;
    std::unique_ptr<DbWorker> gate_;  // session checks and sign-out, off the UI thread
};

}  // namespace kaiku::ui

wxDECLARE_APP(kaiku::ui::App);
