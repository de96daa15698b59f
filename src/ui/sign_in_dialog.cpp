#include "ui/sign_in_dialog.hpp"

#include "net/http.hpp"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include "net/http.hpp"
#include "store/repositories.hpp"
#include "sync/engine.hpp"
#include "sync/outbox.hpp"
#include "ui/accessibility.hpp"
#include "ui/announce.hpp"
#include "ui/keyring.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

SignInDialog::SignInDialog(wxWindow* parent, const wxString& server_url, const wxString& login,
                           const wxString& cache_path)
    : wxDialog(parent, wxID_ANY, _("Sign In to Kaiku Admin")), cache_path_(cache_path) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Sign in with the account your area coordinator or the national support "
                                     "service gave you. After the first sign-in you can work offline."));
    intro->Wrap(FromDIP(420));

    auto* server_label = new wxStaticText(this, wxID_ANY, _("&Server address:"));
    server_ = new wxTextCtrl(this, wxID_ANY, server_url);
    set_accessible(server_, _("Server address"), "signin-server");
    server_->SetToolTip(_("The address of the register, e.g. https://kaikukanta.example.fi"));
    auto* login_label = new wxStaticText(this, wxID_ANY, _("&User name:"));
    login_ = new wxTextCtrl(this, wxID_ANY, login);
    set_accessible(login_, _("User name"), "signin-login");
    auto* password_label = new wxStaticText(this, wxID_ANY, _("&Password:"));
    password_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    set_accessible(password_, _("Password"), "signin-password");

    problem_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(problem_, wxString(), "signin-problem");
    gauge_ = new wxGauge(this, wxID_ANY, 100);
    set_accessible(gauge_, _("Signing in"), "signin-progress");
    gauge_->Hide();

    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
    grid->AddGrowableCol(1);
    for (auto [label, field] : {std::pair<wxWindow*, wxWindow*>{server_label, server_}, {login_label, login_},
                                {password_label, password_}}) {
        grid->Add(label, wxSizerFlags().CenterVertical());
        grid->Add(field, wxSizerFlags().Expand());
    }

    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK, _("&Sign In"));
    ok_->SetDefault();
    set_accessible(ok_, _("Sign in"), "signin-ok");
    auto* cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    set_accessible(cancel, _("Cancel"), "signin-cancel");
    buttons->AddButton(ok_);
    buttons->AddButton(cancel);
    buttons->Realize();

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, FromDIP(12)));
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(problem_, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    sizer->Add(gauge_, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(12)));
    sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(12)));
    SetSizerAndFit(sizer);
    SetMinSize(GetSize());

    ok_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
    (login.empty() ? login_ : password_)->SetFocus();
    dispatch_ = std::make_unique<UiDispatcher>(this);
    worker_ = std::make_unique<DbWorker>(cache_path_.utf8_string(), "sign-in");
}

SignInDialog::~SignInDialog() {
    worker_.reset();  // joins before the dispatcher goes
}

wxString SignInDialog::server_url() const { return wxString(server_->GetValue()).Trim(true).Trim(false); }
wxString SignInDialog::login() const { return wxString(login_->GetValue()).Trim(true).Trim(false); }

void SignInDialog::show_problem(const wxString& text) {
    problem_->SetLabel(text);
    problem_->Wrap(FromDIP(420));
    set_accessible_name(problem_, text);
    announce_problem(problem_, text);
    Fit();
}

void SignInDialog::set_busy(bool busy) {
    for (wxWindow* w : {static_cast<wxWindow*>(server_), static_cast<wxWindow*>(login_),
                        static_cast<wxWindow*>(password_), static_cast<wxWindow*>(ok_)})
        w->Enable(!busy);
    gauge_->Show(busy);
    if (busy) gauge_->Pulse();
    Layout();
}

void SignInDialog::start() {
    const wxString server = server_url();
    const wxString user = login();
    switch (net::check_server_url(server.utf8_string())) {
        case net::ServerUrlCheck::ok: break;
        case net::ServerUrlCheck::insecure_remote:
            show_problem(_("Server address: use https://. Plain http:// would send your password unencrypted; it "
                           "is accepted only for a server on this computer."));
            return server_->SetFocus();
        case net::ServerUrlCheck::bad_scheme:
        case net::ServerUrlCheck::no_host:
            show_problem(_("Server address: start it with https:// and the server's name, for example "
                           "https://kaikukanta.example.fi."));
            return server_->SetFocus();
    }
    if (user.empty()) {
        show_problem(_("User name: enter the login name of your account."));
        return login_->SetFocus();
    }
    if (password_->GetValue().empty()) {
        show_problem(_("Password: enter your password."));
        return password_->SetFocus();
    }
    show_problem(_(L"Signing in\u2026"));
    set_busy(true);
    worker_->post([this, server = server.utf8_string(), user = user.utf8_string(),
                   password = password_->GetValue().utf8_string(), device = wxGetHostName().utf8_string()](
                      WorkerContext& ctx) {
        auto result = std::make_shared<sync::SignInResult>();
        auto problem = std::make_shared<wxString>();
        try {
            auto& db = ctx.db();
            store::StateRepository state{db};
            const std::string previous = state.get("token_login").value_or("");
            if (!previous.empty() && previous != user) {
                // Another person's register data must not stay beside this user's, nor their unsent changes vanish.
                if (sync::sync_status(db).pending > 0) {
                    result->failure = sync::FailureKind::forbidden;
                    // TRANSLATORS: %s is the login name of the person who signed in before
                    *problem = wxString::Format(_("%s has changes on this computer that have not reached the register. "
                                                  "Sign in as %s and sync first."),
                                                wxString::FromUTF8(previous), wxString::FromUTF8(previous));
                } else {
                    sync::wipe_local_data(db);
                }
            }
            if (problem->empty()) {
                net::HttpOptions options;
                options.cancel = &ctx.cancel_flag();
                net::HttpClient http(server, options);
                KeyringTokenStore tokens(server);
                *result = sync::sign_in(db, http, user, password, device, &tokens);
            }
        } catch (const std::exception& e) {
            result->failure = sync::FailureKind::store_error;
            result->detail = e.what();
        }
        dispatch_->post([this, result, problem] { finish(*result, *problem); });
    });
}

void SignInDialog::finish(const sync::SignInResult& result, const wxString& problem) {
    set_busy(false);
    if (result.ok()) return EndModal(wxID_OK);
    wxString text = problem;
    if (text.empty() && result.http_status == 401)
        text = _("The user name or password is not right. Check them and try again.");
    else if (text.empty() && result.http_status == 429)
        text = _("Too many failed attempts. Wait a moment and try again.");
    else if (text.empty())
        text = sync_failure_message(result.failure, result.http_status, result.detail, server_url());
    show_problem(text);
    password_->SetFocus();
    password_->SelectAll();
}

}  // namespace kaiku::ui
