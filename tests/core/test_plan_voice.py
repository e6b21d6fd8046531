"""Speech-aware fitting in plan.fit_cues: short rep cues, room before the first mark."""

from __future__ import annotations

import pytest

from hipcoach.model import Prescription, Selection
from hipcoach.plan import CUE_GAP, StepKind, build_plan, fit_cues
from hipcoach.routines import load_routine

ROUTINE = load_routine()
ONE = Selection((("glute-bridge", "single-leg"),))


def seconds_per_char(rate: float):
    return lambda text: len(text) * rate


def first_mark(step) -> float:
    return step.marks[0][0] if step.marks else step.duration


def test_rep_cues_have_short_forms():
    plan = build_plan(ROUTINE, Prescription(reps=2, sets=1), ONE)
    lifts = [s for s in plan.steps if s.kind is StepKind.LIFT]
    assert {(s.cue, s.short_cue) for s in lifts} == {("One. Lift.", "One."),
                                                     ("Last one. Lift.", "Last one.")}
    assert {s.short_cue for s in plan.steps if s.kind is StepKind.LOWER} == {"Down."}
    assert {s.short_cue for s in plan.steps if s.kind is StepKind.HOLD} == {""}


def test_a_rep_cue_that_fits_its_tempo_is_kept():
    rx = Prescription(reps=2, sets=1, lift=1.5)
    fitted = build_plan(ROUTINE, rx, ONE, cue_seconds=lambda text: 0.5)
    assert {s.cue for s in fitted.steps if s.kind is StepKind.LIFT} == {"One. Lift.",
                                                                        "Last one. Lift."}
    assert {s.duration for s in fitted.steps if s.kind is StepKind.LIFT} == {1.5}


def test_a_rep_cue_too_long_for_its_tempo_is_shortened_not_stretched():
    rx = Prescription(reps=2, sets=1, lift=1.0, lower=1.0)
    # with the gap, "One. Lift." (1.2 s) and "Lower." (0.72 s) do not fit; "One." does
    fitted = build_plan(ROUTINE, rx, ONE, cue_seconds=seconds_per_char(0.12))
    lifts = {(s.cue, round(s.duration, 6)) for s in fitted.steps if s.kind is StepKind.LIFT}
    assert lifts == {("One.", 1.0), ("Last one.", round(9 * 0.12 + CUE_GAP, 6))}
    lowers = [s for s in fitted.steps if s.kind is StepKind.LOWER]
    assert {(s.cue, s.duration) for s in lowers} == {("Down.", 1.0)}


def test_when_even_the_short_form_does_not_fit_the_step_stretches_to_it():
    rx = Prescription(reps=1, sets=1, lift=0.5, hold=0.5)
    fitted = build_plan(ROUTINE, rx, ONE, cue_seconds=seconds_per_char(0.2))
    lift = next(s for s in fitted.steps if s.kind is StepKind.LIFT)
    hold = next(s for s in fitted.steps if s.kind is StepKind.HOLD)
    assert lift.cue == "One." and lift.duration == pytest.approx(0.8 + CUE_GAP)
    assert hold.cue == "Hold." and hold.duration == pytest.approx(1.0 + CUE_GAP)


def test_a_long_instruction_ends_before_the_countdown_starts():
    rx = Prescription(reps=1, sets=1, get_ready=10)
    seconds = seconds_per_char(0.06)
    fitted = build_plan(ROUTINE, rx, ONE, cue_seconds=seconds)
    ready = fitted.steps[0]
    assert ready.kind is StepKind.GET_READY and seconds(ready.cue) > 7
    assert first_mark(ready) >= seconds(ready.cue) + CUE_GAP - 1e-9
    assert [t for _, t in ready.marks] == ["Three.", "Two.", "One."]


def test_stretching_past_sixteen_seconds_also_clears_the_ten_second_mark():
    rx = Prescription(reps=1, sets=1, get_ready=12)
    seconds = seconds_per_char(0.1)  # the instruction takes about 13 s
    ready = build_plan(ROUTINE, rx, ONE, cue_seconds=seconds).steps[0]
    assert ready.duration >= 16 and ready.marks[0][1] == "Ten seconds."
    assert first_mark(ready) == pytest.approx(seconds(ready.cue) + CUE_GAP)


def test_a_short_pause_grows_its_countdown_when_stretched():
    rx = Prescription(reps=1, sets=1, get_ready=0)
    ready = build_plan(ROUTINE, rx, ONE, cue_seconds=lambda text: 5.0).steps[0]
    assert ready.duration == pytest.approx(5.0 + CUE_GAP + 3)
    assert first_mark(ready) == pytest.approx(5.0 + CUE_GAP)


def test_every_fitted_cue_ends_before_the_next_thing_is_said():
    seconds = seconds_per_char(0.07)
    plan = build_plan(ROUTINE, cue_seconds=seconds)
    said = []
    for step in plan.steps:
        said.append((step.start, step.cue))
        said.extend((step.start + at, text) for at, text in step.marks)
    said.sort()
    for (at, text), (next_at, _) in zip(said, said[1:]):
        assert at + seconds(text) <= next_at + 1e-9, text
    assert fit_cues([], seconds) == []
