"""The workout screen follows the session: labels, side, figure pose and mirror, progress."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from fakes import run_until
from hipcoach.model import Side
from hipcoach.plan import StepKind
from ui_helpers import press
from PySide6.QtCore import Qt


@pytest.fixture
def window(make_window, qtbot):
    window = make_window(exercises=("side-leg-lift", "glute-bridge"))
    press(qtbot, window, Qt.Key.Key_Return)
    return window


def run_to(window, clock, timer, kind: StepKind, side: Side | None = None) -> None:
    """Let the fake clock run until a step of this kind (and side) starts."""
    for _ in range(500):
        step = window.session.current_step
        if step.kind is kind and (side is None or step.side is side):
            return
        run_until(clock, timer, timer.due - clock.monotonic())
    raise AssertionError(f"no {kind} step came")


def test_get_ready_shows_the_exercise_the_side_and_a_countdown(window):
    screen = window.workout_screen
    assert screen.position_label.text() == "EXERCISE 1 OF 2"
    assert screen.exercise_label.text() == "Side leg lift"
    assert screen.variation_label.text() == "Lying"
    assert screen.side_badge.text() == "LEFT"
    assert screen.set_label.text() == "Set 1 of 2"
    assert screen.phase_label.text() == "Get ready"
    assert (screen.counter.caption(), screen.counter.text()) == ("Seconds", "3")
    assert screen.next_label.text() == \
        "Lie on your side on the mat, legs long; the top leg does the lifting."


def test_labels_follow_every_step(window, qtbot, clock, timer):
    screen = window.workout_screen
    with qtbot.waitSignal(screen.announced) as announced:
        run_to(window, clock, timer, StepKind.LIFT)
    assert announced.args == ["Lift. Rep 1 of 2, set 1 of 2, left side."]
    assert screen.phase_label.text() == "Lift"
    assert screen.phase_label.accessibleName() == "Phase: Lift"
    assert screen.phase_label.accessibleDescription() == announced.args[0]
    assert (screen.counter.caption(), screen.counter.text()) == ("Rep", "1/2")
    assert screen.next_label.text() == "Then: switch to the right side"
    run_to(window, clock, timer, StepKind.HOLD)
    assert screen.phase_label.text() == "Hold"
    run_until(clock, timer, 2.0)        # lower of rep 1, then lift of rep 2
    assert (screen.phase_label.text(), screen.counter.text()) == ("Lift", "2/2")
    run_to(window, clock, timer, StepKind.SWITCH)
    assert screen.side_badge.text() == "RIGHT"
    assert screen.phase_label.text() == "Switch sides"
    run_to(window, clock, timer, StepKind.REST)
    assert screen.set_label.text() == "Set 2 of 2"   # a rest shows the set coming up
    assert screen.side_badge.side is Side.LEFT
    run_to(window, clock, timer, StepKind.NEXT)
    assert screen.exercise_label.text() == "Glute bridge"
    assert screen.position_label.text() == "EXERCISE 2 OF 2"
    assert screen.next_label.text().startswith("On your back, one foot flat")
    assert screen.side_badge.side is None


def test_the_figure_moves_with_the_rep(window, clock, timer):
    screen = window.workout_screen
    run_to(window, clock, timer, StepKind.LIFT)
    assert screen.figure.pose == pytest.approx(0.0, abs=0.01)
    run_until(clock, timer, 0.5)        # half way up (1 s lift)
    assert screen.figure.pose == pytest.approx(0.5, abs=0.11)
    assert screen.ring.fraction == pytest.approx(0.5, abs=0.11)
    run_to(window, clock, timer, StepKind.HOLD)
    assert screen.figure.pose == 1.0
    run_to(window, clock, timer, StepKind.LOWER)
    run_until(clock, timer, 0.5)
    assert screen.figure.pose == pytest.approx(0.5, abs=0.11)
    run_to(window, clock, timer, StepKind.SWITCH)
    assert screen.figure.pose == 0.0


def test_the_figure_is_mirrored_for_the_other_side(window, clock, timer):
    figure = window.workout_screen.figure
    run_to(window, clock, timer, StepKind.HOLD, Side.LEFT)
    assert figure.figure.id == "side-leg-lift-lying" and not figure.mirrored
    left = figure.grab().toImage()
    run_to(window, clock, timer, StepKind.HOLD, Side.RIGHT)
    assert figure.mirrored
    right = figure.grab().toImage()
    assert right != left
    assert mean_difference(right, left.flipped(Qt.Orientation.Horizontal)) < 2.0


def mean_difference(a, b) -> float:
    """Average per-channel difference (0..255) of two same-size images, on a grid."""
    assert a.size() == b.size()
    total = count = 0
    for y in range(0, a.height(), 3):
        for x in range(0, a.width(), 3):
            pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
            total += abs(pa.red() - pb.red()) + abs(pa.green() - pb.green()) \
                + abs(pa.blue() - pb.blue())
            count += 3
    return total / count


def test_pause_dims_the_ring_and_freezes_the_figure(window, qtbot, clock, timer):
    screen = window.workout_screen
    run_to(window, clock, timer, StepKind.LIFT)
    run_until(clock, timer, 0.5)
    press(qtbot, window, Qt.Key.Key_Space)
    pose = screen.figure.pose
    assert screen.ring.dimmed and screen.phase_label.text() == "Paused"
    clock.advance(30)
    assert screen.figure.pose == pose
    press(qtbot, window, Qt.Key.Key_Space)
    assert not screen.ring.dimmed and screen.phase_label.text() == "Lift"


def test_progress_and_time_left_follow_the_whole_workout(window, clock, timer):
    screen = window.workout_screen
    total = window.session.plan.total_seconds
    assert screen.progress.value() == 0
    run_until(clock, timer, total / 2)
    assert screen.progress.value() == pytest.approx(500, abs=10)
    assert total / 2 < 60
    assert screen.time_left_label.text() == f"{round(total / 2)} s left"


def test_phase_changes_reach_assistive_technology(window, clock, timer, monkeypatch):
    events = []
    monkeypatch.setattr(QAccessible, "updateAccessibility",
                        lambda event: events.append((event.object(), event.type())))
    run_to(window, clock, timer, StepKind.LIFT)
    label = window.workout_screen.phase_label
    assert (label, QAccessible.Event.NameChanged) in events
    assert (label, QAccessible.Event.DescriptionChanged) in events
    assert (label, QAccessible.Event.Announcement) in events


def test_a_notice_shows_and_can_be_dismissed(window, qtbot):
    window.show_notice("The voice is not available; the workout goes on silently.\nDetails")
    assert window.banner.isVisible()
    assert window.banner.label.text() == "The voice is not available; the workout goes on silently."
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_a_laptop_sleep_pauses_and_says_so(window, clock, timer):
    clock.suspend(600)
    run_until(clock, timer, 0.3)
    assert window.banner.isVisible()
    assert "asleep for about 10 min" in window.banner.label.text()
    assert window.workout_screen.phase_label.text() == "Paused"


def test_settings_can_preselect_variations_and_options(make_window, qtbot):
    from hipcoach.model import Resistance, Selection

    window = make_window()
    window.set_selection(Selection((("glute-bridge", "double-leg"),),
                                   frozenset({"feet-on-ball"})))
    chosen = window.start_screen.selection()
    assert chosen.variations == (("glute-bridge", "double-leg"),)
    assert chosen.options == frozenset({"feet-on-ball"})
    assert window.start_screen.total_label.text().startswith("About ")
    window.set_prescription(window.prescription.with_changes(resistance=Resistance.BAND))
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.workout_screen.exercise_label.text() == "Glute bridge"
    assert window.workout_screen.variation_label.text() == \
        "Both feet · feet on a ball, resistance band"
    assert window.workout_screen.side_badge.text() == "BOTH LEGS"
    assert not window.workout_screen.figure.mirrored


def test_tabbing_through_the_start_screen_shows_each_exercise_s_details(make_window, qtbot):
    window = make_window()
    screen = window.start_screen
    screen.rows[2].include.setFocus()
    qtbot.waitUntil(lambda: screen.details_title.text() == "Donkey kick · Bent knee")
    assert "Kick the working leg back and up" in screen.details.text()
    assert "Hip extensors" in screen.details.text() or "hip extensors" in screen.details.text()
    screen.rows[1].variation_box.setFocus()
    qtbot.waitUntil(lambda: screen.details_title.text() == "Glute bridge · Single leg")
    assert screen.figure.figure.id == "glute-bridge-single"


def test_escape_outside_a_workout_leaves_mat_mode(make_window, qtbot):
    window = make_window()
    press(qtbot, window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert window.session is None and window.stop_box is None
