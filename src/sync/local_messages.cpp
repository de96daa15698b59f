// Local commands on messages, announcements, read receipts and group visits.
#include "core/timestamp.hpp"
#include "core/uuid.hpp"
#include "core/validation.hpp"
#include "net/dto.hpp"
#include "store/repositories.hpp"
#include "sync/local_change.hpp"
#include "sync/local_commands.hpp"

namespace kaiku::sync {

namespace {

// Whether the signed-in user may act for `site` as far as this cache knows (staff grants are not cached).
bool may_act_for(store::Database& db, const core::Site& site) {
    const std::string role = signed_in_role(db);
    if (role == "issuer_staff") return site.role == core::SiteRole::issuer;
    if (role == "venue_staff") return site.role == core::SiteRole::venue;
    return may_manage_area(db, site.area_id);
}

}  // namespace

LocalResult post_message(store::Database& db, core::Message message) {
    if (message.id.empty()) message.id = core::new_uuid();
    if (message.thread_id.empty()) message.thread_id = message.id;
    message.sender_user_id = signed_in_user(db);  // the register records who sent it, never the client
    message.sent_at = core::now_iso();            // shown until the register's time arrives
    if (message.sender_user_id.empty())
        return refused({{"sender_user_id", "required", "Sign in once on this computer before sending messages."}});
    auto errors = core::validate(message);
    if (!errors.empty()) return refused(errors);
    const std::string role = signed_in_role(db);
    switch (message.recipient_kind) {
        case core::RecipientKind::network:
            if (!role.empty() && role != "national_service")
                return refused({{"recipient_kind", "not_allowed",
                                 "Only the national service sends announcements to the whole network."}});
            break;
        case core::RecipientKind::area_issuers:
        case core::RecipientKind::area_venues:
        case core::RecipientKind::area_all:
            if (!store::AreaRepository{db}.get(message.recipient_id)) return refused({unknown("recipient_id", "area")});
            if (!may_manage_area(db, message.recipient_id)) return refused({not_area_manager("recipient_id")});
            break;
        case core::RecipientKind::user:
            return refused({{"recipient_kind", "not_allowed", "Notices to a person are sent by the register itself."}});
        case core::RecipientKind::site:
            if (!store::SiteRepository{db}.get(message.recipient_id)) return refused({unknown("recipient_id", "site")});
            break;
    }
    if (!message.sender_site_id.empty()) {
        const auto from = store::SiteRepository{db}.get(message.sender_site_id);
        if (!from) return refused({unknown("sender_site_id", "site")});
        if (!may_act_for(db, *from))
            return refused({{"sender_site_id", "not_allowed", "You may send messages only from your own site."}});
    } else if (role == "issuer_staff" || role == "venue_staff") {
        return refused({{"sender_site_id", "required", "Site staff send messages from their site: choose the site."}});
    }
    store::MessageRepository messages{db};
    if (messages.get(message.id)) return refused({{"id", "conflict", "This message was sent already."}});
    json payload = net::to_json(message);
    payload.erase("sender_user_id");
    payload.erase("sent_at");
    return commit_local(db, {"message.post", "message", message.id, payload}, [&](LocalRows& rows) {
        rows.created("message", message.id);
        messages.insert(message);
    });
}

LocalResult reply_message(store::Database& db, const std::string& message_id, const std::string& sender_site_id,
                          const std::string& body) {
    const auto original = store::MessageRepository{db}.get(message_id);
    if (!original) return refused({unknown("message_id", "message")});
    core::Message reply;
    reply.thread_id = original->thread_id.empty() ? original->id : original->thread_id;
    reply.sender_site_id = sender_site_id;
    if (!original->sender_site_id.empty()) {
        reply.recipient_kind = core::RecipientKind::site;
        reply.recipient_id = original->sender_site_id;
    } else {
        reply.recipient_kind = original->recipient_kind;
        reply.recipient_id = original->recipient_id;
    }
    const bool prefixed = original->subject.rfind("Re: ", 0) == 0;
    reply.subject = prefixed || original->subject.size() + 4 > core::kMaxSubjectLength ? original->subject
                                                                                       : "Re: " + original->subject;
    reply.body = body;
    return post_message(db, std::move(reply));
}

LocalResult mark_message_read(store::Database& db, const std::string& message_id) {
    store::MessageRepository messages{db};
    if (!messages.get(message_id)) return refused({unknown("message_id", "message")});
    const std::string user = signed_in_user(db);
    if (user.empty())
        return refused({{"user_id", "required", "Sign in once on this computer before marking messages read."}});
    LocalResult done;
    done.id = message_id;
    if (messages.is_read(message_id, user)) return done;  // nothing to send again
    return commit_local(db, {"message.read", "message_read", message_id, {{"message_id", message_id}}},
                        [&](LocalRows& rows) {
                            rows.created("message_read", message_id);
                            messages.mark_read(message_id, user, core::now_iso());
                        });
}

LocalResult create_group_visit(store::Database& db, core::GroupVisit visit) {
    if (visit.id.empty()) visit.id = core::new_uuid();
    auto errors = core::validate(visit);
    if (!errors.empty()) return refused(errors);
    store::SiteRepository sites{db};
    const auto organiser = sites.get(visit.organiser_site_id);
    if (!organiser) return refused({unknown("organiser_site_id", "site")});
    const auto venue = sites.get(visit.venue_site_id);
    if (!venue) return refused({unknown("venue_site_id", "site")});
    if (organiser->role != core::SiteRole::issuer)
        errors.push_back({"organiser_site_id", "invalid_value", "Group visits are organised by issuer sites."});
    if (venue->role != core::SiteRole::venue)
        errors.push_back({"venue_site_id", "invalid_value", "Group visits go to venue sites."});
    if (!errors.empty()) return refused(errors);
    if (!may_act_for(db, *organiser))
        return refused({{"organiser_site_id", "not_allowed", "You have no access to this site."}});
    store::GroupVisitRepository visits{db};
    if (visits.get(visit.id)) return refused({{"id", "conflict", "This group visit exists already."}});
    return commit_local(db, {"group_visit.create", "group_visit", visit.id, net::to_json(visit)}, [&](LocalRows& rows) {
        rows.created("group_visit", visit.id);
        visits.upsert(visit);
    });
}

LocalResult sign_up_group_visit(store::Database& db, core::GroupSignup signup) {
    if (signup.id.empty()) signup.id = core::new_uuid();
    store::GroupVisitRepository visits{db};
    const auto visit = visits.get(signup.visit_id);
    if (!visit) return refused({unknown("visit_id", "group visit")});
    store::SiteRepository sites{db};
    const auto issuer = sites.get(signup.issuer_site_id);
    if (!issuer) return refused({unknown("issuer_site_id", "site")});
    const auto organiser = sites.get(visit->organiser_site_id);
    if (issuer->role != core::SiteRole::issuer || (organiser && issuer->area_id != organiser->area_id))
        return refused(
            {{"issuer_site_id", "invalid_value", "Sign-ups come from issuer sites of the organiser's area."}});
    if (!may_act_for(db, *issuer))
        return refused({{"issuer_site_id", "not_allowed", "You have no access to this site."}});
    // Seats as this cache knows them; sign-ups made elsewhere meanwhile are counted by the register.
    auto errors = core::validate(signup, *visit, visits.seats_taken(visit->id));
    if (!errors.empty()) return refused(errors);
    return commit_local(db, {"group_visit.signup", "group_signup", signup.id, net::to_json(signup)},
                        [&](LocalRows& rows) {
                            rows.created("group_signup", signup.id);
                            visits.add_signup(signup);
                        });
}

}  // namespace kaiku::sync
