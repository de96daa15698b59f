// When the local cache was last refreshed from the server, remembered per cache file in wxConfig.
#pragma once

#include <wx/datetime.h>
#include <wx/string.h>

namespace kaiku::ui {

wxDateTime load_last_sync(const wxString& cache_path);  // invalid when never synced
void save_last_sync(const wxString& cache_path, const wxDateTime& when);

}  // namespace kaiku::ui
