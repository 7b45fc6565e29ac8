# gcmui.py — what the flow tests share, over gcm_atspi.py: the real app started from the build
# tree with folders and settings of its own, its pages found over AT-SPI, a plan of TAP checks,
# and a screenshot of each flow kept as a test artefact in $GCM_UI_SHOTS.
import os
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display and a session bus")
    sys.exit(0)

from gcm_atspi import (all_passed, check, find_all, first, item_heading, item_list,  # noqa: E402,F401
                       list_heading, rows_of, screenshot, sidebar, start_app, stop_app,
                       wait_for)
from dogtail import rawinput  # noqa: E402,F401

APP = sys.argv[1]


def plan(count):
    print(f"1..{count}", flush=True)
    plan.count = count


def finish():
    sys.exit(0 if all_passed(getattr(plan, "count", -1)) else 1)


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
        self.process, frame = start_app(APP, self.env)
        return frame

    def stop(self):
        if self.process is not None:
            stop_app(self.process)
            self.process = None
