#include "ui/area_list_model.hpp"

#include <algorithm>

#include "ui/i18n.hpp"
#include "ui/labels.hpp"

namespace kaiku::ui {

void AreaListModel::set_areas(std::vector<core::Area> areas) {
    // Alphabetical in the interface language, not in the order the cache returns them.
    std::stable_sort(areas.begin(), areas.end(), [](const core::Area& a, const core::Area& b) {
        return area_display_name(a).CmpNoCase(area_display_name(b)) < 0;
    });
    areas_ = std::move(areas);
    Reset(static_cast<unsigned>(areas_.size()));
}

const core::Area* AreaListModel::area_at(unsigned row) const {
    return row < areas_.size() ? &areas_[row] : nullptr;
}

std::optional<unsigned> AreaListModel::row_of(const std::string& area_id) const {
    for (std::size_t i = 0; i < areas_.size(); ++i)
        if (areas_[i].id == area_id) return static_cast<unsigned>(i);
    return std::nullopt;
}

void AreaListModel::GetValueByRow(wxVariant& value, unsigned row, unsigned col) const {
    const core::Area* a = area_at(row);
    if (!a) {
        value = wxString();
        return;
    }
    switch (col) {
        case col_name: value = area_display_name(*a); break;
        case col_municipalities: value = wxString::Format("%zu", a->municipalities.size()); break;
        case col_status: value = label(a->status); break;
        default: value = wxString(); break;
    }
}

}  // namespace kaiku::ui
