// "Cards TRE-000501-X to TRE-000600-Y (100 cards)": what a range of card numbers means, in a sentence.
#pragma once

#include <cstdint>
#include <string>

#include <wx/string.h>

namespace kaiku::ui {

wxString range_summary(const std::string& area_prefix, std::uint32_t first, std::uint32_t last);

}  // namespace kaiku::ui
