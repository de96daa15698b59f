#include "ui/views.hpp"

#include "ui/messages_view.hpp"
#include "ui/network_view.hpp"
#include "ui/quotas_view.hpp"

namespace kaiku::ui {

namespace {

bool everyone(const SessionInfo&) { return true; }
bool quota_readers(const SessionInfo& s) { return s.coordinator() || s.national() || s.issuer(); }

template <class V>
View* make(wxWindow* parent, Services& services) {
    return new V(parent, services);
}

}  // namespace

const std::vector<ViewFactory>& all_views() {
    static const std::vector<ViewFactory> views = {
        {everyone, make<NetworkView>},
        {everyone, make<MessagesView>},
        {quota_readers, make<QuotasView>},
    };
    return views;
}

}  // namespace kaiku::ui
