// Commands on messages, announcements, read receipts and group visits.
#include <algorithm>

#include "buckets.hpp"
#include "clock.hpp"
#include "command_registry.hpp"
#include "store/repositories.hpp"

namespace kaiku::server {

namespace {

using net::json;
using net::JsonReader;
using net::to_json;

// Whether the principal receives the message (the same buckets as sync); a coordinator sees their area's sites too.
bool message_visible(CommandContext& c, const std::string& id) {
    int n = 0;
    c.db.sql() << "SELECT COUNT(*) FROM message WHERE id = :i", soci::use(id, "i"), soci::into(n);
    if (n == 0) return false;
    if (c.p.national()) return true;
    const auto mine = c.p.buckets({});
    for (const auto& b : compute_buckets(c.db, "message", id)) {
        if (std::find(mine.begin(), mine.end(), b) != mine.end()) return true;
        if (c.p.coordinator() && b.rfind("site:", 0) == 0) {
            const auto s = store::SiteRepository{c.db}.get(b.substr(5));
            if (s && s->area_id == c.p.area_id) return true;
        }
    }
    return false;
}

void message_post(CommandContext& c) {
    auto msg = c.parse<core::Message>([&] {
        json d = c.m.data;
        d["sender_user_id"] = c.p.user.id;  // the register says who sent it, never the client
        if (!d.contains("sent_at")) d["sent_at"] = now_iso();
        if (d.is_object() && !d.contains("thread_id") && d.contains("id")) d["thread_id"] = d["id"];
        return d;
    }());
    if (msg.thread_id.empty()) msg.thread_id = msg.id;
    std::string area_id;
    switch (msg.recipient_kind) {
        case core::RecipientKind::network:
            if (!c.p.national()) c.forbidden("Only the national service sends announcements to the whole network.");
            break;
        case core::RecipientKind::area_issuers:
        case core::RecipientKind::area_venues:
        case core::RecipientKind::area_all:
            area_id = c.area(msg.recipient_id, "recipient_id").id;
            c.require_area(area_id);
            break;
        case core::RecipientKind::user:
            c.forbidden("Notices to a person are sent by the register itself.");
            break;
        case core::RecipientKind::site: {
            const auto to = c.site(msg.recipient_id, "recipient_id");
            area_id = to.area_id;
            break;
        }
    }
    if (!msg.sender_site_id.empty()) {
        const auto from = c.site(msg.sender_site_id, "sender_site_id");
        if (!c.p.has_site(from.id) && !c.manages_area(from.area_id))
            c.forbidden("You may send messages only from your own site.");
    } else if (c.p.staff()) {
        c.field_error("sender_site_id", "required", "Site staff send messages from their site: give sender_site_id.");
    }
    store::MessageRepository repo{c.db};
    // A message id is used once, in whatever thread: replying to a thread is fine, a repeated id is not.
    int taken = 0;
    c.db.sql() << "SELECT COUNT(*) FROM message WHERE id = :i", soci::use(msg.id, "i"), soci::into(taken);
    if (taken) c.conflict("duplicate-id", "This message was sent already", "Message " + msg.id + ".");
    if (msg.thread_id != msg.id && !message_visible(c, msg.thread_id))
        c.field_error("thread_id", "not_found", "Field 'thread_id' names no message you can see.");
    repo.insert(msg);
    c.record("message", msg.id, area_id, nullptr, to_json(msg));
    c.result = to_json(msg);
}

void message_read(CommandContext& c) {
    core::Errors errors;
    JsonReader r(c.m.data, errors);
    r.only({"message_id"});
    std::string id;
    r.text("message_id", id, true);
    if (!errors.empty()) c.invalid(errors);
    if (!message_visible(c, id)) c.field_error("message_id", "not_found", "Field 'message_id' names no message you can see.");
    store::MessageRepository{c.db}.mark_read(id, c.p.user.id, now_iso());
    c.result = {{"message_id", id}, {"read", true}};
}

void group_visit_create(CommandContext& c) {
    const auto g = c.parse<core::GroupVisit>(c.m.data);
    const auto organiser = c.site(g.organiser_site_id, "organiser_site_id");
    const auto venue = c.site(g.venue_site_id, "venue_site_id");
    if (organiser.role != core::SiteRole::issuer)
        c.field_error("organiser_site_id", "invalid_value", "Group visits are organised by issuer sites.");
    if (venue.role != core::SiteRole::venue)
        c.field_error("venue_site_id", "invalid_value", "Group visits go to venue sites.");
    c.require_site(organiser);
    store::GroupVisitRepository repo{c.db};
    if (repo.get(g.id)) c.conflict("duplicate-id", "This group visit exists already", "Group visit " + g.id + ".");
    repo.upsert(g);
    c.record("group_visit", g.id, organiser.area_id, nullptr, to_json(g));
    c.result = to_json(g);
}

void group_visit_signup(CommandContext& c) {
    core::GroupSignup s;
    auto errors = net::from_json(c.m.data, s);
    if (!errors.empty()) c.invalid(errors);
    store::GroupVisitRepository repo{c.db};
    const auto visit = repo.get(s.visit_id);
    if (!visit) c.field_error("visit_id", "not_found", "Field 'visit_id' names no known group visit.");
    const auto issuer = c.site(s.issuer_site_id, "issuer_site_id");
    const auto organiser = c.site(visit->organiser_site_id, "visit_id");
    if (issuer.role != core::SiteRole::issuer || issuer.area_id != organiser.area_id)
        c.field_error("issuer_site_id", "invalid_value", "Sign-ups come from issuer sites of the organiser's area.");
    c.require_site(issuer);
    errors = core::validate(s, *visit, repo.seats_taken(visit->id));
    if (!errors.empty()) c.invalid(errors);
    repo.add_signup(s);
    c.record("group_signup", s.id, organiser.area_id, nullptr, to_json(s));
    c.result = to_json(s);
    c.result["seats_taken"] = repo.seats_taken(visit->id);
}

}  // namespace

void add_message_commands(HandlerMap& m) {
    m["message.post"] = message_post;
    m["message.read"] = message_read;
    m["group_visit.create"] = group_visit_create;
    m["group_visit.signup"] = group_visit_signup;
}

}  // namespace kaiku::server
