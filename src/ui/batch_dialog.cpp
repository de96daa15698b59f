#include "ui/batch_dialog.hpp"

#include <algorithm>

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/card_id.hpp"
#include "core/validation.hpp"
#include "sync/local_commands.hpp"
#include "ui/accessibility.hpp"
#include "ui/card_labels.hpp"
#include "ui/i18n.hpp"
#include "ui/range_summary.hpp"

namespace kaiku::ui {

BatchDialog::BatchDialog(wxWindow* parent, Services& services, core::Area area, std::vector<core::CardBatch> existing)
    : CardFormDialog(parent, services, _("New Card Batch"), "batch"), area_(std::move(area)),
      existing_(std::move(existing)) {
    // TRANSLATORS: %s is the name of a Kaikukortti area, e.g. Tampere
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   wxString::Format(_("A printed range of cards for %s. Type the numbers of the first "
                                                      "and last card, or scan those cards."),
                                                    area_display_name(area_)));
    intro->Wrap(FromDIP(420));
    std::uint32_t next = 1;
    for (const auto& b : existing_) next = std::max(next, b.last_serial + 1);

    auto* grid = new_grid();
    first_ = new wxTextCtrl(this, wxID_ANY, wxString::Format("%u", next));
    add_row(grid, _("&First card number:"), first_, _("First card number"), "batch-first", {"first_serial"});
    last_ = new wxTextCtrl(this, wxID_ANY);
    last_->SetHint(wxString::Format("%u", next + 499));
    add_row(grid, _("&Last card number:"), last_, _("Last card number"), "batch-last", {"last_serial"});
    kind_ = new wxChoice(this, wxID_ANY);
    kind_->Append(label(core::CardKind::personal));
    kind_->Append(label(core::CardKind::community));
    kind_->SetSelection(0);
    add_row(grid, _("&Kind of card:"), kind_, _("Kind of card"), "batch-kind", {"kind"});
    medium_ = new wxChoice(this, wxID_ANY);
    medium_->Append(label(core::CardMedium::cardboard));
    medium_->Append(label(core::CardMedium::mobile));
    medium_->SetSelection(0);
    add_row(grid, _("&Medium:"), medium_, _("Medium"), "batch-medium", {"medium"});
    printed_on_ = new wxTextCtrl(this, wxID_ANY, core::Date::today().iso());
    printed_on_->SetHint(_("YYYY-MM-DD"));
    add_row(grid, _("&Printed on:"), printed_on_, _("Printed on"), "batch-printed-on", {"printed_on"});
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(summary_, wxString(), "batch-summary");

    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(intro, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
    body->Add(grid, wxSizerFlags().Expand());
    body->Add(summary_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
    finish(body, _("&Create Batch"), _("Create batch"));
    for (wxWindow* w : std::initializer_list<wxWindow*>{first_, last_, kind_, medium_, printed_on_})
        validate_on_change(w);
    check(false);
    last_->SetFocus();
}

core::CardBatch BatchDialog::batch() const {
    core::CardBatch b;
    b.area_id = area_.id;
    b.first_serial = parse_serial_text(first_->GetValue(), area_.prefix).value_or(0);
    b.last_serial = parse_serial_text(last_->GetValue(), area_.prefix).value_or(0);
    b.kind = kind_->GetSelection() == 1 ? core::CardKind::community : core::CardKind::personal;
    b.medium = medium_->GetSelection() == 1 ? core::CardMedium::mobile : core::CardMedium::cardboard;
    b.printed_on = parse_date_text(printed_on_->GetValue());
    return b;
}

bool BatchDialog::check(bool final) {
    const core::CardBatch b = batch();
    const bool first_typed = !first_->IsEmpty(), last_typed = !last_->IsEmpty();
    const wxString number_problem = _("%s: type a number from 1 to 999999, or scan a card of this area.");
    set_problem(first_, !b.first_serial && (first_typed || final)
                            ? wxString::Format(number_problem, name_of(first_))
                            : wxString());
    set_problem(last_, !b.last_serial && (last_typed || final) ? wxString::Format(number_problem, name_of(last_))
                       : b.last_serial && b.first_serial && b.last_serial < b.first_serial
                           ? _("Last card number: it must not be smaller than the first card number.")
                           : wxString());
    set_problem(printed_on_, !b.printed_on && (final || !printed_on_->IsEmpty())
                                 ? _("Printed on: type a date such as 2024-03-31 or 31.3.2024.")
                                 : wxString());
    bool ok = b.first_serial && b.last_serial && b.last_serial >= b.first_serial && b.printed_on;
    if (ok) {
        const auto overlap = core::check_no_overlap(b, existing_);
        if (!overlap.empty()) {
            set_problem(first_, describe_error(name_of(first_), overlap.front()));
            ok = false;
        }
    }
    const wxString summary = ok ? range_summary(area_.prefix, b.first_serial, b.last_serial) : wxString();
    summary_->SetLabel(summary);
    set_accessible_name(summary_, summary);
    return ok;
}

void BatchDialog::send() {
    submit([b = batch()](store::Database& db) { return sync::create_batch(db, b); });
}

}  // namespace kaiku::ui
