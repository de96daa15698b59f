// What the Cards view shows, read from the cache on the reader thread and formatted there (the list only
// indexes the rows), so that hundreds of thousands of cards keep the window responsive.
#pragma once

#include <map>

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "store/database.hpp"
#include "ui/card_labels.hpp"
#include "sync/review.hpp"
#include "ui/record_list.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

// Columns of the cards list; rows from card_rows() follow them.
std::vector<ListColumn> card_columns();
std::vector<ListRow> card_rows(store::Database&, const CardLabels&, core::Date today);

// Card stock: batches and their allocations, the issuer sites that may get cards, stock per issuer site.
struct StockData {
    std::vector<core::Area> areas;                // the areas whose stock is shown
    std::vector<core::CardBatch> batches;
    std::vector<core::Allocation> allocations;
    std::vector<core::Site> issuers;              // issuer sites of those areas
    std::vector<ListRow> batch_rows, stock_rows;  // ids: batch id, site id
};
std::vector<ListColumn> batch_columns();
std::vector<ListColumn> stock_columns();
StockData read_stock(store::Database&, const SessionInfo&, const CardLabels&);

// One card and what happened to it: registration, first use, cancellation, replacement, changes made on this
// computer (with their delivery state) and its uses at venues, newest first.
struct CardHistory {
    std::optional<core::Card> card;
    std::vector<ListRow> rows;
    // Changes the register refused, by row id: the sentence is chosen by the problem's codes on the UI thread.
    std::map<std::string, sync::RegisterProblem> refusals;
};
std::vector<ListColumn> history_columns();
struct HistoryLabels {
    CardLabels card;
    wxString registered, first_use, cancelled, replaced, replaced_by, replaces, counts, valid_until, use, use_voided;
    wxString renewed_here, cancelled_here, replaced_here, registered_here;
    wxString pending, sent, refused;
    static HistoryLabels make();
};
CardHistory read_card_history(store::Database&, const std::string& card_id, const HistoryLabels&);

}  // namespace kaiku::ui
