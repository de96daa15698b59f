#include "ui/views.hpp"

#include "ui/cards_view.hpp"
#include "ui/network_view.hpp"

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
        {CardsView::available, make<CardsView>},
    };
    return views;
}

}  // namespace kaiku::ui
