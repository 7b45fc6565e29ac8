#!/usr/bin/python3
# test-window.py APP — drives the real app through AT-SPI (dogtail) as an officer would:
# the bundled manual appears, search finds ivory with highlighted results, a result opens,
# and a bookmark made with Ctrl+D is listed on the Bookmarks page. TAP output.
import os
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display and a session bus")
    sys.exit(0)

from dogtail.config import config
config.checkForA11y = False
config.actionDelay = 0.3
config.searchCutoffCount = 20
config.logDebugToStdOut = False
config.logDebugToFile = False
from dogtail import tree, rawinput  # noqa: E402

tests = []


def check(name, ok):
    tests.append((name, ok))
    print(("ok" if ok else "not ok") + f" {len(tests)} - {name}", flush=True)


def wait_for(predicate, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.2)
    return None


tmp = tempfile.mkdtemp(prefix="gcm-ui-")
env = dict(os.environ, XDG_DATA_HOME=tmp + "/data", XDG_CONFIG_HOME=tmp + "/config",
           XDG_CACHE_HOME=tmp + "/cache", LANGUAGE="C", GTK_A11Y="atspi",
           G_DEBUG="fatal-criticals")
env.pop("NO_AT_BRIDGE", None)
app = subprocess.Popen([sys.argv[1]], env=env)
print("1..5", flush=True)
try:
    root = wait_for(lambda: [a for a in tree.root.applications()
                             if (a.name or "").lower().replace(" ", "-") == "green-customs-manual"])
    frame = root and wait_for(lambda: root[0].child(roleName="frame", retry=False))
    check("the window opens", frame is not None)

    section = wait_for(lambda: frame.child(name="The Green Customs Initiative", retry=False))
    check("the bundled manual is listed on first start", section is not None)

    entry = frame.child(name="Search the manual", roleName="entry")
    entry.click()
    rawinput.typeText("ivory")
    result = wait_for(lambda: frame.child(name="Ivory and rhino horn", retry=False))
    check("search as you type finds the ivory section", result is not None)

    rawinput.pressKey("Return")
    heading = wait_for(lambda: [n for n in frame.findChildren(
        lambda n: n.roleName == "heading" and "ivory" in (n.name or "").lower())])
    check("Enter opens the best result", bool(heading))

    rawinput.keyCombo("<Control>d")
    time.sleep(0.5)
    rawinput.keyCombo("<Control>l")
    bookmarks = frame.child(name="Bookmarks", roleName="list item")
    bookmarks.click()
    listed = wait_for(lambda: frame.child(name="Bookmarks", roleName="heading", retry=False)
                      and frame.findChildren(lambda n: "ivory" in (n.name or "").lower()
                                             and n.roleName in ("list item", "row", "label")))
    check("Ctrl+D bookmarks the page and Bookmarks lists it", bool(listed))
finally:
    app.terminate()
    app.wait(10)

sys.exit(0 if all(ok for _, ok in tests) and len(tests) == 5 else 1)
