"""Cards: issuer staff register a card as a keyboard-wedge scanner types it (a wrong check character is told next
to the card ID field and nothing is sent), the register gets the card with its issuer and holder profile, and a
renewal reaches it too; a coordinator records a printed batch and allocates part of it to an issuer site."""

import datetime
import time

import pyatspi

import kaiku_gui as g

def wrong_check(cid):
    good = cid[-1]
    return cid[:-1] + ("0" if good != "0" else "1")


def press_button(win, name):
    button = g.wait_for(f"button {name!r}", lambda: win.find_role(pyatspi.ROLE_PUSH_BUTTON, name), timeout=10)
    g.click(button)


def problem(a, ident):
    acc = a.find(ident + "-problem")
    return g.name_of(acc) if acc is not None and acc.getState().contains(pyatspi.STATE_SHOWING) else ""


def start(login):
    """Signs in once, then starts again: the views of a role come from the session the cache remembers, which a
    first start with --user gets only from its first sync."""
    first = g.Admin(login)
    first.wait_status("Online")
    first.quit()
    a = g.Admin(login)
    a.wait_status("Online")
    a.show_view("Cards")
    return a


def issuer_workflow():
    site_id = g.server_query("SELECT scope_id FROM app_user WHERE login = 'issuer-tre'")[0][0]
    cid = g.free_card(site_id)
    g.log(f"issuer-tre works at site {site_id}; free card {cid}")
    a = start("issuer-tre")
    a.wait_id("cards-list")
    a.click("register-card-button")
    a.dialog("Register Card")
    a.focus("register-card-id")

    # A mistyped check character: told next to the field at once, Enter keeps the dialog and the focus.
    bad = wrong_check(cid)
    g.type_text(bad)
    g.key("Return")
    text = g.wait_for("the card ID problem", lambda: problem(a, "register-card-id"), timeout=10)
    g.log(f"wrong check character: {text!r}")
    if "Card ID" not in text or "check character" not in text:
        raise g.Failure(f"the problem does not name the card ID field and the check character: {text!r}")
    if a.focused() != "register-card-id":
        raise g.Failure(f"Enter on a wrong ID moved the focus to {a.focused()!r}")
    a.dialog("Register Card")  # still open

    # The scanner again: the selected wrong ID is replaced; Enter now moves on to the next field.
    g.type_text(cid)
    g.key("Return")
    id_field = a.wait_id("register-card-id")
    g.wait_for("the focus to leave the card ID field", lambda: not id_field.getState().contains(pyatspi.STATE_FOCUSED),
               timeout=10)
    if problem(a, "register-card-id"):
        raise g.Failure(f"a problem is still shown for a right ID: {problem(a, 'register-card-id')!r}")
    a.dialog("Register Card")  # not sent with half the data
    registered_on = datetime.date.today() - datetime.timedelta(days=40)
    a.set_text("register-card-date", registered_on.isoformat())
    a.set_text("register-card-birth-year", "1975")
    a.set_text("register-card-postcode", "33100")
    a.set_text("register-card-children", "2")
    g.wait_for("the form to be valid", lambda: not any(problem(a, i) for i in (
        "register-card-date", "register-card-birth-year", "register-card-postcode")), timeout=10)
    g.screenshot("register-card")
    a.click("register-card-ok")
    g.wait_for("the dialog to close", lambda: a.find("register-card-ok") is None, timeout=20)
    a.sync()
    rows = g.wait_for("the card on the server", lambda: g.server_query(
        "SELECT status, issuer_site_id, registered_on, valid_until, birth_year, postcode, children FROM card "
        "WHERE id = ?", (cid,)), timeout=30)
    status, issuer, on, until, birth, postcode, children = rows[0]
    g.log(f"server has {cid}: {rows[0]}")
    if (status, issuer, on, birth, postcode, children) != ("registered", site_id, registered_on.isoformat(), 1975,
                                                           "33100", 2):
        raise g.Failure(f"the server's card is not what was registered: {rows[0]}")
    if g.server_query("SELECT 1 FROM card WHERE id = ?", (bad,)):
        raise g.Failure("the mistyped card ID reached the server")

    # Renewal: valid for 12 months from today (later than the registration's validity).
    a.select_row("cards-list", lambda cells: cells and cells[0] == cid, f"card {cid}")
    g.screenshot("cards-view")
    a.click("renew-card-button")
    # The question names the card and the new last valid day; its "Renew" button confirms.
    press_button(a, "Renew")
    g.wait_for("the renewal question to close", lambda: a.find_role(pyatspi.ROLE_PUSH_BUTTON, "Renew") is None,
               timeout=10)
    a.sync()
    renewed = g.wait_for("the renewed validity on the server", lambda: (lambda r: r if r and r[0][0] != until else None)(
        g.server_query("SELECT valid_until FROM card WHERE id = ?", (cid,))), timeout=30)[0][0]
    today = datetime.date.today()
    expected = (today.replace(year=today.year + 1) - datetime.timedelta(days=1)).isoformat()
    g.log(f"renewed: valid until {until} -> {renewed}")
    if renewed != expected:
        raise g.Failure(f"the renewed card is valid until {renewed}, expected {expected}")
    a.wait_status("All changes sent")

    # The card's history: its registration and the renewal made on this computer, accepted by the register.
    a.click("card-history-button")
    history = g.wait_for("the card's history", lambda: (lambda r: r if len(r) >= 3 else None)(
        a.rows("card-history-list")), timeout=20)
    g.log(f"history: {history}")
    if not any(r[1] == "Registered" for r in history) or \
            not any(r[1] == "Renewal made on this computer" and r[3] == "Accepted by the register" for r in history):
        raise g.Failure(f"the history lacks the registration or the accepted renewal: {history}")
    g.screenshot("card-history")
    g.key("Escape")
    g.wait_for("the history to close", lambda: a.find("card-history-list") is None, timeout=10)
    a.quit()


def coordinator_workflow():
    area_id, prefix = g.server_query("SELECT id, prefix FROM area WHERE prefix = 'TRE'")[0]
    top = g.server_query("SELECT MAX(last_serial) FROM card_batch WHERE area_id = ?", (area_id,))[0][0] or 0
    first, last = top + 1, top + 200
    c = start("coord-tre")
    c.wait_id("batches-list")
    g.wait_for("the batches", lambda: c.rows("batches-list"))
    c.click("new-batch-button")
    c.dialog("New Card Batch")
    if c.text("batch-first") != str(first):
        raise g.Failure(f"the first card number is not the next free one: {c.text('batch-first')!r} != {first}")
    c.set_text("batch-last", str(last))
    summary = g.wait_for("the range summary", lambda: g.name_of(c.find("batch-summary")), timeout=10)
    g.log(f"new batch: {summary!r}")
    c.click("batch-ok")
    g.wait_for("the batch dialog to close", lambda: c.find("batch-ok") is None, timeout=20)
    c.sync()
    batch = g.wait_for("the batch on the server", lambda: g.server_query(
        "SELECT id, kind FROM card_batch WHERE area_id = ? AND first_serial = ? AND last_serial = ?",
        (area_id, first, last)), timeout=30)
    g.log(f"server has the batch: {batch}")

    first_card = g.card_id(prefix, first)
    c.select_row("batches-list", lambda cells: len(cells) > 1 and cells[1] == first_card, f"batch from {first_card}")
    c.click("allocate-button")
    c.dialog("Allocate Cards")
    site = c.wait_id("allocate-site")
    site.querySelection().selectChild(0)  # the first issuer site of the area, as choosing it from the list does
    time.sleep(0.3)
    if c.text("allocate-first") != str(first):
        raise g.Failure(f"the allocation does not start at the batch's first card: {c.text('allocate-first')!r}")
    c.set_text("allocate-last", str(first + 49))
    g.screenshot("allocate-cards")
    c.click("allocate-ok")
    g.wait_for("the allocate dialog to close", lambda: c.find("allocate-ok") is None, timeout=20)
    c.sync()
    alloc = g.wait_for("the allocation on the server", lambda: g.server_query(
        "SELECT a.site_id, s.area_id, s.role FROM allocation a JOIN site s ON s.id = a.site_id "
        "WHERE a.batch_id = ? AND a.first_serial = ? AND a.last_serial = ?", (batch[0][0], first, first + 49)),
        timeout=30)
    g.log(f"server has the allocation: {alloc}")
    if alloc[0][1:] != (area_id, "issuer"):
        raise g.Failure(f"the cards went to a site that is no issuer of the area: {alloc}")
    g.screenshot("batches-view")
    c.quit()


def main():
    issuer_workflow()
    coordinator_workflow()


g.run(main)
