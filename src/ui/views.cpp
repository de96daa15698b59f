#include "ui/views.hpp"

#include "ui/audit_view.hpp"
#include "ui/cards_view.hpp"
#include "ui/conflicts_view.hpp"
#include "ui/messages_view.hpp"
#include "ui/network_view.hpp"
#include "ui/quotas_view.hpp"
#include "ui/statistics_view.hpp"
#include "ui/uses_view.hpp"

namespace kaiku::ui {

namespace {

// The network is run by the area coordinators (their area) and the national service (every area). No view is built
// before the first sign-in has told the role (MainFrame::add_views).
bool network_managers(const SessionInfo& s) { return s.coordinator() || s.national(); }

bool everyone(const SessionInfo&) { return true; }
bool quota_readers(const SessionInfo& s) { return s.coordinator() || s.national() || s.issuer(); }

template <class V>
View* make(wxWindow* parent, Services& services) {
    return new V(parent, services);
}

}  // namespace

const std::vector<ViewFactory>& all_views() {
    static const std::vector<ViewFactory> views = {
        {network_managers, make<NetworkView>},
        {CardsView::available, make<CardsView>},
        {UsesView::available, make<UsesView>},
        {everyone, make<MessagesView>},
        {quota_readers, make<QuotasView>},
        {everyone, make<StatisticsView>},
        {AuditView::available, make<AuditView>},
        {everyone, make<ConflictsView>},
    };
    return views;
}

}  // namespace kaiku::ui
