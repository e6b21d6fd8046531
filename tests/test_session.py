"""The session engine on a fake clock and timer: order, timing, cues, pause, sleep, stop, leaks."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

from fakes import run_to_end
from hipcoach.plan import StepKind, build_plan
from hipcoach.routines import load_routine
from hipcoach.session import SUSPEND_GAP, Session, SessionState, SetRecord
from session_rig import Rig, make_rig, small_plan, summary_of


@pytest.fixture
def rig(qapp) -> Rig:
    return make_rig()


# Order and timing ---------------------------------------------------------------------------
def test_a_whole_run_starts_every_step_in_order_on_time(rig):
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    plan = rig.session.plan
    assert rig.started() == list(range(len(plan)))
    starts = [(when, args[0].start) for when, kind, args in rig.events if kind == "step_started"]
    assert all(abs(when - planned) < 0.001 for when, planned in starts)
    assert rig.session.state is SessionState.FINISHED
    assert not rig.timer.isActive()
    summary = summary_of(rig)
    assert summary.completed and summary.skipped_steps == 0
    expected = {(e, side.value): n for (e, side), n in plan.reps_by_side().items()}
    assert summary.reps_done == expected
    assert summary.elapsed == pytest.approx(plan.total_seconds, abs=0.002)
    assert rig.session.progress == 1.0 and rig.session.total_remaining == 0.0


def test_the_timer_wakes_only_for_ticks_boundaries_and_cues(rig):
    rig.session.start()
    fires = run_to_end(rig.clock, rig.timer)
    plan = rig.session.plan
    ticks = len(rig.names("tick"))
    assert ticks == pytest.approx(plan.total_seconds / 0.1, rel=0.05)
    assert fires <= ticks + len(plan) + len(rig.names("cue_due"))
    assert rig.timer.intervals.count(0) <= 1          # no spinning on a zero interval


def test_states_are_announced_in_order(rig):
    rig.session.start()
    rig.run(12)
    rig.session.pause()
    rig.session.resume()
    run_to_end(rig.clock, rig.timer)
    assert [args[0] for args in rig.names("state_changed")] == [
        SessionState.RUNNING, SessionState.PAUSED, SessionState.RUNNING, SessionState.FINISHED]
    assert rig.events[-1][1] == "finished"


def test_time_scale_shrinks_every_step(qapp):
    rig = make_rig(time_scale=0.05)
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    when = {args[0].index: at for at, kind, args in rig.events if kind == "step_started"}
    for step in rig.session.plan:
        assert when[step.index] == pytest.approx(step.start * 0.05, abs=0.001)
    assert rig.at() == pytest.approx(rig.session.plan.total_seconds * 0.05, abs=0.001)


def test_late_wake_ups_never_add_up(qapp):
    """The whole default workout (831 steps, 31 min); each wake-up comes 7 ms late.

    Every step still starts within 7 ms of its plan time, the last one too.
    """
    rig = make_rig(build_plan(load_routine()))
    rig.session.start()
    while rig.timer.isActive():
        rig.clock.set(rig.timer.due + 0.007)
        rig.timer.fire()
    lateness = [at - args[0].start for at, kind, args in rig.events if kind == "step_started"]
    assert max(lateness) <= 0.0071
    assert rig.at() - rig.session.plan.total_seconds <= 0.0071


def test_zero_length_steps_pass_in_the_same_wake_up(qapp):
    rig = make_rig(small_plan(get_ready=0, switch_rest=0, set_rest=0))
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    assert rig.started() == list(range(len(rig.session.plan)))
    assert summary_of(rig).completed


def test_ticks_count_down_about_ten_times_a_second(rig):
    rig.session.start()
    rig.run(2.0)
    ticks = [args[0] for args in rig.names("tick")]
    assert 19 <= len(ticks) <= 22
    assert ticks == sorted(ticks, reverse=True)
    assert ticks[0] == pytest.approx(10.0) and ticks[-1] == pytest.approx(8.0, abs=0.11)


def test_the_timer_is_a_precise_single_shot(rig):
    assert rig.timer.isSingleShot()
    assert rig.timer.timerType() == Qt.TimerType.PreciseTimer


# Cues ------------------------------------------------------------------------------------------
def test_cues_come_at_step_starts_and_marks_without_lead(rig):
    rig.session.start()
    rig.run(11)
    cues = [(when, args[0].index, args[1]) for when, kind, args in rig.events if kind == "cue_due"]
    first = rig.session.plan.steps[0]
    assert cues[0] == (0.0, 0, first.cue)
    assert cues[1:] == [(7.0, 0, "Three."), (8.0, 0, "Two."), (9.0, 0, "One."),
                        (10.0, 1, "One. Lift.")]


def test_cue_lead_brings_each_cue_forward(qapp):
    rig = make_rig(cue_lead=0.4)
    rig.session.start()
    rig.run(12)
    cues = [(when, args[1]) for when, kind, args in rig.events if kind == "cue_due"]
    assert cues[1:] == [(6.6, "Three."), (7.6, "Two."), (8.6, "One."), (9.6, "One. Lift."),
                        (11.1, "Hold.")]
    lift = rig.names("step_started")[1][0]
    assert rig.times("step_started")[1] == 10.0 and lift.kind is StepKind.LIFT


def test_cue_lead_is_in_real_seconds_under_time_scale(qapp):
    rig = make_rig(cue_lead=0.1, time_scale=0.5)
    rig.session.start()
    rig.run(6)
    due = {args[1]: when for when, kind, args in rig.events if kind == "cue_due"}
    assert due["One. Lift."] == pytest.approx(10 * 0.5 - 0.1)


def test_the_last_cue_comes_before_finished(rig):
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    kinds = [kind for _, kind, _ in rig.events if kind != "tick"]
    assert kinds[-4:] == ["step_started", "cue_due", "state_changed", "finished"]
    assert rig.names("cue_due")[-1][1] == "Workout complete. Great work."


# Pause -----------------------------------------------------------------------------------------
def test_pause_keeps_the_time_left_exactly(rig):
    rig.session.start()
    rig.run(11.2)                      # 1.2 s into the first lift (1.5 s)
    assert rig.session.current_step.kind is StepKind.LIFT
    rig.session.pause()
    assert rig.session.remaining == pytest.approx(0.3)
    assert not rig.timer.isActive()
    rig.clear()
    rig.clock.advance(300)
    assert rig.session.remaining == pytest.approx(0.3)
    rig.session.resume()
    rig.run(0.299)
    assert rig.started() == []
    rig.run(0.002)
    assert rig.session.current_step.kind is StepKind.HOLD
    assert rig.times("step_started") == [pytest.approx(311.5, abs=0.001)]


def test_nothing_is_said_or_ticked_while_paused(rig):
    rig.session.start()
    rig.run(6.9)
    rig.session.pause()
    rig.clear()
    rig.run(60)
    assert rig.events == []
    rig.session.resume()
    rig.run(0.15)
    assert [args[1] for args in rig.names("cue_due")] == ["Three."]
    assert rig.names("resumed") == [()]


def test_toggle_pause_flips_and_pause_twice_is_harmless(rig):
    rig.session.toggle_pause()
    assert rig.session.state is SessionState.IDLE
    rig.session.start()
    rig.session.start()
    assert rig.started() == [0]
    rig.session.toggle_pause()
    rig.session.pause()
    assert rig.session.state is SessionState.PAUSED and len(rig.names("paused")) == 1
    rig.session.toggle_pause()
    rig.session.resume()
    assert rig.session.state is SessionState.RUNNING and len(rig.names("resumed")) == 1


def test_paused_time_is_not_counted_as_elapsed(rig):
    rig.session.start()
    rig.run(5)
    rig.session.pause()
    rig.clock.advance(100)
    rig.session.resume()
    run_to_end(rig.clock, rig.timer)
    assert summary_of(rig).elapsed == pytest.approx(rig.session.plan.total_seconds, abs=0.002)


# Sleep -----------------------------------------------------------------------------------------
def test_a_sleep_seen_as_a_wall_clock_jump_pauses_and_reports_the_gap(rig):
    rig.session.start()
    rig.run(11.0)
    rig.clock.suspend(600)                         # the monotonic clock stood still
    rig.run(0.1)
    assert rig.session.state is SessionState.PAUSED
    assert rig.names("suspended") == [(pytest.approx(600),)]
    assert rig.names("paused") == []
    assert rig.session.remaining == pytest.approx(0.4, abs=0.002)
    assert not rig.timer.isActive()
    rig.session.resume()
    rig.run(0.5)
    assert rig.session.current_step.kind is StepKind.HOLD


def test_a_sleep_seen_as_a_very_late_wake_up_pauses_where_it_began(rig):
    rig.session.start()
    rig.run(11.0)
    due = rig.timer.due
    rig.clock.set(due + 30)                        # both clocks ran on (Windows, macOS)
    rig.timer.fire()
    assert rig.session.state is SessionState.PAUSED
    (gap,), = rig.names("suspended")
    assert gap == pytest.approx(30)
    assert rig.session.elapsed == pytest.approx(due - 1000, abs=0.002)
    assert rig.session.step_index == 1


def test_small_clock_corrections_are_not_a_sleep(rig):
    rig.session.start()
    rig.run(5)
    rig.clock.jump_wall(SUSPEND_GAP * 0.9)
    rig.run(5)
    rig.clock.jump_wall(-SUSPEND_GAP * 0.9)
    rig.run(5)
    assert rig.names("suspended") == [] and rig.session.state is SessionState.RUNNING


def test_a_long_pause_is_not_a_sleep(rig):
    rig.session.start()
    rig.run(5)
    rig.session.pause()
    rig.clock.advance(3600)
    rig.session.resume()
    rig.run(5)
    assert rig.names("suspended") == [] and rig.session.state is SessionState.RUNNING


# Stop ------------------------------------------------------------------------------------------
def test_stop_mid_rep_reports_the_set_and_a_stopped_summary(rig):
    rig.session.start()
    rig.run(16.0)                                  # rep 1 done, rep 2 lifting
    rig.session.stop()
    assert rig.session.state is SessionState.STOPPED and not rig.timer.isActive()
    (record,), = rig.names("set_finished")
    assert record == SetRecord("glute-bridge", "single-leg", "left", 1, 1, 2, False)
    summary = summary_of(rig)
    assert not summary.completed and summary.reps_done == {("glute-bridge", "left"): 1}
    assert summary.sets == (record,) and summary.elapsed == pytest.approx(16.0)
    rig.clear()
    rig.timer.fire()
    rig.session.stop()
    assert rig.events == []


def test_stop_in_a_rest_reports_no_extra_set(rig):
    rig.session.start()
    rig.run(40)
    rig.session.stop()
    assert len(rig.names("set_finished")) == 2
    assert summary_of(rig).reps_done == {("glute-bridge", "left"): 2,
                                         ("glute-bridge", "right"): 2}


def test_every_set_is_reported_once_in_a_full_run(rig):
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    records = [args[0] for args in rig.names("set_finished")]
    assert [(r.side, r.set) for r in records] == [("left", 1), ("right", 1), ("left", 2),
                                                  ("right", 2)]
    assert all(r.completed and r.reps_done == 2 for r in records)
    assert summary_of(rig).sets == tuple(records)


def test_start_after_stop_begins_afresh(rig):
    rig.session.start()
    rig.run(30)
    rig.session.stop()
    rig.clear()
    rig.session.start()
    assert rig.session.state is SessionState.RUNNING and rig.started() == [0]
    run_to_end(rig.clock, rig.timer)
    assert summary_of(rig).completed and summary_of(rig).skipped_steps == 0


# Timers and leaks ------------------------------------------------------------------------------
def live_sessions() -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return sum(isinstance(obj, Session) for obj in gc.get_objects())


def test_a_hundred_start_stop_cycles_leave_no_timer_running(qapp):
    parent = QObject()
    before = live_sessions()
    for cycle in range(100):
        session = Session(small_plan(), parent=parent, time_scale=0.01)
        session.start()
        if cycle % 2:
            session.pause()
        session.stop()
        assert not any(t.isActive() for t in session.findChildren(QTimer))
        session.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    del session
    assert parent.children() == []
    assert live_sessions() == before


def test_one_session_restarted_a_hundred_times_keeps_one_idle_timer(qapp):
    session = Session(small_plan(), time_scale=0.01)
    for _ in range(100):
        session.start()
        session.stop()
    timers = session.findChildren(QTimer)
    assert len(timers) == 1 and not timers[0].isActive()
    assert len(session.children()) == 1


def test_a_real_timer_runs_a_tiny_plan_to_the_end(qtbot):
    plan = small_plan(reps=1, sets=1, get_ready=1, switch_rest=1)
    session = Session(plan, time_scale=0.01)
    started: list[int] = []
    session.step_started.connect(lambda step: started.append(step.index))
    with qtbot.waitSignal(session.finished, timeout=5000) as blocker:
        session.start()
    summary = blocker.args[0]
    assert summary.completed and summary.reps_done == {("glute-bridge", "left"): 1,
                                                       ("glute-bridge", "right"): 1}
    assert started == list(range(len(plan)))
    assert not any(t.isActive() for t in session.findChildren(QTimer))


def test_a_real_timer_stops_while_paused_and_carries_on_after_resume(qtbot):
    plan = small_plan(reps=1, sets=1, get_ready=1, switch_rest=1)
    session = Session(plan, time_scale=0.01)
    hold = plan.steps[2]
    assert hold.kind is StepKind.HOLD
    session.step_started.connect(
        lambda step: session.pause() if step is hold and not session.summary().sets else None)
    with qtbot.waitSignal(session.paused, timeout=5000):
        session.start()
    assert session.state is SessionState.PAUSED and session.step_index == 2
    held = session.remaining                 # the hold began a little late in real time
    assert 0 < held <= hold.duration
    assert not any(t.isActive() for t in session.findChildren(QTimer))
    QCoreApplication.processEvents()
    assert session.remaining == held
    with qtbot.waitSignal(session.finished, timeout=5000) as blocker:
        session.resume()
    assert blocker.args[0].completed and blocker.args[0].total_reps == 2
