// Printable card sheets of a card batch from the GUI: the coordinator chooses the card's languages and crop marks,
// then where to save the PDF; the sheet is written on a worker thread.
#pragma once

#include <string>

#include "ui/report_output.hpp"

class wxWindow;

namespace kaiku::ui {

class Services;

void save_card_sheet(wxWindow* parent, Services&, const std::string& batch_id, OutputDone done);

}  // namespace kaiku::ui
