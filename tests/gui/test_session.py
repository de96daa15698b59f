"""Sign-in and start: first run asks for the server and account, a wrong password is told in the dialog without
losing what was typed, the session is remembered (the next start needs no password and works offline), and signing
out with unsent changes asks first. A first start that cannot reach the register shows no views until the role is
known."""

import kaiku_gui as g


def main():
    # First run: no user, no password. The sign-in dialog comes up with the server prefilled.
    a = g.Admin(user=None, name="first-run", password=None)
    a.dialog("Sign In")
    server = a.text("signin-server")
    if server != g.SERVER_URL:
        raise g.Failure(f"the server address is not prefilled: {server!r}")
    a.set_text("signin-login", "coord-tre")
    a.set_text("signin-password", "wrong password")
    a.click("signin-ok")
    problem = g.wait_for("the dialog to say the password is wrong",
                         lambda: (lambda t: t if "not right" in t else None)(g.name_of(a.find("signin-problem"))))
    g.log(f"wrong password: {problem!r}")
    if a.text("signin-login") != "coord-tre":
        raise g.Failure("the user name typed was lost after the failed sign-in")
    g.screenshot("sign-in-dialog")
    a.set_text("signin-password", g.DEMO_PASSWORD)
    a.click("signin-ok")
    a.wait_id("navigation")
    a.wait_status("Online")
    a.wait_status("All changes sent")
    a.wait_status("Signed in as coord-tre")
    g.log(f"signed in: {a.status()!r}")
    a.quit()

    # Second start, same settings, no password, server unreachable: straight to the cached data.
    b = g.Admin(user=None, name="first-run", password=None, server="http://127.0.0.1:1")
    b.wait_id("areas-list")
    rows = g.wait_for("cached areas", lambda: b.rows("areas-list"))
    g.log(f"second start offline shows {len(rows)} cached areas without asking for a password")
    b.wait_status("Offline")
    b.quit()

    # A first start that cannot reach the register: no views of a role it does not know yet, a page that says so.
    c = g.Admin("coord-tre", name="never-signed-in", server="http://127.0.0.1:1")
    page = g.name_of(c.wait_id("signing-in"))
    if "first sign-in" not in page:
        raise g.Failure(f"the page before the first sign-in says {page!r}")
    c.wait_status("Offline")
    c.wait_status("coord-tre, not signed in")
    nav = c.wait_id("navigation")
    nav.clear_cache()
    views = [child.name for child in nav if child is not None and child.name]
    if views:
        raise g.Failure(f"views are listed before the first sign-in told the role: {views}")
    g.log(f"before the first sign-in: {page!r}")
    c.quit()


g.run(main)
