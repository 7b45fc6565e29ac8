# gcmui.py — what the UI tests share: the real app started from the build tree with folders of
# its own, found over AT-SPI (dogtail), TAP output, and a screenshot of each flow kept as a test
# artefact in $GCM_UI_SHOTS (the build tree's tests/ui-shots by default).
import os
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display and a session bus")
    sys.exit(0)

from dogtail.config import config  # noqa: E402
config.checkForA11y = False
config.actionDelay = 0.3
config.searchCutoffCount = 20
config.logDebugToStdOut = False
config.logDebugToFile = False
from dogtail import tree, rawinput  # noqa: E402,F401

APP = sys.argv[1]
_tests = []


def plan(count):
    print(f"1..{count}", flush=True)
    plan.count = count


def check(name, ok, detail=None):
    _tests.append(bool(ok))
    print(("ok" if ok else "not ok") + f" {len(_tests)} - {name}", flush=True)
    if not ok and detail:
        for line in (detail if isinstance(detail, list) else [detail]):
            print(f"#   {line}", flush=True)
    return ok


def finish():
    sys.exit(0 if all(_tests) and len(_tests) == getattr(plan, "count", -1) else 1)


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


def first(node, predicate, limit=20000):
    """The first node under @node, breadth first, for which @predicate holds."""
    queue = [node] if node is not None else []
    while queue and limit > 0:
        n = queue.pop(0)
        limit -= 1
        if n is not node and predicate(n):
            return n
        queue.extend(n.children)
    return None


def find_all(node, predicate):
    return node.findChildren(predicate)


# GTK 4.8 reports no "showing" state, so each page is found by what it holds: the list page by
# its list of items, the item page by its widget.
def item_list(frame):
    return first(frame, lambda n: n.roleName == "list" and n.name == "Items")


def list_heading(frame):
    heading = first(item_list(frame).parent, lambda n: n.roleName == "heading")
    return heading.name if heading else None


def item_heading(frame):
    view = first(frame, lambda n: n.name == "GcmItemView")
    heading = first(view, lambda n: n.roleName == "heading")
    return heading.name if heading else None


def rows_of(frame):
    """The names of the rows of the list shown; a list with no rows is hidden."""
    rows = item_list(frame)
    return [r.name for r in rows.children if r.name] if rows else []


class App:
    """The app with XDG folders and settings of its own; @route is the page it opens on."""

    def __init__(self, prefix):
        self.tmp = tempfile.mkdtemp(prefix=f"gcm-{prefix}-")
        self.env = dict(os.environ, XDG_DATA_HOME=self.tmp + "/data",
                        XDG_CONFIG_HOME=self.tmp + "/config", XDG_CACHE_HOME=self.tmp + "/cache",
                        LANGUAGE="C", GTK_A11Y="atspi", GSETTINGS_BACKEND="keyfile",
                        G_DEBUG="fatal-criticals")
        self.env.pop("NO_AT_BRIDGE", None)
        self.keyfile = os.path.join(self.tmp, "config", "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(self.keyfile))
        self.process = None

    def set_settings(self, **values):
        """Writes GSettings values (GVariant text) before a start, as a user's earlier use did."""
        lines = [f"{key.replace('_', '-')}={value}" for key, value in values.items()]
        with open(self.keyfile, "w", encoding="utf-8") as f:
            f.write("[org/greencustoms/Manual]\n" + "\n".join(lines) + "\n")

    def read_setting(self, key):
        if not os.path.exists(self.keyfile):
            return None
        with open(self.keyfile, encoding="utf-8") as f:
            for line in f:
                if line.startswith(key + "="):
                    return line.split("=", 1)[1].strip()
        return None

    def run(self, *args):
        """Runs the app's command line in the same folders; says how it failed, then stops."""
        done = subprocess.run([APP, *args], env=self.env, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"# {' '.join(args)} failed ({done.returncode}):", flush=True)
            for line in (done.stdout + done.stderr).splitlines()[-20:]:
                print(f"#   {line}", flush=True)
            sys.exit(1)
        return done

    def start(self, route=None):
        if route is not None:
            self.set_settings(last_page=f"'{route}'")
        self.process = subprocess.Popen([APP], env=self.env)
        pid = self.process.pid
        apps = wait_for(lambda: [a for a in tree.root.applications()
                                 if (a.name or "").lower().replace(" ", "-") == "green-customs-manual"
                                 and a.get_process_id() == pid], 30)
        return apps and wait_for(lambda: apps[0].child(roleName="frame", retry=False))

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def screenshot(name):
    """Keeps what the screen shows as a test artefact; a missing tool only skips the picture."""
    folder = os.environ.get("GCM_UI_SHOTS") or os.path.join(tempfile.gettempdir(), "gcm-ui-shots")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".png")
    subprocess.run(["import", "-window", "root", path], capture_output=True)
    print(f"# screenshot: {path}", flush=True)
    return path
