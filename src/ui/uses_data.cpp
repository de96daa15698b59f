#include "ui/uses_data.hpp"

#include "ui/format.hpp"

#include <algorithm>

#include <wx/intl.h>

#include "core/rules.hpp"
#include "store/repositories.hpp"
#include "store/sql_util.hpp"
#include "ui/use_labels.hpp"

namespace kaiku::ui {

UseRowWords make_use_row_words() {
    UseRowWords w;
    for (auto c : {core::Category::culture, core::Category::education, core::Category::science, core::Category::sports})
        w.categories[static_cast<int>(c)] = label(c);
    for (unsigned bit = 1; bit <= core::anomaly_clock_skew; bit <<= 1) w.anomaly_words.emplace_back(bit, anomaly_words(bit));
    w.separator = _(", ");
    // TRANSLATORS: the voided column of the uses list; %s is the reason given when voiding
    w.voided_with_reason = _("Voided: %s");
    return w;
}

std::vector<ListColumn> use_list_columns() {
    return {
        {_("Date"), 90},
        {_("Card"), 120},
        {_("Venue"), 200},
        {_("Adults"), 60, true},
        {_("Children"), 80, true},
        {_("Category"), 85},
        {_("Anomalies"), 165},
        {_("Voided"), 170},
    };
}

std::vector<ListRow> load_use_rows(store::Database& db, const UseRowWords& words, bool anomalies_only) {
    std::vector<ListRow> rows;
    long long count = 0;
    db.sql() << "SELECT COUNT(*) FROM usage", soci::into(count);
    rows.reserve(static_cast<std::size_t>(count));
    const std::string sql =
        std::string("SELECT u.id, u.used_on, u.card_id, COALESCE(s.name, u.venue_site_id), u.adults, u.children, "
                    "u.category, u.anomalies, u.voided, u.void_reason FROM usage u "
                    "LEFT JOIN site s ON s.id = u.venue_site_id") +
        (anomalies_only ? " WHERE u.anomalies <> 0" : "") + " ORDER BY u.used_on DESC, u.id";
    soci::rowset<soci::row> rs = (db.sql().prepare << sql);
    for (const auto& r : rs) {
        store::RowReader in(r);
        ListRow row;
        row.id = in.text(0);
        row.cells.resize(use_col_count);
        row.sort_keys.resize(use_col_count);
        const std::string day = in.text(1);
        row.cells[use_col_date] = format_date(day);
        row.sort_keys[use_col_date] = day;
        row.cells[use_col_card] = wxString::FromUTF8(in.text(2));
        row.cells[use_col_venue] = wxString::FromUTF8(in.text(3));
        row.cells[use_col_adults] = format_count(in.integer(4));
        row.cells[use_col_children] = format_count(in.integer(5));
        const auto category = in.name(6, core::Category::culture);
        row.cells[use_col_category] = words.categories[static_cast<int>(category)];
        const auto flags = static_cast<unsigned>(in.integer(7));
        wxString anomalies;
        for (const auto& [bit, word] : words.anomaly_words)
            if (flags & bit) {
                if (!anomalies.empty()) anomalies += words.separator;
                anomalies += word;
            }
        row.cells[use_col_anomalies] = anomalies;
        if (in.integer(8) != 0)
            row.cells[use_col_voided] = wxString::Format(words.voided_with_reason, wxString::FromUTF8(in.text(9)));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<SiteChoice> load_site_choices(store::Database& db, const SessionInfo& session, core::SiteRole role) {
    std::vector<SiteChoice> out;
    store::VenueProfileRepository profiles{db};
    for (const auto& s : store::SiteRepository{db}.list()) {
        if (s.role != role) continue;
        const bool own = std::find(session.sites.begin(), session.sites.end(), s.id) != session.sites.end();
        const bool mine = session.national() || own || (session.coordinator() && s.area_id == session.area_id);
        if (!mine) continue;
        SiteChoice c{s.id, s.name, {}};
        if (role == core::SiteRole::venue)
            if (const auto p = profiles.get(s.id)) c.categories = p->categories;
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const SiteChoice& a, const SiteChoice& b) { return a.name < b.name; });
    return out;
}

UsePreview preview_use(store::Database& db, const core::Usage& use) {
    UsePreview p;
    const auto card = store::CardRepository{db}.get(use.card_id);
    if (!card) return p;
    p.card_known = true;
    std::vector<core::Usage> earlier;
    for (auto& u : store::UsageRepository{db}.list_for_card(card->id))
        if (!u.voided) earlier.push_back(std::move(u));
    const auto venue = store::SiteRepository{db}.get(use.venue_site_id);
    const auto profile = store::VenueProfileRepository{db}.get(use.venue_site_id);
    const auto check = core::evaluate_use(*card, use, profile ? &*profile : nullptr, {}, earlier,
                                          venue ? venue->area_id : std::string());
    p.anomalies = check.anomalies;
    p.errors = check.errors;
    return p;
}

}  // namespace kaiku::ui
