// The sites list of one area: a virtual wxDataView model with a filter-as-you-type on the site name.
#pragma once

#include <string>
#include <vector>

#include <wx/dataview.h>

#include "core/entities.hpp"

namespace kaiku::ui {

class SiteListModel : public wxDataViewVirtualListModel {
public:
    enum Column : unsigned { col_name, col_role, col_municipality, col_status, col_contact, column_count };

    void set_sites(std::vector<core::Site> sites);
    // Case-insensitive substring of the site name; empty shows every site.
    void set_filter(const wxString& text);
    const core::Site* site_at(unsigned row) const;
    std::size_t total() const { return sites_.size(); }
    std::size_t shown() const { return visible_.size(); }

    void GetValueByRow(wxVariant& value, unsigned row, unsigned col) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }

private:
    void apply_filter();

    std::vector<core::Site> sites_;
    std::vector<wxString> folded_names_;  // lower-case names, parallel to sites_
    std::vector<std::size_t> visible_;    // indices into sites_
    wxString filter_;
};

}  // namespace kaiku::ui
