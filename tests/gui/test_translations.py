"""The window in Finnish and Swedish has no untranslated English label: each main view of a coordinator is read
through the accessibility tree in English, then in Finnish and in Swedish, and every label, button, menu item, column
header, check box and tooltip-less text that reads the same as in English is reported, unless it is a proper noun or
data (allow-list below). Also checks that dates in the status bar follow the language (22.11.2026 in fi/sv)."""

import re
import time

import pyatspi

import kaiku_gui as g

ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_LABEL, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_MENU,
         pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TABLE_COLUMN_HEADER, pyatspi.ROLE_PAGE_TAB,
         pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_FRAME}
# Proper nouns and words that are the same in the three languages.
ALLOWED = {"Kaiku Admin", "OK", "Status", "Kaikukortti", "Kaikukanta", "Kaikukeskus", "suomi", "svenska", "English"}
# Words the same in English and the language.
SAME_WORD = {"sv": {"Organisation", "Period"}, "fi": set()}


def is_data(text):
    """Numbers, dates, ids, URLs, logins and names from the demo register are data, not interface text."""
    return (not re.search(r"[A-Za-z]{2}", text) or re.search(r"https?://|@|coord-|[A-Z]{3}-\d{6}", text)
            or re.fullmatch(r"[\d\s.,:%/()\-–—…]+", text) is not None)


def texts(a):
    """Interface texts of the showing part of the window, without the lists' cells (data)."""
    found = set()
    a.app.clear_cache()

    def walk(acc, depth=0):
        if acc is None or depth > 40:
            return
        try:
            if depth > 0 and not acc.getState().contains(pyatspi.STATE_SHOWING):
                return
            role = acc.getRole()
            if role == pyatspi.ROLE_TABLE_CELL:
                return
            name = (acc.name or "").strip()
            if role in ROLES and name:
                found.add(name.replace("\u2026", "...").strip())
            for child in acc:
                walk(child, depth + 1)
        except Exception:
            pass
    walk(a.app)
    return {t for t in found if not is_data(t)}


def view_names(a):
    nav = a.wait_id("navigation")
    nav.clear_cache()
    return [nav.getChildAtIndex(i).name for i in range(nav.childCount)]


def collect(lang):
    a = g.Admin("coord-tre", name=f"coord-{lang}", lang=lang)
    # The first sync signs in; the coordinator's views come with it.
    g.wait_for("the views of the coordinator", lambda: len(view_names(a)) >= 5, timeout=60)
    g.wait_for("the first sync to end", lambda: re.search(r"\d\d[:.]\d\d", a.status()), timeout=60)
    per_view = []
    for i, title in enumerate(view_names(a)):
        nav = a.wait_id("navigation")
        nav.querySelection().selectChild(i)
        time.sleep(0.8)
        per_view.append((title, texts(a)))
    status = a.status()
    g.screenshot(f"main-window-{lang}")
    return a, per_view, status


def main():
    english = {}
    a, views, _ = collect("en")
    for title, found in views:
        english[len(english)] = found
    a.quit()
    all_english = set().union(*english.values())
    g.log(f"English: {len(all_english)} interface texts over {len(views)} views")

    problems = []
    for lang in ("fi", "sv"):
        a, views, status = collect(lang)
        if not re.search(r"\d{1,2}\.\d{1,2}\.20\d\d", status):
            problems.append(f"{lang}: the status bar's date is not written d.m.yyyy: {status!r}")
        for index, (title, found) in enumerate(views):
            same = sorted(t for t in found & english.get(index, set()) if t not in ALLOWED | SAME_WORD[lang])
            g.log(f"{lang} / {title}: {len(found)} texts, untranslated: {same}")
            problems += [f"{lang} / {title}: {t!r}" for t in same]
        a.quit()
    if problems:
        raise g.Failure("untranslated interface texts:\n  " + "\n  ".join(problems))


g.run(main)
