// What the command line decided: which server, which local cache, who is shown as signed in.
#pragma once

#include <wx/string.h>

namespace kaiku::ui {

struct StartupOptions {
    wxString server_url = "http://127.0.0.1:8080";
    wxString cache_path;  // SQLite file of the local cache
    wxString user = "demo-coordinator";
    wxString lang;  // "fi", "sv", "en" or empty for the system language
};

// ~/.local/share/kaiku-admin/cache.sqlite (XDG data directory); creates the directory.
wxString default_cache_path();

}  // namespace kaiku::ui
