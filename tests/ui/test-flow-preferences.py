#!/usr/bin/python3
# test-flow-preferences.py APP — an officer opens Preferences with Ctrl+comma, turns automatic
# update checks off and picks Korean as the content language by keyboard, closes the window with Escape,
# and after a restart finds both kept, in Preferences and in the settings file.
from gcmui import App, check, finish, first, plan, rawinput, screenshot, wait_for


def automatic_switch(window):
    # libadwaita 1.2 names the row's switch after its title twice
    return first(window, lambda n: n.roleName == "check box"
                 and (n.name or "").startswith("Check for updates automatically"))


def preferences(frame):
    return wait_for(lambda: [w for w in frame.parent.children if w.name == "Preferences"])


plan(6)
app = App("preferences")
app.run("--status")
frame = app.start("home")
try:
    rawinput.keyCombo("<Control>comma")
    window = preferences(frame)
    check("Ctrl+comma opens Preferences", bool(window))
    window = window[0]
    switch = automatic_switch(window)
    was_on = switch is not None and switch.checked
    if switch:
        switch.doActionNamed("toggle")
    turned = switch and wait_for(lambda: switch.checked != was_on)
    check("the automatic-checks switch turns off", bool(turned) and was_on)
    first(window, lambda n: n.roleName == "page tab" and n.name == "Reading").doActionNamed("click")
    combo = wait_for(lambda: first(window, lambda n: n.roleName == "combo box"
                                   and n.name == "Content language"))
    if combo:
        combo.click()
    # The list of choices opens on the one chosen (System): two down is 한국어.
    wait_for(lambda: first(combo, lambda n: n.roleName == "label" and n.name == "한국어"
                           and n.parent.roleName == "list item" and n.size[1] > 0))
    for key in ("Down", "Down", "Return"):
        rawinput.pressKey(key)
    chosen = wait_for(lambda: app.read_setting("content-language") == "'ko'")
    check("Korean is chosen as the content language", bool(chosen),
          f"content-language is {app.read_setting('content-language')}")
    screenshot("preferences")
    rawinput.pressKey("Escape")
    wait_for(lambda: not [w for w in frame.parent.children if w.name == "Preferences"])
finally:
    app.stop()

check("the choices are saved", app.read_setting("sync-automatic") == "false"
      and app.read_setting("content-language") == "'ko'",
      f"sync-automatic={app.read_setting('sync-automatic')}, "
      f"content-language={app.read_setting('content-language')}")
frame = app.start()
try:
    rawinput.keyCombo("<Control>comma")
    window = preferences(frame)
    window = window[0] if window else None
    switch = window and automatic_switch(window)
    check("after a restart the switch is still off", switch is not None and not switch.checked)
    combo = window and first(window, lambda n: n.roleName == "combo box"
                             and n.name == "Content language")
    # the row shows its choice in a label of its own, outside the list of choices
    shown = combo and first(combo, lambda n: n.roleName == "label" and n.name == "한국어"
                            and n.parent.roleName != "list item")
    check("after a restart Korean is still the content language", bool(shown))
finally:
    app.stop()
finish()
