#include "ui/allocate_dialog.hpp"

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
#include "ui/range_summary.hpp"

namespace kaiku::ui {

AllocateDialog::AllocateDialog(wxWindow* parent, Services& services, std::vector<core::Area> areas,
                               std::vector<core::CardBatch> batches, std::vector<core::Allocation> allocations,
                               std::vector<core::Site> issuers, const std::string& batch_id)
    : CardFormDialog(parent, services, _("Allocate Cards"), "allocate"), areas_(std::move(areas)),
      batches_(std::move(batches)), allocations_(std::move(allocations)), issuers_(std::move(issuers)) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Hand a range of printed cards to an issuer site of the batch's area. Type the "
                                     "numbers of the first and last card, or scan those cards."));
    intro->Wrap(FromDIP(420));
    auto* grid = new_grid();
    batch_ = new wxChoice(this, wxID_ANY);
    for (const auto& b : batches_) {
        const std::string p = prefix_of(b);
        // TRANSLATORS: a card batch in a list: first card ID, last card ID and the print date
        batch_->Append(wxString::Format(_(L"%s \u2013 %s, printed on %s"),
                                        wxString::FromUTF8(core::format_card_id(p, b.first_serial)),
                                        wxString::FromUTF8(core::format_card_id(p, b.last_serial)),
                                        show_date(b.printed_on)));
        if (b.id == batch_id) batch_->SetSelection(batch_->GetCount() - 1);
    }
    add_row(grid, _("&Batch:"), batch_, _("Batch"), "allocate-batch", {"batch_id"});
    site_ = new wxChoice(this, wxID_ANY);
    add_row(grid, _("&Issuer site:"), site_, _("Issuer site"), "allocate-site", {"site_id"});
    first_ = new wxTextCtrl(this, wxID_ANY);
    add_row(grid, _("&First card number:"), first_, _("First card number"), "allocate-first", {"first_serial"});
    last_ = new wxTextCtrl(this, wxID_ANY);
    add_row(grid, _("&Last card number:"), last_, _("Last card number"), "allocate-last", {"last_serial"});
    allocated_on_ = new wxTextCtrl(this, wxID_ANY, core::Date::today().iso());
    allocated_on_->SetHint(_("YYYY-MM-DD"));
    add_row(grid, _("&Allocated on:"), allocated_on_, _("Allocated on"), "allocate-date", {"allocated_on"});
    summary_ = new wxStaticText(this, wxID_ANY, wxString());
    set_accessible(summary_, wxString(), "allocate-summary");

    auto* body = new wxBoxSizer(wxVERTICAL);
    body->Add(intro, wxSizerFlags().Border(wxBOTTOM, FromDIP(8)));
    body->Add(grid, wxSizerFlags().Expand());
    body->Add(summary_, wxSizerFlags().Border(wxTOP, FromDIP(8)));
    finish(body, _("&Allocate"), _("Allocate"));
    for (wxWindow* w : std::initializer_list<wxWindow*>{site_, first_, last_, allocated_on_}) validate_on_change(w);
    batch_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { on_batch_chosen(); });
    on_batch_chosen();
    (batch_->GetSelection() == wxNOT_FOUND ? static_cast<wxWindow*>(batch_) : site_)->SetFocus();
}

std::string AllocateDialog::prefix_of(const core::CardBatch& b) const {
    for (const auto& a : areas_)
        if (a.id == b.area_id) return a.prefix;
    return {};
}

std::vector<core::Allocation> AllocateDialog::allocations_of(const core::CardBatch& b) const {
    std::vector<core::Allocation> out;
    for (const auto& a : allocations_)
        if (a.batch_id == b.id) out.push_back(a);
    return out;
}

const core::CardBatch* AllocateDialog::batch() const {
    const int i = batch_->GetSelection();
    return i == wxNOT_FOUND ? nullptr : &batches_[static_cast<std::size_t>(i)];
}

void AllocateDialog::on_batch_chosen() {
    site_->Clear();
    shown_issuers_.clear();
    const core::CardBatch* b = batch();
    if (b) {
        for (const auto& s : issuers_)
            if (s.area_id == b->area_id) {
                shown_issuers_.push_back(&s);
                site_->Append(wxString::FromUTF8(s.name));
            }
        // The first card not allocated yet, after the last allocation.
        std::uint32_t next = b->first_serial;
        for (const auto& a : allocations_of(*b)) next = std::max(next, a.last_serial + 1);
        first_->ChangeValue(next <= b->last_serial ? wxString::Format("%u", next) : wxString());
        last_->SetHint(wxString::Format("%u", b->last_serial));
    }
    if (site_->GetCount() == 1) site_->SetSelection(0);
    check(false);
}

core::Allocation AllocateDialog::allocation() const {
    core::Allocation a;
    const core::CardBatch* b = batch();
    const std::string prefix = b ? prefix_of(*b) : std::string();
    a.batch_id = b ? b->id : std::string();
    const int s = site_->GetSelection();
    a.site_id = s == wxNOT_FOUND ? std::string() : shown_issuers_[static_cast<std::size_t>(s)]->id;
    a.first_serial = parse_serial_text(first_->GetValue(), prefix).value_or(0);
    a.last_serial = parse_serial_text(last_->GetValue(), prefix).value_or(0);
    a.allocated_on = parse_date_text(allocated_on_->GetValue());
    return a;
}

bool AllocateDialog::check(bool final) {
    const core::CardBatch* b = batch();
    const core::Allocation a = allocation();
    set_problem(batch_, !b && final ? _("Batch: choose the printed batch the cards come from.") : wxString());
    set_problem(site_, a.site_id.empty() && final ? _("Issuer site: choose the site that gets the cards.")
                                                  : wxString());
    const wxString number_problem = _("%s: type a number from 1 to 999999, or scan a card of this area.");
    set_problem(first_, !a.first_serial && (final || !first_->IsEmpty())
                            ? wxString::Format(number_problem, name_of(first_))
                            : wxString());
    set_problem(last_, !a.last_serial && (final || !last_->IsEmpty())
                           ? wxString::Format(number_problem, name_of(last_))
                           : wxString());
    set_problem(allocated_on_, !a.allocated_on && (final || !allocated_on_->IsEmpty())
                                   ? _("Allocated on: type a date such as 2024-03-31 or 31.3.2024.")
                                   : wxString());
    bool ok = b && !a.site_id.empty() && a.first_serial && a.last_serial && a.allocated_on;
    if (b && a.first_serial && a.last_serial) {
        // The core's checks: within the batch, not before the first, no overlap with other allocations.
        auto errors = core::validate(a, *b);
        const auto overlap = core::check_no_overlap(a, allocations_of(*b));
        errors.insert(errors.end(), overlap.begin(), overlap.end());
        for (const auto& e : errors) {
            wxWindow* where = e.field == "last_serial" ? last_ : e.field == "allocated_on" ? allocated_on_ : first_;
            if (e.field == "site_id" || e.field == "batch_id" || e.field == "id") continue;
            set_problem(where, describe_error(name_of(where), e));
            ok = false;
            break;
        }
    }
    const wxString summary = b && a.first_serial && a.last_serial && a.last_serial >= a.first_serial
                                 ? range_summary(prefix_of(*b), a.first_serial, a.last_serial)
                                 : wxString();
    summary_->SetLabel(summary);
    set_accessible_name(summary_, summary);
    return ok;
}

void AllocateDialog::send() {
    submit([a = allocation()](store::Database& db) { return sync::allocate_cards(db, a); });
}

}  // namespace kaiku::ui
