"""The window waits for the voice's cues, runs the speech-aware plan, mutes and reports faults."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QObject, Qt, Signal

from hipcoach.session_types import SessionState
from ui_helpers import press


class CoachDouble(QObject):
    """Stands in for VoiceCoach: records calls; the test says when the cues are ready."""

    ready = Signal(object)
    notice = Signal(str)
    output_latency = 0.035

    def __init__(self) -> None:
        super().__init__()
        self.prepared, self.attached, self.muted, self.closed = [], [], [], False

    def prepare(self, plan) -> None:
        self.prepared.append(plan)

    def attach(self, session) -> None:
        self.attached.append(session)

    def set_muted(self, muted: bool) -> None:
        self.muted.append(muted)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def voiced(make_window):
    window = make_window()
    coaches = []

    def factory():
        coaches.append(CoachDouble())
        return coaches[-1]

    window.set_voice_factory(factory)
    return window, coaches


def test_start_waits_for_the_cues_then_runs_the_plan_the_voice_hands_back(voiced, qtbot):
    window, coaches = voiced
    press(qtbot, window, Qt.Key.Key_Return)
    coach = coaches[0]
    assert window.session is None and window.voice.waiting
    assert window.start_screen.start_button.text() == "Getting the voice ready…"
    assert not window.start_screen.start_button.isEnabled()
    press(qtbot, window, Qt.Key.Key_Return)          # a second press does not start twice
    assert len(coach.prepared) == 1
    plan = coach.prepared[0]
    stretched = replace(plan, steps=tuple(replace(s, duration=s.duration + 1) for s in plan.steps))
    with qtbot.waitSignal(window.workout_started):
        coach.ready.emit(stretched)
    assert window.session.plan is stretched
    assert coach.attached == [window.session]
    assert window.session.state is SessionState.RUNNING
    assert window.start_screen.start_button.text() == "Start workout"


def test_mute_reaches_the_coach_and_a_fault_shows_a_notice(voiced, qtbot):
    window, coaches = voiced
    press(qtbot, window, Qt.Key.Key_M)
    press(qtbot, window, Qt.Key.Key_Return)
    coach = coaches[0]
    assert coach.muted == [True]                       # made muted, as the window is
    coach.ready.emit(coach.prepared[0])
    press(qtbot, window, Qt.Key.Key_M)
    assert coach.muted == [True, False]
    coach.notice.emit("Voice off: no speech engine. The workout goes on without speech.")
    assert window.banner.label.text().startswith("Voice off: no speech engine")


def test_cues_that_never_come_start_the_workout_silently(voiced, qtbot):
    window, coaches = voiced
    press(qtbot, window, Qt.Key.Key_Return)
    window.voice.wait.timeout.emit()                  # the wait limit passes
    assert window.session is not None
    assert coaches[0].muted[-1] is True
    assert "not ready in time" in window.banner.label.text()
    coaches[0].ready.emit(coaches[0].prepared[0])     # late cues change nothing
    assert window.session.state is SessionState.RUNNING


def test_a_voice_that_cannot_start_leaves_a_silent_workout(make_window, qtbot):
    window = make_window()

    def broken():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    window.set_voice_factory(broken)
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.session is not None
    assert window.banner.label.text().startswith("Voice off: libespeak-ng.so.1")


def test_new_settings_make_a_new_coach_and_closing_releases_it(voiced, qtbot):
    window, coaches = voiced

    def run_one() -> None:
        window.show_start()
        press(qtbot, window, Qt.Key.Key_Return)
        coaches[-1].ready.emit(coaches[-1].prepared[-1])
        window.session.stop()

    run_one()
    run_one()
    assert len(coaches) == 1 and len(coaches[0].prepared) == 2   # same settings, same coach
    window.set_voice_factory(lambda: coaches.append(CoachDouble()) or coaches[-1])
    run_one()
    assert len(coaches) == 2 and coaches[0].closed and not coaches[1].closed
    window.close()
    assert coaches[1].closed
