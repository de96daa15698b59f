"""Shared driver for kaiku-admin GUI tests: starts the real window, finds controls by their stable accessible ids
(AT-SPI), types and clicks as a user would, and checks results on the real server (its SQLite file and REST API).

Run inside run_gui_test.sh (it provides the X display, the D-Bus session, the server and these variables):
KAIKU_ADMIN, KAIKU_SERVER_URL, KAIKU_SERVER_DB, KAIKU_WORK. Use Debian's /usr/bin/python3 (pyatspi).
Every check logs one line; a failed check raises Failure. Call `run(main)` from the test script.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
import urllib.request

import pyatspi

TIMEOUT = 60.0
DEMO_PASSWORD = "kaikukortti-demo"
WORK = os.environ.get("KAIKU_WORK", "/tmp")
SERVER_URL = os.environ.get("KAIKU_SERVER_URL", "")
SERVER_DB = os.environ.get("KAIKU_SERVER_DB", "")


STARTED = []  # every Admin of this test, for the failure report


class Failure(Exception):
    pass


class Fatal(Failure):
    """A failure no waiting can mend (the window's process ended): wait_for passes it on at once."""


def log(msg):
    print(f"gui: {msg}", flush=True)


def wait_for(what, probe, timeout=TIMEOUT, interval=0.2):
    """Polls probe() until it returns a truthy value; raises Failure naming `what` on timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Fatal:
            raise
        except Exception as e:  # the tree changes under us while the window updates
            last_error = e
        time.sleep(interval)
    detail = f" (last error: {last_error})" if last_error else ""
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}{detail}")


def screenshot(name):
    path = os.path.join(WORK, name if name.endswith(".png") else name + ".png")
    subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
    log(f"screenshot written to {path}")
    return path


def accessible_id(acc):
    try:
        return acc.get_accessible_id() or ""
    except Exception:
        return ""


def name_of(acc):
    acc.clear_cache()
    return acc.name or ""


def click(acc):
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            return
    action.doAction(0)


# --- keyboard (XTest: goes to the focused window, as a user's keys do)

def key(combo):
    """Presses a key combination by xdotool name: "Return", "Tab", "shift+Tab", "ctrl+r", "alt+s", "Escape"."""
    subprocess.run(["xdotool", "key", "--clearmodifiers", combo], check=True, timeout=10)
    time.sleep(0.15)


def activate_window(title_regex):
    """Gives the X input focus to a window by its title, as a window manager does when a dialog opens or closes
    (the test display has no window manager). Not a user's step: the keys that follow are."""
    subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", title_regex, "windowfocus", "--sync"],
                   check=True, timeout=20, stdout=subprocess.DEVNULL)
    time.sleep(0.3)


def type_text(text):
    """Types text into the focused control key by key (a keyboard-wedge scanner does the same)."""
    subprocess.run(["xdotool", "type", "--delay", "15", text], check=True, timeout=60)
    time.sleep(0.2)


# --- the server side: what a test checks after the window says it is done

def server_query(sql, params=()):
    """Rows of a read-only query on the server's SQLite database."""
    con = sqlite3.connect(f"file:{SERVER_DB}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def api(path, login="kaikukeskus", method="GET", body=None):
    """Calls the server's REST API as `login` (demo password) and returns the parsed JSON."""
    def call(p, data=None, token=None, m="GET"):
        req = urllib.request.Request(SERVER_URL + p, method=m, data=json.dumps(data).encode() if data else None,
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {token}"} if token else {})})
        with urllib.request.urlopen(req, timeout=30) as res:
            return json.loads(res.read() or b"null")
    token = call("/v1/login", {"login": login, "password": DEMO_PASSWORD, "device_name": "gui test"}, m="POST")["token"]
    return call(path, body, token, method)


# --- demo data: card IDs

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def check_character(payload):
    """Luhn mod 36 over the prefix and serial, as printed on the cards."""
    factor, total = 2, 0
    for ch in reversed(payload):
        addend = factor * ALPHABET.index(ch)
        factor = 1 if factor == 2 else 2
        total += addend // 36 + addend % 36
    return ALPHABET[(36 - total % 36) % 36]


def card_id(prefix, serial):
    payload = f"{prefix}{serial:06d}"
    return f"{prefix}-{serial:06d}-{check_character(payload)}"


def free_card(site_id):
    """An unregistered card in a range allocated to the site (the demo leaves spare cards in every allocation)."""
    for first, last, prefix in server_query(
            "SELECT a.first_serial, a.last_serial, ar.prefix FROM allocation a JOIN card_batch b ON b.id = a.batch_id "
            "JOIN area ar ON ar.id = b.area_id WHERE a.site_id = ? ORDER BY a.last_serial DESC", (site_id,)):
        for serial in range(last, first - 1, -1):
            cid = card_id(prefix, serial)
            if not server_query("SELECT 1 FROM card WHERE id = ?", (cid,)):
                return cid
    raise Failure(f"no free card allocated to site {site_id}")



# --- focus as a screen reader learns it: from focus events (some focused widgets, like the button inside a choice,
# are not reachable by walking the tree)

class _FocusEvents:
    def __init__(self):
        from gi.repository import GLib
        self._context = GLib.MainContext.default()
        self.last = None
        pyatspi.Registry.registerEventListener(self._on_event, "object:state-changed:focused")

    def _on_event(self, event):
        if event.detail1 == 1:
            self.last = event.source

    def current(self):
        while self._context.pending():
            self._context.iteration(False)
        return self.last


_focus_events = _FocusEvents()  # before any window starts, so that its bridge knows someone listens


# --- announcements to assistive technology (what a screen reader speaks without the focus moving)

class Announcements:
    """Collects the `object:announcement` events of the accessibility bus (ATK's "announcement" signal, forwarded by
    at-spi2's bridge with the text as the event's data). Create it before the window starts, so that the
    application's bridge knows from the first moment that someone listens."""

    EVENT = "object:announcement"

    def __init__(self):
        from gi.repository import GLib
        self._context = GLib.MainContext.default()
        self.seen = []
        pyatspi.Registry.registerEventListener(self._on_event, self.EVENT)

    def _on_event(self, event):
        text = event.any_data if isinstance(event.any_data, str) else ""
        if not text:  # older bridges put the text only into the event's detail
            text = event.type.split(":", 2)[2] if event.type.count(":") >= 2 else ""
        self.seen.append(text)
        log(f"announced ({event.type.split(':')[0]}:{event.type.split(':')[1]}): {text!r}")

    def pump(self):
        while self._context.pending():
            self._context.iteration(False)

    def mark(self):
        """Takes in what was announced so far; a following wait() looks only at later announcements."""
        self.pump()
        self._mark = len(self.seen)

    def wait(self, what, predicate, timeout=30):
        """The first announcement since the last mark() whose text satisfies predicate(text)."""
        start = getattr(self, "_mark", 0)

        def probe():
            self.pump()
            return next((t for t in self.seen[start:] if predicate(t)), None)
        return wait_for(f"an announcement of {what}", probe, timeout, interval=0.05)

    def close(self):
        pyatspi.Registry.deregisterEventListener(self._on_event, self.EVENT)


# --- the application

class Admin:
    """One running kaiku-admin window. `name` keeps its cache, settings and log apart from other instances."""

    def __init__(self, user, name=None, password=DEMO_PASSWORD, lang="en", server=None, args=(), env=None):
        self.name = name or user
        self.lang = lang
        self.home = os.path.join(WORK, self.name)
        os.makedirs(self.home, exist_ok=True)
        self.cache = os.path.join(self.home, "cache.sqlite")
        self.log_path = os.path.join(self.home, "admin.log")
        environment = dict(os.environ)
        environment.pop("NO_AT_BRIDGE", None)
        locale = {"fi": "fi_FI.UTF-8", "sv": "sv_FI.UTF-8"}.get(lang, "C.UTF-8")
        environment.update({"GNOME_ACCESSIBILITY": "1", "LANG": locale, "LANGUAGE": lang,
                            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
                            "XDG_DATA_HOME": os.path.join(self.home, "data")})
        if password is not None:
            environment["KAIKU_PASSWORD"] = password
        else:
            environment.pop("KAIKU_PASSWORD", None)
        environment.update(env or {})
        command = [os.environ["KAIKU_ADMIN"], "--server", server or SERVER_URL, "--cache", self.cache,
                   "--lang", lang]
        if user:
            command += ["--user", user]
        command += list(args)
        self.log_file = open(self.log_path, "a")
        self.proc = subprocess.Popen(command, stdout=self.log_file, stderr=subprocess.STDOUT, env=environment)
        STARTED.append(self)
        self.app = wait_for(f"kaiku-admin ({self.name}) on the accessibility bus", self._find_app, timeout=30)
        log(f"started kaiku-admin as {user or '(no user)'} [{self.name}], pid {self.proc.pid}")

    def alive(self):
        """Raises Fatal, with the exit status and the log, once the process has ended."""
        if self.proc.poll() is not None:
            raise Fatal(f"kaiku-admin [{self.name}] ended with status {self.proc.returncode}; log:\n{self.log()}")

    def _find_app(self):
        self.alive()
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == self.proc.pid:
                    return app
            except Exception:
                pass
        return None

    def log(self):
        with open(self.log_path) as f:
            return f.read()

    # finding controls
    def find(self, ident, root=None):
        self.alive()
        root = root or self.app
        root.clear_cache()
        return pyatspi.findDescendant(root, lambda a: accessible_id(a) == ident, breadth_first=True)

    def wait_id(self, ident, timeout=TIMEOUT):
        """The control with this accessible id, once it exists and is showing."""
        def probe():
            acc = self.find(ident)
            return acc if acc is not None and acc.getState().contains(pyatspi.STATE_SHOWING) else None
        return wait_for(f"a control with accessible id {ident!r}", probe, timeout)

    def find_role(self, role, name=None, root=None):
        self.alive()
        root = root or self.app
        root.clear_cache()
        return pyatspi.findDescendant(root, lambda a: a.getRole() == role and (name is None or a.name == name),
                                      breadth_first=True)

    def dialog(self, title=None, timeout=TIMEOUT):
        """A dialog window of this application (by its title when given)."""
        def probe():
            self.app.clear_cache()
            for win in self.app:
                if win is not None and win.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT, pyatspi.ROLE_FRAME) \
                        and win.getState().contains(pyatspi.STATE_SHOWING) and (title is None or title in name_of(win)):
                    return win
            return None
        return wait_for(f"dialog {title or ''!r} to be showing", probe, timeout)

    def text(self, ident):
        acc = self.wait_id(ident)
        try:
            t = acc.queryText()
            return t.getText(0, t.characterCount)
        except NotImplementedError:
            return name_of(acc)

    def set_text(self, ident, value):
        """Replaces the text of an entry as a paste would (fires the change events the form validates on)."""
        acc = self.wait_id(ident)
        acc.queryEditableText().setTextContents(value)
        time.sleep(0.1)

    def focus(self, ident):
        acc = self.wait_id(ident)
        acc.queryComponent().grabFocus()
        wait_for(f"focus on {ident!r}", lambda: acc.getState().contains(pyatspi.STATE_FOCUSED), timeout=5)
        return acc

    def click(self, ident):
        acc = self.wait_id(ident)
        wait_for(f"{ident!r} to be enabled", lambda: acc.getState().contains(pyatspi.STATE_ENABLED), timeout=15)
        click(acc)
        time.sleep(0.1)

    def focused(self):
        """The accessible id (or role:name) of the control that has keyboard focus."""
        self.app.clear_cache()
        skip = (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE)

        def walk(acc, depth=0):
            # Lists are not entered: their rows are data (and many), and a focused list reports itself.
            if acc is None or depth > 60:
                return None
            try:
                state = acc.getState()
                if depth > 0 and not state.contains(pyatspi.STATE_SHOWING):
                    return None
                if state.contains(pyatspi.STATE_FOCUSED):
                    return acc
                if acc.getRole() in skip:
                    return None
                for child in acc:
                    found = walk(child, depth + 1)
                    if found is not None:
                        return found
            except Exception:
                return None
            return None
        # What a screen reader follows: the last object that told it got the focus, while it still has it (this
        # also finds the button inside a choice, which a walk of the tree does not reach); else a walk of the tree.
        acc = None
        last = _focus_events.current()
        try:
            if last is not None:
                last.clear_cache()
                state = last.getState()
                if state.contains(pyatspi.STATE_FOCUSED) and state.contains(pyatspi.STATE_SHOWING):
                    acc = last
        except Exception:
            acc = None
        if acc is None:
            acc = walk(self.app)
        if acc is None:
            return ""
        return accessible_id(acc) or f"{acc.getRoleName()}:{acc.name}"

    # lists (wxDataViewCtrl is a GtkTreeView: a table)
    def rows(self, ident):
        acc = self.wait_id(ident)
        acc.clear_cache()
        table = acc.queryTable()
        out = []
        for r in range(table.nRows):
            cells = []
            for c in range(table.nColumns):
                cell = table.getAccessibleAt(r, c)
                cells.append(cell.name if cell is not None else "")
            out.append(cells)
        return out

    def select_row(self, ident, predicate, what="a matching row", timeout=TIMEOUT):
        """Selects the first row whose cells satisfy predicate(cells); returns the cells."""
        def probe():
            for i, cells in enumerate(self.rows(ident)):
                if predicate(cells):
                    return i, cells
            return None
        index, cells = wait_for(f"{what} in {ident!r}", probe, timeout)
        table = self.wait_id(ident).queryTable()
        table.addRowSelection(index)
        time.sleep(0.2)
        log(f"selected row {index} of {ident!r}: {cells}")
        return cells

    # menus and views
    def menu(self, menu_name, item_name):
        """Opens a menu of the menu bar, then activates one of its items, as a user would."""
        menu = wait_for(f"menu {menu_name!r}", lambda: self.find_role(pyatspi.ROLE_MENU, menu_name), timeout=10)
        click(menu)
        item = wait_for(f"menu item {item_name!r}", lambda: self.find_role(pyatspi.ROLE_MENU_ITEM, item_name, menu),
                        timeout=10)
        wait_for(f"menu item {item_name!r} to be showing",
                 lambda: item.getState().contains(pyatspi.STATE_SHOWING), timeout=5, interval=0.05)
        click(item)
        log(f"chose {menu_name} > {item_name}")

    def show_view(self, title):
        """Selects a view in the navigation list by its title (e.g. "Cards")."""
        nav = self.wait_id("navigation")
        def probe():
            nav.clear_cache()
            for i in range(nav.childCount):
                child = nav.getChildAtIndex(i)
                if child is not None and child.name == title:
                    return i + 1
            # GtkListBox rows may nest the label one level down
            for i in range(nav.childCount):
                child = nav.getChildAtIndex(i)
                if child is not None and any(c is not None and c.name == title for c in child):
                    return i + 1
            return None
        index = wait_for(f"view {title!r} in the navigation", probe, timeout=20)
        nav.querySelection().selectChild(index - 1)
        time.sleep(0.3)
        log(f"showing view {title!r}")

    def status(self):
        return name_of(self.wait_id("status-text"))

    def wait_status(self, text, timeout=TIMEOUT):
        return wait_for(f"the status bar to say {text!r}", lambda: text in self.status(), timeout)

    def sync(self, timeout=TIMEOUT):
        """Presses Sync now and waits until that round finished with the register reached."""
        progress = self.find("sync-progress")
        before = name_of(progress) if progress is not None else ""
        time.sleep(1.0)  # the finish line carries the time to the second: make it differ from the last one
        self.click("sync-button")
        label = wait_for("the sync to finish", lambda: (lambda t: t if t != before and "finished" in t else None)(
            name_of(self.find("sync-progress"))), timeout)
        log(f"synced: {label!r}; status bar: {self.status()!r}")
        return label

    def quit(self):
        """File > Quit; the process must end cleanly with no BUG, GTK critical or sanitizer report in its log."""
        self.menu(*{"fi": ("Tiedosto", "Lopeta"), "sv": ("Arkiv", "Avsluta")}.get(self.lang, ("File", "Quit")))
        try:
            status = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure(f"kaiku-admin [{self.name}] did not exit within 15 s of File > Quit")
        if status != 0:
            raise Failure(f"kaiku-admin [{self.name}] exited with status {status}; log:\n{self.log()}")
        self.check_log()
        log(f"kaiku-admin [{self.name}] quit cleanly")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def outline(self, depth_limit=6):
        """The showing part of the accessibility tree, one line per object (role, id, name), for failure reports."""
        lines = []

        def walk(acc, depth):
            if acc is None or depth > depth_limit or len(lines) > 400:
                return
            try:
                acc.clear_cache()
                states = acc.getState()
                if depth > 1 and not states.contains(pyatspi.STATE_SHOWING):
                    return
                lines.append(f"{'  ' * depth}{acc.getRoleName()} [{accessible_id(acc)}] {(acc.name or '')[:80]!r}")
                if acc.getRole() in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST):
                    lines.append(f"{'  ' * (depth + 1)}({acc.childCount} children)")
                    return
                for child in acc:
                    walk(child, depth + 1)
            except Exception as e:
                lines.append(f"{'  ' * depth}(unreadable: {e})")
        walk(self.app, 0)
        return "\n".join(lines)

    def check_log(self):
        markers = ("BUG:", "-CRITICAL **", "Sanitizer", "runtime error:")  # the last two: build-san reports
        bad = [line for line in self.log().splitlines() if any(m in line for m in markers)]
        if bad:
            raise Failure(f"kaiku-admin [{self.name}] reported a bug or a GTK critical:\n" + "\n".join(bad))


def run(main):
    """Runs main(); prints PASS or FAIL with a screenshot and the logs of any windows left open."""
    try:
        main()
    except Exception as e:
        print(f"gui: FAIL: {e}", flush=True)
        if not isinstance(e, Failure):
            traceback.print_exc()
        try:
            screenshot("failure.png")
        except Exception:
            pass
        for a in STARTED:
            if a.proc.poll() is None:
                print(f"--- what kaiku-admin [{a.name}] shows to assistive technology\n{a.outline()}", flush=True)
            else:
                print(f"--- kaiku-admin [{a.name}] ended with status {a.proc.returncode}", flush=True)
            print(f"--- log of kaiku-admin [{a.name}]\n{a.log()}", flush=True)
            a.kill()
        sys.exit(1)
    for a in STARTED:
        a.kill()
    print("gui: PASS", flush=True)
