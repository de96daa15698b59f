"""Messages and quotas: the Tampere coordinator announces to all issuers of the area; an issuer's staff member sees
it unread, opens it (read) and replies; the coordinator sees the reply. The register has the announcement, its
audience, the read receipt and the reply. Then the coordinator sets a card quota and adjusts it: without a reason
the dialog names the reason field and keeps what was typed; with one, the register has the adjustment."""

import datetime
import subprocess

import kaiku_gui as g

SUBJECT = "Autumn programme at the city theatre"
BODY = "Dear issuers, the autumn programme is out. Free tickets can be booked from Monday."
REPLY = "Thank you! We will tell our clients at the next group meeting."
REASON = "Extra cards for the autumn outreach week"


def screenshot(name):
    subprocess.run(["xdotool", "mousemove", "1279", "799"], check=False, timeout=10)  # no tooltip in the picture
    g.screenshot(name)


def sync(admin):
    """Sync now; a round the window started itself at the same moment may swallow the first press."""
    try:
        return admin.sync(timeout=20)
    except g.Failure:
        return admin.sync()


def closed(admin, ident):
    g.wait_for(f"the dialog with {ident!r} to close", lambda: admin.find(ident) is None, timeout=30)


def start(login, name):
    a = g.Admin(user=login, name=name)
    a.wait_id("navigation")
    a.wait_status("Online")
    a.sync()
    return a


def main():
    area = g.server_query("SELECT id FROM area WHERE prefix = 'TRE'")[0][0]
    coord_id = g.server_query("SELECT id FROM app_user WHERE login = 'coord-tre'")[0][0]
    issuer_id, issuer_site = g.server_query("SELECT id, scope_id FROM app_user WHERE login = 'issuer-tre'")[0]

    # The coordinator announces to every issuer of the area.
    coord = start("coord-tre", "coord")
    coord.show_view("Messages")
    coord.click("messages-announce")
    coord.wait_id("compose-audience")
    coord.set_text("compose-subject", SUBJECT)
    coord.set_text("compose-body", BODY)
    coord.click("compose-send")
    closed(coord, "compose-send")
    sync(coord)
    rows = g.server_query("SELECT id, recipient_kind, recipient_id, sender_user_id, sender_site_id FROM message "
                          "WHERE subject = ?", (SUBJECT,))
    if len(rows) != 1:
        raise g.Failure(f"the register has {len(rows)} announcements with the subject, expected 1")
    announcement, kind, recipient, sender, sender_site = rows[0]
    if (kind, recipient, sender, sender_site) != ("area_issuers", area, coord_id, ""):
        raise g.Failure(f"the announcement is addressed wrongly on the register: {rows[0]}")
    g.log(f"register: announcement {announcement} to all issuers of area {area} from the coordinator")

    # An issuer's staff member sees it unread, opens it and replies.
    issuer = start("issuer-tre", "issuer")
    issuer.show_view("Messages")
    cells = g.wait_for("the announcement unread in the issuer's inbox",
                       lambda: next((r for r in issuer.rows("messages-list") if SUBJECT in r and "Unread" in r), None))
    g.log(f"issuer inbox: {cells}")
    unread = g.name_of(issuer.wait_id("messages-unread"))
    if "1 unread message" not in unread:
        raise g.Failure(f"the unread count says {unread!r}")
    issuer.select_row("messages-list", lambda c: SUBJECT in c, "the announcement")
    g.wait_for("the announcement in the reading pane", lambda: BODY in issuer.text("messages-thread"))
    g.wait_for("the announcement to show as read",
               lambda: any(SUBJECT in r and "Read" in r for r in issuer.rows("messages-list")))
    g.wait_for("the unread count to drop", lambda: "No unread" in g.name_of(issuer.find("messages-unread")))
    issuer.click("messages-reply")
    to = g.name_of(issuer.wait_id("compose-to-label"))
    if to != "Area coordinators":
        raise g.Failure(f"the reply to an announcement goes to {to!r}, expected the area coordinators")
    issuer.set_text("compose-body", REPLY)
    issuer.click("compose-send")
    closed(issuer, "compose-send")
    sync(issuer)
    read = g.server_query("SELECT COUNT(*) FROM message_read WHERE message_id = ? AND user_id = ?",
                          (announcement, issuer_id))[0][0]
    if read != 1:
        raise g.Failure("the register has no read receipt of the issuer for the announcement")
    rows = g.server_query("SELECT thread_id, sender_site_id, sender_user_id, subject FROM message WHERE body = ?",
                          (REPLY,))
    if len(rows) != 1 or rows[0] != (announcement, issuer_site, issuer_id, "Re: " + SUBJECT):
        raise g.Failure(f"the reply is not on the register as expected: {rows}")
    g.log(f"register: read receipt and reply {rows[0]}")
    issuer.quit()

    # The coordinator sees the reply.
    sync(coord)
    coord.show_view("Messages")
    # The thread is still open in the reading pane, so the reply shows there at once and counts as read.
    g.wait_for("the reply in the coordinator's inbox",
               lambda: any(SUBJECT in r and r[4] == "2" for r in coord.rows("messages-list")))
    coord.select_row("messages-list", lambda c: SUBJECT in c, "the thread with the reply")
    g.wait_for("the reply in the coordinator's reading pane", lambda: REPLY in coord.text("messages-thread"))
    reply_id = g.server_query("SELECT id FROM message WHERE body = ?", (REPLY,))[0][0]
    sync(coord)
    g.wait_for("the coordinator's read receipt of the reply on the register", lambda: g.server_query(
        "SELECT COUNT(*) FROM message_read WHERE message_id = ? AND user_id = ?", (reply_id, coord_id))[0][0] == 1)
    screenshot("messages-view")

    # Quotas: set one for this year, then adjust it; a missing reason is named beside its field.
    year = datetime.date.today().year
    coord.show_view("Quotas")
    coord.wait_id("quotas-list")
    coord.click("quotas-set")
    coord.wait_id("quota-site")
    coord.set_text("quota-cards", "120")
    coord.focus("quota-start")
    coord.click("quota-ok")
    closed(coord, "quota-ok")
    row = g.wait_for("the new quota in the list",
                     lambda: next((r for r in coord.rows("quotas-list") if r[2] == "120"), None))
    g.log(f"quota row: {row}")
    sync(coord)
    rows = g.server_query("SELECT q.id, q.site_id, q.period_end FROM quota q JOIN site s ON s.id = q.site_id "
                          "WHERE s.area_id = ? AND q.cards = 120 AND q.period_start = ?", (area, f"{year}-01-01"))
    if len(rows) != 1 or rows[0][2] != f"{year}-12-31":
        raise g.Failure(f"the register does not have the quota as set: {rows}")
    quota = rows[0][0]
    g.log(f"register: quota {rows[0]}")

    coord.select_row("quotas-list", lambda c: c[2] == "120", "the new quota")
    coord.click("quotas-adjust")
    coord.wait_id("adjust-summary")
    coord.set_text("adjust-delta", "15")
    coord.focus("adjust-reason")
    coord.click("adjust-ok")
    problem = g.wait_for("the dialog to name the missing reason",
                         lambda: (lambda t: t if "Reason" in t else None)(g.name_of(coord.find("adjust-reason-problem"))))
    g.log(f"adjustment without a reason: {problem!r}")
    if coord.text("adjust-delta") != "15":
        raise g.Failure("the change typed was lost after the problem was shown")
    coord.set_text("adjust-reason", REASON)
    g.wait_for("the reason problem to clear as the reason is typed",
               lambda: g.name_of(coord.find("adjust-reason-problem")) == "")
    coord.click("adjust-ok")
    closed(coord, "adjust-ok")
    g.wait_for("the adjustment in the history", lambda: any(REASON in r for r in coord.rows("quota-adjustments-list")))
    sync(coord)
    rows = g.server_query("SELECT delta, reason FROM quota_adjustment WHERE quota_id = ?", (quota,))
    if rows != [(15, REASON)]:
        raise g.Failure(f"the register has these adjustments of the quota: {rows}")
    g.log(f"register: adjustment {rows[0]}")
    g.wait_for("the quota row to count the adjustment",
               lambda: any(r[2] == "120" and r[4] == "135" for r in coord.rows("quotas-list")))
    screenshot("quotas-view")
    coord.quit()


g.run(main)
