// The areas list: a virtual wxDataView model over the cached areas (already ordered by Finnish name).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <wx/dataview.h>

#include "core/entities.hpp"

namespace kaiku::ui {

class AreaListModel : public wxDataViewVirtualListModel {
public:
    enum Column : unsigned { col_name, col_municipalities, col_status, column_count };

    void set_areas(std::vector<core::Area> areas);
    const core::Area* area_at(unsigned row) const;
    std::optional<unsigned> row_of(const std::string& area_id) const;
    std::size_t size() const { return areas_.size(); }

    void GetValueByRow(wxVariant& value, unsigned row, unsigned col) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }

private:
    std::vector<core::Area> areas_;
};

}  // namespace kaiku::ui
