#include "ui/message_data.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <wx/intl.h>

#include "core/timestamp.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "store/repositories.hpp"
#include "ui/format.hpp"
#include "ui/i18n.hpp"

namespace kaiku::ui {

namespace {

struct Names {
    std::map<std::string, core::Site> sites;
    std::map<std::string, wxString> areas;
    std::string me;

    wxString site(const std::string& id) const {
        const auto it = sites.find(id);
        return it != sites.end() ? wxString::FromUTF8(it->second.name) : _("Unknown site");
    }
    // The area's name, or nullptr when this computer does not know the area (each caller then says a whole
    // sentence of its own: no sentence is built from a translated fragment).
    const wxString* area(const std::string& id) const {
        const auto it = areas.find(id);
        return it != areas.end() ? &it->second : nullptr;
    }

    wxString sender(store::Database& db, const core::Message& m) const {
        if (!m.sender_site_id.empty()) return site(m.sender_site_id);
        if (!me.empty() && m.sender_user_id == me) return _("You");
        if (const auto u = store::UserRepository{db}.get(m.sender_user_id); u && !u->display_name.empty())
            return wxString::FromUTF8(u->display_name);
        switch (m.recipient_kind) {
            case core::RecipientKind::network: return _("Kaikukeskus");
            case core::RecipientKind::user: return _("Kaikukanta register");
            case core::RecipientKind::area_issuers:
            case core::RecipientKind::area_venues:
            case core::RecipientKind::area_all:
                if (const wxString* name = area(m.recipient_id))
                    // TRANSLATORS: sender of an announcement; %s is the area's name
                    return wxString::Format(_("Coordinators of %s"), *name);
                return _("Area coordinators");
            case core::RecipientKind::site: break;
        }
        return _("Area coordinator");
    }

    wxString recipient(const core::Message& m) const {
        switch (m.recipient_kind) {
            case core::RecipientKind::site:
                // A site's reply to an announcement is addressed to its own site, where coordinators see it.
                if (m.recipient_id == m.sender_site_id) return _("Area coordinators");
                return site(m.recipient_id);
            case core::RecipientKind::area_issuers:
                if (const wxString* name = area(m.recipient_id))
                    // TRANSLATORS: recipients of an announcement; %s is the area's name
                    return wxString::Format(_("All issuers of %s"), *name);
                return _("All issuers of the area");
            case core::RecipientKind::area_venues:
                if (const wxString* name = area(m.recipient_id))
                    // TRANSLATORS: recipients of an announcement; %s is the area's name
                    return wxString::Format(_("All venues of %s"), *name);
                return _("All venues of the area");
            case core::RecipientKind::area_all:
                if (const wxString* name = area(m.recipient_id))
                    // TRANSLATORS: recipients of an announcement; %s is the area's name
                    return wxString::Format(_("All issuers and venues of %s"), *name);
                return _("All issuers and venues of the area");
            case core::RecipientKind::network: return _("The whole network");
            case core::RecipientKind::user: return _("You");
        }
        return {};
    }
};

Names read_names(store::Database& db, const SessionInfo& session) {
    Names n;
    n.me = session.user_id;
    for (auto& s : store::SiteRepository{db}.list()) n.sites.emplace(s.id, std::move(s));
    for (const auto& a : store::AreaRepository{db}.list()) n.areas.emplace(a.id, area_display_name(a));
    return n;
}

std::vector<core::Message> all_messages(store::Database& db) {
    std::vector<core::Message> out;
    soci::rowset<soci::row> rows = db.sql().prepare
                                   << "SELECT id, thread_id, sender_site_id, sender_user_id, recipient_kind, "
                                      "recipient_id, subject, sent_at FROM message ORDER BY sent_at, id";
    for (const auto& r : rows) {
        core::Message m;
        m.id = r.get<std::string>(0);
        m.thread_id = r.get<std::string>(1);
        m.sender_site_id = r.get<std::string>(2);
        m.sender_user_id = r.get<std::string>(3);
        m.recipient_kind = core::enum_parse<core::RecipientKind>(r.get<std::string>(4)).value_or(core::RecipientKind::site);
        m.recipient_id = r.get<std::string>(5);
        m.subject = r.get<std::string>(6);
        m.sent_at = r.get<std::string>(7);
        if (m.thread_id.empty()) m.thread_id = m.id;
        out.push_back(std::move(m));
    }
    return out;
}

std::set<std::string> read_ids(store::Database& db, const std::string& user_id) {
    std::set<std::string> out;
    soci::rowset<std::string> rows =
        (db.sql().prepare << "SELECT message_id FROM message_read WHERE user_id = :u", soci::use(user_id, "u"));
    for (const auto& id : rows) out.insert(id);
    return out;
}

}  // namespace

MessagesData read_messages(store::Database& db, const SessionInfo& session) {
    const Names names = read_names(db, session);
    const auto read = read_ids(db, session.user_id);
    MessagesData data;

    struct Thread {
        const core::Message* first = nullptr;
        const core::Message* last = nullptr;
        int count = 0, unread = 0;
    };
    const auto messages = all_messages(db);
    std::map<std::string, Thread> threads;
    for (const auto& m : messages) {
        Thread& t = threads[m.thread_id];
        if (!t.first) t.first = &m;
        t.last = &m;
        ++t.count;
        if (m.sender_user_id != session.user_id && !read.count(m.id)) ++t.unread;
    }
    for (const auto& [id, t] : threads) {
        ListRow row;
        row.id = id;
        row.bold = t.unread > 0;
        data.unread += t.unread;
        // TRANSLATORS: state of a message thread in the inbox
        row.cells.push_back(t.unread > 0 ? _("Unread") : _("Read"));
        row.cells.push_back(names.sender(db, *t.last));
        row.cells.push_back(wxString::FromUTF8(t.first->subject));
        row.cells.push_back(format_datetime(t.last->sent_at));
        row.cells.push_back(wxString::Format("%d", t.count));
        row.cells.push_back(names.recipient(*t.first));
        row.sort_keys = {t.unread > 0 ? "0" : "1", "", "", t.last->sent_at, "", ""};
        data.threads.push_back(std::move(row));
    }
    // Newest first until the user sorts otherwise.
    std::sort(data.threads.begin(), data.threads.end(),
              [](const ListRow& a, const ListRow& b) { return a.sort_keys[inbox_date] > b.sort_keys[inbox_date]; });

    std::string my_area = session.area_id;
    for (const auto& id : session.sites)
        if (const auto it = names.sites.find(id); it != names.sites.end()) {
            data.own_sites.push_back({it->second.id, it->second.name, it->second.area_id, it->second.role});
            if (my_area.empty()) my_area = it->second.area_id;
        }
    for (const auto& [id, s] : names.sites)
        if (session.national() || s.area_id == my_area)
            if (s.status != core::SiteStatus::left) data.sites.push_back({s.id, s.name, s.area_id, s.role});
    std::sort(data.sites.begin(), data.sites.end(), [](const Place& a, const Place& b) { return a.name < b.name; });
    for (const auto& [id, name] : names.areas)
        if (session.national() || (session.coordinator() && id == session.area_id)) data.areas.push_back({id, name});
    std::sort(data.areas.begin(), data.areas.end(), [](const AreaChoice& a, const AreaChoice& b) { return a.name < b.name; });
    return data;
}

ThreadData read_thread(store::Database& db, const SessionInfo& session, const std::string& thread_id) {
    const Names names = read_names(db, session);
    store::MessageRepository repo{db};
    ThreadData t;
    t.thread_id = thread_id;
    const auto messages = repo.thread(thread_id);
    const core::Message* target = nullptr;
    for (const auto& m : messages) {
        const bool mine = m.sender_user_id == session.user_id;
        if (!mine && !repo.is_read(m.id, session.user_id)) t.unread.push_back(m.id);
        if (!mine || !target) target = &m;
        if (!t.text.empty()) t.text += L"\n\u2014\u2014\u2014\n\n";
        // TRANSLATORS: header lines of one message in the reading pane
        t.text += wxString::Format(_("From: %s\nTo: %s\nSent: %s\nSubject: %s\n\n"), names.sender(db, m),
                                   names.recipient(m), format_datetime(m.sent_at), wxString::FromUTF8(m.subject));
        t.text += wxString::FromUTF8(m.body) + "\n";
    }
    if (target) {
        t.reply_to = target->id;
        t.subject = wxString::FromUTF8(target->subject);
        const bool staff = session.issuer() || session.venue();
        if (reply_goes_to_coordinators(*target, staff))
            t.reply_recipient = _("Area coordinators");
        else if (!target->sender_site_id.empty())
            t.reply_recipient = names.site(target->sender_site_id);
        else
            t.reply_recipient = names.recipient(*target);
    }
    return t;
}

bool reply_goes_to_coordinators(const core::Message& original, bool site_staff) {
    return site_staff && original.sender_site_id.empty() && original.recipient_kind != core::RecipientKind::site;
}

sync::LocalResult send_reply(store::Database& db, const std::string& message_id, const std::string& sender_site_id,
                             const std::string& body, bool site_staff) {
    const auto original = store::MessageRepository{db}.get(message_id);
    if (!original || !reply_goes_to_coordinators(*original, site_staff))
        return sync::reply_message(db, message_id, sender_site_id, body);
    core::Message reply;
    reply.thread_id = original->thread_id.empty() ? original->id : original->thread_id;
    reply.sender_site_id = sender_site_id;
    reply.recipient_kind = core::RecipientKind::site;
    reply.recipient_id = sender_site_id;
    const bool prefixed = original->subject.rfind("Re: ", 0) == 0;
    reply.subject = prefixed || original->subject.size() + 4 > core::kMaxSubjectLength ? original->subject
                                                                                       : "Re: " + original->subject;
    reply.body = body;
    return sync::post_message(db, std::move(reply));
}

}  // namespace kaiku::ui
