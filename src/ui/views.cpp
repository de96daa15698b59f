#include "ui/views.hpp"

#include "ui/conflicts_view.hpp"
#include "ui/network_view.hpp"
#include "ui/uses_view.hpp"

namespace kaiku::ui {

namespace {

bool everyone(const SessionInfo&) { return true; }

template <class V>
View* make(wxWindow* parent, Services& services) {
    return new V(parent, services);
}

}  // namespace

const std::vector<ViewFactory>& all_views() {
    static const std::vector<ViewFactory> views = {
        {everyone, make<NetworkView>},
        {UsesView::available, make<UsesView>},
        {everyone, make<ConflictsView>},
    };
    return views;
}

}  // namespace kaiku::ui
