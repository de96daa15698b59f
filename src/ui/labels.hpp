// Translated, user-visible wording for code-list values and sync outcomes. The wire names in
// core/enums.hpp are never shown to users.
#pragma once

#include <string>

#include <wx/string.h>

#include "core/enums.hpp"
#include "core/errors.hpp"
#include "sync/network_refresh.hpp"
#include "sync/review.hpp"

namespace kaiku::ui {

wxString label(core::AreaStatus);
wxString label(core::SiteRole);
wxString label(core::SiteStatus);

// A whole sentence for the info bar: what happened, with which server, and what the user sees now.
wxString sync_failure_message(sync::FailureKind, long http_status, const std::string& detail,
                              const wxString& server_url);
// The first line of an English technical detail, shortened for a sentence shown to the user.
wxString short_detail(const std::string& detail);

// The problem of a core error as a sentence in the interface language: the core's English sentence in English
// (or when the catalogue has it), else a sentence chosen by the error's stable code. Without the field's name.
wxString core_problem(const core::FieldError&);

// Why the register refused or returned a change, in the interface language, chosen by the problem's stable codes
// (the field errors' codes, else the problem's type). The register's English words are shown only when no code is
// known to this program.
wxString register_problem(const sync::RegisterProblem&);

// A short text for the status bar field.
wxString sync_failure_status(sync::FailureKind);

}  // namespace kaiku::ui
