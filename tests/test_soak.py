"""Long-run stability of the real window on a fake clock: no leaks, no stuck threads.

Workouts end (stopped or finished) without leaving sessions, timers, threads
or memory behind; a workout over two hours runs to its end. Counts are taken
after a short warm-up (the first workouts fill Qt's caches and the finished
screen builds its summary widgets once). Speed figures live in
tests/benchmarks/soak.py, not here.
"""

from __future__ import annotations

import pytest
from soak_rig import TWO_HOURS, SoakRig

from hipcoach.model import Prescription


@pytest.fixture
def rig(qapp):
    rig = SoakRig(tick_interval=1.0)
    yield rig
    rig.close()


def warm_up(rig: SoakRig, *, last: str) -> None:
    """A few stopped and one finished workout; the `last` kind ("stopped" or "finished")
    comes last, so the finished screen shows the same kind of summary before and after."""
    one_rep = Prescription.from_dict({"reps": 1, "sets": 1},
                                     base=rig.window.routine.prescription)
    rig.start_stop_cycles(3)
    summary, _total = rig.long_workout(one_rep)
    assert summary.completed
    if last == "stopped":
        rig.start_stop_cycles(2)


def test_a_hundred_stopped_workouts_leave_nothing_behind(rig):
    warm_up(rig, last="stopped")
    before = rig.snapshot()
    rig.start_stop_cycles(100)
    after = rig.snapshot()
    assert rig.workouts == 3 + 1 + 2 + 100
    assert after.os_threads == before.os_threads
    assert after.python_threads == before.python_threads
    assert after.qobjects == before.qobjects
    assert after.qtimers == before.qtimers


def test_finished_sessions_are_freed_not_kept_by_the_window(rig):
    from hipcoach.session import Session

    rig.start_stop_cycles(5)
    assert rig.window.session is None
    assert rig.window.findChildren(Session) == []


def test_a_two_hour_workout_runs_to_its_end_without_growing(rig):
    warm_up(rig, last="finished")
    before = rig.snapshot()
    summary, total = rig.long_workout()
    after = rig.snapshot()
    assert total >= TWO_HOURS
    assert summary.completed
    assert summary.skipped_steps == 0
    assert rig.window.current_screen() is rig.window.finished_screen
    assert after.os_threads == before.os_threads
    assert after.qobjects == before.qobjects
    assert after.qtimers == before.qtimers


@pytest.mark.speech
def test_with_the_real_voice_stopped_workouts_leave_no_threads_or_objects(qapp):
    rig = SoakRig(voice=True, tick_interval=1.0)
    try:
        warm_up(rig, last="stopped")
        before = rig.snapshot()
        rig.start_stop_cycles(30)
        after = rig.snapshot()
        assert rig.device.played, "the coach spoke through the fake device"
        assert after.os_threads == before.os_threads
        assert after.python_threads == before.python_threads
        assert after.qobjects == before.qobjects
        assert after.qtimers == before.qtimers
    finally:
        rig.close()
