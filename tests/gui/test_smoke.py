"""Smoke test. Online: a coordinator's first sync brings the demo network; Tampere's sites are listed, the filter
narrows them and clearing it brings them back, and Sync now keeps the list. Offline (started again with nothing
listening at the server's address): the status bar and the info bar say so and name the address, the cached data
stays usable, and a retry fails the same way while the window keeps answering."""

import time

import pyatspi

import kaiku_gui as g

OFFLINE_SERVER = "http://127.0.0.1:1"


def check_window(a):
    """The window answers: its title, the lists, the filter, the sync button and the status bar are there."""
    frame = g.wait_for("the main window", lambda: a.find_role(pyatspi.ROLE_FRAME), timeout=10)
    if "Kaiku Admin" not in g.name_of(frame):
        raise g.Failure(f"unexpected window title {g.name_of(frame)!r}")
    for ident in ("areas-list", "sites-list", "sites-filter", "sync-button", "status-text"):
        a.wait_id(ident, timeout=10)
    g.log("window answers: title, lists, filter, sync button and status bar are present")


def choose_tampere(a):
    a.select_row("areas-list", lambda c: c[0] == "Tampere", "Tampere")
    g.wait_for("the sites heading to name Tampere", lambda: "Tampere" in g.name_of(a.find("sites-heading")),
               timeout=10)


def online():
    a = g.Admin("coord-tre", name="smoke")
    a.wait_status("Online")
    time.sleep(1.0)  # the views of the role are built by the first sign-in
    check_window(a)
    areas = [r[0] for r in g.wait_for("Tampere in the areas list",
                                      lambda: (lambda rows: rows if "Tampere" in [r[0] for r in rows] else None)(
                                          a.rows("areas-list")))]
    g.log(f"areas list has {len(areas)} areas: {', '.join(areas[:8])} ...")
    for expected in ("Espoo", "Oulu"):
        if expected not in areas:
            raise g.Failure(f"area {expected!r} missing from the areas list")

    choose_tampere(a)
    g.wait_for("rows in the sites list", lambda: a.rows("sites-list"))
    time.sleep(0.5)  # a sync that finishes now reloads the list: read it once it is settled
    all_rows = g.wait_for("rows in the sites list", lambda: a.rows("sites-list"))
    g.log(f"sites list has {len(all_rows)} sites for Tampere; first: {all_rows[0]}")
    roles = {r[1] for r in all_rows}
    if not roles <= {"Issuer", "Venue", "Ticket agent"}:
        raise g.Failure(f"unexpected role labels {roles}")
    if str(len(all_rows)) not in g.name_of(a.wait_id("sites-count")):
        raise g.Failure(f"the site count {g.name_of(a.wait_id('sites-count'))!r} does not show {len(all_rows)}")

    # Part of the last site's name narrows the rows to those containing it in any column (hidden ones too, such
    # as the e-mail address); a word every site shares would not narrow, so then the whole name is typed.
    words = all_rows[-1][0].split()
    needle = words[0] if words and len(words[0]) >= 3 else all_rows[-1][0]
    expected = [r for r in all_rows if any(needle.lower() in c.lower() for c in r)]
    if len(expected) >= len(all_rows):
        needle = all_rows[-1][0]
        expected = [r for r in all_rows if any(needle.lower() in c.lower() for c in r)]
    a.set_text("sites-filter", needle)
    g.log(f"typed {needle!r} into the filter; expecting at least {len(expected)} of {len(all_rows)} rows")
    narrowed = g.wait_for("the filtered sites list", lambda: (lambda rows: rows if len(rows) < len(all_rows) and all(
        r in rows for r in expected) else None)(a.rows("sites-list")), timeout=10)
    g.wait_for("the count to show the filtered count",
               lambda: f"Showing {len(narrowed)} of {len(all_rows)}" in g.name_of(a.wait_id("sites-count")), timeout=10)
    g.log(f"the filter narrowed the list to {len(narrowed)} rows")
    g.screenshot("main-window-filtered")
    a.set_text("sites-filter", "")
    g.wait_for("every site back after clearing the filter", lambda: len(a.rows("sites-list")) == len(all_rows),
               timeout=10)
    g.screenshot("main-window")

    a.sync()
    g.wait_for("Tampere's sites after the second sync", lambda: len(a.rows("sites-list")) == len(all_rows),
               timeout=10)
    g.log("Sync now ran again; Tampere's sites are still listed")
    a.quit()


def offline():
    a = g.Admin("coord-tre", name="smoke", server=OFFLINE_SERVER)
    check_window(a)
    a.wait_status("Offline")
    g.log(f"status bar: {a.status()!r}")

    def infobar_text():
        bar = a.find("sync-infobar")
        if bar is None:
            return None
        labels = pyatspi.findAllDescendants(bar, lambda x: x.getRole() == pyatspi.ROLE_LABEL)
        text = " ".join([g.name_of(bar)] + [g.name_of(label) for label in labels])
        return text if "Could not connect" in text else None
    message = g.wait_for("an info bar about the connection failure", infobar_text, timeout=30)
    if "127.0.0.1:1" not in message:
        raise g.Failure(f"the info bar does not name the server's address: {message!r}")
    g.log(f"info bar: {message!r}")

    choose_tampere(a)
    rows = g.wait_for("the cached sites of Tampere while offline", lambda: a.rows("sites-list"), timeout=20)
    g.log(f"offline: the cached data is still shown ({len(rows)} sites of Tampere)")

    a.click("sync-button")
    time.sleep(1.0)
    a.wait_status("Offline", timeout=30)
    check_window(a)
    g.screenshot("offline-window")
    a.quit()


def main():
    online()
    offline()


g.run(main)
