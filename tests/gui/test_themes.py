"""Desktop themes: the window comes up under GTK's high-contrast theme (and Adwaita dark) without a GTK critical,
every main view is shown and photographed (high-contrast-*.png, dark-*.png in the work directory), and the window
quits cleanly. The pictures are for a person to look at: colours must follow the theme."""

import re
import time

import kaiku_gui as g

VIEWS = {1: "network", 2: "cards", 4: "messages", 5: "quotas"}


def run_theme(theme, prefix):
    a = g.Admin("coord-tre", name=f"coord-{prefix}", env={"GTK_THEME": theme})
    g.wait_for("the coordinator's views", lambda: a.wait_id("navigation").childCount >= 5, timeout=60)
    g.wait_for("the first sync to end", lambda: re.search(r"\d\d:\d\d", a.status()), timeout=60)
    a.focus("navigation")
    for number, name in VIEWS.items():
        g.key(f"ctrl+{number}")
        time.sleep(1.0)
        g.screenshot(f"{prefix}-{name}")
    # A form with a problem line: its colour must read on the theme's background.
    g.key("ctrl+5")
    time.sleep(0.5)
    a.click("quotas-set")
    a.wait_id("quota-site")
    a.set_text("quota-start", "31.2.2026")
    a.click("quota-ok")
    g.wait_for("the problem under the first day", lambda: g.name_of(a.find("quota-start-problem")), timeout=10)
    time.sleep(0.5)
    g.screenshot(f"{prefix}-form-problem")
    g.key("Escape")
    g.wait_for("the dialog to close", lambda: a.find("quota-ok") is None, timeout=10)
    a.check_log()
    a.quit()  # checks the log again: no BUG and no GTK critical
    g.log(f"{theme}: the main views came up and the window quit cleanly")


def main():
    run_theme("HighContrast", "high-contrast")
    run_theme("Adwaita:dark", "dark")


g.run(main)
