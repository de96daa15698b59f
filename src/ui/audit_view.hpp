// Network audit for coordinators (their area) and the national service (every area): sites without a contact
// person or commitment, inactive issuers and venues, cards used after expiry, more children than registered,
// possible double use, quotas exceeded, sites with no activity. Enter on a finding opens its record.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "report/audit.hpp"
#include "ui/view.hpp"

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace kaiku::ui {

class RecordList;
class StoppableRead;

class AuditView : public View {
public:
    AuditView(wxWindow* parent, Services& services);
    wxString title() const override;
    const char* id() const override { return "audit"; }
    void reload() override;
    void focus_filter() override;
    void focus_main() override;

    static bool available(const SessionInfo& s) { return s.coordinator() || s.national(); }

private:
    std::optional<report::AuditOptions> read_options();
    const report::Finding* selected() const;
    void open_selected();
    void export_findings();
    void update_buttons();

    wxTextCtrl* from_ = nullptr;
    wxTextCtrl* to_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxStaticText* summary_ = nullptr;
    wxButton* open_ = nullptr;
    wxButton* export_ = nullptr;
    RecordList* list_ = nullptr;
    std::vector<report::Finding> findings_;
    report::AuditOptions shown_;
    std::unique_ptr<StoppableRead> computing_;
};

}  // namespace kaiku::ui
