#!/usr/bin/python3
# test-help.py APP HELP_DIR HELP_BUILD_DIR HELP_ID — the user help: the Mallard pages validate,
# their links resolve and none is an orphan; the Korean pages are built from help/ko/ko.po with
# every message of every page translated, and each validates. Then, in the real app on a private
# session bus, F1 and the main menu's Help open help:HELP_ID, the id the pages are installed
# under: the handler of help: URIs is, in temporary XDG folders, a script that writes down the
# address it is given, as Yelp would be given it. TAP output.
import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APP, HELP_DIR, HELP_BUILD_DIR, HELP_ID = sys.argv[1:5]
URI = "help:" + HELP_ID

# Outside: the folders, the help: handler and the private bus; then this script again inside.
if os.environ.get("GCM_TEST_PRIVATE_BUS") is None:
    tmp = tempfile.mkdtemp(prefix="gcm-help-")
    apps = os.path.join(tmp, "data", "applications")
    os.makedirs(apps)
    os.makedirs(os.path.join(tmp, "config"))
    os.makedirs(tmp + "/run", mode=0o700)
    recorder = os.path.join(tmp, "record-help")
    with open(recorder, "w") as f:
        f.write('#!/bin/sh\nprintf "%s\\n" "$@" >> "$(dirname "$0")/opened"\n')
    os.chmod(recorder, 0o755)
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop["Desktop Entry"] = {"Type": "Application", "Name": "Help recorder",
                                "Exec": recorder + " %u", "NoDisplay": "true",
                                "MimeType": "x-scheme-handler/help;"}
    with open(os.path.join(apps, "gcm-test-help.desktop"), "w") as f:
        desktop.write(f, space_around_delimiters=False)
    with open(os.path.join(tmp, "config", "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\nx-scheme-handler/help=gcm-test-help.desktop\n")
    env = dict(os.environ, GCM_TEST_PRIVATE_BUS=tmp, XDG_DATA_HOME=tmp + "/data",
               XDG_CONFIG_HOME=tmp + "/config", XDG_CACHE_HOME=tmp + "/cache",
               XDG_RUNTIME_DIR=tmp + "/run", LANGUAGE="C", GTK_A11Y="atspi",
               GSETTINGS_BACKEND="keyfile", G_DEBUG="fatal-criticals")
    env.pop("NO_AT_BRIDGE", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(["dbus-run-session", "--", sys.executable] + sys.argv, env=env)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(done.returncode)

tmp = os.environ["GCM_TEST_PRIVATE_BUS"]
PLANNED = 7
tests = []
# dogtail prints on stdout: TAP goes to a copy of it, anything else to stderr.
tap = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)


def say(line):
    print(line, file=tap, flush=True)


def check(name, ok, detail=None):
    tests.append((name, ok))
    say(("ok" if ok else "not ok") + f" {len(tests)} - {name}")
    if not ok and detail:
        for line in str(detail).splitlines()[-15:]:
            say(f"# {line}")


def wait_for(predicate, timeout=30):
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


def run(args):
    done = subprocess.run(args, capture_output=True, text=True)
    return done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


say(f"1..{PLANNED}")
pages = sorted(os.path.join(HELP_DIR, "C", name) for name in os.listdir(os.path.join(HELP_DIR, "C"))
               if name.endswith(".page"))
check("yelp-check validate: every page is valid Mallard", *run(["yelp-check", "validate"] + pages))
check("yelp-check links: every link resolves", *run(["yelp-check", "links", HELP_DIR + "/C"]))
check("yelp-check orphans: every page is reachable from the index",
      *run(["yelp-check", "orphans", HELP_DIR + "/C"]))

# Every message of every page has a Korean translation (a fuzzy one is not used), and each built
# page carries its translated title.
def po_string(entry, keyword):
    m = re.search(r"^" + keyword + r" ((?:\".*\"\n?)+)", entry + "\n", re.M)
    return "".join(re.findall(r'"(.*)"', m.group(1))) if m else None


with open(os.path.join(HELP_DIR, "ko", "ko.po"), encoding="utf-8") as f:
    entries = [e for e in f.read().split("\n\n") if re.search(r"^#: .*C/", e, re.M)]
untranslated = [e for e in entries
                if not po_string(e, "msgstr") or re.search(r"^#,.*\bfuzzy\b", e, re.M)]
korean = os.path.join(HELP_BUILD_DIR, "ko")
titles = {}  # page name: the Korean of its page/title; itstool lists paths in the order of files
for e in entries:
    paths = re.findall(r"^#\. \(itstool\) path: (.*)$", e, re.M)
    files = re.findall(r"C/([^ :]+):\d+", " ".join(re.findall(r"^#: (.*)$", e, re.M)))
    for path, name in zip(paths, files):
        if path == "page/title":
            titles[name] = po_string(e, "msgstr")
untitled = []
for page in pages:
    name = os.path.basename(page)
    try:
        with open(os.path.join(korean, name), encoding="utf-8") as f:
            built = f.read()
    except FileNotFoundError:
        built = ""
    if not titles.get(name) or f"<title>{titles[name]}</title>" not in built:
        untitled.append(f"built {name} lacks its Korean title {titles.get(name)!r}")
    if name == "index.page" and "<title>그린 세관 매뉴얼 도움말</title>" not in built:
        untitled.append("built index.page lacks <title>그린 세관 매뉴얼 도움말</title>")
check("every Korean page is translated, message by message",
      entries and not untranslated and not untitled,
      "\n".join(untitled + ["untranslated: " + po_string(e, "msgid") for e in untranslated][:8]))
korean_pages = [os.path.join(korean, os.path.basename(page)) for page in pages]
check("every Korean page validates", *run(["yelp-check", "validate"] + korean_pages))

# F1 and Help in the main menu, in the real app. Both ends use this private bus's
# accessibility bus: the X display's AT_SPI_BUS property may name the one an earlier test left.
done = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
                       "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                      capture_output=True, text=True)
a11y_bus = re.search(r"'([^']+)'", done.stdout)
if a11y_bus:
    os.environ["AT_SPI_BUS_ADDRESS"] = a11y_bus.group(1)
from dogtail.config import config  # noqa: E402
config.checkForA11y = False
config.searchCutoffCount = 20
config.logDebugToStdOut = False
config.logDebugToFile = False
from dogtail import tree, rawinput  # noqa: E402

opened_file = os.path.join(tmp, "opened")


def opened():
    try:
        with open(opened_file) as f:
            return f.read().split()
    except FileNotFoundError:
        return []


def first(node, predicate, limit=20000):
    queue = [node] if node is not None else []
    while queue and limit > 0:
        n = queue.pop(0)
        limit -= 1
        if n is not node and predicate(n):
            return n
        queue.extend(n.children)
    return None


app = subprocess.Popen([APP])
try:
    frame = wait_for(lambda: [a for a in tree.root.applications()
                              if a.get_process_id() == app.pid][0].child(roleName="frame",
                                                                         retry=False))
    entry = wait_for(lambda: frame.child(name="Search the manual", roleName="entry", retry=False))
    if entry:
        entry.click()  # the window has the keyboard focus
    rawinput.pressKey("F1")
    by_key = wait_for(lambda: opened() == [URI], 15)
    check("F1 opens " + URI, bool(by_key), f"the help handler was given {opened()}")

    # The main menu button's own action opens its popover; the keyboard's F10 is tested by
    # test-shortcuts, and pointer clicks are inexact in GTK 4.8 without a window manager.
    menu = wait_for(lambda: first(frame, lambda n: n.name == "Main Menu"))
    button = menu and (menu if menu.actions else first(menu, lambda n: bool(n.actions)))
    item = None
    if button is not None:
        button.doActionNamed(list(button.actions)[0])
        item = wait_for(lambda: first(frame.parent, lambda n: n.name == "Help"
                                      and "menu" in n.roleName, limit=3000), 5)
    if item is not None:
        item.doActionNamed("click")
    by_menu = item is not None and wait_for(lambda: opened() == [URI, URI], 15)
    check("Help in the main menu opens " + URI, bool(by_menu),
          f"the menu's Help item: {item}; the help handler was given {opened()}")
except Exception:
    # dogtail's exception hook would hide it.
    import traceback
    traceback.print_exc(file=tap)
    raise
finally:
    app.terminate()
    app.wait(10)

sys.exit(0 if all(ok for _, ok in tests) and len(tests) == PLANNED else 1)
