#!/usr/bin/python3
# test-flow-search.py APP — an officer searches the manual for "ivory" by keyboard: the results
# come as they type, with their number; Enter opens the best one; the page marks the word where
# it stands in the text (a background colour a screen reader reports as a text attribute).
from gcmui import (App, check, finish, first, find_all, item_heading, item_list, plan, rawinput,
                   rows_of, screenshot, wait_for)
import re


def highlighted(view, word):
    """The texts of the page in which @word stands with a background colour."""
    found = []
    for label in find_all(view, lambda n: n.roleName == "label" and word in (n.name or "").lower()):
        text = label.queryText()
        content = text.getText(0, text.characterCount).lower()
        at = content.find(word)
        attributes, start, end = text.getAttributeRun(at, False)
        if any(a.startswith("bg-color:") for a in attributes) and content[start:end] == word:
            found.append(content)
    return found


plan(5)
app = App("search")
app.run("--status")
frame = app.start("home")
try:
    entry = wait_for(lambda: frame.child(name="Search the manual", roleName="entry", retry=False))
    check("the search entry is there", bool(entry))
    rawinput.keyCombo("<Control>f")
    rawinput.typeText("ivory")
    results = wait_for(lambda: len(rows_of(frame)) >= 3 and "ivory" in rows_of(frame)[0].lower()
                       and rows_of(frame)) or []
    check("typing “ivory” after Ctrl+F lists results, the best naming ivory", bool(results),
          f"rows: {rows_of(frame)}")
    count = wait_for(lambda: first(item_list(frame).parent, lambda n: n.roleName == "label" and
                                   re.fullmatch(r"(The best )?\d+ (of \d+ )?results", n.name or "")))
    check("the number of results is shown", bool(count))
    screenshot("search-results")
    rawinput.pressKey("Return")
    best = results[0] if results else "?"
    opened = wait_for(lambda: item_heading(frame) and best.startswith(item_heading(frame)))
    check("Enter opens the best result", bool(opened),
          f"expected {best!r}, the page shown is {item_heading(frame)!r}")
    view = first(frame, lambda n: n.name == "GcmItemView")
    marks = wait_for(lambda: highlighted(view, "ivory"))
    check("the page highlights “ivory” in its text", bool(marks))
    screenshot("search-highlight")
finally:
    app.stop()
finish()
