// What the command line decided: which server, which local cache, who is shown as signed in.
#pragma once

#include <wx/string.h>

#include <string>

namespace kaiku::ui {

struct StartupOptions {
    wxString server_url;  // empty: the last one used, else http://127.0.0.1:8080
    wxString cache_path;  // SQLite file of the local cache
    wxString user;          // login name of the register account
    std::string password;   // from --password-file or $KAIKU_PASSWORD; only used to sign in
    wxString lang;  // "fi", "sv", "en" or empty for the system language
};

// $XDG_DATA_HOME/kaiku-admin/cache.sqlite (~/.local/share/...); creates the directory.
wxString default_cache_path();

// $XDG_CONFIG_HOME/kaiku-admin/kaiku-admin.conf (~/.config/...).
wxString config_file_path();

}  // namespace kaiku::ui
