#!/usr/bin/python3
# test-a11y.py APP — walks the whole accessible tree of the real app on each of its pages, as a
# screen reader would meet them, and fails on any control a screen-reader user could not tell
# apart: a button, check box, entry, link or row to activate without a name, or a picture without a name
# or description. Icons inside a named control, and icons of at most 32 px that only decorate a
# row, are left alone: their control says what they are. TAP output, a test per page.
import time

from gcmui import App, check, finish, plan, rawinput, wait_for

# Each page is opened as the app reopens the page read last; what must be on it says it is there.
PAGES = [
    ("Home", "home", "Home"),
    ("a chapter of the manual", "chapter:basel", "Basel Convention — hazardous wastes"),
    ("a section with pictures", "item:manual/safety/dangerous-goods", "UN class 1 label"),
    ("the Cases gallery", "kind:case", "GcmCaseGallery"),
    ("a case with its photo", "item:case/2023-hai-phong-ivory-cow-horns", "Open Photo 1 of 1"),
    ("a procedure's checklist", "item:procedure/fumigated-container", "Handling a fumigated container"),
    ("a quiz", "item:quiz/dangerous-goods-labels", "GcmQuizView"),
    ("What Did You Find?", "identify", "Identification keys"),
    ("a key walked", "identify:key/wildlife", "GcmIdentifyView"),
    ("Check a Declaration", "risk-check", "GcmRiskCheckView"),
    ("Review", "review", "GcmReviewView"),
    ("What's New", "whats-new", "GcmWhatsNewView"),
    ("Bookmarks", "bookmarks", "Bookmarks"),
    ("search results", "search:ivory", "Items"),
]
EXTRA = ["the photo viewer", "Preferences"]

INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "entry",
               "password text", "spin button", "combo box", "slider", "link", "switch",
               "menu item", "check menu item", "radio menu item", "page tab"}
ICON_SIZE = 32

def walk(node, limit=30000):
    """Every node below @node, with the nearest named interactive ancestor of each."""
    stack = [(node, None)]
    while stack and limit > 0:
        n, owner = stack.pop()
        limit -= 1
        yield n, owner
        try:
            children = n.children
        except Exception:
            continue
        named = owner or (n if interactive(n) and (n.name or "").strip() else None)
        stack.extend((c, named) for c in reversed(children))


def find(node, name):
    for n, _ in walk(node):
        if n.name == name:
            return n
    return None


def is_shown(n):
    """GTK 4.8 reports no "showing" state: a node on screen has a size and a place."""
    try:
        width, height = n.size
        return width > 0 and height > 0
    except Exception:
        return False


def interactive(n):
    """A list item is a control only when it takes focus: a row to activate, not a bullet."""
    return n.roleName in INTERACTIVE or (n.roleName == "list item" and n.focusable)


def unnamed(frame):
    problems = []
    for n, owner in walk(frame):
        role, name = n.roleName, (n.name or "").strip()
        if not is_shown(n) or (n.parent is not None and n.parent.name == "AdwToastWidget"):
            continue  # libadwaita 1.2 leaves its toasts' close button unnamed; the app cannot
        # A combo row's choices are read by their labels; GTK 4.8 cannot name their rows.
        if interactive(n) and (not name or name.startswith("Gtk")) and \
                not (owner is not None and owner.roleName == "combo box"):
            problems.append(f"a {role} without a name, in {n.parent.roleName} {n.parent.name!r}")
        elif role == "image" and not name and not (n.description or "").strip():
            width, height = n.size
            if owner is None and (width > ICON_SIZE or height > ICON_SIZE):
                problems.append(f"a {width}×{height} picture without a name or description, "
                                f"in {n.parent.roleName} {n.parent.name!r}")
    return problems


plan(len(PAGES) + len(EXTRA))
app = App("a11y")
app.run("--status")
for title, route, marker in PAGES:
    frame = app.start(route)
    try:
        shown = frame and wait_for(lambda: find(frame, marker))
        time.sleep(1)  # pictures and rows that arrive from the workers
        problems = unnamed(frame) if shown else [f"{route} did not show {marker!r}"]
        check(f"every control on {title} has a name", not problems, problems)
        if route.startswith("item:case/") and shown:
            shown.doActionNamed("click")
            viewer = wait_for(lambda: find(frame, "GcmPhotoViewer"))
            time.sleep(1)
            problems = unnamed(frame) if viewer else ["the photo viewer did not open"]
            check("every control on the photo viewer has a name", not problems, problems)
        if route == "home":
            rawinput.keyCombo("<Control>comma")
            app_node = frame.parent
            prefs = wait_for(lambda: [w for w in app_node.children
                                      if w.name == "Preferences"])
            problems = unnamed(prefs[0]) if prefs else ["Ctrl+, did not open Preferences"]
            check("every control on Preferences has a name", not problems, problems)
    finally:
        app.stop()
finish()
