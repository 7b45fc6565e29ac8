#!/usr/bin/python3
# test-flatpak.py MANIFEST APP_ID SOURCE_ROOT — the Flatpak manifest: a current GNOME runtime,
# the app built with meson from this tree, a module for each library the runtime lacks (md4c,
# libsodium) and for minisign, which the build signs the bundled manual with but the app does not
# run (so it is left out of the app); the sandbox talks to the network and the display, and has
# no broad access to the user's files. TAP output.
import json
import os
import re
import sys

MANIFEST, APP_ID, SOURCE_ROOT = sys.argv[1:4]
tests = []


def check(name, ok, detail=None):
    tests.append(ok)
    print(("ok" if ok else "not ok") + f" {len(tests)} - {name}", flush=True)
    if not ok and detail is not None:
        print(f"# {detail}", flush=True)


with open(MANIFEST, encoding="utf-8") as f:
    manifest = json.load(f)
modules = {m["name"]: m for m in manifest.get("modules", []) if isinstance(m, dict)}
args = manifest.get("finish-args", [])
app = manifest.get("modules", [{}])[-1]

print("1..9", flush=True)
check("the id is the app's and the command its executable",
      manifest.get("id") == APP_ID and manifest.get("command") == "green-customs-manual",
      (manifest.get("id"), manifest.get("command")))
version = manifest.get("runtime-version", "")
check("on org.gnome.Platform 47 or newer, with its SDK",
      manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk"
      and version.isdigit() and int(version) >= 47, (manifest.get("runtime"), version))
check("the app, last, is built with meson from this tree",
      app.get("buildsystem") == "meson" and app.get("sources")
      and app["sources"][0].get("type") == "dir"
      and os.path.samefile(os.path.join(os.path.dirname(MANIFEST), app["sources"][0]["path"]),
                           SOURCE_ROOT), app.get("sources"))

# Every library the build asks for is in the runtime or has a module.
with open(os.path.join(SOURCE_ROOT, "meson.build"), encoding="utf-8") as f:
    wanted = set(re.findall(r"dependency\('([^']+)'", f.read()))
# libcrypto: the Freedesktop SDK under the GNOME runtime builds its curl with OpenSSL.
in_runtime = {"glib-2.0", "gio-2.0", "json-glib-1.0", "sqlite3", "yaml-0.1", "libcurl", "gtk4",
              "libadwaita-1", "gdk-pixbuf-2.0", "libcrypto"}
module_for = {"libsodium": "libsodium", "md4c": "md4c"}
missing = sorted(d for d in wanted - in_runtime if module_for.get(d) not in modules)
check("md4c and libsodium, which the runtime lacks, are modules",
      not missing and {"md4c", "libsodium"} <= set(modules), missing or sorted(modules))
check("every module's source is pinned to a commit",
      all(s.get("type") != "git" or re.fullmatch(r"[0-9a-f]{40}", s.get("commit", ""))
          for m in modules.values() for s in m.get("sources", [])))
check("minisign is built for the build's signing and left out of the app",
      "minisign" in modules and "/bin/minisign" in modules["minisign"].get("cleanup", []))

required = ["--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
            "--device=dri"]
check("the sandbox has the network, IPC, Wayland with X11 fallback and the GPU",
      all(a in args for a in required), sorted(set(required) - set(args)))
broad = [a for a in args if re.match(r"--filesystem=(host|host-os|host-etc|home|~|/)", a)
         or a in ("--device=all", "--socket=session-bus", "--socket=system-bus")]
check("no broad access to files, devices or the buses", not broad, broad)
check("nothing beyond what the app uses", set(args) == set(required), sorted(set(args) - set(required)))

sys.exit(0 if all(tests) else 1)
