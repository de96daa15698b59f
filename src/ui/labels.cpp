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

wxString core_problem(const core::FieldError& e) {
    const wxString english = wxString::FromUTF8(e.message);
    const wxString translated = wxGetTranslation(english);
    if (!english.empty() && (ui_language() == "en" || translated != english)) return translated;
    const std::string& c = e.code;
    if (c == "required") return _("A value is required.");
    if (c == "too_long") return _("The text is too long.");
    if (c == "out_of_range") return _("The value is outside the allowed range.");
    if (c == "invalid_format") return _("The value is not in the expected format.");
    if (c == "invalid_check_character") return _("The check character does not match; check the number.");
    if (c == "not_found") return _("No such record in the data saved on this computer.");
    if (c == "not_allowed") return _("Your role or the record's state does not allow this.");
    if (c == "conflict") return _("This conflicts with a record that already exists.");
    return _("The value is not valid.");
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
    }
    return {};
}

wxString sync_failure_status(sync::FailureKind failure) {
    switch (failure) {
        case sync::FailureKind::none: return _("Online");
        case sync::FailureKind::store_error: return _("Local data error");
        case sync::FailureKind::cancelled: return _("Sync cancelled");
        case sync::FailureKind::unauthorized: return _("Not signed in");
        case sync::FailureKind::forbidden: return _("Access refused");
        default: return _(L"Offline \u2014 showing cached data");
    }
}

}  // namespace kaiku::ui
