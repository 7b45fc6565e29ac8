#!/usr/bin/python3
# test-workshop.py APP — workshop mode driven through AT-SPI (dogtail) by the keyboard, as an
# instructor in front of a room would: F5 on a quiz's page presents it in a window of its own,
# → shows the first question with its choices lettered, B then 1 2 counts twelve answers for B,
# + adds one, Space shows the answer and its explanation, End goes to the summary with the
# counts and the share right, the session is saved, Escape leaves; the saved session exports
# from the command line with the counts typed and is listed in Workshop Sessions. A procedure
# presents its steps, a warning styled and named as one. TAP output.
import csv
import os
import subprocess

import yaml

from gcmui import APP, App, check, finish, first, plan, rawinput, screenshot, wait_for
import pyatspi  # noqa: E402  (after gcmui, which skips without a display)


def all_under(node, predicate, limit=20000):
    found, queue = [], [node] if node is not None else []
    while queue and limit > 0:
        n = queue.pop(0)
        limit -= 1
        if n is not node and predicate(n):
            found.append(n)
        queue.extend(n.children)
    return found


def presenter_of(app, title):
    frames = [f for f in app.children if f.roleName == "frame" and f.name == title]
    return frames[0] if frames else None


def choices(presenter):
    return [b for b in all_under(presenter, lambda n: n.roleName == "push button")
            if len(b.name) > 3 and b.name[1:3] == ". "]


def label_with(presenter, text):
    return first(presenter, lambda n: n.roleName in ("label", "heading") and text in (n.name or ""))


with open(os.path.join(os.environ["GCM_CONTENT_SOURCE"], "quizzes", "green-customs-basics.yaml"),
          encoding="utf-8") as f:
    EXPLANATION = " ".join(yaml.safe_load(f)["questions"][0]["explanation"].split())

plan(18)
app_dir = App("workshop")
frame = app_dir.start("item:quiz/green-customs-basics")
app = frame.parent if frame else None
try:
    check("the window opens on the quiz's page", frame is not None)
    present = wait_for(lambda: first(frame, lambda n: n.roleName == "push button"
                                     and n.name == "Present"))
    check("the quiz's page offers Present", present is not None)

    rawinput.pressKey("F5")
    presenter = wait_for(lambda: presenter_of(app, "Green Customs basics"))
    check("F5 opens the presentation in a window of its own", presenter is not None)
    hint = wait_for(lambda: label_with(presenter, "Esc leaves"))
    check("a line shows the keys", hint is not None and "→" in hint.name, hint and hint.name)

    rawinput.pressKey("Right")
    question = wait_for(lambda: label_with(presenter, "Question 1 of 14"))
    rows = wait_for(lambda: choices(presenter))
    names = [r.name for r in rows or []]
    check("→ shows the first question with its choices lettered",
          question is not None and len(names) == 4 and names[0].startswith("A. 2012")
          and names[2].startswith("C. 2004"), names)

    for key in ("b", "1", "2"):
        rawinput.pressKey(key)
    counted = wait_for(lambda: [r for r in choices(presenter)
                                if r.name.startswith("B. 1989") and r.name.endswith("12 answers")])
    check("B then 1 2 counts twelve answers for B", bool(counted),
          [r.name for r in choices(presenter)])
    check("the choice counted is the selected one",
          bool(counted) and counted[0].getState().contains(pyatspi.STATE_SELECTED))
    rawinput.pressKey("plus")
    rawinput.pressKey("c")
    rawinput.pressKey("7")
    total = wait_for(lambda: label_with(presenter, "20 answers counted"))
    check("+ adds one and C 7 counts seven: twenty in all", total is not None,
          [r.name for r in choices(presenter)])

    rawinput.pressKey("space")
    answer = wait_for(lambda: label_with(presenter, "Answer: C"))
    explained = label_with(presenter, EXPLANATION[:40])
    check("Space shows the answer and its explanation", answer is not None and explained is not None)
    right = wait_for(lambda: label_with(presenter, "7 of 20 answers right (35%)"))
    marked = [r.name for r in choices(presenter) if ", right," in r.name]
    check("the share right and the right choice are shown",
          right is not None and marked == ["C. 2004, right, 7 answers"], marked)

    rawinput.pressKey("End")
    summary = wait_for(lambda: first(presenter, lambda n: n.roleName == "heading"
                                     and n.name == "Summary"))
    check("End goes to the summary", summary is not None)
    line = label_with(presenter, "A 0   B 13   C 7✓   D 0")
    share = label_with(presenter, "Right overall: 35%")
    check("the summary gives each question's counts and the share right",
          line is not None and share is not None)
    saved = wait_for(lambda: label_with(presenter, "Saved in Workshop Sessions"))
    check("the session is saved", saved is not None)
    screenshot("workshop-summary")

    rawinput.pressKey("Escape")
    gone = wait_for(lambda: presenter_of(app, "Green Customs basics") is None)
    check("Escape leaves the presentation", bool(gone))
finally:
    app_dir.stop()

exported = os.path.join(app_dir.tmp, "s.csv")
done = subprocess.run([APP, "--export-workshop", "1", "--csv", exported], env=app_dir.env,
                      capture_output=True, text=True)
rows = []
if done.returncode == 0:
    with open(exported, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
check("the saved session exports with the counts typed",
      len(rows) == 15 and rows[1][4:8] == ["0", "13", "7", "0"] and rows[1][-2:] == ["20", "35"],
      done.stderr or rows[:2])

frame = app_dir.start("item:procedure/fumigated-container")
app = frame.parent if frame else None
try:
    present = wait_for(lambda: first(frame, lambda n: n.roleName == "push button"
                                     and n.name == "Present"))
    # The main menu's Workshop Sessions lists the session, with its exports.
    rawinput.pressKey("F10")
    entry = wait_for(lambda: first(app, lambda n: n.name == "Workshop Sessions"
                                   and "menu" in n.roleName))
    if entry is not None:
        entry.doActionNamed(entry.actions and list(entry.actions)[0] or "click")
    sessions = wait_for(lambda: [f for f in app.children if f.name == "Workshop Sessions"])
    exports = sessions and wait_for(lambda: [b.name for b in all_under(sessions[0], lambda n:
                                             n.roleName == "push button"
                                             and n.name.startswith("Export Green Customs basics"))])
    check("Workshop Sessions lists the session, to export it again as CSV or PDF",
          bool(exports) and len(exports) == 2 and exports[0].endswith("as CSV")
          and exports[1].endswith("as PDF"), exports)
    rawinput.pressKey("Escape")
    closed = wait_for(lambda: not [f for f in app.children if f.name == "Workshop Sessions"])
    check("Escape closes Workshop Sessions", bool(closed))
    present.doActionNamed("click")
    presenter = wait_for(lambda: presenter_of(app, "Handling a fumigated container"))
    for _ in range(5):
        rawinput.pressKey("Page_Down")
    step = wait_for(lambda: label_with(presenter, "Step 5 of 12"))
    warning = label_with(presenter, "Warning: Fumigants are often colourless")
    check("a procedure goes step by step with its warnings", step is not None and warning is not None)
    screenshot("workshop-procedure-step")
finally:
    app_dir.stop()

finish()
