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

#include "core/crash_report.hpp"
#include "core/thread_guard.hpp"
#include "net/http.hpp"
#include "store/repositories.hpp"
#include "sync/engine.hpp"
#include "ui/db_worker.hpp"
#include "ui/i18n.hpp"
#include "ui/keyring.hpp"
#include "ui/main_frame.hpp"
#include "ui/preferences_dialog.hpp"
#include "ui/sign_in_dialog.hpp"

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

App::App() = default;
App::~App() = default;

bool App::OnInit() {
    core::install_crash_report("kaiku-admin");
    SetAppName("kaiku-admin");
    SetAppDisplayName("Kaiku Admin");
    SetVendorName("Kaikukortti");
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
    // Log lines and --help go to the terminal, never into modal boxes.
    delete wxLog::SetActiveTarget(new wxLogStderr);
    delete wxMessageOutput::Set(new wxMessageOutputStderr);

    // ~/.config/kaiku-admin/kaiku-admin.conf: window geometry, column widths, language, last session.
    const wxString config_file = config_file_path();
    wxFileName::Mkdir(wxFileName(config_file).GetPath(), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    wxConfigBase::Set(new wxFileConfig(GetAppName(), GetVendorName(), config_file, wxString(),
                                       wxCONFIG_USE_LOCAL_FILE));

    // --lang, else the language chosen in Preferences, else the system's.
    const wxString lang = language_from_argv(argc, argv);
    setup_translations(is_supported_language(lang) ? lang : preferred_language());

    if (!wxApp::OnInit()) return false;  // parses the command line


    // From here on, any database or network call on this thread is a bug that aborts loudly.
    core::forbid_blocking_io_on_this_thread();
    // The window stays open while the sign-in dialog is shown; the app ends when the last window closes.
    SetExitOnFrameDelete(true);
    gate_ = std::make_unique<DbWorker>(options_.cache_path.utf8_string(), "session");
    start();
    return true;
}

int App::OnExit() {
    gate_.reset();
    delete wxConfigBase::Set(nullptr);
    return wxApp::OnExit();
}

void App::start() {
    wxConfigBase* config = wxConfigBase::Get();
    if (options_.server_url.empty()) options_.server_url = config->Read("/session/server", "http://127.0.0.1:8080");
    if (options_.user.empty()) options_.user = config->Read("/session/login", wxString());
    tokens_ = std::make_shared<KeyringTokenStore>(options_.server_url.utf8_string());
    if (options_.user.empty()) return ask_sign_in();
    if (!options_.password.empty()) return open_main_window();  // signs in with it on the first sync
    gate_->post([this, login = options_.user.utf8_string(), tokens = tokens_](WorkerContext& ctx) {
        bool saved = false;
        try {
            saved = sync::has_saved_session(ctx.db(), login, tokens.get());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "kaiku-admin: reading the saved session failed: %s\n", e.what());
        }
        CallAfter([this, saved] { saved ? open_main_window() : ask_sign_in(); });
    });
}

void App::ask_sign_in() {
    SignInDialog dialog(nullptr, options_.server_url, options_.user, options_.cache_path);
    if (dialog.ShowModal() != wxID_OK) {
        ExitMainLoop();
        return;
    }
    options_.server_url = dialog.server_url();
    options_.user = dialog.login();
    options_.password.clear();
    wxConfigBase::Get()->Write("/session/server", options_.server_url);
    wxConfigBase::Get()->Write("/session/login", options_.user);
    tokens_ = std::make_shared<KeyringTokenStore>(options_.server_url.utf8_string());
    open_main_window();
}

void App::open_main_window() {
    auto* frame = new MainFrame(options_, tokens_);
    frame->Show();
    SetTopWindow(frame);
}

void App::sign_out(MainFrame* frame, bool discard_unsent) {
    frame->Hide();
    frame->Destroy();  // joins its threads when deleted, before the sign-out job below gets the file to itself
    options_.password.clear();
    gate_->post([this, server = options_.server_url.utf8_string(), tokens = tokens_, discard_unsent](WorkerContext& ctx) {
        try {
            auto& db = ctx.db();
            net::HttpClient http(server);
            if (sync::use_saved_session(db, http, store::StateRepository{db}.get("token_login").value_or(""),
                                        tokens.get()))
                sync::sign_out(db, http, tokens.get());
            // Signed out, nothing of the register stays on this computer (a shared office machine).
            if (discard_unsent || sync::sync_status(db).pending == 0) sync::wipe_local_data(db);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "kaiku-admin: signing out failed: %s\n", e.what());
        }
        CallAfter([this] { ask_sign_in(); });
    });
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
