"""Fixtures for window tests: a short workout run by the real Session on a fake clock."""

from __future__ import annotations

import pytest

from fakes import FakeClock, FakeTimer
from hipcoach.model import Prescription
from hipcoach.routines import load_routine
from hipcoach.session import Session
from hipcoach.ui.main_window import MainWindow

# small enough to run end to end in a test, with every kind of step in it
SHORT = Prescription(reps=2, sets=2, hold=1.0, lift=1.0, lower=1.0, get_ready=3.0,
                     set_rest=6.0, switch_rest=3.0, exercise_rest=6.0)


@pytest.fixture
def routine():
    return load_routine()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def timer(clock):
    return FakeTimer(clock)


@pytest.fixture
def make_window(qtbot, routine, clock, timer):
    """Build, show and activate a MainWindow whose sessions run on the fake clock."""

    def make(prescription: Prescription = SHORT, size: tuple[int, int] = (1100, 720),
             exercises: tuple[str, ...] | None = None) -> MainWindow:
        def session_factory(plan):
            return Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)

        window = MainWindow(routine, prescription=prescription,
                            session_factory=session_factory, now=clock.monotonic)
        qtbot.addWidget(window)
        if exercises is not None:
            for row in window.start_screen.rows:
                row.include.setChecked(row.exercise.id in exercises)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
