"""The pure parts of the session: navigation targets, cue schedule, plan clock, sleep, tally."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach.model import Prescription, Selection
from hipcoach.plan import StepKind, build_plan
from hipcoach.routines import load_routine
from hipcoach.session_clock import SUSPEND_GAP, PlanClock, SleepDetector, check_timing
from hipcoach.session_steps import (BACK_GRACE, back_target, cue_schedule, first_cue_of,
                                    restart_target, set_bounds, unit_start)
from hipcoach.session_types import SetRecord, Tally

ROUTINE = load_routine()


def plan_for(variations=(("glute-bridge", "single-leg"),), **changes):
    rx = Prescription.from_dict({"reps": 3, "sets": 2, **changes}, base=ROUTINE.prescription)
    return build_plan(ROUTINE, rx, Selection(tuple(variations)))


plans = st.builds(
    lambda reps, sets, hold, alternate, both: plan_for(
        (("glute-bridge", "double-leg" if both else "single-leg"), ("donkey-kick", "bent-knee")),
        reps=reps, sets=sets, hold=hold, alternate_sides=alternate),
    st.integers(1, 4), st.integers(1, 3), st.sampled_from([0, 1.5]), st.booleans(),
    st.booleans())


@settings(max_examples=40, deadline=None)
@given(plans, st.data())
def test_back_and_restart_never_go_forward_and_land_on_a_unit_start(plan, data):
    steps = plan.steps
    index = data.draw(st.integers(0, len(steps) - 1))
    into = data.draw(st.floats(0, max(steps[index].duration, 0.0)))
    for target in (back_target(steps, index, into), restart_target(steps, index)):
        assert 0 <= target <= index
        assert steps[target].kind in (StepKind.LIFT,) or not steps[target].kind.is_rep
    assert unit_start(steps, index) <= index


@settings(max_examples=40, deadline=None)
@given(plans)
def test_cues_are_in_time_order_and_inside_their_step(plan):
    cues = cue_schedule(plan.steps)
    assert [c.at for c in cues] == sorted(c.at for c in cues)
    for cue in cues:
        step = plan.steps[cue.step]
        assert step.start <= cue.at <= step.end
    assert first_cue_of(cues, 0) == 0 and first_cue_of(cues, len(plan.steps)) == len(cues)


def test_back_in_a_rep_with_no_hold():
    steps = plan_for(hold=0).steps
    assert [s.kind for s in steps[1:5]] == [StepKind.LIFT, StepKind.LOWER] * 2
    assert back_target(steps, 2, 0.0) == 1                     # lower, 1.5 s into the rep
    assert back_target(steps, 3, BACK_GRACE) == 1              # lift of rep 2 within grace
    assert back_target(steps, 3, BACK_GRACE + 0.01) == 3


def test_set_bounds_cover_one_side_of_one_set():
    steps = plan_for().steps
    first, last = set_bounds(steps, 5)
    assert (first, last) == (1, 9)
    assert {(s.side, s.set) for s in steps[first:last + 1]} == {(steps[5].side, 1)}


def test_restart_in_block_mode_switch_redoes_the_last_set_of_the_first_side():
    steps = plan_for(alternate_sides=False).steps
    switch = next(s for s in steps if s.kind is StepKind.SWITCH)
    target = steps[restart_target(steps, switch.index)]
    assert (target.kind, target.side, target.set, target.rep) == (
        StepKind.LIFT, switch.side.other, 2, 1)


def test_restart_at_the_next_exercise_pause_redoes_the_last_set():
    steps = plan_for((("glute-bridge", "double-leg"), ("donkey-kick", "bent-knee"))).steps
    pause = next(s for s in steps if s.kind is StepKind.NEXT)
    target = steps[restart_target(steps, pause.index)]
    assert (target.exercise, target.set, target.rep) == ("glute-bridge", 2, 1)
    get_ready = next(s for s in steps if s.kind is StepKind.GET_READY and s.index > pause.index)
    assert restart_target(steps, get_ready.index) == get_ready.index


def test_plan_clock_holds_and_resumes_without_losing_time():
    clock = PlanClock(scale=0.5)
    clock.run_from(100.0, 0.0)
    assert clock.position(101.0) == 2.0 and clock.real(2.0) == 101.0
    clock.hold(101.0, limit=10.0)
    assert clock.position(500.0) == 2.0 and not clock.running
    clock.run_from(500.0, 2.0)
    assert clock.position(500.5) == 3.0
    assert clock.active_seconds(500.5) == pytest.approx(1.5)
    clock.hold(600.0, limit=4.0)
    assert clock.held == 4.0
    clock.move_held(1.0)
    assert clock.position(0.0) == 1.0


def test_sleep_detector_sees_wall_jumps_and_late_wake_ups():
    detector = SleepDetector()
    detector.reset(10.0, 1000.0)
    assert detector.check(10.1, 1000.1, deadline=10.1) is None
    assert detector.check(10.2, 1000.2 + SUSPEND_GAP * 0.9, deadline=10.2) is None
    assert detector.check(10.3, 1000.3 + SUSPEND_GAP * 0.9 + 60, deadline=10.3) == (
        pytest.approx(60), 10.3)
    assert detector.check(70.0, 1120.0 + SUSPEND_GAP * 0.9 - 60 + 59.6, deadline=10.4) == (
        pytest.approx(59.6), 10.4)


@pytest.mark.parametrize("values", [(0, 0, 0.1), (-1, 0, 0.1), (1, -0.1, 0.1), (1, 0, 0),
                                    (float("inf"), 0, 0.1), (1, float("nan"), 0.1)])
def test_check_timing_refuses_nonsense(values):
    with pytest.raises(ValueError):
        check_timing(*values)


def test_tally_counts_a_rep_once_and_reports_a_set_once():
    steps = plan_for().steps
    lower = next(s for s in steps if s.kind is StepKind.LOWER)
    tally = Tally()
    tally.rep_done(lower)
    tally.rep_done(lower)
    record = tally.close_set(lower)
    assert record == SetRecord("glute-bridge", "single-leg", lower.side.value, 1, 1, 3, False)
    assert tally.close_set(lower) is None and tally.reported(lower)
    summary = tally.summary(12.0, completed=False)
    assert summary.reps_done == {("glute-bridge", lower.side.value): 1}
    assert summary.total_reps == 1 and summary.sets == (record,)
