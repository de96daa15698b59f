// The wxWidgets application: command line, translations, configuration, the main window.
#pragma once

#include <wx/app.h>

#include "ui/startup_options.hpp"

namespace kaiku::ui {

class App : public wxApp {
public:
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    StartupOptions options_;
};

}  // namespace kaiku::ui
