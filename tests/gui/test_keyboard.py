"""Keyboard only: from the navigation list, Ctrl+1 … Ctrl+8 open each of a coordinator's views and put the focus in
it; Tab then walks the view's controls in a sensible order (the filter before its list, the list before the
buttons under it) and comes back round without getting stuck; a dialog opened from the keyboard closes with Escape
and gives the focus back to the control that opened it. In Messages an announcement is composed and in Quotas a
quota is set with keys alone (no accessibility actions for the user's steps), and the register gets both."""

import time

import kaiku_gui as g

SUBJECT = "Keyboard announcement"
BODY = "Typed without a mouse."


def tab_cycle(a, limit=40):
    """Focus ids met by pressing Tab from the current focus until the focus comes back to where it started."""
    start = a.focused()
    seen = [start]
    for _ in range(limit):
        g.key("Tab")
        now = a.focused()
        if now == start:
            return seen
        seen.append(now)
    raise g.Failure(f"Tab did not come back to {start!r} within {limit} presses: {seen}")


def tab_to(a, ident, limit=30):
    """Presses Tab until `ident` has the focus, as a keyboard user moves to a control."""
    for _ in range(limit):
        if a.focused() == ident:
            return
        g.key("Tab")
    raise g.Failure(f"Tab did not reach {ident!r} within {limit} presses (focus on {a.focused()!r})")


def expect_focus(a, ident, what):
    try:
        g.wait_for(f"the focus on {ident!r} ({what})", lambda: a.focused() == ident, timeout=10)
    except g.Failure as e:
        raise g.Failure(f"{e}; the focus is on {a.focused()!r}")


def sync_by_keys(a):
    """Ctrl+R, then waits for the round's finish line."""
    progress = a.find("sync-progress")
    before = g.name_of(progress) if progress is not None else ""
    time.sleep(1.0)  # the finish line carries the time to the second
    g.key("ctrl+r")
    g.wait_for("the sync to finish", lambda: (lambda t: t != before and "finished" in t)(
        g.name_of(a.find("sync-progress"))), timeout=60)


def compose_announcement(a):
    """Messages: Tab to New Announcement, Space, the audience and area keep their first choice, type the subject and
    the text, Ctrl+Enter sends; Ctrl+R delivers it."""
    g.key("ctrl+4")
    time.sleep(0.8)
    tab_to(a, "messages-announce")
    g.key("space")
    g.activate_window("^New Announcement$")
    expect_focus(a, "compose-audience-button", "the dialog opens on the recipients")
    g.key("Tab")
    if a.focused() == "compose-area-button":  # enabled only when the coordinator has several areas
        g.key("Tab")
    expect_focus(a, "compose-subject", "Tab after the recipients")
    g.type_text(SUBJECT)
    g.key("Tab")
    expect_focus(a, "compose-body", "Tab after the subject")
    g.type_text(BODY)
    g.key("ctrl+Return")
    g.wait_for("the compose dialog to close", lambda: a.find("compose-send") is None, timeout=15)
    g.activate_window("^Kaiku Admin")
    g.wait_for("the focus back on New Announcement", lambda: a.focused() == "messages-announce", timeout=10)
    sync_by_keys(a)
    rows = g.server_query("SELECT recipient_kind, body FROM message WHERE subject = ?", (SUBJECT,))
    if rows != [("area_issuers", BODY)]:
        raise g.Failure(f"the register has {rows} for the announcement typed by keyboard")
    g.log(f"register: the keyboard announcement {rows[0]}")


def set_quota(a):
    """Quotas: Tab to Set Quota, Space; the dialog opens on the number of cards of the selected quota's site and
    period (the list selected its first row when it got the focus), or on the issuer site when nothing is selected,
    then Tab goes through the period to the number; type it, Enter saves; Ctrl+R delivers it."""
    g.key("ctrl+5")
    time.sleep(0.8)
    tab_to(a, "quotas-set")
    g.key("space")
    g.activate_window("^Set Card Quota$")
    g.wait_for("the dialog's first field to have the focus",
               lambda: a.focused() in ("quota-site-button", "quota-cards"), timeout=10)
    if a.focused() == "quota-site-button":
        for ident in ("quota-start", "quota-end", "quota-cards"):
            g.key("Tab")
            expect_focus(a, ident, "Tab through the quota form")
    else:
        # Shift+Tab walks back through the form and Tab returns: the order holds both ways.
        for ident in ("quota-end", "quota-start", "quota-site-button"):
            g.key("shift+Tab")
            expect_focus(a, ident, "Shift+Tab back through the quota form")
        for ident in ("quota-start", "quota-end", "quota-cards"):
            g.key("Tab")
            expect_focus(a, ident, "Tab through the quota form")
    g.key("ctrl+a")
    g.type_text("77")
    g.key("Return")
    g.wait_for("the quota dialog to close", lambda: a.find("quota-ok") is None, timeout=15)
    g.activate_window("^Kaiku Admin")
    g.wait_for("the focus back on Set Quota", lambda: a.focused() == "quotas-set", timeout=10)
    sync_by_keys(a)
    area = g.server_query("SELECT id FROM area WHERE prefix = 'TRE'")[0][0]
    rows = g.server_query("SELECT q.period_start, q.period_end FROM quota q JOIN site s ON s.id = q.site_id "
                          "WHERE s.area_id = ? AND q.cards = 77", (area,))
    if len(rows) != 1:
        raise g.Failure(f"the register has {rows} for the quota of 77 cards set by keyboard")
    g.log(f"register: the keyboard quota {rows[0]}")


def main():
    a = g.Admin("coord-tre")
    g.wait_for("the coordinator's views", lambda: a.wait_id("navigation").childCount >= 5, timeout=60)
    a.wait_status("Online")
    time.sleep(1.0)
    a.focus("navigation")

    expectations = {  # view shortcut: ids that Tab must reach, in this order
        1: ["areas-filter", "areas-list", "sites-filter", "sites-list"],
        2: ["new-batch-button", "allocate-button", "batches-filter", "batches-list", "stock-filter",
            "stock-list"],
        3: ["uses-record", "uses-filter", "uses-list"],
        4: ["messages-page-choice-button", "messages-new", "messages-announce", "messages-filter", "messages-list",
            "messages-thread"],
        5: ["quotas-page-choice-button", "quotas-set", "quotas-filter", "quotas-list", "quota-adjustments-filter",
            "quota-adjustments-list"],
        6: ["stats-kind-button", "stats-group-button", "stats-from", "stats-to", "stats-refresh", "stats-export",
            "stats-preview", "stats-print", "stats-chart", "stats-national-filter", "stats-national-list"],
        7: ["audit-from", "audit-to", "audit-refresh", "audit-export", "audit-filter", "audit-list"],
        8: ["conflicts-filter", "conflicts-list", "conflict-fields-filter", "conflict-fields-list"],
    }
    for number, wanted in expectations.items():
        g.key(f"ctrl+{number}")
        time.sleep(0.8)
        focus = a.focused()
        if focus in ("", "navigation"):
            raise g.Failure(f"Ctrl+{number} left the focus on {focus!r}, not in the view")
        cycle = tab_cycle(a)
        g.log(f"Ctrl+{number}: focus on {focus!r}; Tab order: {cycle}")
        positions = []
        for ident in wanted:
            if ident not in cycle:
                raise g.Failure(f"Tab never reaches {ident!r} in view {number}: {cycle}")
            positions.append(cycle.index(ident))
        # The cycle starts anywhere; the wanted controls must follow each other in order around it.
        rotated = [(p - positions[0]) % len(cycle) for p in positions]
        if rotated != sorted(rotated):
            raise g.Failure(f"Tab order in view {number} is not {wanted}: {cycle}")

    # A dialog from the keyboard: Uses > Record Use… with Space on the focused button, Escape closes it, and the
    # focus is back on the button.
    g.key("ctrl+3")
    time.sleep(0.8)
    a.focus("uses-record")
    g.key("space")
    a.wait_id("use-card")
    g.key("Escape")
    g.wait_for("the dialog to close", lambda: a.find("use-card") is None, timeout=10)
    g.wait_for("the focus back on Record Use", lambda: a.focused() == "uses-record", timeout=10)
    g.log("Escape closed the dialog and the focus went back to the button that opened it")

    compose_announcement(a)
    set_quota(a)
    a.quit()


g.run(main)
