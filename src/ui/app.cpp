#include "ui/app.hpp"

#include <cstdlib>
#include <fstream>

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgout.h>
#include <wx/stdpaths.h>

#include "ui/i18n.hpp"
#include "ui/main_frame.hpp"

namespace kaiku::ui {

namespace {

// --lang has to act before the command line is parsed (so that --help is translated too).
wxString language_from_argv(int argc, const wxCmdLineArgsArray& argv) {
    for (int i = 1; i < argc; ++i) {
        const wxString arg = argv[i];
        if (arg.StartsWith("--lang=")) return arg.Mid(7);
        if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    }
    return {};
}

}  // namespace

bool App::OnInit() {
    SetAppName("kaiku-admin");
    SetAppDisplayName("Kaiku Admin");
    SetVendorName("Kaikukortti");
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
    // Log lines and --help go to the terminal, never into modal boxes.
    delete wxLog::SetActiveTarget(new wxLogStderr);
    delete wxMessageOutput::Set(new wxMessageOutputStderr);

    const wxString lang = language_from_argv(argc, argv);
    setup_translations(is_supported_language(lang) ? lang : wxString());

    if (!wxApp::OnInit()) return false;  // parses the command line

    // ~/.config/kaiku-admin/kaiku-admin.conf: window geometry, column widths, last sync times.
    const wxString config_file = config_file_path();
    wxFileName::Mkdir(wxFileName(config_file).GetPath(), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    wxConfigBase::Set(new wxFileConfig(GetAppName(), GetVendorName(), config_file, wxString(),
                                       wxCONFIG_USE_LOCAL_FILE));

    auto* frame = new MainFrame(options_);
    frame->Show();
    return true;
}

int App::OnExit() {
    delete wxConfigBase::Set(nullptr);
    return wxApp::OnExit();
}

void App::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    // Descriptions are marked with wxTRANSLATE and translated by wxCmdLineParser when shown.
    static const wxCmdLineEntryDesc options[] = {
        {wxCMD_LINE_OPTION, nullptr, "server", wxTRANSLATE("server address (default http://127.0.0.1:8080)"),
         wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "cache",
         wxTRANSLATE("local cache file (default ~/.local/share/kaiku-admin/cache.sqlite)"), wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "user", wxTRANSLATE("login name of your register account"),
         wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "password-file",
         wxTRANSLATE("file whose first line is the password (default: $KAIKU_PASSWORD)"), wxCMD_LINE_VAL_STRING, 0},
        {wxCMD_LINE_OPTION, nullptr, "lang", wxTRANSLATE("user interface language: fi, sv or en"),
         wxCMD_LINE_VAL_STRING, 0},
        wxCMD_LINE_DESC_END};
    parser.SetDesc(options);
    parser.SetSwitchChars("-");
}

bool App::OnCmdLineParsed(wxCmdLineParser& parser) {
    if (!wxApp::OnCmdLineParsed(parser)) return false;
    wxString value;
    if (parser.Found("server", &value)) {
        value.Trim(true).Trim(false);
        if (value.empty()) {
            wxMessageOutput::Get()->Printf(_("The --server option needs a server address, e.g. %s.\n"),
                                           "http://127.0.0.1:8080");
            return false;
        }
        options_.server_url = value;
    }
    if (parser.Found("user", &value) && !value.empty()) options_.user = value;
    if (parser.Found("password-file", &value)) {
        std::ifstream in(value.fn_str());
        if (!in || !std::getline(in, options_.password)) {
            // TRANSLATORS: %s is a file name given on the command line
            wxMessageOutput::Get()->Printf(_("Cannot read the password file \"%s\".\n"), value);
            return false;
        }
    } else if (const char* env = std::getenv("KAIKU_PASSWORD")) {
        options_.password = env;
    }
    if (parser.Found("lang", &value)) {
        if (!is_supported_language(value)) {
            // TRANSLATORS: %s is the value given on the command line
            wxMessageOutput::Get()->Printf(_("Unknown language \"%s\": use fi, sv or en.\n"), value);
            return false;
        }
        options_.lang = value;
    }
    options_.cache_path = parser.Found("cache", &value) && !value.empty() ? value : default_cache_path();
    return true;
}

}  // namespace kaiku::ui
