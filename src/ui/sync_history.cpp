#include "ui/sync_history.hpp"

#include <functional>

#include <wx/config.h>
#include <wx/filename.h>

namespace kaiku::ui {

namespace {

wxString key_for(const wxString& cache_path) {
    wxFileName name(cache_path);
    name.MakeAbsolute();
    const auto hash = std::hash<std::string>{}(name.GetFullPath().utf8_string());
    return wxString::Format("/LastSync/cache-%016zx", static_cast<std::size_t>(hash));
}

}  // namespace

wxDateTime load_last_sync(const wxString& cache_path) {
    wxDateTime when;
    wxString text;
    if (wxConfigBase* config = wxConfigBase::Get(); config && config->Read(key_for(cache_path), &text))
        when.ParseISOCombined(text);
    return when;
}

void save_last_sync(const wxString& cache_path, const wxDateTime& when) {
    if (wxConfigBase* config = wxConfigBase::Get()) {
        config->Write(key_for(cache_path), when.FormatISOCombined());
        config->Flush();
    }
}

}  // namespace kaiku::ui
