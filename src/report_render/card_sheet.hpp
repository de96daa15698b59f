// Printable card sheets for a card batch: per card the ID as text, a Code 39 barcode and a QR code, the area's
// name and blank fields to fill in by hand ("Valid until: ____"), laid out for A4 business-card stock.
#pragma once

#include <wx/string.h>

#include <string>
#include <vector>

#include "core/enums.hpp"
#include "store/database.hpp"

class wxGraphicsContext;

namespace kaiku::report_render {

// Millimetres. Defaults: ISO ID-1 cards (85.6 x 54 mm), 2 columns x 5 rows, centred on A4.
struct CardSheetLayout {
    double page_width = 210, page_height = 297;
    int columns = 2, rows = 5;
    double card_width = 85.6, card_height = 54;
    double margin_left = 19.4, margin_top = 13.5;
    double gap_x = 0, gap_y = 0;
    double padding = 4;         // inside each card
    bool crop_marks = false;    // cut marks in the page margin at the card edges
    bool card_outlines = false; // faint card outlines, for plain paper
    int cards_per_page() const { return columns * rows; }
};

// Labels are lists, one entry per language (cards are usually bilingual fi/sv); they are joined with " / ".
struct CardSheet {
    std::vector<std::string> card_ids;
    std::string title = "Kaikukortti";
    std::vector<std::string> area_names;          // "Tampere", "Tammerfors"
    std::vector<std::string> valid_until_labels;  // "Voimassa asti", "Giltigt till"; empty: no field
    std::vector<std::string> children_labels;     // "Lapsia", "Barn"; empty: no field
    CardSheetLayout layout;
    wxString font_face = "DejaVu Sans";
};

int card_sheet_page_count(const CardSheet&);

// Draws page `page` (0-based) on gc, whose unit must be one point (as for draw_page of the report).
void draw_card_sheet_page(wxGraphicsContext& gc, const CardSheet&, int page);

// Writes every page as a vector PDF. Throws std::runtime_error on failure or an ID zint cannot encode.
void write_card_sheet(const CardSheet&, const std::string& path);

// The IDs of a card batch (area prefix, serials first..last, check character) and the area's names in the given
// languages (duplicates dropped). Labels are left for the caller. Throws std::runtime_error for an unknown batch.
CardSheet card_sheet_for_batch(store::Database&, const std::string& batch_id,
                               const std::vector<core::Language>& name_languages);

}  // namespace kaiku::report_render
