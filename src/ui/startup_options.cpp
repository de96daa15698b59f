#include "ui/startup_options.hpp"

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

namespace kaiku::ui {

namespace {

// wxStandardPaths::GetUserDataDir() keeps the classic ~/.appname on Unix even with the XDG file
// layout, so the XDG data directory is worked out here.
wxString xdg_data_home() {
    wxString dir;
    if (wxGetEnv("XDG_DATA_HOME", &dir) && wxFileName(dir).IsAbsolute()) return dir;
    return wxFileName::GetHomeDir() + "/.local/share";
}

}  // namespace

wxString default_cache_path() {
    const wxString dir = xdg_data_home() + "/kaiku-admin";
    wxFileName::Mkdir(dir, wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    return wxFileName(dir, "cache.sqlite").GetFullPath();
}

wxString config_file_path() {
    // GetUserConfigDir() follows $XDG_CONFIG_HOME with the XDG file layout set in App::OnInit.
    return wxFileName(wxStandardPaths::Get().GetUserConfigDir() + "/kaiku-admin", "kaiku-admin.conf").GetFullPath();
}

}  // namespace kaiku::ui
