#include "ui/labels.hpp"

#include "ui/i18n.hpp"

#include <wx/intl.h>

namespace kaiku::ui {

wxString label(core::AreaStatus s) {
    switch (s) {
        case core::AreaStatus::planning: return _("Planning");
        case core::AreaStatus::pilot: return _("Pilot");
        case core::AreaStatus::permanent: return _("Permanent");
        case core::AreaStatus::ended: return _("Ended");
    }
    return {};
}

wxString label(core::SiteRole r) {
    switch (r) {
        case core::SiteRole::issuer: return _("Issuer");
        case core::SiteRole::venue: return _("Venue");
        case core::SiteRole::ticket_agent: return _("Ticket agent");
    }
    return {};
}

wxString label(core::SiteStatus s) {
    switch (s) {
        // TRANSLATORS: status of a site that has been proposed but has not joined the network yet
        case core::SiteStatus::proposed: return _("Proposed");
        case core::SiteStatus::active: return _("Active");
        case core::SiteStatus::paused: return _("Paused");
        // TRANSLATORS: status of a site that has left the Kaikukortti network
        case core::SiteStatus::left: return _("Left the network");
    }
    return {};
}

namespace {

// The sentence for a field error's stable code; empty for a code this program does not know.
wxString code_problem(const std::string& c) {
    if (c == "required") return _("A value is required.");
    if (c == "too_long") return _("The text is too long.");
    if (c == "out_of_range") return _("The value is outside the allowed range.");
    if (c == "invalid_format") return _("The value is not in the expected format.");
    if (c == "invalid_check_character") return _("The check character does not match; check the number.");
    if (c == "not_found") return _("No such record in the data saved on this computer.");
    if (c == "not_allowed") return _("Your role or the record's state does not allow this.");
    if (c == "conflict") return _("This conflicts with a record that already exists.");
    if (c == "invalid_value") return _("The value is not valid.");
    return {};
}

// The register's answer for a field error: "not found" means not in the register (not "on this computer").
wxString register_code_problem(const std::string& c) {
    // TRANSLATORS: why the register refused a change: a card, site, user… named in it is unknown to the register
    if (c == "not_found") return _("The register has no such record, or it is outside your area.");
    // TRANSLATORS: why the register refused a change: a field the program may not set
    if (c == "unknown_field") return _("The register does not know one of the fields of this change.");
    return code_problem(c);
}

// The sentence for a problem's type (RFC 9457 slug) when it has no field errors; empty when unknown.
wxString type_problem(const std::string& t) {
    // TRANSLATORS: why the register refused a change
    if (t == "forbidden") return _("Your role or area does not allow this change.");
    // TRANSLATORS: why the register refused a change
    if (t == "card-already-registered") return _("The card is already registered in the register.");
    // TRANSLATORS: why the register refused a change: the same record (same id) was sent before
    if (t == "duplicate-id") return _("The register has this record already.");
    // TRANSLATORS: why the register refused to void a use
    if (t == "already-voided") return _("The use has been voided already.");
    // TRANSLATORS: why the register kept a change for a person to decide
    if (t == "edit-conflict") return _("Someone else changed this meanwhile; decide which values stand.");
    // TRANSLATORS: why the register refused a change
    if (t == "unknown-mutation") return _("The register does not know this kind of change; update Kaiku Admin.");
    return {};
}

}  // namespace

wxString core_problem(const core::FieldError& e) {
    const wxString english = wxString::FromUTF8(e.message);
    const wxString translated = wxGetTranslation(english);
    if (!english.empty() && (ui_language() == "en" || translated != english)) return translated;
    const wxString known = code_problem(e.code);
    return known.empty() ? _("The value is not valid.") : known;
}

wxString register_problem(const sync::RegisterProblem& p) {
    wxString text;
    bool all_known = !p.errors.empty();
    for (const auto& e : p.errors) {
        const wxString sentence = register_code_problem(e.code);
        if (sentence.empty()) {
            all_known = false;
            break;
        }
        if (text.Find(sentence) != wxNOT_FOUND) continue;  // one sentence per kind of problem
        if (!text.empty()) text += ' ';
        text += sentence;
    }
    if (all_known) return text;
    if (p.errors.empty()) {
        const wxString sentence = type_problem(p.type);
        if (!sentence.empty()) return sentence;
    }
    return wxString::FromUTF8(p.english);
}

wxString short_detail(const std::string& detail) {
    constexpr std::size_t max_chars = 160;
    wxString text = wxString::FromUTF8(detail.substr(0, detail.find('\n')));
    text.Trim(true).Trim(false);
    if (text.length() > max_chars) text = text.Left(max_chars - 1) + wxString(L"\u2026");
    return text;
}

wxString sync_failure_message(sync::FailureKind failure, long http_status, const std::string& detail,
                              const wxString& server_url) {
    using sync::FailureKind;
    switch (failure) {
        case FailureKind::none: return {};
        case FailureKind::bad_url:
            // TRANSLATORS: %s is the server address given with --server
            return wxString::Format(_("The server address \"%s\" is not valid. Start the program with a correct "
                                      "--server address. Showing the data saved on this computer."),
                                    server_url);
        case FailureKind::insecure_url:
            // TRANSLATORS: %s is the server address given with --server
            return wxString::Format(_("The server address \"%s\" starts with http://, which would send your password "
                                      "and the register's data unencrypted. Use an https:// address (http:// is "
                                      "accepted only for a server on this computer). Showing the data saved on this "
                                      "computer."),
                                    server_url);
        case FailureKind::certificate:
            // TRANSLATORS: %s is the server address
            return wxString::Format(_("The server at %s did not show a trusted certificate: it may have expired, be "
                                      "self-signed or belong to another address. Nothing was sent. Ask your "
                                      "register's support. Showing the data saved on this computer."),
                                    server_url);
        case FailureKind::server_unreachable:
            // TRANSLATORS: %s is the server address, e.g. http://127.0.0.1:8080
            return wxString::Format(
                _("Could not connect to the server at %s. Showing the data saved on this computer."), server_url);
        case FailureKind::timeout:
            return wxString::Format(
                _("The server at %s did not answer in time. Showing the data saved on this computer."), server_url);
        case FailureKind::unauthorized:
            // TRANSLATORS: %s is the server address
            return wxString::Format(_("The server at %s did not accept the sign-in. Check the user name and "
                                      "password. Showing the data saved on this computer."),
                                    server_url);
        case FailureKind::forbidden:
            return wxString::Format(_("The server at %s refused access for this user or device. Ask your area "
                                      "coordinator. Showing the data saved on this computer."),
                                    server_url);
        case FailureKind::server_error:
            // TRANSLATORS: %s is the server address, %ld the HTTP status code (e.g. 500)
            return wxString::Format(_("The server at %s reported an error (HTTP status %ld). Showing the data "
                                      "saved on this computer."),
                                    server_url, http_status);
        case FailureKind::bad_response:
            return wxString::Format(_("The server at %s sent an answer this program does not understand. "
                                      "Showing the data saved on this computer."),
                                    server_url);
        case FailureKind::cancelled: return _("The sync was cancelled. Showing the data saved on this computer.");
        case FailureKind::store_error:
            // TRANSLATORS: %s is a technical detail in English
            return wxString::Format(_("The data saved on this computer could not be updated (%s)."),
                                    short_detail(detail));
        case FailureKind::client_too_old:
            return _("This version of Kaiku Admin is too old for the register. The changes made on this computer "
                     "were sent; install the new version to see the register's data again.");
        case FailureKind::disk_full:
            return _("The disk of this computer is full, so the sync stopped. Nothing you entered was lost. Free "
                     "some space (empty the recycle bin, remove large files) and sync again.");
    }
    return {};
}

wxString sync_failure_status(sync::FailureKind failure) {
    switch (failure) {
        case sync::FailureKind::none: return _("Online");
        case sync::FailureKind::store_error: return _("Local data error");
        case sync::FailureKind::disk_full: return _("Disk full");
        case sync::FailureKind::client_too_old: return _("Update needed");
        case sync::FailureKind::cancelled: return _("Sync cancelled");
        case sync::FailureKind::unauthorized: return _("Not signed in");
        case sync::FailureKind::forbidden: return _("Access refused");
        case sync::FailureKind::insecure_url: return _("Unencrypted address refused");
        case sync::FailureKind::certificate: return _("Certificate not trusted");
        default: return _(L"Offline \u2014 showing cached data");
    }
}

}  // namespace kaiku::ui
