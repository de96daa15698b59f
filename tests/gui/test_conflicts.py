"""Conflicts: a site's name changed on two other devices from the same version becomes a conflict the register keeps;
the coordinator sees both versions side by side in the Conflicts view, decides "keep mine" for the conflicting change,
and the register then holds that name with the conflict resolved."""

import kaiku_gui as g


def main():
    a = g.Admin(user="coord-tre")
    a.wait_status("Online")

    site_id, name, version = g.server_query(
        "SELECT s.id, s.name, s.version FROM site s JOIN area a ON a.id = s.area_id "
        "WHERE a.prefix = 'TRE' AND s.status = 'active' ORDER BY s.name LIMIT 1")[0]
    first, second = f"{name} (north door)", f"{name} (main hall)"
    g.api("/v1/commands/site.patch", "coord-tre", "POST", {"id": site_id, "base_version": version, "set": {"name": first}})
    try:
        g.api("/v1/commands/site.patch", "coord-tre", "POST",
              {"id": site_id, "base_version": version, "set": {"name": second}})
    except Exception as e:  # 409: kept as a conflict
        g.log(f"second change from the same version answered: {e}")
    open_conflicts = g.server_query("SELECT id FROM sync_conflict WHERE entity_id = ? AND status = 'open'", (site_id,))
    if len(open_conflicts) != 1:
        raise g.Failure(f"expected one open conflict on the server, found {open_conflicts}")
    g.log(f"the register keeps a conflict on site {name!r}: {first!r} against {second!r}")

    a.sync()
    a.wait_status("1 conflict to decide")
    a.show_view("Conflicts")
    a.select_row("conflicts-list", lambda cells: cells[0] == "Conflict", "the conflict")
    rows = g.wait_for("both versions of the name", lambda: [r for r in a.rows("conflict-fields-list")
                                                          if r[0].startswith("Name")])
    g.log(f"side by side: {rows[0]}")
    if rows[0][1] != second or rows[0][2] != first:
        raise g.Failure(f"expected mine={second!r} and theirs={first!r}, the view shows {rows[0]}")
    g.screenshot("conflicts-view")
    a.click("keep-mine")
    g.wait_for("the conflict to leave the list", lambda: not any(r[0] == "Conflict" for r in a.rows("conflicts-list")),
               timeout=20)
    a.sync()
    resolved = g.server_query("SELECT status, resolution FROM sync_conflict WHERE id = ?", (open_conflicts[0][0],))
    stored = g.server_query("SELECT name FROM site WHERE id = ?", (site_id,))[0][0]
    g.log(f"on the server: conflict {resolved[0]}, site name {stored!r}")
    if resolved[0] != ("resolved", "keep_mine") or stored != second:
        raise g.Failure("the decision did not reach the register")
    a.wait_status("No conflicts")
    a.quit()


g.run(main)
