"""Offline work: with the register's server stopped, an issuer registers a card and a venue records uses of cards;
the window says it is offline and how many changes wait; when the server is back, one Sync now delivers everything,
and the register has exactly those rows."""

import os
import signal
import subprocess
import time

import kaiku_gui as g


def stop_server():
    pid = int(os.environ["KAIKU_SERVER_PID"])
    os.kill(pid, signal.SIGTERM)
    g.wait_for("the server to stop", lambda: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode,
               timeout=20)
    g.log("the register's server is stopped")


def start_server():
    port = g.SERVER_URL.rsplit(":", 1)[1]
    log = open(os.path.join(g.WORK, "server-restarted.log"), "w")
    proc = subprocess.Popen([os.environ["KAIKU_SERVER"], "--database", f"sqlite:{g.SERVER_DB}", "--listen",
                             f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    import urllib.request

    def up():
        try:
            urllib.request.urlopen(g.SERVER_URL + "/healthz", timeout=2)
            return True
        except urllib.error.HTTPError:
            return True  # answering at all is enough
        except Exception:
            return False
    g.wait_for("the server to answer again", up, timeout=30)
    g.log(f"the register's server is back on port {port}")
    return proc


def main():
    issuer_site = g.server_query("SELECT scope_id FROM app_user WHERE login = 'issuer-tre'")[0][0]
    card = g.free_card(issuer_site)
    used = [r[0] for r in g.server_query(
        "SELECT c.id FROM card c JOIN area a ON a.id = c.area_id WHERE a.prefix = 'TRE' AND c.status = 'registered' "
        "ORDER BY c.id LIMIT 2")]
    uses_before = g.server_query("SELECT COUNT(*) FROM usage")[0][0]

    # Both sign in while the register answers (the first sign-in needs it), then it goes away.
    issuer = g.Admin("issuer-tre")
    venue = g.Admin("venue-tre")
    issuer.wait_status("Online")
    venue.wait_status("Online")
    stop_server()

    issuer.show_view("Cards")
    issuer.wait_id("cards-list")
    issuer.click("register-card-button")
    issuer.dialog("Register Card")
    issuer.set_text("register-card-id", card)
    issuer.set_text("register-card-birth-year", "1981")
    issuer.set_text("register-card-postcode", "33200")
    issuer.set_text("register-card-children", "1")
    time.sleep(0.5)
    issuer.click("register-card-ok")
    g.wait_for("the register dialog to close", lambda: issuer.find("register-card-ok") is None, timeout=20)
    issuer.wait_status("Offline", timeout=30)
    issuer.wait_status("1 change not sent yet", timeout=30)
    g.log(f"issuer offline: {issuer.status()!r}")

    venue.show_view("Uses")
    venue.wait_id("uses-list")
    venue.click("uses-record")
    for cid in used:
        venue.set_text("use-card", cid)
        g.wait_for("the card problem to go", lambda: g.name_of(venue.find("use-card-problem")) == "", timeout=10)
        venue.click("use-ok")
        g.wait_for(f"the use of {cid} to be recorded",
                   lambda: cid in g.name_of(venue.find("use-status")), timeout=20)
    venue.click("use-close")
    venue.wait_status("2 changes not sent yet", timeout=30)
    venue.wait_status("Offline", timeout=30)
    g.screenshot("offline-changes")
    g.log(f"venue offline: {venue.status()!r}")
    if g.server_query("SELECT COUNT(*) FROM usage")[0][0] != uses_before:
        raise g.Failure("uses reached the server while it was stopped?")

    server = start_server()
    try:
        issuer.sync()
        venue.sync()
        issuer.wait_status("All changes sent")
        venue.wait_status("All changes sent")
        registered = g.server_query("SELECT status, issuer_site_id, birth_year FROM card WHERE id = ?", (card,))
        uses = g.server_query("SELECT COUNT(*) FROM usage")[0][0] - uses_before
        g.log(f"after one sync each: card {card} on the server as {registered}, {uses} new uses")
        if registered != [("registered", issuer_site, 1981)]:
            raise g.Failure(f"the card registered offline did not arrive: {registered}")
        if uses != 2:
            raise g.Failure(f"expected the 2 uses recorded offline on the server, found {uses}")
        issuer.quit()
        venue.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)


g.run(main)
