// Writing the ok rows of a preview through the local commands, in chunks of one transaction each.
#include "import/import.hpp"
#include "import/row_reader.hpp"
#include "store/repositories.hpp"
#include "sync/local_commands.hpp"

namespace kaiku::import {

namespace {

enum class Outcome { imported, duplicate, failed };

// Writes one row; false when the row turned out to exist already.
Outcome write_row(store::Database& db, const PlannedRow& row, core::Errors& errors) {
    if (row.use) {
        if (store::UsageRepository{db}.get(row.use->id)) return Outcome::duplicate;
        errors = sync::record_use(db, *row.use).errors;
    } else if (row.card) {
        const auto& c = *row.card;
        if (const auto existing = store::CardRepository{db}.get(c.card_id);
            existing && existing->status != core::CardStatus::in_stock &&
            existing->issuer_site_id == c.issuer_site_id && existing->registered_on == c.registered_on)
            return Outcome::duplicate;
        errors = sync::register_card(db, c.card_id, c.issuer_site_id, c.registered_on, c.holder).errors;
    } else if (row.area) {
        errors = write_area(db, row);
    } else if (row.site) {
        errors = write_site(db, row);
    }
    return errors.empty() ? Outcome::imported : Outcome::failed;
}

std::string column_for(const ImportPlan& plan, const std::string& core_field) {
    const auto it = plan.field_columns.find(import_field(core_field));
    return it == plan.field_columns.end() ? std::string() : it->second;
}

}  // namespace

ApplyReport apply_import(store::Database& db, const ImportPlan& plan, const ApplyOptions& opt) {
    ApplyReport report;
    std::vector<const PlannedRow*> todo;
    for (const auto& r : plan.rows)
        if (r.status == RowStatus::ok) todo.push_back(&r);
    report.duplicates = plan.count(RowStatus::duplicate);
    if (!plan.errors.empty()) return report;
    const std::size_t chunk = opt.chunk_rows ? opt.chunk_rows : 500;
    std::size_t done = 0;
    while (done < todo.size()) {
        if (opt.cancel && opt.cancel->load()) {
            report.cancelled = true;
            break;
        }
        const std::size_t end = std::min(todo.size(), done + chunk);
        ApplyReport part;
        bool cancelled = false;
        {
            store::Transaction tx(db);
            for (std::size_t i = done; i < end; ++i) {
                if (opt.cancel && opt.cancel->load()) {
                    cancelled = true;
                    break;
                }
                const PlannedRow& row = *todo[i];
                core::Errors errors;
                switch (write_row(db, row, errors)) {
                    case Outcome::imported:
                        ++part.imported;
                        break;
                    case Outcome::duplicate:
                        ++part.duplicates;
                        break;
                    case Outcome::failed:
                        ++part.failed;
                        for (const auto& e : errors)
                            part.errors.push_back(
                                {row.row_number, column_for(plan, e.field), import_field(e.field), e.code, e.message});
                        break;
                }
            }
            if (cancelled) {
                report.cancelled = true;
                break;  // the open chunk rolls back
            }
            tx.commit();
        }
        report.imported += part.imported;
        report.duplicates += part.duplicates;
        report.failed += part.failed;
        report.errors.insert(report.errors.end(), part.errors.begin(), part.errors.end());
        done = end;
        if (opt.progress) opt.progress(done, todo.size());
    }
    return report;
}

}  // namespace kaiku::import
