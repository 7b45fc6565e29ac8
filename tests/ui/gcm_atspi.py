# gcm_atspi.py — what the UI tests share: TAP checks, waiting for the app's accessibility tree,
# searching it, and starting the real app under AT-SPI.
import os
import subprocess
import tempfile
import time

from dogtail.config import config
config.checkForA11y = False
config.actionDelay = 0.3
config.searchCutoffCount = 20
config.logDebugToStdOut = False
config.logDebugToFile = False
from dogtail import tree  # noqa: E402

tests = []


def check(name, ok, detail=None):
    tests.append((name, ok))
    print(("ok" if ok else "not ok") + f" {len(tests)} - {name}", flush=True)
    if not ok and detail:
        for line in (detail if isinstance(detail, list) else [detail]):
            print(f"# {line}", flush=True)
    return ok


def all_passed(planned):
    return all(ok for _, ok in tests) and len(tests) == planned


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


def sidebar(frame):
    return first(frame, lambda n: n.roleName == "list" and n.name == "Contents")


def rows_of(frame):
    """The names of the rows of the list shown; a list with no rows is hidden."""
    rows = item_list(frame)
    return [r.name for r in rows.children if r.name] if rows else []


def start_app(path, env):
    """Starts the app at @path; returns its process and its window's frame (None if none)."""
    process = subprocess.Popen([path], env=env)
    apps = wait_for(lambda: [a for a in tree.root.applications()
                             if (a.name or "").lower().replace(" ", "-") == "green-customs-manual"
                             and a.get_process_id() == process.pid])
    frame = apps and wait_for(lambda: apps[0].child(roleName="frame", retry=False))
    return process, frame


def stop_app(process):
    process.terminate()
    process.wait(10)


def screenshot(name):
    """Keeps what the screen shows as a test artefact; a missing tool only skips the picture."""
    folder = os.environ.get("GCM_UI_SHOTS") or os.path.join(tempfile.gettempdir(), "gcm-ui-shots")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name + ".png")
    subprocess.run(["import", "-window", "root", path], capture_output=True)
    print(f"# screenshot: {path}", flush=True)
    return path
