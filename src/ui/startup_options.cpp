#include "ui/startup_options.hpp"

#include <wx/filename.h>
#include <wx/stdpaths.h>

namespace kaiku::ui {

wxString default_cache_path() {
    // With the XDG file layout (set in App::OnInit) this is $XDG_DATA_HOME/kaiku-admin.
    const wxString dir = wxStandardPaths::Get().GetUserDataDir();
    wxFileName::Mkdir(dir, wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
    return wxFileName(dir, "cache.sqlite").GetFullPath();
}

}  // namespace kaiku::ui
