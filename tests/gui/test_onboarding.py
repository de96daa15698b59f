"""Onboarding a venue as the Tampere coordinator: the stepped dialog is driven with the keyboard and the pointer, a
required field left empty is named inline and keeps the step, the new organisation, venue and venue profile reach
the register, and site access for an existing venue staff account is given and removed again."""

import time

import pyatspi

import kaiku_gui as g

ORG = "Pispalan kulttuuriyhdistys ry"
VENUE = "Pispalan Kulttuuritalo"
STREET = "Pispalan valtatie 30"
POSTCODE = "33250"
CONTACT = "Maija Mehiläinen"
EMAIL = "maija@pispala.example.fi"
PHONE = "+358 40 123 4567"
OFFERS = "Concerts and exhibitions"
BOOKING = "Box office and phone"
ACCESS = "Step-free entrance"
STAFF = "venue-tre"


def showing(admin, ident):
    acc = admin.find(ident)
    return acc is not None and acc.getState().contains(pyatspi.STATE_SHOWING)


def step(admin):
    return g.name_of(admin.wait_id("onboarding-step"))


def wait_step(admin, number):
    return g.wait_for(f"onboarding step {number}", lambda: f"Step {number} of" in step(admin), timeout=10)


def type_into(admin, ident, text):
    """Focuses a field with the pointer-free way a keyboard user would (grab focus), then types."""
    admin.focus(ident)
    g.type_text(text)
    got = admin.text(ident)
    if got != text:
        raise g.Failure(f"{ident!r} holds {got!r} after typing {text!r}")


def grant_rows(admin):
    return [r for r in admin.rows("access-users-list") if STAFF in r]


def server_grant(site_id):
    return g.server_query("SELECT g.user_id FROM site_grant g JOIN app_user u ON u.id = g.user_id "
                          "WHERE g.site_id = ? AND u.login = ?", (site_id, STAFF))


def open_access(a):
    a.select_row("sites-list", lambda c: c[0] == VENUE, what=f"the row of {VENUE}")
    # Dialogs open from the keyboard (Alt+A): a click through the accessibility bus would wait for the modal
    # dialog to end before it returns.
    g.wait_for("the Site Access button to be enabled",
               lambda: a.wait_id("network-site-access").getState().contains(pyatspi.STATE_ENABLED), timeout=10)
    g.key("alt+a")
    a.wait_id("access-add")
    g.wait_for("the site access list to be read", lambda: "Loading" not in g.name_of(a.wait_id("access-users-count")),
               timeout=20)


def main():
    a = g.Admin("coord-tre")
    a.sync()
    a.show_view("Network")
    g.wait_for("the sites heading to name Tampere", lambda: "Tampere" in g.name_of(a.wait_id("sites-heading")))
    g.wait_for("Tampere's sites", lambda: a.rows("sites-list"))
    g.wait_for("the New Site button to be enabled",
               lambda: a.wait_id("network-new-site").getState().contains(pyatspi.STATE_ENABLED), timeout=20)
    g.screenshot("network-view.png")

    # Open the dialog from the keyboard: Alt+N in the view.
    a.focus("sites-list")
    g.key("alt+n")
    a.dialog("New Site")
    wait_step(a, 1)

    # Step 1: a new organisation (pointer on the radio button, keyboard in the field, Enter for Next).
    a.click("onboarding-org-new")
    type_into(a, "onboarding-org-name", ORG)
    g.key("Return")
    wait_step(a, 2)

    # Step 2: the role from the keyboard; Next with the site name empty stays and names the field.
    g.key("alt+v")
    g.wait_for("the Venue role to be chosen",
               lambda: a.wait_id("onboarding-role-venue").getState().contains(pyatspi.STATE_CHECKED), timeout=5)
    g.key("alt+n")
    problem = g.wait_for("an inline problem under the site name",
                         lambda: showing(a, "onboarding-site-name-problem")
                         and g.name_of(a.find("onboarding-site-name-problem")), timeout=10)
    if "Site name" not in problem:
        raise g.Failure(f"the problem does not name the field: {problem!r}")
    time.sleep(0.5)
    if "Step 2 of" not in step(a):
        raise g.Failure(f"Next went on with the site name empty: {step(a)!r}")
    g.log(f"empty site name: {problem!r}; still on {step(a)!r}")
    if a.focused() != "onboarding-site-name":
        raise g.Failure(f"focus is not on the field with the problem but on {a.focused()!r}")
    g.type_text(VENUE)
    g.wait_for("the problem to go once the name is typed", lambda: not showing(a, "onboarding-site-name-problem"),
               timeout=5)
    type_into(a, "onboarding-street", STREET)
    g.key("Tab")  # to the postcode, as the tab order follows the form
    if a.focused() != "onboarding-postcode":
        raise g.Failure(f"Tab from the street address went to {a.focused()!r}")
    g.type_text("3325")
    g.wait_for("a problem naming the postcode", lambda: showing(a, "onboarding-postcode-problem")
               and "Postcode" in g.name_of(a.find("onboarding-postcode-problem")), timeout=5)
    g.type_text("0")
    g.wait_for("the postcode problem to go", lambda: not showing(a, "onboarding-postcode-problem"), timeout=5)
    g.key("Return")
    wait_step(a, 3)

    # Step 3: contact person and commitments.
    # A name with a non-ASCII letter goes in as a paste would (xdotool types such letters unreliably).
    a.focus("onboarding-contact-name")
    a.set_text("onboarding-contact-name", CONTACT)
    g.key("Tab")
    g.type_text(EMAIL)
    g.key("Tab")
    g.type_text(PHONE)
    g.key("alt+k")
    g.wait_for("the commitments to be ticked",
               lambda: a.wait_id("onboarding-committed").getState().contains(pyatspi.STATE_CHECKED), timeout=5)
    a.click("onboarding-next")
    wait_step(a, 4)

    # Step 4: the venue profile; focus starts on the first category.
    if a.focused() != "onboarding-category-culture":
        raise g.Failure(f"focus on the venue profile step is on {a.focused()!r}")
    g.key("space")
    g.wait_for("Culture to be ticked",
               lambda: a.wait_id("onboarding-category-culture").getState().contains(pyatspi.STATE_CHECKED), timeout=5)
    a.click("onboarding-category-sports")
    type_into(a, "onboarding-offers", OFFERS)
    type_into(a, "onboarding-booking", BOOKING)
    type_into(a, "onboarding-accessibility", ACCESS)
    a.click("onboarding-cap-on")
    a.focus("onboarding-cap")
    g.key("ctrl+a")
    g.type_text("4")
    g.key("Tab")
    a.click("onboarding-next")
    wait_step(a, 5)
    summary = a.text("onboarding-summary")
    for expected in (ORG, VENUE, CONTACT, "Venue", "Culture", "Sports", "At most 4"):
        if expected not in summary:
            raise g.Failure(f"the summary lacks {expected!r}:\n{summary}")
    g.screenshot("onboarding.png")
    if a.focused() != "onboarding-finish":
        raise g.Failure(f"focus on the summary step is on {a.focused()!r}, not on Finish")
    g.key("Return")
    g.wait_for("the dialog to close", lambda: a.find("onboarding-step") is None, timeout=20)
    g.wait_for(f"{VENUE} in the sites list", lambda: any(r[0] == VENUE for r in a.rows("sites-list")))
    a.sync()

    rows = g.wait_for("the venue on the server", lambda: g.server_query(
        "SELECT s.id, s.role, s.municipality_code, s.street_address, s.postcode, s.contact_name, s.contact_email, "
        "s.contact_phone, s.status, s.commitment_on, s.commitment_version, o.name "
        "FROM site s JOIN organisation o ON o.id = s.organisation_id WHERE s.name = ?", (VENUE,)), timeout=30)
    site_id, role, municipality, street, postcode, contact, email, phone, status, committed_on, version, org = rows[0]
    expected = ("venue", "837", STREET, POSTCODE, CONTACT, EMAIL, PHONE, "proposed", ORG)
    got = (role, municipality, street, postcode, contact, email, phone, status, org)
    if got != expected:
        raise g.Failure(f"the server has {got}, expected {expected}")
    if not committed_on or not version:
        raise g.Failure(f"the commitment did not reach the server: {committed_on!r} {version!r}")
    profile = g.server_query("SELECT categories, offers, booking_channels, accessibility_notes, max_tickets_per_event "
                             "FROM venue_profile WHERE site_id = ?", (site_id,))
    if not profile:
        raise g.Failure("the venue profile is not on the server")
    categories, offers, booking, access, cap = profile[0]
    if "culture" not in categories or "sports" not in categories or (offers, booking, access, cap) != (
            OFFERS, BOOKING, ACCESS, 4):
        raise g.Failure(f"the server's venue profile is {profile[0]}")
    g.log(f"server has the venue {site_id} and its profile {profile[0]}")

    # Site access for the area's venue staff account.
    open_access(a)
    g.key("alt+a")
    a.wait_id("grant-users-list")
    a.select_row("grant-users-list", lambda c: STAFF in c, what=f"the account {STAFF}")
    a.click("grant-ok")
    g.wait_for(f"{STAFF} in the site access list", lambda: grant_rows(a), timeout=20)
    g.wait_for("the grant on the server", lambda: server_grant(site_id), timeout=30)
    g.log(f"access list: {grant_rows(a)}")
    g.key("Escape")
    g.wait_for("the site access dialog to close", lambda: a.find("access-users-list") is None, timeout=10)

    open_access(a)
    a.select_row("access-users-list", lambda c: STAFF in c and "Access given" in c,
                 what=f"the row of {STAFF} saying the register has the access")
    a.click("access-remove")
    g.wait_for(f"{STAFF} gone from the server's grants", lambda: not server_grant(site_id), timeout=30)
    g.wait_for("the list to tell the removal", lambda: not grant_rows(a) or any(
        "Access removed" in c for r in grant_rows(a) for c in r), timeout=20)
    a.click("access-close")
    g.wait_for("the site access dialog to close", lambda: a.find("access-users-list") is None, timeout=10)
    open_access(a)
    g.wait_for(f"{STAFF} gone from the site access list once the register has the removal",
               lambda: not grant_rows(a), timeout=20)
    g.key("Escape")
    g.wait_for("the site access dialog to close", lambda: a.find("access-users-list") is None, timeout=10)
    a.sync()
    if server_grant(site_id):
        raise g.Failure("the grant is still on the server")
    a.quit()


g.run(main)
