#!/usr/bin/python3
# test-search-provider.py APP SERVICE INI — GNOME Shell's search, as the Shell uses it: on a
# private session bus (dbus-run-session) whose service directory holds the app's D-Bus service
# file, pointed at the build tree, the first `gdbus call` starts the real app by bus activation;
# then "ivory" returns ids whose metas name ivory items, with plain-text descriptions and an icon,
# the Korean 상아 finds them too, a nonsense word and a single letter find nothing, a subsearch
# narrows, ActivateResult opens the window on the item (seen over the bus and over AT-SPI, as the
# page's heading) and LaunchSearch shows the search in the window. TAP output.
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import time

from gi.repository import GLib

APP, SERVICE, INI = sys.argv[1:4]

# Outside: make the private bus and the folders, and run again inside it.
if os.environ.get("GCM_TEST_PRIVATE_BUS") is None:
    tmp = tempfile.mkdtemp(prefix="gcm-search-provider-")
    services = os.path.join(tmp, "data", "dbus-1", "services")
    os.makedirs(services)
    service = configparser.ConfigParser(interpolation=None)
    service.optionxform = str
    service.read(SERVICE)
    exec_line = service["D-BUS Service"]["Exec"].split()
    exec_line[0] = os.path.abspath(APP)
    service["D-BUS Service"]["Exec"] = " ".join(exec_line)
    with open(os.path.join(services, os.path.basename(SERVICE)), "w") as f:
        service.write(f, space_around_delimiters=False)
    # The activated app inherits the bus's environment.
    env = dict(os.environ, GCM_TEST_PRIVATE_BUS=tmp, XDG_DATA_HOME=tmp + "/data",
               XDG_CONFIG_HOME=tmp + "/config", XDG_CACHE_HOME=tmp + "/cache",
               XDG_RUNTIME_DIR=tmp + "/run", LANGUAGE="C", GTK_A11Y="atspi",
               GSETTINGS_BACKEND="keyfile", G_DEBUG="fatal-criticals")
    os.makedirs(tmp + "/run", mode=0o700)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(["dbus-run-session", "--", sys.executable] + sys.argv, env=env)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(done.returncode)

PLANNED = 13
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
        say(f"# {detail}")


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


ini = configparser.ConfigParser(interpolation=None)
ini.read(INI)
provider = ini["Shell Search Provider"]
BUS_NAME = provider["BusName"]
OBJECT_PATH = provider["ObjectPath"]
IFACE = "org.gnome.Shell.SearchProvider2"


def gdbus(dest, path, method, *args, timeout=120):
    """Calls @method with `gdbus call`; returns its reply as a GLib.Variant, or raises."""
    done = subprocess.run(["gdbus", "call", "--session", "--timeout", str(timeout),
                           "--dest", dest, "--object-path", path, "--method", method,
                           *args], capture_output=True, text=True, timeout=timeout + 10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return GLib.Variant.parse(None, done.stdout.strip(), None, None)


def call(method, *args):
    return gdbus(BUS_NAME, OBJECT_PATH, f"{IFACE}.{method}", *args).unpack()


def gv(value):
    """@value in the text form `gdbus call` reads."""
    return GLib.Variant("as", value).print_(True) if isinstance(value, list) else str(value)


def has_owner(name):
    return gdbus("org.freedesktop.DBus", "/org/freedesktop/DBus",
                 "org.freedesktop.DBus.NameHasOwner", name).unpack()[0]


say(f"1..{PLANNED}")

check("the provider file names the app's bus name, path and desktop id",
      int(provider["Version"]) == 2 and provider["DesktopId"] == BUS_NAME + ".desktop"
      and OBJECT_PATH.startswith("/" + BUS_NAME.replace(".", "/") + "/"),
      dict(provider))

was_running = has_owner(BUS_NAME)
try:
    ivory = call("GetInitialResultSet", gv(["ivory"]))[0]
    error = None
except RuntimeError as e:
    ivory, error = [], str(e)
check("the first search starts the app through its D-Bus service file and finds ivory",
      not was_running and has_owner(BUS_NAME) and len(ivory) >= 3, error or f"ids: {ivory}")

metas = call("GetResultMetas", gv(ivory))[0] if ivory else []
names = [m.get("name", "") for m in metas]
check("the metas of the best results name ivory items",
      len(metas) == len(ivory) and [m.get("id") for m in metas] == ivory
      and all("ivory" in n.lower() for n in names[:3]), f"names: {names}")
check("every result has a plain-text description and an icon",
      metas and all(m.get("description") and "<" not in m["description"]
                    and "&amp;" not in m["description"] and m.get("icon") and m.get("gicon")
                    for m in metas),
      f"metas: {metas[:2]}")
check("the metas of an unknown id are left out",
      call("GetResultMetas", gv(["manual/no-such-page"]))[0] == [])

korean = call("GetInitialResultSet", gv(["상아"]))[0]
check("the Korean 상아 (ivory) finds the ivory pages", set(korean) & set(ivory[:3]),
      f"ids: {korean}")
check("a nonsense word finds nothing", call("GetInitialResultSet", gv(["zqxjvwk"]))[0] == [])
check("a single letter finds nothing", call("GetInitialResultSet", gv(["i"]))[0] == [])
narrowed = call("GetSubsearchResultSet", gv(ivory), gv(["ivory", "tusks"]))[0]
check("a subsearch with one more word narrows the results",
      narrowed and len(narrowed) <= len(ivory), f"ids: {narrowed}")

# ActivateResult opens the window on the item, as the Shell does when a result is clicked.
call("GetInitialResultSet", gv(["ivory"]))
target, title = ivory[0] if ivory else "", names[0] if names else ""
call("ActivateResult", target, gv(["ivory"]), "0")
exported = wait_for(lambda: "node 1" in subprocess.run(
    ["gdbus", "introspect", "--session", "--dest", BUS_NAME,
     "--object-path", "/" + BUS_NAME.replace(".", "/") + "/window"],
    capture_output=True, text=True).stdout)
check("ActivateResult opens a window (exported on the app's bus connection)", bool(exported))

if os.environ.get("DISPLAY"):
    from dogtail.config import config
    config.checkForA11y = False
    config.searchCutoffCount = 20
    config.logDebugToStdOut = False
    config.logDebugToFile = False
    from dogtail import tree

    def first(node, predicate, limit=20000):
        queue = [node] if node is not None else []
        while queue and limit > 0:
            n = queue.pop(0)
            limit -= 1
            if n is not node and predicate(n):
                return n
            queue.extend(n.children)
        return None

    def frame():
        apps = [a for a in tree.root.applications()
                if (a.name or "").lower().replace(" ", "-") == "green-customs-manual"]
        return apps and apps[0].child(roleName="frame", retry=False)

    def item_heading():
        view = first(frame(), lambda n: n.name == "GcmItemView")
        heading = first(view, lambda n: n.roleName == "heading")
        return heading.name if heading else None

    shown = wait_for(lambda: item_heading() == title)
    check("the window shows the activated result's page", bool(shown),
          f"expected {title!r}, the page shown is {item_heading()!r}")

    call("LaunchSearch", gv(["rhino", "horn"]), "0")
    heading = "Results for “rhino horn”"
    listed = wait_for(lambda: first(frame(), lambda n: n.roleName == "heading"
                                    and n.name == heading))
    check("LaunchSearch shows the search's results in the window", bool(listed),
          f"headings: {[h.name for h in frame().findChildren(lambda n: n.roleName == 'heading')]}")

else:
    say("ok 11 # SKIP needs an X display for AT-SPI")
    say("ok 12 # SKIP needs an X display for AT-SPI")
    tests += [("skip", True), ("skip", True)]

# The app quits by its own action and leaves the bus.
gdbus(BUS_NAME, "/" + BUS_NAME.replace(".", "/"), "org.gtk.Actions.Activate", "quit", "[]", "{}")
check("app.quit over the bus ends the app", wait_for(lambda: not has_owner(BUS_NAME), 20))

sys.exit(0 if all(ok for _, ok in tests) and len(tests) == PLANNED else 1)
