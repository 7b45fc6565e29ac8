#!/usr/bin/python3
# test-window.py APP — drives the real app through AT-SPI (dogtail) as an officer would, by mouse
# and by keyboard, and checks what the officer would see: the bundled manual appears, a first
# start opens Home, Enter activates the focused sidebar row and the focused search result,
# pictures are laid out with a size, every button has a name, a bookmark made with Ctrl+D is
# listed on the Bookmarks page and can be removed there, the sync status offers Check now, What's New lists what the updates
# brought and opens it, a case card opens its page whose photo opens the viewer (Escape closes it),
# a procedure step is ticked by keyboard, an identification key walked by its number keys ends in
# an outcome whose procedure opens, and a restart reopens the last page. TAP output.
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display and a session bus")
    sys.exit(0)

from dogtail import rawinput  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gcm_atspi import (all_passed, check, find_all, first, item_heading, item_list,  # noqa: E402
                       list_heading, rows_of, screenshot, sidebar, stop_app, wait_for)
import gcm_atspi  # noqa: E402

PLANNED = 24


tmp = tempfile.mkdtemp(prefix="gcm-ui-")
env = dict(os.environ, XDG_DATA_HOME=tmp + "/data", XDG_CONFIG_HOME=tmp + "/config",
           XDG_CACHE_HOME=tmp + "/cache", LANGUAGE="C", GTK_A11Y="atspi",
           GSETTINGS_BACKEND="keyfile", G_DEBUG="fatal-criticals")
env.pop("NO_AT_BRIDGE", None)


def start_app():
    return gcm_atspi.start_app(sys.argv[1], env)


def run_quietly(args, **kwargs):
    """Runs a set-up step; when it fails, says how before the test stops."""
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        print(f"# {' '.join(args)} failed ({done.returncode}):", flush=True)
        for line in (done.stdout + done.stderr).splitlines()[-20:]:
            print(f"#   {line}", flush=True)
        sys.exit(1)


def prepare_update():
    """Installs the bundled manual, then an update from headquarters that changes two cases, so
    What's New has something to list."""
    run_quietly([sys.argv[1], "--status"], env=env)
    source = tmp + "/source"
    shutil.copytree(os.environ["GCM_CONTENT_SOURCE"], source)
    for name in ("2013-hong-kong-ivory-wooden-planks.md", "2014-hong-kong-airport-ivory-couriers.md"):
        path = os.path.join(source, "cases", name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("\n---\n", "\n---\n\nUpdated by headquarters.\n", 1))
    run_quietly(["minisign", "-G", "-W", "-p", tmp + "/hq.pub", "-s", tmp + "/hq.key"])
    run_quietly([os.environ["GCM_PUBLISH"], "--source", source, "--output", tmp + "/update",
                 "--key", tmp + "/hq.key", "--serial", "4000000000"])
    run_quietly([sys.argv[1], "--import", tmp + "/update", "--trust-key", tmp + "/hq.pub"], env=env)


print(f"1..{PLANNED}", flush=True)
prepare_update()
app, frame = start_app()
try:
    check("the window opens", frame is not None)

    section = wait_for(lambda: frame.child(name="The Green Customs Initiative", retry=False))
    check("the bundled manual is listed on first start", section is not None)

    # A first start opens Home, the sidebar's first row, with the learner's progress by chapter.
    home = wait_for(lambda: first(frame, lambda n: n.name == "GcmHomeView"))
    first_row = first(sidebar(frame), lambda n: n.roleName == "list item")
    progress = home and wait_for(lambda: first(home, lambda n: n.roleName == "list item" and
                                               n.name == "Basel Convention — hazardous wastes"))
    check("a first start opens Home, the first row of the sidebar, with progress by chapter",
          bool(progress) and first_row is not None and first_row.name == "Home" and
          first_row.selected, f"the sidebar's first row is {first_row and first_row.name!r}")

    # Enter on a focused sidebar row opens it: click one chapter, move down, press Enter. Home
    # lists the chapters too: the row clicked is the sidebar's.
    basel = first(sidebar(frame), lambda n: n.roleName == "list item"
                  and n.name == "Basel Convention — hazardous wastes")
    basel.click()
    wait_for(lambda: list_heading(frame) == "Basel Convention — hazardous wastes")
    rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    rotterdam = "Rotterdam Convention — hazardous chemicals and pesticides"
    shown = wait_for(lambda: list_heading(frame) == rotterdam)
    check("Enter on a focused sidebar row opens that chapter", bool(shown),
          f"the list shown is {list_heading(frame)!r}")

    # Down, Down, Enter in search results opens the second result, not the best one.
    entry = frame.child(name="Search the manual", roleName="entry")
    entry.click()
    rawinput.typeText("ivory")
    results = wait_for(lambda: len(rows_of(frame)) >= 3 and rows_of(frame)[0].lower().count("ivory")
                       and rows_of(frame))
    check("search as you type lists results for ivory", bool(results))
    results = results or []
    count = wait_for(lambda: first(item_list(frame).parent,
                                   lambda n: n.roleName == "label"
                                   and re.fullmatch(rf"(The best )?{len(results)} (of \d+ )?results",
                                                    n.name or "")))
    check("the number of results is shown", bool(count))
    rawinput.pressKey("Down")
    rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    second = results[1] if len(results) > 1 else "?"
    opened = wait_for(lambda: item_heading(frame) and second.startswith(item_heading(frame)))
    check("Down, Down, Enter opens the second result", bool(opened),
          f"expected {second!r}, the page shown is {item_heading(frame)!r}")
    check("the search text clears when a result is opened", entry.text == "",
          f"the entry holds {entry.text!r}")

    # Ctrl+D bookmarks the page; the Bookmarks list then holds exactly that page.
    title = item_heading(frame)
    rawinput.keyCombo("<Control>d")
    wait_for(lambda: frame.child(name="Remove Bookmark", retry=False))
    # Bookmarks may be below the sidebar's fold: Ctrl+Shift+D shows them.
    rawinput.keyCombo("<Control><Shift>d")
    listed = wait_for(lambda: list_heading(frame) == "Bookmarks" and rows_of(frame))
    check("Ctrl+D bookmarks the page and the Bookmarks list holds it",
          bool(listed) and len(listed) == 1 and listed[0].startswith(title),
          f"the Bookmarks list holds {listed!r}, expected {title!r}")
    remove = first(item_list(frame), lambda n: n.name == f"Remove the bookmark of “{title}”")
    if remove:
        remove.doActionNamed("click")  # a11y action: pointer positions are inexact in GTK 4.8
    heading = first(frame, lambda n: n.roleName == "heading" and n.name == "Bookmarks")
    page = heading.parent if heading else frame
    emptied = remove and wait_for(lambda: not rows_of(frame) and
                                  first(page, lambda n: n.name == "No Bookmarks Yet"))
    check("a bookmark is removed from the Bookmarks list", bool(emptied))

    # Headquarters updates: Check now at the sidebar's foot, and What's New lists the updates'
    # items, each opening its page.
    check_now = wait_for(lambda: frame.child(name="Check now", roleName="push button",
                                             retry=False))
    check("the sync status has a Check now button", bool(check_now))
    # By keyboard: a click on the sidebar's first row (Home) puts the focus there, Down reaches
    # What's New, and Enter opens it.
    frame.child(name="Home", roleName="list item").click()
    rawinput.pressKey("Down")
    rawinput.pressKey("Return")

    def whats_new_rows():
        view = first(frame, lambda n: n.name == "GcmWhatsNewView")
        return [r for r in find_all(view, lambda n: n.roleName == "list item" and n.name)]
    rows = wait_for(whats_new_rows) or []
    check("Home, Down, Enter in the sidebar opens What’s New, which lists the updates’ items",
          bool(rows))
    opened_title = rows[0].name if rows else "?"
    if rows:
        rows[0].click()
    opened = wait_for(lambda: item_heading(frame) and opened_title.startswith(item_heading(frame)))
    check("a What’s New row opens its item", bool(opened),
          f"expected {opened_title!r}, the page shown is {item_heading(frame)!r}")

    # Back on What's New, the item just read is no longer marked New; the others still are.
    time.sleep(2)  # the page saves the reading position a second after it is shown
    rawinput.keyCombo("<Alt>Left")

    def marks():
        found = whats_new_rows()
        row = [r for r in found if r.name == opened_title]
        return row and len(found) > 1 and {r.name: "not opened yet" in (r.description or "")
                                           for r in found}
    marked = wait_for(lambda: (lambda m: m and not m[opened_title] and m)(marks())) or marks() or {}
    check("the item read is no longer marked New; items not opened still are",
          bool(marked) and not marked.get(opened_title, True) and any(marked.values()),
          f"New marks: {marked}")

    # Cases: a card of the gallery opens the case; its photo opens the viewer over the window and
    # Escape closes it, giving focus back to the photo. A procedure's step is ticked by keyboard.
    frame.child(name="Cases", roleName="list item").click()
    gallery = wait_for(lambda: first(frame, lambda n: n.name == "GcmCaseGallery"))
    card = gallery and wait_for(lambda: first(gallery, lambda n: (n.name or "").startswith(
        "Ivory hidden among cow horns")))
    if card:
        card.click()

    def case_page():
        view = first(frame, lambda n: n.name == "GcmItemView")
        return (item_heading(frame) or "").startswith("Ivory hidden among cow horns") and \
            first(view, lambda n: n.roleName == "push button" and n.name == "Open Photo 1 of 1")
    photo = wait_for(case_page)
    check("a card of the Cases gallery opens the case, with its photo", bool(photo),
          f"the page shown is {item_heading(frame)!r}")
    if photo:
        photo.doActionNamed("click")
    viewer = wait_for(lambda: first(frame, lambda n: n.name == "GcmPhotoViewer"))
    check("the photo opens the viewer over the window", bool(viewer))
    screenshot("case-photo-viewer")
    rawinput.pressKey("Escape")
    closed = wait_for(lambda: not first(frame, lambda n: n.name == "GcmPhotoViewer") and photo.focused)
    check("Escape closes the viewer and focus returns to the photo", bool(closed))

    frame.child(name="Procedures", roleName="list item").click()
    wait_for(lambda: list_heading(frame) == "Procedures")
    first(item_list(frame), lambda n: n.roleName == "list item"
          and n.name.startswith("Handling a fumigated container")).click()
    step = wait_for(lambda: item_heading(frame) == "Handling a fumigated container" and
                    first(frame, lambda n: n.roleName == "check box" and n.name.startswith("1. ")))
    for _ in range(40):  # GTK 4.8 cannot take focus over AT-SPI: Tab to the first step
        if not step or step.focused:
            break
        rawinput.pressKey("Tab")
    rawinput.pressKey("space")
    done = step and wait_for(lambda: step.checked and first(
        frame, lambda n: n.roleName == "label" and re.fullmatch(r"1 of \d+ steps done", n.name or "")))
    check("a procedure's first step is ticked by keyboard and counted", bool(done))
    screenshot("procedure-ticked")

    # Pictures are laid out with a size: the UN class labels of the dangerous-goods section.
    entry.click()
    rawinput.typeText("dangerous goods classes")
    dangerous_goods = "Dangerous goods classes and labels"
    row = wait_for(lambda: first(item_list(frame), lambda n: n.roleName == "list item"
                                 and n.name.startswith(dangerous_goods)))
    row.click()

    def label_picture():
        picture = first(frame, lambda n: n.roleName == "image" and n.name == "UN class 1 label")
        return picture and picture.size[1] > 0 and picture
    picture = wait_for(label_picture)
    size = picture.size if picture else None
    check("a picture is drawn with its height (the UN class 1 label)",
          bool(picture) and size[0] >= 100 and size[1] >= 100, f"its size is {size}")

    # Every button says what it does, for screen readers and in a tooltip.
    buttons = find_all(frame, lambda n: n.roleName in ("push button", "toggle button"))
    # libadwaita 1.2 leaves the close button of its own toasts unnamed; the app cannot name it.
    unnamed = [f"{b.name!r} in {b.parent.name!r}" for b in buttons
               if (not b.name or b.name.startswith("Gtk")) and b.parent.name != "AdwToastWidget"]
    check("every button shown has an accessible name", buttons and not unnamed,
          f"{len(unnamed)} of {len(buttons)} without a name: {unnamed}")
    menus = find_all(frame, lambda n: n.name == "Main Menu")
    check("the main menu button is named", bool(menus))
finally:
    stop_app(app)

# A restart opens the page read last.
app, frame = start_app()
try:
    reopened = frame and wait_for(lambda: item_heading(frame) == dangerous_goods)
    check("a restart reopens the last page read", bool(reopened),
          f"the page shown is {frame and item_heading(frame)!r}")

    # What Did You Find?: the wildlife key, two answers by their number keys, the outcome's
    # procedure opened from its button. Searches stay inside the pages: the item page is deep.
    # The sidebar's last rows are below its fold: End reaches Check a Declaration, Up the keys.
    frame.child(name="Home", roleName="list item").click()
    rawinput.pressKey("End")
    rawinput.pressKey("Up")
    rawinput.pressKey("Return")
    keys = wait_for(lambda: first(frame, lambda n: n.name == "Identification keys"))
    key = keys and wait_for(lambda: first(keys, lambda n: n.name == "Wildlife: what did you find?"))
    if key:
        key.click()
    view = wait_for(lambda: first(frame, lambda n: n.name == "GcmIdentifyView"))

    def option(prefix):
        return first(view, lambda n: n.roleName == "push button" and n.name.startswith(prefix))
    wait_for(lambda: option("1. Live animals"))
    rawinput.pressKey("1")
    wait_for(lambda: option("1. Declared as something else"))
    rawinput.pressKey("1")
    procedure = wait_for(lambda: option("Open the Procedure: Seized live CITES animals"))
    outcome = first(view, lambda n: n.name == "Probably smuggled live CITES animals")
    check("a key walked by its number keys ends in its outcome", bool(procedure and outcome),
          f"keys list {bool(keys)}, key row {bool(key)}, view {bool(view)}")
    if procedure:
        procedure.doActionNamed("click")
    opened = procedure and wait_for(lambda: item_heading(frame) == "Seized live CITES animals")
    check("the outcome's procedure opens", bool(opened),
          f"the page shown is {item_heading(frame)!r}")
finally:
    stop_app(app)

sys.exit(0 if all_passed(PLANNED) else 1)
