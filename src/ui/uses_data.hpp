// Reads behind the uses view and its dialogs. Every function here runs on a worker thread (services' reader);
// wording is translated on the UI thread beforehand and handed in, so rows come out ready to draw.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <wx/string.h>

#include "core/entities.hpp"
#include "store/database.hpp"
#include "ui/record_list.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

// Columns of the uses list, in order.
enum UseColumn { use_col_date, use_col_card, use_col_venue, use_col_adults, use_col_children, use_col_category,
                 use_col_anomalies, use_col_voided, use_col_count };

// Translated words the reader needs (built on the UI thread by make_use_row_words()).
struct UseRowWords {
    wxString categories[4];
    std::vector<std::pair<unsigned, wxString>> anomaly_words;  // per single flag
    wxString separator;
    wxString voided_with_reason;  // "Voided: %s"
};
UseRowWords make_use_row_words();
std::vector<ListColumn> use_list_columns();

// The cached uses, newest first; only those with anomalies when asked.
std::vector<ListRow> load_use_rows(store::Database&, const UseRowWords&, bool anomalies_only);

// A site to choose in a form.
struct SiteChoice {
    std::string id, name;
    std::vector<core::Category> categories;  // venues: what the venue offers
};
// Sites of a role the signed-in person works for: their own sites (site staff), their area (coordinators),
// every site (national service). Sorted by name.
std::vector<SiteChoice> load_site_choices(store::Database&, const SessionInfo&, core::SiteRole);

// What the cache says about a use before it is saved.
struct UsePreview {
    bool card_known = false;
    unsigned anomalies = 0;
    core::Errors errors;  // blocking problems the core finds
};
UsePreview preview_use(store::Database&, const core::Usage&);

}  // namespace kaiku::ui
