#!/usr/bin/python3
# test-quiz.py APP — takes a bundled quiz in the real app through AT-SPI (dogtail) by keyboard
# only, as a learner with a screen reader would: 1–9 choose, Enter checks, Enter goes on. Checks
# that each choice's state is reported (checked), that the feedback is announced (an alert whose
# description is the explanation), and that the results page gives the score of the answers
# given. The right answers come from the quiz's source. TAP output.
import os
import re
import sys
import tempfile

if not os.environ.get("DISPLAY") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
    print("1..0 # SKIP needs an X display and a session bus")
    sys.exit(0)

import yaml  # noqa: E402
from dogtail import rawinput  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gcm_atspi import all_passed, check, first, screenshot, start_app, stop_app, wait_for  # noqa: E402

QUIZ = "green-customs-basics"
PLANNED = 7


def squeeze(text):
    return " ".join((text or "").split())


source = os.path.join(os.environ["GCM_CONTENT_SOURCE"], "quizzes", QUIZ + ".yaml")
with open(source, encoding="utf-8") as f:
    quiz = yaml.safe_load(f)


def text_of(box):
    """A choice's text: its check box is named "1. text"."""
    return box.name.split(". ", 1)[1]


def right_texts(question):
    if question["type"] == "truefalse":
        return {"True" if question["answer"] else "False"}
    answer = question["answer"]
    return {question["choices"][i] for i in (answer if isinstance(answer, list) else [answer])}


tmp = tempfile.mkdtemp(prefix="gcm-ui-quiz-")
os.makedirs(tmp + "/config/glib-2.0/settings")
with open(tmp + "/config/glib-2.0/settings/keyfile", "w", encoding="utf-8") as f:
    f.write(f"[org/greencustoms/Manual]\nlast-page='item:quiz/{QUIZ}'\n")
env = dict(os.environ, XDG_DATA_HOME=tmp + "/data", XDG_CONFIG_HOME=tmp + "/config",
           XDG_CACHE_HOME=tmp + "/cache", LANGUAGE="C", GTK_A11Y="atspi",
           GSETTINGS_BACKEND="keyfile", G_DEBUG="fatal-criticals")
env.pop("NO_AT_BRIDGE", None)

print(f"1..{PLANNED}", flush=True)
app, frame = start_app(sys.argv[1], env)
try:
    check("the window opens", frame is not None)
    start = frame and wait_for(lambda: first(frame, lambda n: n.roleName == "push button"
                                             and n.name == "Start Quiz"))
    check("the quiz page opens with its Start Quiz button", bool(start))
    if start:
        start.doActionNamed("click")
    view = wait_for(lambda: first(frame, lambda n: n.name == "GcmQuizView"))

    questions = quiz["questions"]
    n = len(questions)
    states_ok, announced_ok, problems = True, True, []
    for index, question in enumerate(questions):
        shown = wait_for(lambda: first(view, lambda n_: n_.roleName == "label"
                                       and n_.name == f"Question {index + 1} of {n}"))
        prompt = squeeze(question["prompt"])
        asked = shown and wait_for(lambda: first(view, lambda n_: squeeze(n_.name) == prompt))
        if not asked:
            problems.append(f"question {index + 1} ({question['id']}) is not shown")
            break

        def choices():
            found = [c for c in view.findChildren(
                lambda n_: n_.roleName in ("check box", "radio button")
                and re.match(r"[1-9]\. ", n_.name or ""))]
            return len(found) == len(question.get("choices") or [0, 0]) and found
        boxes = wait_for(choices) or []
        # The first question is answered wrong on purpose, every other one right.
        rights = right_texts(question)
        wanted = [b for b in boxes if (text_of(b) in rights) != (index == 0)]
        if question["type"] != "multiple":
            wanted = wanted[:1]
        for box in wanted:
            rawinput.pressKey(box.name.split(".", 1)[0])
        reported = wait_for(lambda: all(b.checked == (b in wanted) for b in boxes))
        if not reported:
            states_ok = False
            problems.append(f"{question['id']}: checked {[b.name for b in boxes if b.checked]}, "
                            f"expected {[b.name for b in wanted]}")
        rawinput.pressKey("Return")
        verdict = "Not quite" if index == 0 else "Right"
        explanation = squeeze(question["explanation"])
        alert = wait_for(lambda: first(view, lambda n_: n_.roleName in ("alert", "notification")
                                       and squeeze(n_.description) == explanation
                                       and n_.name == verdict))
        if not alert:
            announced_ok = False
            feedback = first(view, lambda n_: n_.roleName in ("alert", "notification"))
            problems.append(f"{question['id']}: feedback {feedback and feedback.name!r}: "
                            f"{feedback and feedback.description!r}")
        rawinput.pressKey("Return")

    check("every choice taken by its number key is reported checked over AT-SPI, no other",
          states_ok, "; ".join(problems))
    check("each answer's feedback is announced: an alert named by the verdict, its explanation "
          "the description", announced_ok, "; ".join(problems))
    title = f"{n - 1} of {n} Right"
    score = wait_for(lambda: first(view, lambda n_: n_.name == title))
    check("the quiz taken by keyboard reaches its results with the score of the answers given",
          bool(score), "; ".join(problems))
    percent = (200 * (n - 1) + n) // (2 * n)  # rounded to the nearest
    said = first(view, lambda n_: (n_.name or "").startswith(f"You scored {percent} %"))
    check(f"the results say the score in per cent ({percent} %)", bool(said))
    screenshot("quiz-results")
    missed = first(view, lambda n_: n_.roleName == "list item"
                   and squeeze(n_.name).startswith(squeeze(questions[0]["prompt"])))
    check("the question missed is listed on the results page", bool(missed))
finally:
    stop_app(app)

sys.exit(0 if all_passed(PLANNED) else 1)
