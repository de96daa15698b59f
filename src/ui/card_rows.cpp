#include "ui/card_rows.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <wx/intl.h>

#include "core/card_id.hpp"
#include "core/lifecycle.hpp"
#include "store/repositories.hpp"
#include "store/sql_util.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

namespace {

template <class E, std::size_t N>
const wxString& of(const std::array<wxString, N>& labels, E value) {
    static const wxString none;
    const auto i = static_cast<std::size_t>(value);
    return i < N ? labels[i] : none;
}

wxString number(long long n) { return wxString::Format("%lld", n); }

}  // namespace

std::vector<ListColumn> card_columns() {
    return {{_("Card ID"), 130},
            {_("Status"), 100},
            {_("Kind"), 90},
            {_("Issuer site"), 220},
            {_("Registered on"), 125},
            {_("Valid until"), 110},
            {_("First used on"), 110, false, false},
            {_("Children"), 80, true, false},
            {_("Area"), 110, false, false}};
}

std::vector<ListRow> card_rows(store::Database& db, const CardLabels& labels, core::Date today) {
    std::vector<ListRow> rows;
    long long count = 0;
    db.sql() << "SELECT COUNT(*) FROM card", soci::into(count);
    rows.reserve(static_cast<std::size_t>(count));
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT c.id, c.status, c.kind, s.name, c.registered_on, c.valid_until, c.activated_on, "
                             "c.children, a.name_fi FROM card c LEFT JOIN site s ON s.id = c.issuer_site_id "
                             "LEFT JOIN area a ON a.id = c.area_id ORDER BY c.id");
    for (const auto& row : rs) {
        store::RowReader r(row);
        core::Card c;
        c.status = r.name(1, core::CardStatus::in_stock);
        c.registered_on = r.date(4);
        c.valid_until = r.date(5);
        c.activated_on = r.date(6);
        const auto kind = r.name(2, core::CardKind::personal);
        ListRow out;
        out.id = r.text(0);
        out.cells = {wxString::FromUTF8(out.id),
                     of(labels.status, core::status_on(c, today)),
                     of(labels.kind, kind),
                     wxString::FromUTF8(r.text(3)),
                     show_date(c.registered_on),
                     show_date(c.valid_until),
                     show_date(c.activated_on),
                     kind == core::CardKind::personal && c.status != core::CardStatus::in_stock ? number(r.integer(7))
                                                                                                  : wxString(),
                     wxString::FromUTF8(r.text(8))};
        out.sort_keys = {"", "", "", "", date_key(c.registered_on), date_key(c.valid_until), date_key(c.activated_on),
                         "", ""};
        rows.push_back(std::move(out));
    }
    return rows;
}

std::vector<ListColumn> batch_columns() {
    return {{_("Area"), 110},          {_("First card"), 130},       {_("Last card"), 130},
            {_("Cards"), 70, true},    {_("Kind"), 90},              {_("Medium"), 90, false, false},
            {_("Printed on"), 100},    {_("Allocated"), 80, true},   {_("Not allocated"), 100, true}};
}

std::vector<ListColumn> stock_columns() {
    return {{_("Issuer site"), 240},
            {_("Area"), 110},
            {_("Allocated"), 90, true},
            // TRANSLATORS: column heading: how many cards of the allocation have been registered (a number)
            {wxGETTEXT_IN_CONTEXT("number of cards", "Registered"), 90, true},
            {_("Left"), 80, true}};
}

StockData read_stock(store::Database& db, const SessionInfo& session, const CardLabels& labels) {
    StockData d;
    for (auto& area : store::AreaRepository{db}.list())
        if (session.national() || session.area_id.empty() || area.id == session.area_id ||
            session.issuer())  // issuer staff see the areas their cache holds
            d.areas.push_back(std::move(area));
    std::map<std::string, wxString> area_names, site_names;
    for (const auto& area : d.areas) {
        area_names[area.id] = area_display_name(area);
        for (auto& b : store::CardBatchRepository{db}.list_for_area(area.id)) {
            for (auto& a : store::AllocationRepository{db}.list_for_batch(b.id)) d.allocations.push_back(std::move(a));
            d.batches.push_back(std::move(b));
        }
        for (auto& s : store::SiteRepository{db}.list_for_area(area.id))
            if (s.role == core::SiteRole::issuer) {
                site_names[s.id] = wxString::FromUTF8(s.name);
                d.issuers.push_back(std::move(s));
            }
    }
    std::map<std::string, const core::Area*> area_of;
    for (const auto& a : d.areas) area_of[a.id] = &a;
    std::sort(d.batches.begin(), d.batches.end(), [](const auto& x, const auto& y) {
        return std::tie(x.area_id, x.first_serial) < std::tie(y.area_id, y.first_serial);
    });
    for (const auto& b : d.batches) {
        const std::string prefix = area_of.count(b.area_id) ? area_of[b.area_id]->prefix : std::string();
        long long allocated = 0;
        for (const auto& a : d.allocations)
            if (a.batch_id == b.id) allocated += a.last_serial - a.first_serial + 1;
        const long long size = static_cast<long long>(b.last_serial) - b.first_serial + 1;
        ListRow row;
        row.id = b.id;
        row.cells = {area_names[b.area_id],
                     wxString::FromUTF8(core::format_card_id(prefix, b.first_serial)),
                     wxString::FromUTF8(core::format_card_id(prefix, b.last_serial)),
                     number(size),
                     of(labels.kind, b.kind),
                     of(labels.medium, b.medium),
                     show_date(b.printed_on),
                     number(allocated),
                     number(size - allocated)};
        row.sort_keys = {"", "", "", "", "", "", date_key(b.printed_on), "", ""};
        d.batch_rows.push_back(std::move(row));
    }
    store::AllocationRepository allocations{db};
    for (const auto& area : d.areas)
        for (const auto& s : allocations.stock_per_issuer(area.id)) {
            if (session.issuer() && std::find(session.sites.begin(), session.sites.end(), s.site_id) ==
                                        session.sites.end())
                continue;
            ListRow row;
            row.id = s.site_id;
            row.cells = {site_names[s.site_id], area_names[area.id], number(s.allocated), number(s.registered),
                         number(s.in_stock())};
            d.stock_rows.push_back(std::move(row));
        }
    return d;
}

std::vector<ListColumn> history_columns() {
    return {{_("Date"), 100}, {_("What happened"), 290}, {_("Where"), 200}, {_("Details"), 300}};
}

HistoryLabels HistoryLabels::make() {
    HistoryLabels l;
    l.card = CardLabels::make();
    // TRANSLATORS: an event in a card's history: the card was registered (handed to its holder) on that day
    l.registered = wxGETTEXT_IN_CONTEXT("card history event", "Registered");
    // TRANSLATORS: %s is a date
    l.valid_until = _("Valid until %s");
    l.first_use = _("First use");
    l.cancelled = _("Cancelled");
    l.replaced = _("Replaced");
    // TRANSLATORS: %s is a card ID
    l.replaced_by = _("Replaced by card %s");
    // TRANSLATORS: numbers of people admitted with the card at one use
    l.counts = _("Adults: %d, children: %d");
    l.replaces = _("Replaces card %s");
    l.use = _("Use");
    l.use_voided = _("Use (voided)");
    l.registered_here = _("Registration made on this computer");
    l.renewed_here = _("Renewal made on this computer");
    l.cancelled_here = _("Cancellation made on this computer");
    l.replaced_here = _("Replacement made on this computer");
    l.pending = _("Waiting to be sent to the register");
    l.sent = _("Accepted by the register");
    // TRANSLATORS: %s is the register's reason, in English
    l.refused = _("Refused by the register: %s");
    return l;
}

CardHistory read_card_history(store::Database& db, const std::string& card_id, const HistoryLabels& l) {
    CardHistory h;
    h.card = store::CardRepository{db}.get(card_id);
    if (!h.card) return h;
    const core::Card& c = *h.card;
    store::SiteRepository sites{db};
    auto site_name = [&](const std::string& id) {
        const auto s = sites.get(id);
        return s ? wxString::FromUTF8(s->name) : wxString::FromUTF8(id);
    };
    auto add = [&](const std::optional<core::Date>& on, const wxString& what, const wxString& where,
                   const wxString& details) {
        ListRow row;
        row.id = std::to_string(h.rows.size());
        row.cells = {show_date(on), what, where, details};
        row.sort_keys = {date_key(on), "", "", ""};
        h.rows.push_back(std::move(row));
    };
    if (c.registered_on)
        add(c.registered_on, l.registered, site_name(c.issuer_site_id),
            wxString::Format(l.valid_until, show_date(c.valid_until)));
    if (!c.replaces.empty()) add(c.registered_on, l.registered, wxString(), wxString::Format(l.replaces, c.replaces));
    if (c.activated_on) add(c.activated_on, l.first_use, wxString(), wxString());
    if (c.cancelled_on)
        add(c.cancelled_on, l.cancelled, wxString(),
            c.cancel_reason ? of(l.card.cancel_reason, *c.cancel_reason) : wxString());
    if (!c.replaced_by.empty())
        add(c.cancelled_on, l.replaced, wxString(),
            wxString::Format(l.replaced_by, wxString::FromUTF8(c.replaced_by)));
    for (const auto& u : store::UsageRepository{db}.list_for_card(card_id)) {
        wxString details = wxString::Format(l.counts, u.adults, u.children);
        if (!u.event.empty()) details = wxString::FromUTF8(u.event) + " \u2014 " + details;
        if (u.voided) details += " \u2014 " + wxString::FromUTF8(u.void_reason);
        add(u.used_on, u.voided ? l.use_voided : l.use, site_name(u.venue_site_id), details);
    }
    // Changes made on this computer, with how far they have got.
    soci::rowset<soci::row> rs = (db.sql().prepare << "SELECT type, state, payload, recorded_at, last_error FROM outbox "
                                                      "WHERE entity = 'card' AND entity_id = :id ORDER BY client_seq",
                                  soci::use(card_id, "id"));
    for (const auto& row : rs) {
        store::RowReader r(row);
        const std::string type = r.text(0), state = r.text(1);
        const wxString what = type == "card.register" ? l.registered_here
                              : type == "card.renew"  ? l.renewed_here
                              : type == "card.cancel" ? l.cancelled_here
                              : type == "card.replace" ? l.replaced_here
                                                       : wxString::FromUTF8(type);
        const bool refused = state == "rejected" || state == "conflict";
        const auto problem = refused ? sync::read_register_problem(r.text(4)) : sync::RegisterProblem{};
        const wxString how = state == "acked" ? l.sent
                             : refused        ? wxString::Format(l.refused, wxString::FromUTF8(problem.english))
                                              : l.pending;
        if (refused) h.refusals[std::to_string(h.rows.size())] = problem;
        add(core::Date::parse(r.text(3).substr(0, 10)), what, wxString(), how);
    }
    std::stable_sort(h.rows.begin(), h.rows.end(),
                     [](const ListRow& a, const ListRow& b) { return a.sort_keys[0] > b.sort_keys[0]; });
    return h;
}

}  // namespace kaiku::ui
