#include "ui/site_fields.hpp"

#include <wx/intl.h>

#include "ui/labels.hpp"
#include "ui/network_rows.hpp"

namespace kaiku::ui {

MunicipalityChoice::MunicipalityChoice(wxWindow* parent, const core::Area& area, const std::string& selected)
    : wxChoice(parent, wxID_ANY) {
    Append(_("(Choose a municipality)"));
    codes_.emplace_back();
    for (const auto& m : area.municipalities) {
        Append(municipality_text(area, m.code));
        codes_.push_back(m.code);
    }
    int index = 0;
    for (std::size_t i = 1; i < codes_.size(); ++i)
        if (codes_[i] == selected) index = static_cast<int>(i);
    if (index == 0 && !selected.empty()) {  // a code the area does not list (yet): keep it
        Append(wxString::FromUTF8(selected));
        codes_.push_back(selected);
        index = static_cast<int>(codes_.size() - 1);
    }
    if (index == 0 && codes_.size() == 2) index = 1;  // an area of one municipality
    SetSelection(index);
}

std::string MunicipalityChoice::code() const {
    const int i = GetSelection();
    return i >= 0 && static_cast<std::size_t>(i) < codes_.size() ? codes_[static_cast<std::size_t>(i)] : std::string();
}

StatusChoice::StatusChoice(wxWindow* parent, core::SiteStatus selected) : wxChoice(parent, wxID_ANY) {
    for (auto s : {core::SiteStatus::proposed, core::SiteStatus::active, core::SiteStatus::paused,
                   core::SiteStatus::left})
        Append(label(s));
    SetSelection(static_cast<int>(selected));
}

RoleChoice::RoleChoice(wxWindow* parent, core::SiteRole selected) : wxChoice(parent, wxID_ANY) {
    for (auto r : {core::SiteRole::issuer, core::SiteRole::venue, core::SiteRole::ticket_agent}) Append(label(r));
    SetSelection(static_cast<int>(selected));
}

}  // namespace kaiku::ui
