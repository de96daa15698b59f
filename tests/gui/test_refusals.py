"""A change the register refuses is explained in the user's language (Finnish here), by the problem's stable code,
not in the register's English words: the coordinator creates a card batch whose range the register has just given
to another batch (made through the API, unknown to this computer); the register refuses it with the code
"conflict", and the Conflicts view says why in Finnish. Also: dates in list cells are in the Finnish style."""

import datetime
import re
import time
import uuid

import kaiku_gui as g

FI_CONFLICT = "Tämä on ristiriidassa jo olemassa olevan tiedon kanssa."


def main():
    area = g.server_query("SELECT id FROM area WHERE prefix = 'TRE'")[0][0]
    a = g.Admin("coord-tre", lang="fi")
    g.wait_for("the coordinator's views", lambda: a.wait_id("navigation").childCount >= 5, timeout=60)
    g.wait_for("the first sync to end", lambda: re.search(r"\d\d[:.]\d\d", a.status()), timeout=60)

    # Another device takes the next free range of the area; this computer does not know yet.
    first = g.server_query("SELECT COALESCE(MAX(last_serial), 0) + 1 FROM card_batch WHERE area_id = ?", (area,))[0][0]
    g.api("/v1/commands/batch.create", "coord-tre", "POST",
          {"id": str(uuid.uuid4()), "area_id": area, "first_serial": first, "last_serial": first + 9,
           "kind": "personal", "medium": "cardboard", "printed_on": datetime.date.today().isoformat()})
    g.log(f"the register has a new batch from {first} (made elsewhere)")

    # This computer proposes the same first number.
    a.focus("navigation")
    g.key("ctrl+2")
    time.sleep(0.8)
    # Dates in list cells follow the language (22.11.2026), while sorting stays chronological (ISO sort keys).
    cells = [c for r in a.rows("batches-list") for c in r]
    printed = [c for c in cells if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", c)]
    iso = [c for c in cells if re.fullmatch(r"\d{4}-\d\d-\d\d", c)]
    if not printed or iso:
        raise g.Failure(f"the batches' printing dates are not in the Finnish style: {cells[:20]}")
    g.log(f"batch printing dates in Finnish style: {printed[:3]}")
    a.click("new-batch-button")
    proposed = a.text("batch-first")
    if proposed != str(first):
        raise g.Failure(f"the dialog proposes {proposed!r} as the first number, expected {first}")
    a.set_text("batch-last", str(first + 4))
    a.click("batch-ok")
    g.wait_for("the batch dialog to close", lambda: a.find("batch-ok") is None, timeout=15)

    g.key("ctrl+8")
    time.sleep(0.8)
    cells = g.wait_for("the refused batch in the Conflicts view",
                       lambda: next((r for r in a.rows("conflicts-list") if r[0] == "Hylätty muutos"
                                     or FI_CONFLICT in r[3]), None), timeout=60)
    g.log(f"conflicts row: {cells}")
    if cells[1] != "Erä" or cells[2] != "Ensimmäisen kortin numero":
        raise g.Failure(f"the record and field of the refusal are not in Finnish: {cells}")
    if cells[3] != FI_CONFLICT:
        raise g.Failure(f"the reason in the list is {cells[3]!r}, expected the Finnish sentence {FI_CONFLICT!r}")
    a.select_row("conflicts-list", lambda c: c[3] == FI_CONFLICT, "the refused batch")
    reason = g.wait_for("the reason under the list", lambda: (lambda t: t if FI_CONFLICT in t else None)(
        g.name_of(a.find("conflict-reason"))), timeout=10)
    g.log(f"reason shown: {reason!r}")
    if "overlaps" in reason or "range" in reason:
        raise g.Failure(f"the register's English words are shown: {reason!r}")
    g.screenshot("refused-change-fi")
    a.quit()


g.run(main)
