#include "ui/site_list_model.hpp"

#include "ui/labels.hpp"

namespace kaiku::ui {

void SiteListModel::set_sites(std::vector<core::Site> sites) {
    sites_ = std::move(sites);
    folded_names_.clear();
    folded_names_.reserve(sites_.size());
    for (const auto& s : sites_) folded_names_.push_back(wxString::FromUTF8(s.name).Lower());
    apply_filter();
}

void SiteListModel::set_filter(const wxString& text) {
    const wxString folded = text.Strip(wxString::both).Lower();
    if (folded == filter_) return;
    filter_ = folded;
    apply_filter();
}

void SiteListModel::apply_filter() {
    visible_.clear();
    for (std::size_t i = 0; i < sites_.size(); ++i)
        if (filter_.empty() || folded_names_[i].Find(filter_) != wxNOT_FOUND) visible_.push_back(i);
    Reset(static_cast<unsigned>(visible_.size()));
}

const core::Site* SiteListModel::site_at(unsigned row) const {
    return row < visible_.size() ? &sites_[visible_[row]] : nullptr;
}

void SiteListModel::GetValueByRow(wxVariant& value, unsigned row, unsigned col) const {
    const core::Site* s = site_at(row);
    if (!s) {
        value = wxString();
        return;
    }
    switch (col) {
        case col_name: value = wxString::FromUTF8(s->name); break;
        case col_role: value = label(s->role); break;
        case col_municipality: value = wxString::FromUTF8(s->municipality_code); break;
        case col_status: value = label(s->status); break;
        case col_contact: value = wxString::FromUTF8(s->contact.name); break;
        default: value = wxString(); break;
    }
}

}  // namespace kaiku::ui
