"""Keyboard only: from the navigation list, Ctrl+1 … Ctrl+6 open each of a coordinator's views and put the focus in
it; Tab then walks the view's controls in a sensible order (the filter before its list, the list before the
buttons under it) and comes back round without getting stuck; a dialog opened from the keyboard closes with Escape
and gives the focus back to the control that opened it."""

import time

import kaiku_gui as g


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


def main(admins):
    a = g.Admin("coord-tre")
    admins.append(a)
    g.wait_for("the coordinator's views", lambda: a.wait_id("navigation").childCount >= 5, timeout=60)
    a.wait_status("Online")
    time.sleep(1.0)
    a.focus("navigation")

    expectations = {  # view shortcut: ids that Tab must reach, in this order
        1: ["areas-filter", "areas-list", "sites-filter", "sites-list"],
        2: ["new-batch-button", "allocate-button", "batches-filter", "batches-list", "stock-filter",
            "stock-list"],
        3: ["uses-record", "uses-filter", "uses-list"],
        6: ["conflicts-filter", "conflicts-list", "conflict-fields-filter", "conflict-fields-list"],
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
    a.quit()
    admins.remove(a)


g.run(main)
