"""A whole workout with nothing but the keyboard, start to summary and back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fakes import run_until
from hipcoach.model import Selection
from hipcoach.session_types import SessionState
from ui_helpers import press

K = Qt.Key


def test_the_default_routine_end_to_end_by_keyboard(make_window, qtbot, clock, timer):
    window = make_window()
    finished = []
    window.workout_finished.connect(finished.append)
    press(qtbot, window, K.Key_Tab)            # wander the start screen and come back
    window.start_screen.start_button.setFocus()
    press(qtbot, window, K.Key_Return)
    session = window.session
    screen = window.workout_screen
    seen = set()
    steps = 0
    while window.session is not None:
        step = window.session.current_step
        seen.add((step.exercise, step.side.value, step.kind.value))
        assert screen.step is step
        steps += 1
        if steps == 10:                        # a breather mid-set
            press(qtbot, window, K.Key_Space)
            clock.advance(120)
            assert window.session.state is SessionState.PAUSED
            press(qtbot, window, K.Key_Space)
        if steps == 20:                        # M mutes and unmutes without disturbing
            press(qtbot, window, K.Key_M)
            press(qtbot, window, K.Key_M)
        run_until(clock, timer, timer.due - clock.monotonic())
    assert session.state is SessionState.FINISHED
    assert window.current_screen() is window.finished_screen
    summary = finished[0]
    assert summary.completed and summary.skipped_steps == 0
    assert summary.reps_done == {
        ("side-leg-lift", "left"): 4, ("side-leg-lift", "right"): 4,
        ("glute-bridge", "left"): 4, ("glute-bridge", "right"): 4,
        ("donkey-kick", "left"): 4, ("donkey-kick", "right"): 4}
    assert {exercise for exercise, _side, _kind in seen} == \
        {"side-leg-lift", "glute-bridge", "donkey-kick"}
    assert window.finished_screen.headline.text() == "Workout complete"
    assert window.finished_screen.subline.text().startswith("24 reps in ")
    assert window.finished_screen.balance.text() == "Same reps on both sides. Nicely balanced."
    press(qtbot, window, K.Key_Return)          # Back to start has the focus
    assert window.current_screen() is window.start_screen
    press(qtbot, window, K.Key_Return)          # and a second workout starts straight away
    assert window.session is not None and window.session is not session


def test_skipping_with_the_keyboard_counts_in_the_summary(make_window, qtbot, clock, timer):
    window = make_window(exercises=("glute-bridge",))
    press(qtbot, window, K.Key_Return)
    for _ in range(4):                          # get ready and all of rep 1 on the left
        press(qtbot, window, K.Key_PageDown)
    with qtbot.waitSignal(window.workout_finished) as finished:
        while window.session is not None:
            run_until(clock, timer, timer.due - clock.monotonic())
    summary = finished.args[0]
    assert summary.skipped_steps == 4
    assert summary.reps_done == {("glute-bridge", "left"): 3, ("glute-bridge", "right"): 4}
    assert "4 steps skipped" in window.finished_screen.subline.text()
    assert window.finished_screen.balance.text().startswith("Left and right differ on Glute bridge")


def test_a_second_summary_replaces_the_first(make_window, qtbot, clock, timer):
    window = make_window(exercises=("side-leg-lift",))
    press(qtbot, window, K.Key_Return)
    window.session.stop()
    press(qtbot, window, K.Key_Return)
    window.set_selection(Selection((("glute-bridge", "double-leg"),)))
    press(qtbot, window, K.Key_Return)
    while window.session is not None:
        run_until(clock, timer, timer.due - clock.monotonic())
    card = window.finished_screen.card
    shown = [label.text() for label in card.findChildren(QLabel) if label.isVisibleTo(card)]
    assert shown == ["Exercise", "Both", "Glute bridge", "4"]


def test_start_gets_the_focus_back_when_it_returns(make_window, qtbot):
    window = make_window()
    rows = window.start_screen.rows
    for row in rows:                               # nothing chosen: Start goes grey
        row.include.setChecked(False)
    assert not window.start_screen.start_button.isEnabled()
    rows[2].include.setChecked(True)
    assert window.focusWidget() is window.start_screen.start_button
    press(qtbot, window, K.Key_Return)
    assert window.session.plan.steps[0].exercise == "donkey-kick"


def test_settings_selection_keeps_start_focused(make_window, qtbot):
    window = make_window()
    window.set_selection(Selection((("donkey-kick", "fire-hydrant"),)))
    window.set_selection(Selection((("glute-bridge", "single-leg"),)))
    assert window.focusWidget() is window.start_screen.start_button
    press(qtbot, window, K.Key_Return)
    assert window.session.plan.steps[0].variation == "single-leg"
