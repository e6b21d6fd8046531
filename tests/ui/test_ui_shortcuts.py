"""Every shortcut of the main window does what its menu says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui_helpers import press
from fakes import run_until
from hipcoach.plan import StepKind
from hipcoach.session_types import SessionState

K = Qt.Key


@pytest.fixture
def running(make_window, qtbot, clock, timer):
    """A window with a workout started from the keyboard and 4.5 s in (first lift)."""
    window = make_window()
    press(qtbot, window, K.Key_Return)  # the focused Start button
    assert window.session is not None
    run_until(clock, timer, 3.5)
    assert window.session.current_step.kind is StepKind.LIFT
    return window


def test_enter_on_the_start_screen_starts_and_emits_workout_started(make_window, qtbot):
    window = make_window()
    assert window.focusWidget() is window.start_screen.start_button
    with qtbot.waitSignal(window.workout_started) as started:
        press(qtbot, window, K.Key_Return)
    assert started.args[0] is window.session
    assert window.current_screen() is window.workout_screen
    assert window.session.state is SessionState.RUNNING


def test_ctrl_return_and_media_play_start_too(make_window, qtbot):
    window = make_window()
    press(qtbot, window, K.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session is not None
    window.session.stop()
    second = make_window()
    press(qtbot, second, K.Key_MediaPlay)
    assert second.session is not None


@pytest.mark.parametrize("key", [K.Key_Space, K.Key_MediaPause, K.Key_MediaTogglePlayPause])
def test_pause_keys_pause_and_resume(running, qtbot, key):
    press(qtbot, running, key)
    assert running.session.state is SessionState.PAUSED
    assert running.workout_screen.phase_label.text() == "Paused"
    assert running.workout_screen.buttons["pause"].text() == "Resume"
    press(qtbot, running, key)
    assert running.session.state is SessionState.RUNNING
    assert running.workout_screen.buttons["pause"].text() == "Pause"


def test_media_play_resumes_a_paused_workout(running, qtbot):
    press(qtbot, running, K.Key_Space)
    press(qtbot, running, K.Key_MediaPlay)
    assert running.session.state is SessionState.RUNNING


@pytest.mark.parametrize("key", [K.Key_Right, K.Key_N, K.Key_PageDown])
def test_skip_keys_move_to_the_next_step(running, qtbot, key):
    before = running.session.step_index
    press(qtbot, running, key)
    assert running.session.step_index == before + 1
    assert running.workout_screen.step.index == before + 1


@pytest.mark.parametrize("key", [K.Key_Left, K.Key_B, K.Key_PageUp])
def test_back_keys_go_back(running, qtbot, key, clock, timer):
    press(qtbot, running, K.Key_Right)   # into the hold of rep 1
    press(qtbot, running, K.Key_Right)   # lower
    run_until(clock, timer, 0.2)
    press(qtbot, running, key)           # back to the start of this rep: its lift
    step = running.session.current_step
    assert (step.kind, step.rep) == (StepKind.LIFT, 1)


def test_r_restarts_the_set(running, qtbot, clock, timer):
    run_until(clock, timer, 3.5)         # into rep 2
    assert running.session.current_step.rep == 2
    press(qtbot, running, K.Key_R)
    step = running.session.current_step
    assert (step.kind, step.rep, step.set) == (StepKind.LIFT, 1, 1)


def test_m_mutes_and_unmutes(running, qtbot):
    with qtbot.waitSignal(running.mute_toggled) as muted:
        press(qtbot, running, K.Key_M)
    assert muted.args == [True] and running.muted
    assert running.workout_screen.buttons["mute"].isChecked()
    with qtbot.waitSignal(running.mute_toggled) as unmuted:
        press(qtbot, running, K.Key_M)
    assert unmuted.args == [False] and not running.muted


def test_f11_and_double_click_toggle_mat_mode(running, qtbot):
    press(qtbot, running, K.Key_F11)
    qtbot.waitUntil(running.isFullScreen)
    assert not running.menuBar().isVisible()
    press(qtbot, running, K.Key_Space)     # shortcuts still work without the menu bar
    assert running.session.state is SessionState.PAUSED
    qtbot.mouseDClick(running.workout_screen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not running.isFullScreen())
    assert running.menuBar().isVisible()


# the offscreen platform cannot resize a message box to its size hint, and says so
OFFSCREEN_DIALOG = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN_DIALOG
def test_escape_asks_first_and_keep_going_resumes(running, qtbot):
    press(qtbot, running, K.Key_Escape)
    box = running.stop_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert running.session.state is SessionState.PAUSED
    press(qtbot, running, K.Key_Space)     # the window's keys wait while the question is open
    assert running.session.state is SessionState.PAUSED
    qtbot.mouseClick(running.keep_button, Qt.MouseButton.LeftButton)
    assert running.stop_box is None
    assert running.session.state is SessionState.RUNNING


@OFFSCREEN_DIALOG
def test_escape_then_enter_stops_and_shows_the_summary(running, qtbot):
    press(qtbot, running, K.Key_Escape)
    qtbot.waitUntil(lambda: running.stop_box is not None and running.stop_box.isActiveWindow())
    with qtbot.waitSignal(running.workout_finished) as finished:
        qtbot.keyClick(running.stop_box, K.Key_Return)
    assert finished.args[0].completed is False
    assert running.session is None
    assert running.current_screen() is running.finished_screen
    assert running.finished_screen.headline.text() == "Workout stopped"


def test_ctrl_comma_asks_for_settings_and_ctrl_h_for_history(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.settings_requested):
        press(qtbot, window, K.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(window.history_requested):
        press(qtbot, window, K.Key_H, Qt.KeyboardModifier.ControlModifier)


def test_workout_keys_do_nothing_on_the_start_screen(make_window, qtbot):
    window = make_window()
    for key in (K.Key_Right, K.Key_Left, K.Key_R, K.Key_Escape):
        press(qtbot, window, key)
    assert window.session is None
    assert window.current_screen() is window.start_screen


def test_every_action_has_a_name_and_every_button_an_accessible_name(running):
    for name, action in running.actions_.by_name.items():
        assert action.text() and action.toolTip(), name
    for name, button in running.workout_screen.buttons.items():
        assert button.accessibleName(), name
    running.resize(480, 320)
    for name, button in running.workout_screen.buttons.items():
        assert button.text() == "" and button.accessibleName(), name  # icons only, still named


@OFFSCREEN_DIALOG
def test_f1_lists_every_key(make_window, qtbot):
    window = make_window()
    press(qtbot, window, K.Key_F1)
    box = window.keys_box
    qtbot.waitUntil(box.isVisible)
    text = box.text()
    for key, what in (("Space", "Pause or carry on"), ("Right", "Skip to the next step"),
                      ("PgDown", "Skip"), ("F11", "Full screen"), ("Ctrl+,", "Settings: reps, sets"),
                      ("Esc", "Stop the workout"), ("R", "Start this set again")):
        assert key in text and what in text, key
    assert text.count("Ctrl+Q") == 1
    box.done(0)
