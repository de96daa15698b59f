// Choice controls shared by the site forms: the municipalities of an area, the site status, the site role.
#pragma once

#include <string>
#include <vector>

#include <wx/choice.h>

#include "core/entities.hpp"

namespace kaiku::ui {

// The municipalities of an area by name and code; the first entry asks to choose one (no code).
class MunicipalityChoice : public wxChoice {
public:
    MunicipalityChoice(wxWindow* parent, const core::Area& area, const std::string& selected = {});
    std::string code() const;

private:
    std::vector<std::string> codes_;
};

class StatusChoice : public wxChoice {
public:
    StatusChoice(wxWindow* parent, core::SiteStatus selected);
    core::SiteStatus status() const { return static_cast<core::SiteStatus>(GetSelection()); }
};

class RoleChoice : public wxChoice {
public:
    RoleChoice(wxWindow* parent, core::SiteRole selected);
    core::SiteRole role() const { return static_cast<core::SiteRole>(GetSelection()); }
};

// The guideline version of the commitments acknowledged today.
inline constexpr const char* kCurrentCommitmentVersion = "2025-1";

}  // namespace kaiku::ui
