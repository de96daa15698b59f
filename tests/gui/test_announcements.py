"""Status changes are announced to assistive technology, in the user's language (Finnish here): Ctrl+R's sync ends
with "Synkronointi valmistui klo …" spoken without the focus moving, and a wrong value in a form is spoken as the
problem line under the field says it, once the user pauses; with the register's server stopped, Ctrl+R's failure
is announced too. Listens on the accessibility bus as a screen reader does
(`object:announcement`)."""

import os
import re
import signal
import subprocess
import time

import kaiku_gui as g


def main():
    heard = g.Announcements()
    a = g.Admin("coord-tre", lang="fi")
    g.wait_for("the coordinator's views", lambda: a.wait_id("navigation").childCount >= 5, timeout=60)
    g.wait_for("the first sync to end", lambda: re.search(r"\d\d[:.]\d\d", a.status()), timeout=60)
    time.sleep(1.0)
    a.focus("navigation")

    # Ctrl+R syncs; the finish is announced in Finnish.
    time.sleep(1.0)  # the finish line carries the time to the second
    heard.mark()
    g.key("ctrl+r")
    text = heard.wait("the finished sync", lambda t: t.startswith("Synkronointi valmistui klo"), timeout=60)
    g.log(f"Ctrl+R: announced {text!r}")
    if a.focused() != "navigation":
        raise g.Failure(f"the announcement moved the focus to {a.focused()!r}")

    # A wrong date in the quota form: the problem under the field is announced as it reads.
    g.key("ctrl+5")
    time.sleep(0.8)
    a.click("quotas-set")
    a.wait_id("quota-site")
    a.set_text("quota-start", "31.2.2026")
    heard.mark()
    a.click("quota-ok")
    line = g.wait_for("the problem under the first day", lambda: g.name_of(a.find("quota-start-problem")), timeout=10)
    spoken = heard.wait("the wrong date", lambda t: t == line, timeout=10)
    g.log(f"wrong date: line {line!r}, announced {spoken!r}")
    # Mending the value clears the line; nothing more is announced for it.
    a.set_text("quota-start", "1.1.2026")
    g.wait_for("the problem to clear", lambda: g.name_of(a.find("quota-start-problem")) == "", timeout=10)
    g.key("Escape")
    g.wait_for("the dialog to close", lambda: a.find("quota-ok") is None, timeout=10)

    # The register goes away: Ctrl+R's failure is announced with what the user sees now.
    pid = int(os.environ["KAIKU_SERVER_PID"])
    os.kill(pid, signal.SIGTERM)
    g.wait_for("the server to stop", lambda: subprocess.run(["kill", "-0", str(pid)],
                                                            capture_output=True).returncode, timeout=20)
    g.activate_window("^Kaiku Admin")
    heard.mark()
    g.key("ctrl+r")
    text = heard.wait("the failed sync", lambda t: g.SERVER_URL in t, timeout=60)
    g.log(f"server stopped, Ctrl+R: announced {text!r}")
    heard.close()
    a.quit()


g.run(main)
