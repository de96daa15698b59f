#include "ui/range_summary.hpp"

#include <wx/intl.h>

#include "core/card_id.hpp"

namespace kaiku::ui {

wxString range_summary(const std::string& prefix, std::uint32_t first, std::uint32_t last) {
    const auto n = static_cast<unsigned>(last - first + 1);
    // TRANSLATORS: %s and %s are the first and last card IDs of a range, %u the number of cards
    return wxString::Format(wxPLURAL("Card %s to %s: %u card.", "Cards %s to %s: %u cards.", n),
                            wxString::FromUTF8(core::format_card_id(prefix, first)),
                            wxString::FromUTF8(core::format_card_id(prefix, last)), n);
}

}  // namespace kaiku::ui
