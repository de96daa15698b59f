"""Statistics and audit: a coordinator's national table for the own area gives the register's figures; grouping by
month and the holder profiles show; the table is saved as CSV, Excel and PDF through the file dialog and read back;
a batch's card sheet is saved as PDF and read back; the audit lists findings and opening one shows its site selected
in the Network view; the national service's holder profiles, in Finnish, name the whole quarters the register
counted."""

import csv
import os
import re
import subprocess
import time
import zipfile

import pyatspi

import kaiku_gui as g


def number(cell):
    return int(re.sub(r"[^0-9]", "", cell))


def save_as(a, button, path, message="stats-problem", before=None):
    """Presses an export button and saves through the GTK file dialog: the whole path typed as the name, then Save."""
    a.click(button)
    if before:
        before()

    def chooser():
        a.app.clear_cache()
        for win in a.app:
            if win is not None and win.getRole() == pyatspi.ROLE_FILE_CHOOSER \
                    and win.getState().contains(pyatspi.STATE_SHOWING):
                return win
        return None
    dialog = g.wait_for("the file dialog", chooser, timeout=30)
    entry = g.wait_for("the file name field", lambda: pyatspi.findDescendant(
        dialog, lambda x: x.getRole() == pyatspi.ROLE_TEXT and x.getState().contains(pyatspi.STATE_FOCUSED)),
        timeout=10)
    entry.queryEditableText().setTextContents(path)
    save = g.wait_for("the Save button", lambda: pyatspi.findDescendant(
        dialog, lambda x: x.getRole() == pyatspi.ROLE_PUSH_BUTTON and x.name == "Save"), timeout=10)
    g.click(save)
    g.wait_for(f"{os.path.basename(path)} to be written", lambda: os.path.exists(path) and os.path.getsize(path) > 0,
               timeout=30)
    g.wait_for("the saved message", lambda: path in a.text(message), timeout=10)
    g.log(f"saved {path} ({os.path.getsize(path)} bytes)")


def choose(a, ident, index):
    """Chooses an item of a choice control as a screen reader would (AT-SPI selection)."""
    a.wait_id(ident).querySelection().selectChild(index)
    g.log(f"chose item {index} of {ident!r}")


def total_row(a, ident):
    return g.wait_for("the total row", lambda: next((r for r in a.rows(ident) if r and r[0] == "Total"), None))


def main():
    a = g.Admin(user="coord-tre")
    a.wait_status("Online")
    a.sync()

    area = g.server_query("SELECT id FROM area WHERE prefix = 'TRE'")[0][0]
    registered = g.server_query("SELECT COUNT(*) FROM card WHERE area_id = ? AND registered_on IS NOT NULL",
                                (area,))[0][0]
    activated = g.server_query("SELECT COUNT(*) FROM card WHERE area_id = ? AND activated_on IS NOT NULL",
                               (area,))[0][0]
    years = g.server_query("SELECT COUNT(DISTINCT SUBSTR(registered_on, 1, 4)) FROM card WHERE area_id = ? "
                           "AND registered_on IS NOT NULL", (area,))[0][0]
    g.log(f"the register: {registered} cards registered and {activated} activated in the area, over {years} years")

    a.show_view("Statistics")
    total = total_row(a, "stats-national-list")
    g.log(f"national table total: {total}")
    if number(total[1]) != registered or number(total[2]) != activated:
        raise g.Failure(f"the total row {total[:3]} differs from the register ({registered}, {activated})")
    rows = a.rows("stats-national-list")
    if len(rows) < years + 1:
        raise g.Failure(f"expected a row per year ({years}) and the total, the table has {len(rows)} rows")
    chart = a.wait_id("stats-chart")
    if "Chart:" not in g.name_of(chart):
        raise g.Failure(f"the chart's accessible name does not say what it shows: {g.name_of(chart)!r}")
    g.screenshot("statistics-view")

    # Refresh computes the table again; while it computes, the same button stops it.
    a.click("stats-refresh")
    g.wait_for("the Refresh button after computing", lambda: g.name_of(a.find("stats-refresh")) == "Refresh",
               timeout=30)
    if number(total_row(a, "stats-national-list")[1]) != registered:
        raise g.Failure("the refreshed table's total differs from the register")

    # Per month: more rows, same total.
    choose(a, "stats-group", 1)  # Month
    g.wait_for("rows per month", lambda: len(a.rows("stats-national-list")) > len(rows), timeout=30)
    if number(total_row(a, "stats-national-list")[1]) != registered:
        raise g.Failure("the monthly table's total differs from the yearly one")

    # Saved and read back.
    work = os.environ["KAIKU_WORK"]
    csv_path, xlsx_path, pdf_path = (os.path.join(work, f"stats.{e}") for e in ("csv", "xlsx", "pdf"))
    save_as(a, "stats-export", csv_path)
    with open(csv_path, encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    csv_total = next(l for l in lines if l and l[0] == "Total")
    if int(csv_total[1]) != registered:
        raise g.Failure(f"the CSV's total {csv_total[:2]} differs from the register's {registered}")
    save_as(a, "stats-export", xlsx_path)
    with zipfile.ZipFile(xlsx_path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    if f"<v>{registered}</v>" not in sheet:
        raise g.Failure("the Excel sheet does not hold the registered cards as a number")
    save_as(a, "stats-export", pdf_path)
    text = subprocess.run(["pdftotext", "-layout", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    if "National statistics" not in text or "Total" not in text or f"{registered:,}" not in text:
        raise g.Failure(f"the PDF lacks the title or the total {registered:,}:\n{text[:800]}")
    g.log("CSV, Excel and PDF read back with the register's figures")

    # Print preview: the PDF's pages in a preview window, closed again.
    a.click("stats-preview")
    preview = a.dialog("Print Preview")
    close = g.wait_for("the preview's Close button", lambda: pyatspi.findDescendant(
        preview, lambda x: x.getRole() == pyatspi.ROLE_PUSH_BUTTON and x.name == "Close"), timeout=20)
    time.sleep(1.0)
    g.screenshot("print-preview")
    g.log("print preview open")
    g.click(close)
    g.wait_for("the preview to close", lambda: not any(
        w is not None and w.name == "Print Preview" and w.getState().contains(pyatspi.STATE_SHOWING)
        for w in a.app), timeout=15)

    # Holder profiles: counts of 1 to 4 never show.
    choose(a, "stats-kind", 2)  # Holder profiles
    prof = g.wait_for("the profile table", lambda: total_row(a, "stats-profile-list"), timeout=30)
    for r in a.rows("stats-profile-list"):
        for cell in r[1:]:
            if cell.strip() in {"1", "2", "3", "4"}:
                raise g.Failure(f"a small count shows in the profile table: {r}")
    g.log(f"holder profiles total: {prof}")

    # A card sheet of the area's first batch: its first card's ID in the PDF, labels in Finnish and Swedish.
    a.show_view("Cards")
    prefix, first = g.server_query("SELECT a.prefix, b.first_serial FROM card_batch b JOIN area a ON a.id = b.area_id "
                                   "WHERE a.id = ? ORDER BY b.first_serial LIMIT 1", (area,))[0]
    first_card = g.card_id(prefix, first)
    a.select_row("batches-list", lambda c: len(c) > 1 and c[1] == first_card, f"the batch from {first_card}")

    def confirm_sheet():
        dialog = a.dialog("Card Sheet")
        ok = g.wait_for("the OK button", lambda: pyatspi.findDescendant(
            dialog, lambda x: x.getRole() == pyatspi.ROLE_PUSH_BUTTON and x.name == "OK"), timeout=10)
        g.click(ok)
    sheet = os.path.join(work, "cards.pdf")
    save_as(a, "card-sheet-button", sheet, "card-sheet-message", confirm_sheet)
    text = subprocess.run(["pdftotext", sheet, "-"], capture_output=True, text=True, check=True).stdout
    if first_card not in text or "Voimassa asti" not in text or "Giltig till" not in text:
        raise g.Failure(f"the card sheet lacks {first_card} or the fi/sv labels:\n{text[:600]}")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", sheet, os.path.join(work, "cards-page")],
                   check=True)
    g.log(f"card sheet with {first_card} read back")

    # The audit: a site finding opens the site in the Network view.
    a.show_view("Audit")
    found = a.select_row("audit-list", lambda c: c[0] in ("Commitment not acknowledged", "No contact person",
                                                          "Venue without uses in the period",
                                                          "Issuer without registrations in the period",
                                                          "No activity recently"), "a site finding")
    g.screenshot("audit-view")
    save_as(a, "audit-export", os.path.join(work, "audit.csv"), "audit-problem")
    a.click("audit-open")

    def selected_site():
        acc = a.find("sites-list")
        if acc is None or not acc.getState().contains(pyatspi.STATE_SHOWING):
            return None
        table = acc.queryTable()
        for r in range(table.nRows):
            if table.isRowSelected(r):
                return table.getAccessibleAt(r, 0).name
        return None
    name = g.wait_for("the site selected in the Network view", selected_site, timeout=30)
    if name != found[1]:
        raise g.Failure(f"the Network view selected {name!r}, the finding was about {found[1]!r}")
    g.log(f"the finding opened site {name!r}")
    a.quit()

    # The national service, in Finnish: holder profiles of the whole network come from the register, counted by
    # whole quarters that have ended (the period widened to them), and the note under the table names them.
    n = g.Admin("kaikukeskus", lang="fi")
    g.wait_for("the national views", lambda: n.wait_id("navigation").childCount >= 5, timeout=60)
    g.wait_for("the first sync to end", lambda: re.search(r"\d\d[:.]\d\d", n.status()), timeout=120)
    n.show_view("Tilastot")
    choose(n, "stats-kind", 2)  # Kortinhaltijoiden taustatiedot
    n.set_text("stats-from", "15.2.2023")
    n.set_text("stats-to", "20.11.2023")
    n.click("stats-refresh")
    period = g.api("/v1/statistics/profile?by=age-group&from=2023-02-15&to=2023-11-20")["period"]
    if period != {"from": "2023-01-01", "to": "2023-12-31"}:
        raise g.Failure(f"the register counted {period}, expected the four quarters of 2023")
    note = g.wait_for("the counted quarters in the note", lambda: (lambda t: t if "1.1.2023–31.12.2023" in t else None)(
        n.text("stats-note")), timeout=60)
    if "vuosineljänneksinä" not in note:
        raise g.Failure(f"the note is not in Finnish: {note!r}")
    total_fi = g.wait_for("the total row", lambda: next(
        (r for r in n.rows("stats-profile-list") if r and r[0] == "Yhteensä"), None), timeout=30)
    g.log(f"national holder profiles, 2023: {total_fi}; note: {note!r}")
    g.screenshot("national-profiles-fi")
    n.quit()


g.run(main)
