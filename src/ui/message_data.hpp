// What the messages view shows, read from the cache on the reader thread: the inbox as threads, one thread's
// messages, the group visits with their seats, and the sites and areas a message can go to.
// Also the reply to an announcement by site staff (see reply_to_coordinators).
#pragma once

#include <string>
#include <vector>

#include "core/entities.hpp"
#include "store/database.hpp"
#include "sync/local_commands.hpp"
#include "ui/record_list.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

struct Place {
    std::string id, name, area_id;
    core::SiteRole role = core::SiteRole::issuer;
};

struct AreaChoice {
    std::string id;
    wxString name;
};

struct MessagesData {
    std::vector<ListRow> threads;  // id = thread id; cells: status, from, subject, date, messages, to
    int unread = 0;                // unread messages in all threads
    std::vector<Place> sites;      // sites a message may go to (the user's area, or every area for the national service)
    std::vector<Place> own_sites;  // sites the user sends from
    std::vector<AreaChoice> areas; // areas the user may address announcements to
};

// Inbox columns, in order.
enum InboxColumn { inbox_status, inbox_from, inbox_subject, inbox_date, inbox_count, inbox_to };

struct ThreadData {
    std::string thread_id;
    wxString text;                      // the whole thread, oldest first, for the reading pane
    std::vector<std::string> unread;    // messages to mark read
    std::string reply_to;               // the newest message not sent by the user (or the newest)
    wxString subject;
    wxString reply_recipient;           // who a reply reaches, for the reply dialog
};

MessagesData read_messages(store::Database& db, const SessionInfo& session);
ThreadData read_thread(store::Database& db, const SessionInfo& session, const std::string& thread_id);

// The writer-thread part of Reply: replies to the message, or, when site staff answer an announcement (which has
// no sender site and which only coordinators may address), sends the reply from the staff member's site to the
// same site in the same thread, where the area's coordinators (and the national service) see it.
sync::LocalResult send_reply(store::Database& db, const std::string& message_id, const std::string& sender_site_id,
                             const std::string& body, bool site_staff);

// Whether a reply by site staff to this message goes to the area's coordinators (see send_reply).
bool reply_goes_to_coordinators(const core::Message& original, bool site_staff);

}  // namespace kaiku::ui
