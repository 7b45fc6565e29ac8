#!/usr/bin/python3
# test-flow-sync.py APP — headquarters publishes an update that changes two cases and serves it
# with nginx on 127.0.0.1 (data/nginx/feed.conf, stopped by PID); the officer presses Check now
# at the sidebar's foot, sees the toast that says what came, opens What's New from it and finds
# both cases there, and the sidebar's foot says when it last checked.
import os
import re
import shutil
import signal
import socket
import subprocess
import time

from gcmui import App, check, finish, find_all, first, plan, screenshot, wait_for

CHANGED = ("2013-hong-kong-ivory-wooden-planks.md", "2014-hong-kong-airport-ivory-couriers.md")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_nginx(folder, www):
    port = free_port()
    conf = os.path.join(folder, "nginx.conf")
    feed_conf = os.path.join(os.path.dirname(__file__), "..", "..", "data", "nginx", "feed.conf")
    temp = os.path.join(folder, "nginx-tmp")
    os.makedirs(temp)
    with open(conf, "w", encoding="utf-8") as f:
        f.write(("user root;\n" if os.getuid() == 0 else "") +
                f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
                f"events {{}}\nhttp {{\n  access_log {folder}/access.log;\n"
                f"  client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};\n"
                f"  uwsgi_temp_path {temp}; scgi_temp_path {temp};\n"
                f"  server {{ listen 127.0.0.1:{port}; root {www}; include {os.path.abspath(feed_conf)}; }}\n}}\n")
    nginx = subprocess.Popen(["nginx", "-p", folder, "-c", conf],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    answers = wait_for(lambda: socket.create_connection(("127.0.0.1", port), 1), 10)
    if answers:
        answers.close()
    return nginx, port


def case_titles(source):
    titles = []
    for name in CHANGED:
        with open(os.path.join(source, "cases", name), encoding="utf-8") as f:
            titles.append(re.search(r'^title: "?(.*?)"?$', f.read(), re.M).group(1))
    return titles


plan(4)
app = App("sync")
app.run("--status")
source = os.path.join(app.tmp, "source")
shutil.copytree(os.environ["GCM_CONTENT_SOURCE"], source)
for name in CHANGED:
    path = os.path.join(source, "cases", name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("\n---\n", "\n---\n\nUpdated by headquarters.\n", 1))
key = os.path.join(app.tmp, "hq")
subprocess.run(["minisign", "-G", "-W", "-p", key + ".pub", "-s", key + ".key"], check=True,
               capture_output=True)
www = os.path.join(app.tmp, "www")
subprocess.run([os.environ["GCM_PUBLISH"], "--source", source, "--output", www, "--key",
                key + ".key", "--serial", "4000000000"], check=True, capture_output=True)
with open(key + ".pub", encoding="utf-8") as f:
    public_key = f.read().splitlines()[1]
nginx, port = start_nginx(app.tmp, www)
app.set_settings(last_page="'home'", feed_url=f"'http://127.0.0.1:{port}'",
                 trusted_keys=f"['{public_key}']", sync_automatic="false")
frame = app.start()
try:
    def last_check():
        label = first(frame, lambda n: n.roleName == "label" and
                      re.match(r"(Not checked|Last checked)", n.name or ""))
        return label.name if label else None
    before = wait_for(last_check)
    check_now = wait_for(lambda: frame.child(name="Check now", roleName="push button", retry=False))
    if check_now:
        check_now.doActionNamed("click")
    toast = wait_for(lambda: first(frame, lambda n: n.roleName == "label" and
                                   re.fullmatch(r"2 cases updated", n.name or "")), 60)
    check("Check now installs the update and the toast says what came", bool(toast),
          [l.name for l in find_all(frame, lambda n: n.roleName == "label"
                                    and "updat" in (n.name or "").lower())])
    screenshot("sync-toast")
    # GTK 4.8 names a button with a mnemonic "_Show Show"
    show = toast and first(frame, lambda n: n.roleName == "push button"
                           and (n.name or "").replace("_", "").startswith("Show"))
    check("the toast offers to show what is new", bool(show))
    if show:
        show.doActionNamed("click")
    view = wait_for(lambda: first(frame, lambda n: n.name == "GcmWhatsNewView"))
    titles = case_titles(source)
    listed = view and wait_for(lambda: all(first(view, lambda n: n.roleName == "list item"
                                                 and (n.name or "").startswith(t)) for t in titles))
    check("What's New lists both updated cases", bool(listed),
          f"expected {titles}, rows {[r.name for r in find_all(view, lambda n: n.roleName == 'list item')] if view else None}")
    screenshot("sync-whats-new")
    check("the sidebar's foot says the check was just now", before != last_check() and
          last_check() == "Last checked just now", f"{before!r} before, {last_check()!r} after")
finally:
    app.stop()
    nginx.send_signal(signal.SIGTERM)
    nginx.wait(10)
finish()
