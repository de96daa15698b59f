"""Uses as venue staff of a Tampere venue: record two uses (one read like a scanner: typed, then Enter), import a
CSV usage log whose preview names the bad row and column, import it again (nothing twice), sync, and check on the
server that each use exists exactly once; then void one use and check that the register has it voided."""

import datetime
import os

import kaiku_gui as g


def registered_cards(count):
    """Registered personal cards of the Tampere area with no uses yet (the server's own data). The demo network's
    cards may have expired by the day the test runs: such uses are kept and flagged, never refused."""
    rows = g.server_query(
        "SELECT c.id FROM card c JOIN area a ON a.id = c.area_id "
        "WHERE a.prefix = 'TRE' AND c.kind = 'personal' AND c.status IN ('registered', 'activated') "
        "AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.card_id = c.id) ORDER BY c.id LIMIT ?", (count,))
    if len(rows) < count:
        raise g.Failure(f"the demo network has only {len(rows)} unused registered Tampere cards")
    return [r[0] for r in rows]


def uses_on_server(card):
    return g.server_query("SELECT id, voided FROM usage WHERE card_id = ?", (card,))


def wait_text(admin, ident, words, what):
    def probe():
        t = g.name_of(admin.find(ident))
        return t if all(w in t for w in words) else None
    text = g.wait_for(what, probe)
    g.log(f"{ident}: {text!r}")
    return text


def main():
    cards = registered_cards(5)
    recorded, imported = cards[:2], cards[2:]
    g.log(f"cards: recorded {recorded}, imported {imported}")

    # The first start signs in with the password on its first sync; the views of the role come with the saved
    # session, so start again without the password.
    first = g.Admin("venue-tre")
    first.wait_status("Online")
    first.quit()
    a = g.Admin("venue-tre", password=None)
    a.wait_status("Online")
    a.show_view("Uses")
    a.wait_id("uses-list")

    # Record a use by typing the card ID, then one read like a scanner: the code and Enter move on to the numbers.
    a.click("uses-record")
    a.wait_id("use-card")
    a.set_text("use-card", "TRE-000000-0")
    wait_text(a, "use-card-problem", ["Card ID"], "the form to say the card ID is wrong")
    a.set_text("use-card", recorded[0])
    g.wait_for("the card problem to go", lambda: g.name_of(a.find("use-card-problem")) == "")
    a.click("use-ok")
    wait_text(a, "use-status", [recorded[0], "recorded"], "the first use to be recorded")
    if a.text("use-card") != "":
        raise g.Failure("the card field was not cleared for the next card")
    a.focus("use-card")
    g.type_text(recorded[1])
    g.key("Return")
    focused = g.wait_for("Enter after the card ID to move to the number of adults",
                         lambda: (lambda f: f if f == "use-adults" else None)(a.focused()), timeout=10)
    g.log(f"after the scanned card ID, focus is on {focused!r}")
    a.click("use-ok")
    wait_text(a, "use-status", [recorded[1], "recorded"], "the scanned use to be recorded")
    a.click("use-close")
    # Filter as you type: the list shows the card's use only.
    for card in recorded:
        a.set_text("uses-filter", card)
        a.select_row("uses-list", lambda cells, card=card: cells[1] == card, f"the use of {card}")

    # A CSV log: three good rows and one bad one (line 5: adults is not a number).
    day = datetime.date.today() - datetime.timedelta(days=3)
    path = os.path.join(g.WORK, "usage-log.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("Card number;Date;Adults;Children;Category\n")
        f.write(f"{imported[0]};{day.day}.{day.month}.{day.year};1;0;culture\n")
        f.write(f"{imported[1]};{day.isoformat()};1;0;culture\n")
        f.write(f"{imported[2]};{day.isoformat()};2;0;culture\n")
        f.write(f"{cards[0]};{day.isoformat()};two;0;culture\n")

    a.click("uses-import")
    a.wait_id("import-file")
    a.set_text("import-file", path)
    wait_text(a, "import-summary", ["3 rows are ready", "1 row has problems"], "the preview of the log")
    bad = a.select_row("import-preview-list", lambda cells: cells[0] == "5", "row 5 in the preview")
    if bad[1] != "Error" or "Row 5" not in bad[3] or "Adults" not in bad[3]:
        raise g.Failure(f"the preview does not name row 5 and its column Adults: {bad}")
    good = [r for r in a.rows("import-preview-list") if r[1] == "Ready"]
    if len(good) != 3:
        raise g.Failure(f"expected 3 ready rows in the preview, got {good}")
    g.screenshot("import-preview.png")
    a.click("import-ok")
    wait_text(a, "import-status", ["Imported 3 new rows"], "the import to finish")
    wait_text(a, "import-summary", ["3 rows were imported before"], "the preview to show the rows as imported")
    a.click("import-cancel")

    # The same file again: nothing is imported twice.
    a.click("uses-import")
    a.wait_id("import-file")
    a.set_text("import-file", path)
    wait_text(a, "import-summary", ["0 rows are ready", "3 rows were imported before"], "the second preview")
    a.click("import-ok")
    wait_text(a, "import-status", ["Imported 0 new rows", "3 rows were already imported"], "the second import")
    a.click("import-cancel")

    a.sync()
    for card in cards:
        rows = g.wait_for(f"the use of {card} on the server", lambda card=card: uses_on_server(card), timeout=30)
        if len(rows) != 1:
            raise g.Failure(f"card {card} has {len(rows)} uses on the server, expected exactly 1: {rows}")
    g.log("the server has each of the 2 recorded and 3 imported uses exactly once")

    # Void the first recorded use.
    a.set_text("uses-filter", recorded[0])
    a.select_row("uses-list", lambda cells: cells[1] == recorded[0], "the first recorded use")
    a.click("uses-void")
    a.wait_id("void-reason")
    a.click("void-ok")
    wait_text(a, "void-problem", ["Reason"], "the void dialog to ask for a reason")
    a.set_text("void-reason", "recorded by mistake")
    a.click("void-ok")
    g.wait_for("the list to show the use voided",
               lambda: any(r[1] == recorded[0] and "recorded by mistake" in r[7] for r in a.rows("uses-list")))
    a.sync()
    g.wait_for("the use to be voided on the server", lambda: uses_on_server(recorded[0])[0][1] == 1, timeout=30)
    g.log("the register has the use voided")
    a.set_text("uses-filter", "")
    g.wait_for("the whole list again", lambda: (lambda t: "rows" in t and "Showing" not in t)(g.name_of(a.find("uses-count"))))
    g.screenshot("uses-view.png")
    a.quit()


g.run(main)
