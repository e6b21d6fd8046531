"""The plan: a deterministic flat list of timed steps, with properties that always hold."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcoach.model import LIMITS, Prescription, Selection, Side
from hipcoach.plan import (CUE_GAP, StepKind, build_plan, countdown_marks, fit_cues,
                           number_words)
from hipcoach.routines import load_routine

ROUTINE = load_routine()


def default_plan():
    return build_plan(ROUTINE)


def test_default_plan_is_three_exercises_two_sides_three_sets_fifteen_reps():
    plan = default_plan()
    lowers = Counter((s.exercise, s.side, s.set) for s in plan if s.kind is StepKind.LOWER)
    assert set(lowers.values()) == {15}
    assert {e for e, _, _ in lowers} == {"side-leg-lift", "glute-bridge", "donkey-kick"}
    assert {side for _, side, _ in lowers} == {Side.LEFT, Side.RIGHT}
    assert {n for _, _, n in lowers} == {1, 2, 3}
    holds = [s for s in plan if s.kind is StepKind.HOLD]
    assert len(holds) == 3 * 2 * 3 * 15 and all(1 <= s.duration <= 2 for s in holds)


def test_step_sequence_of_one_rep_and_the_opening():
    steps = default_plan().steps
    assert [s.kind for s in steps[:4]] == [StepKind.GET_READY, StepKind.LIFT, StepKind.HOLD,
                                          StepKind.LOWER]
    assert steps[0].cue.startswith("Side leg lift, lying.") and "Left side first" in steps[0].cue
    assert steps[1].cue == "One. Lift." and steps[1].rep == 1 and steps[1].set == 1
    assert steps[-1].kind is StepKind.DONE and steps[-1].duration == 0
    last_lift = [s for s in steps if s.kind is StepKind.LIFT][-1]
    assert last_lift.cue.startswith("Last one")


def test_alternating_order_switches_within_each_set():
    plan = build_plan(ROUTINE, selection=Selection((("side-leg-lift", "lying"),)))
    pauses = [(s.kind, s.side, s.set) for s in plan if s.kind in (StepKind.SWITCH, StepKind.REST)]
    assert pauses == [(StepKind.SWITCH, Side.RIGHT, 1), (StepKind.REST, Side.RIGHT, 1),
                      (StepKind.SWITCH, Side.RIGHT, 2), (StepKind.REST, Side.RIGHT, 2),
                      (StepKind.SWITCH, Side.RIGHT, 3)]
    rests = [s.cue for s in plan if s.kind is StepKind.REST]
    assert rests[0] == "Set one done. Rest. Next: left side, set two."


def test_block_order_does_all_sets_of_one_side_first():
    rx = Prescription(alternate_sides=False, first_side=Side.RIGHT)
    plan = build_plan(ROUTINE, rx, Selection((("donkey-kick", "fire-hydrant"),)))
    order = [(s.side, s.set) for s in plan if s.kind is StepKind.LIFT and s.rep == 1]
    assert order == [(Side.RIGHT, 1), (Side.RIGHT, 2), (Side.RIGHT, 3),
                     (Side.LEFT, 1), (Side.LEFT, 2), (Side.LEFT, 3)]
    switches = [s for s in plan if s.kind is StepKind.SWITCH]
    assert len(switches) == 1 and switches[0].cue == "Switch sides. Left side."


def test_both_legs_variation_has_no_switch():
    plan = build_plan(ROUTINE, selection=Selection((("glute-bridge", "double-leg"),)))
    assert not [s for s in plan if s.kind is StepKind.SWITCH]
    assert {s.side for s in plan} == {Side.BOTH}
    assert [s.cue for s in plan if s.kind is StepKind.REST][0] == \
        "Set one done. Rest. Next: set two."


def test_next_up_names_the_following_exercise():
    nexts = [s.cue for s in default_plan() if s.kind is StepKind.NEXT]
    assert nexts == ["Exercise done. Rest. Next up: Glute bridge, single leg.",
                     "Exercise done. Rest. Next up: Donkey kick, bent knee."]


def test_zero_hold_drops_the_hold_step():
    plan = build_plan(ROUTINE, Prescription(hold=0, reps=1, sets=1))
    assert StepKind.HOLD not in {s.kind for s in plan}
    assert [s.cue for s in plan if s.kind is StepKind.LIFT][0] == "One. Lift."


def test_json_shape():
    data = build_plan(ROUTINE, Prescription(reps=2, sets=1)).to_json()
    assert set(data) == {"routine", "total_seconds", "steps"}
    first = data["steps"][0]
    assert {"kind", "exercise", "variation", "side", "set", "rep", "start", "duration",
            "cue"} <= set(first)
    assert first["kind"] == "get-ready" and first["side"] == "left"


def test_step_at_finds_the_running_step():
    plan = default_plan()
    assert plan.step_at(0).index == 0
    third = plan.steps[3]
    assert plan.step_at(third.start + third.duration / 2) is third
    assert plan.step_at(plan.total_seconds + 99) is plan.steps[-1]


def test_rep_kinds():
    assert {k for k in StepKind if k.is_rep} == {StepKind.LIFT, StepKind.HOLD, StepKind.LOWER}


def test_number_words():
    assert [number_words(n) for n in (1, 15, 20, 21, 30, 50)] == \
        ["one", "fifteen", "twenty", "twenty-one", "thirty", "fifty"]


def test_countdown_marks():
    assert countdown_marks(StepKind.LIFT, 30) == ()
    assert countdown_marks(StepKind.REST, 4) == ()
    assert [t for _, t in countdown_marks(StepKind.SWITCH, 8)] == ["Three.", "Two.", "One."]
    marks = countdown_marks(StepKind.REST, 45)
    assert marks[0] == (35, "Ten seconds.") and marks[-1] == (44, "One.")


def test_fit_cues_stretches_steps_whose_cue_is_too_long():
    plan = build_plan(ROUTINE, Prescription(reps=1, sets=1, lift=0.5))
    fitted = build_plan(ROUTINE, Prescription(reps=1, sets=1, lift=0.5),
                        cue_seconds=lambda text: len(text) * 0.05)
    for before, after in zip(plan.steps, fitted.steps):
        if after.kind is not StepKind.DONE:
            assert after.duration >= len(after.cue) * 0.05 + CUE_GAP - 1e-9
        assert after.duration >= before.duration
    assert math.isclose(fitted.total_seconds, sum(s.duration for s in fitted.steps))
    assert fit_cues([], len) == []


def test_plan_is_deterministic():
    assert build_plan(ROUTINE) == build_plan(ROUTINE)


def test_reps_by_side_and_len():
    plan = default_plan()
    assert set(plan.reps_by_side().values()) == {45}
    assert len(plan) == len(list(iter(plan)))


prescriptions = st.builds(
    Prescription,
    reps=st.integers(1, 50), sets=st.integers(1, 10),
    hold=st.floats(0, 10), lift=st.floats(0.5, 5), lower=st.floats(0.5, 5),
    get_ready=st.floats(0, 600), set_rest=st.floats(0, 600),
    switch_rest=st.floats(0, 600), exercise_rest=st.floats(0, 600),
    first_side=st.sampled_from([Side.LEFT, Side.RIGHT]), alternate_sides=st.booleans())

selections = st.lists(
    st.sampled_from([(e.id, v.id) for e in ROUTINE.exercises for v in e.variations]),
    min_size=1, max_size=3, unique_by=lambda pair: pair[0]).map(
        lambda pairs: Selection(tuple(pairs)))


@settings(max_examples=60, deadline=None)
@given(prescriptions, selections)
def test_properties_hold_for_any_prescription(rx, selection):
    plan = build_plan(ROUTINE, rx, selection)
    # total time is the sum of the step durations, and steps are laid end to end
    assert math.isclose(plan.total_seconds, sum(s.duration for s in plan.steps))
    for before, after in zip(plan.steps, plan.steps[1:]):
        assert math.isclose(after.start, before.end, abs_tol=1e-6)
    # both sides get equal reps, and every side gets reps x sets
    for exercise, variation in selection.resolve(ROUTINE):
        counts = {side: n for (ex, side), n in plan.reps_by_side().items() if ex == exercise.id}
        expected = ({Side.LEFT, Side.RIGHT} if variation.per_side else {Side.BOTH})
        assert set(counts) == expected
        assert set(counts.values()) == {rx.reps * rx.sets}
    # counters never go backwards within one exercise and side
    last: dict = {}
    for step in plan.steps:
        key = (step.exercise, step.side)
        assert (step.set, step.rep) >= last.get(key, (0, 0))
        last[key] = (step.set, step.rep)
    # marks sit inside their step
    for step in plan.steps:
        assert all(0 <= at < step.duration for at, _ in step.marks)


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_extremes_build(name):
    low, high, _ = LIMITS[name]
    for value in (low, high):
        build_plan(ROUTINE, Prescription(**{name: value}), Selection((("glute-bridge", "single-leg"),)))
