"""Words on the workout screen: countdowns, totals, what is next, what screen readers hear."""

from __future__ import annotations

from hipcoach.model import Prescription, Selection
from hipcoach.plan import StepKind, build_plan
from hipcoach.ui import step_text

RX = Prescription(reps=2, sets=2, hold=1.0, lift=1.0, lower=1.0, get_ready=5.0, set_rest=45.0,
                  switch_rest=8.0, exercise_rest=90.0)


def steps(routine, selection=None):
    return build_plan(routine, RX, selection).steps


def first(steps_, kind, after=0):
    return next(s for s in steps_[after:] if s.kind is kind)


def test_clock_reads_like_a_countdown():
    assert [step_text.clock(s) for s in (0, 0.2, 1.0, 9.01, 59.2, 60, 90, 600)] == \
        ["0", "1", "1", "10", "1:00", "1:00", "1:30", "10:00"]


def test_minutes_text():
    assert [step_text.minutes_text(s) for s in (40, 89, 2040, 3900)] == \
        ["40 s", "1 min", "34 min", "1 h 05 min"]


def test_pauses_describe_the_work_coming_up(routine):
    plan = steps(routine)
    get_ready = plan[0]
    assert step_text.display_step(plan, 0).kind is StepKind.LIFT
    assert step_text.next_up(plan, 0) == "Coming up: set 1 of 2 · left side · 2 reps"
    switch = first(plan, StepKind.SWITCH)
    assert step_text.next_up(plan, switch.index) == "Coming up: set 1 of 2 · right side · 2 reps"
    rest = first(plan, StepKind.REST)
    assert step_text.display_step(plan, rest.index).set == 2
    assert get_ready.kind is StepKind.GET_READY


def test_work_says_what_follows_it(routine):
    plan = steps(routine)
    lift = first(plan, StepKind.LIFT)
    assert step_text.next_up(plan, lift.index) == "Then: switch to the right side"
    after_switch = first(plan, StepKind.LIFT, first(plan, StepKind.SWITCH).index)
    assert step_text.next_up(plan, after_switch.index) == "Then: rest 45 s"
    last_set = first(plan, StepKind.LIFT, first(plan, StepKind.REST).index)
    last_side = first(plan, StepKind.LIFT, first(plan, StepKind.SWITCH, last_set.index).index)
    assert step_text.next_up(plan, last_side.index) == "Then: Glute bridge, single leg"
    nxt = first(plan, StepKind.NEXT)
    assert step_text.next_up(plan, nxt.index).startswith("Coming up: set 1 of 2")


def test_the_last_exercise_ends_with_finish(routine):
    plan = steps(routine, Selection((("glute-bridge", "double-leg"),)))
    last_lift = [s for s in plan if s.kind is StepKind.LIFT][-1]
    assert step_text.next_up(plan, last_lift.index) == "Then: finish"
    assert step_text.display_step(plan, 0).side.value == "both"
    assert step_text.next_up(plan, 0) == "Coming up: set 1 of 2 · 2 reps"
    done = plan[-1]
    assert step_text.next_up(plan, done.index) == ""
    assert step_text.announcement(done) == "Workout complete."


def test_announcements(routine):
    plan = steps(routine)
    assert step_text.announcement(plan[0]) == "Get ready, 5 seconds."
    assert step_text.announcement(first(plan, StepKind.HOLD)) == \
        "Hold. Rep 1 of 2, set 1 of 2, left side."
    assert step_text.announcement(first(plan, StepKind.NEXT)) == "Next exercise, 1:30."
