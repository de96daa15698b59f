#!/usr/bin/python3
"""Drives a running kaiku-admin through the accessibility tree (AT-SPI) and asserts what it shows.

Run with Debian's /usr/bin/python3 (pyatspi is not importable from other interpreters), inside the
same D-Bus session and X display as the application (see run_gui_test.sh).

  smoke.py online  --pid PID --work DIR   the server has the demo network: browse, filter, screenshot
  smoke.py offline --pid PID --work DIR   nothing listens at the server address: the failure is
                                          reported in the window and the cached data stays usable
Every check prints one line; the first failure prints FAIL and exits with status 1.
"""

import argparse
import subprocess
import sys
import time

import pyatspi

TIMEOUT = 60.0


class Failure(Exception):
    pass


def log(msg):
    print(f"smoke: {msg}", flush=True)


def wait_for(what, probe, timeout=TIMEOUT, interval=0.25):
    """Polls probe() until it returns a truthy value; raises Failure naming `what` on timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Exception as e:  # the tree changes under us while the window updates
            last_error = e
        time.sleep(interval)
    detail = f" (last error: {last_error})" if last_error else ""
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}{detail}")


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            if "kaiku-admin" in (app.name or ""):
                return app
    return None


def accessible_id(acc):
    try:
        return acc.get_accessible_id() or ""
    except Exception:
        return ""


def find_by_id(root, ident):
    root.clear_cache()
    return pyatspi.findDescendant(root, lambda a: accessible_id(a) == ident, breadth_first=True)


def fresh_name(acc):
    acc.clear_cache()
    return acc.name or ""


def table_rows(table_acc):
    """The table's cell texts, row by row."""
    table_acc.clear_cache()
    table = table_acc.queryTable()
    rows = []
    for r in range(table.nRows):
        cells = []
        for c in range(table.nColumns):
            cell = table.getAccessibleAt(r, c)
            cells.append(cell.name if cell is not None else "")
        rows.append(cells)
    return rows


def screenshot(path):
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
    log(f"screenshot written to {path}")


def click(acc):
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            return
    action.doAction(0)


def menu_item(app, name):
    app.clear_cache()
    item = pyatspi.findDescendant(app, lambda a: a.getRole() == pyatspi.ROLE_MENU_ITEM and a.name == name,
                                  breadth_first=True)
    if item is None:
        raise Failure(f"menu item {name!r} not found")
    return item


def choose_menu(app, menu_name, item_name):
    """Opens a menu of the menu bar, then activates one of its items, as a user would (activating an
    item of a closed menu makes GTK grab an unmapped window)."""
    app.clear_cache()
    menu = pyatspi.findDescendant(app, lambda a: a.getRole() == pyatspi.ROLE_MENU and a.name == menu_name,
                                  breadth_first=True)
    if menu is None:
        raise Failure(f"menu {menu_name!r} not found")
    click(menu)
    item = menu_item(app, item_name)
    wait_for(f"menu item {item_name!r} to be showing",
             lambda: item.getState().contains(pyatspi.STATE_SHOWING), timeout=5, interval=0.05)
    click(item)


def check_responsive(app):
    """The accessible tree answers: the frame, the menus and the lists are there and readable."""
    app.clear_cache()
    frame = wait_for("the main window", lambda: pyatspi.findDescendant(
        app, lambda a: a.getRole() == pyatspi.ROLE_FRAME, breadth_first=True), timeout=10)
    if "Kaiku Admin" not in fresh_name(frame):
        raise Failure(f"unexpected window title {frame.name!r}")
    # The views are rebuilt once the first sign-in tells the role: give a rebuild a moment.
    for ident in ("areas-list", "sites-list", "sites-filter", "sync-button", "status-text"):
        wait_for(f"a control with accessible id {ident!r}", lambda: find_by_id(app, ident), timeout=10)
    log("window answers: title, lists, filter, sync button and status bar are present")


def select_area(app, areas, name):
    rows = table_rows(areas)
    names = [r[0] for r in rows]
    if name not in names:
        raise Failure(f"area {name!r} not in the areas list {names}")
    row = names.index(name)
    areas.queryTable().addRowSelection(row)
    log(f"selected area {name!r} (row {row} of {len(rows)})")


def sites_heading_is(app, name):
    heading = find_by_id(app, "sites-heading")
    return heading is not None and name in fresh_name(heading)


def run_online(app, work):
    check_responsive(app)
    # The first sync signs in; the views the role has are built then (the first ones are replaced).
    wait_for("the first sync to finish", lambda: "Online" in fresh_name(find_by_id(app, "status-text")))
    time.sleep(1.0)
    check_responsive(app)
    areas = find_by_id(app, "areas-list")
    sites = find_by_id(app, "sites-list")
    status = find_by_id(app, "status-text")

    wait_for('an area named "Tampere" in the areas list',
             lambda: "Tampere" in [r[0] for r in table_rows(areas)])
    area_names = [r[0] for r in table_rows(areas)]
    log(f"areas list has {len(area_names)} areas: {', '.join(area_names[:8])}{' ...' if len(area_names) > 8 else ''}")
    for expected in ("Espoo", "Oulu"):
        if expected not in area_names:
            raise Failure(f"area {expected!r} missing from the areas list")

    wait_for("the status bar to say Online", lambda: "Online" in fresh_name(status))
    log(f"status bar: {fresh_name(status)!r}")

    select_area(app, areas, "Tampere")
    wait_for("the sites heading to name Tampere", lambda: sites_heading_is(app, "Tampere"), timeout=10)
    all_rows = wait_for("rows in the sites list", lambda: table_rows(sites))
    time.sleep(0.5)  # a sync that finishes now reloads the list; read it once it is settled
    all_rows = wait_for("rows in the sites list", lambda: table_rows(sites))
    log(f"sites list has {len(all_rows)} sites for Tampere; first: {all_rows[0]}")
    roles = {r[1] for r in all_rows}
    if not roles <= {"Issuer", "Venue", "Ticket agent"}:
        raise Failure(f"unexpected role labels {roles}")
    count = find_by_id(app, "sites-count")
    if str(len(all_rows)) not in fresh_name(count):
        raise Failure(f"site count label {fresh_name(count)!r} does not show {len(all_rows)}")

    # Type part of the last site's name: the rows narrow to those containing it (the filter looks at every
    # column of the row, hidden ones such as the e-mail address too, so a row may match outside the name).
    needle = all_rows[-1][0].split()[0] if all_rows[-1][0].split() else all_rows[-1][0]
    if len(needle) < 3:
        needle = all_rows[-1][0]
    expected = [r for r in all_rows if any(needle.lower() in c.lower() for c in r)]
    filter_box = find_by_id(app, "sites-filter")

    def narrowed_to(needle, expected):
        def probe():
            rows = table_rows(sites)
            return rows if len(rows) < len(all_rows) and all(r in rows for r in expected) else None
        return probe

    if len(expected) >= len(all_rows):
        needle = all_rows[-1][0]  # every Tampere site shares the word: filter on a full name instead
        expected = [r for r in all_rows if any(needle.lower() in c.lower() for c in r)]
    filter_box.queryEditableText().setTextContents(needle)
    log(f"typed {needle!r} into the filter box; expecting at least {len(expected)} of {len(all_rows)} rows")
    narrowed = wait_for("the filtered sites list", narrowed_to(needle, expected), timeout=10)
    if any(r not in narrowed for r in expected):
        raise Failure(f"filter {needle!r} hid rows that match: {expected} vs {narrowed}")
    log(f"filter narrowed the list to {len(narrowed)} rows")
    wait_for("the count label to show the filtered count",
             lambda: f"Showing {len(narrowed)} of {len(all_rows)}" in fresh_name(count), timeout=10)
    screenshot(f"{work}/main-window-filtered.png")

    filter_box.queryEditableText().setTextContents("")
    wait_for("all sites back after clearing the filter", lambda: len(table_rows(sites)) == len(all_rows),
             timeout=10)
    log("clearing the filter shows every site again")
    screenshot(f"{work}/main-window.png")

    # A second sync from the button keeps the selection and the list.
    click(find_by_id(app, "sync-button"))
    wait_for("the sync after pressing Sync now to finish",
             lambda: "Online" in fresh_name(status) and "never" not in fresh_name(status), timeout=30)
    wait_for("the sites of Tampere after the second sync", lambda: len(table_rows(sites)) == len(all_rows),
             timeout=10)
    log("Sync now ran again; Tampere's sites are still listed")


def run_offline(app, work, expect_cached):
    check_responsive(app)
    status = find_by_id(app, "status-text")
    wait_for("the status bar to report offline", lambda: "Offline" in fresh_name(status))
    log(f"status bar: {fresh_name(status)!r}")

    def infobar_text():
        bar = find_by_id(app, "sync-infobar")
        if bar is None:
            return None
        texts = [fresh_name(bar)]
        for label in pyatspi.findAllDescendants(bar, lambda a: a.getRole() == pyatspi.ROLE_LABEL):
            texts.append(fresh_name(label))
        text = " ".join(texts)
        return text if "Could not connect" in text else None

    message = wait_for("an info bar message about the connection failure", infobar_text, timeout=30)
    if "127.0.0.1:1" not in message:
        raise Failure(f"the info bar does not name the server address: {message!r}")
    log(f"info bar: {fresh_name(find_by_id(app, 'sync-infobar'))!r}")

    areas = find_by_id(app, "areas-list")
    if expect_cached:
        wait_for("the cached areas (Tampere) while offline", lambda: "Tampere" in [r[0] for r in table_rows(areas)],
                 timeout=20)
        select_area(app, areas, "Tampere")
        sites = find_by_id(app, "sites-list")
        rows = wait_for("cached sites of Tampere while offline", lambda: table_rows(sites), timeout=20)
        log(f"offline: cached data still visible ({len(rows)} sites of Tampere)")

    # Still responsive: a retry runs and fails the same way, and the tree keeps answering.
    click(find_by_id(app, "sync-button"))
    wait_for("the retry to end offline again", lambda: "Offline" in fresh_name(status), timeout=30)
    check_responsive(app)
    screenshot(f"{work}/offline-window.png")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["online", "offline"])
    parser.add_argument("--pid", type=int, required=True, help="process id of kaiku-admin")
    parser.add_argument("--work", required=True, help="directory for screenshots")
    parser.add_argument("--expect-cached", action="store_true", help="offline: the cache holds the demo network")
    parser.add_argument("--quit", action="store_true", help="quit through File > Quit at the end")
    args = parser.parse_args()
    try:
        app = wait_for(f"kaiku-admin (pid {args.pid}) on the accessibility bus", lambda: find_app(args.pid),
                       timeout=30)
        log(f"found application {app.name!r}")
        if args.mode == "online":
            run_online(app, args.work)
        else:
            run_offline(app, args.work, args.expect_cached)
        if args.quit:
            choose_menu(app, "File", "Quit")
            log("chose File > Quit")
    except Failure as e:
        print(f"smoke: FAIL ({args.mode}): {e}", flush=True)
        try:
            screenshot(f"{args.work}/failure-{args.mode}.png")
        except Exception:
            pass
        return 1
    print(f"smoke: PASS ({args.mode})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
