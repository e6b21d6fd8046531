"""Expand a routine and a prescription into a flat, deterministic list of timed steps.

Pure: no Qt, no clock. Each step carries everything the session, the voice and
the window need: its kind, exercise, variation, side, set/rep counters, its
duration, its offset from the start and the words to say.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import asdict, dataclass, replace
from typing import Any, Callable, Iterator

from hipcoach.model import Exercise, Prescription, Routine, Selection, Side, Variation

CUE_GAP = 0.3  # seconds of quiet after a spoken cue before the next step may speak
COUNTDOWN_KINDS = frozenset({"get-ready", "rest", "switch", "next"})

# Spoken on session events rather than at a step (the voice coach says them).
PAUSED_CUE = "Paused."
RESUMED_CUE = "Resuming."
WELCOME_BACK_CUE = "Welcome back. The workout is paused."

_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


class StepKind(enum.Enum):
    """What the runner does during a step."""

    GET_READY = "get-ready"
    LIFT = "lift"
    HOLD = "hold"
    LOWER = "lower"
    REST = "rest"
    SWITCH = "switch"
    NEXT = "next"
    DONE = "done"

    @property
    def is_rep(self) -> bool:
        return self in (StepKind.LIFT, StepKind.HOLD, StepKind.LOWER)


@dataclass(frozen=True)
class Step:
    """One timed step of a workout. `set`/`rep` count from 1; rep 0 means before the first."""

    index: int
    kind: StepKind
    exercise: str
    exercise_name: str
    variation: str
    variation_name: str
    side: Side
    set: int
    sets: int
    rep: int
    reps: int
    start: float
    duration: float
    cue: str
    marks: tuple[tuple[float, str], ...] = ()
    short_cue: str = ""  # said instead of `cue` when the cue does not fit the step

    @property
    def end(self) -> float:
        return self.start + self.duration

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of a step."""
        return {"kind": self.kind.value, "exercise": self.exercise, "variation": self.variation,
                "side": self.side.value, "set": self.set, "sets": self.sets, "rep": self.rep,
                "reps": self.reps, "start": round(self.start, 3),
                "duration": round(self.duration, 3), "cue": self.cue,
                "marks": [[round(at, 3), text] for at, text in self.marks]}


@dataclass(frozen=True)
class Plan:
    """The whole workout as steps laid end to end."""

    routine_id: str
    prescription: Prescription
    steps: tuple[Step, ...]

    @functools.cached_property
    def total_seconds(self) -> float:
        """Sum of the step durations (computed once: the session asks ten times a second)."""
        return sum(step.duration for step in self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def reps_by_side(self) -> dict[tuple[str, Side], int]:
        """Completed reps (LOWER steps) per (exercise id, side)."""
        counts: dict[tuple[str, Side], int] = {}
        for step in self.steps:
            if step.kind is StepKind.LOWER:
                key = (step.exercise, step.side)
                counts[key] = counts.get(key, 0) + 1
        return counts

    def step_at(self, seconds: float) -> Step:
        """The step running `seconds` after the start (the last step past the end)."""
        for step in self.steps:
            if seconds < step.end:
                return step
        return self.steps[-1]

    def to_json(self) -> dict[str, Any]:
        return {"routine": self.routine_id, "total_seconds": round(self.total_seconds, 3),
                "steps": [step.to_json() for step in self.steps]}


def number_words(n: int) -> str:
    """Spoken form of 0..59 ("twenty-one")."""
    if n < len(_NUMBERS):
        return _NUMBERS[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_NUMBERS[ones]}" if ones else "")


def side_words(side: Side) -> str:
    return {Side.LEFT: "Left side", Side.RIGHT: "Right side", Side.BOTH: "Both legs"}[side]


def build_plan(routine: Routine, prescription: Prescription | None = None,
               selection: Selection | None = None,
               cue_seconds: Callable[[str], float] | None = None) -> Plan:
    """Expand a routine into steps.

    `cue_seconds`, when given, returns how long a cue takes to say; a step is then
    stretched so its cue ends CUE_GAP before the next step starts.
    """
    rx = prescription or routine.prescription
    chosen = (selection or Selection.default_for(routine)).resolve(routine)
    builder = _Builder(rx)
    for position, (exercise, variation) in enumerate(chosen):
        _exercise_steps(builder, rx, exercise, variation)
        if position + 1 < len(chosen):
            following = chosen[position + 1]
            builder.add(StepKind.NEXT, rx.exercise_rest,
                        f"Exercise done. Rest. Next up: {_title(*following)}.")
        else:
            builder.add(StepKind.DONE, 0.0, "Workout complete. Great work.")
    steps = builder.steps
    if cue_seconds is not None:
        steps = fit_cues(steps, cue_seconds)
    return Plan(routine.id, rx, tuple(steps))


def fit_cues(steps: list[Step], cue_seconds: Callable[[str], float]) -> list[Step]:
    """Make room for speech: each cue ends CUE_GAP before the step's first mark or end.

    A rep cue that does not fit its tempo step is replaced by its `short_cue`;
    only when even that does not fit is the step stretched. Any other step is
    stretched (its countdown marks move with its end).
    """
    fitted: list[Step] = []
    start = 0.0
    for step in steps:
        cue, duration = step.cue, step.duration
        if step.kind is not StepKind.DONE and step.cue:
            if step.kind.is_rep:
                cue, duration = _fit_rep_cue(step, cue_seconds)
            else:
                duration = _room_for(step.kind, duration, cue_seconds(cue) + CUE_GAP)
        fitted.append(replace(step, start=start, duration=duration, cue=cue,
                              marks=countdown_marks(step.kind, duration)))
        start += duration
    return fitted


def _fit_rep_cue(step: Step, cue_seconds: Callable[[str], float]) -> tuple[str, float]:
    """The longest of cue / short cue that fits the tempo step, else the shortest, stretched."""
    choices = [step.cue] + ([step.short_cue] if step.short_cue else [])
    for cue in choices:
        if cue_seconds(cue) + CUE_GAP <= step.duration:
            return cue, step.duration
    cue = min(choices, key=cue_seconds)
    return cue, cue_seconds(cue) + CUE_GAP


def _room_for(kind: StepKind, duration: float, needed: float) -> float:
    """The shortest duration >= `duration` whose first countdown mark comes after `needed` s."""
    while True:
        marks = countdown_marks(kind, duration)
        first = marks[0][0] if marks else duration
        if first >= needed - 1e-9:
            return duration
        duration += needed - first


def countdown_marks(kind: StepKind, duration: float) -> tuple[tuple[float, str], ...]:
    """Timed sub-cues inside a pause: "ten seconds" and a 3-2-1 count to the end.

    Offsets are seconds from the step's start. Short pauses get only the 3-2-1
    (or nothing when too short to count down).
    """
    if kind.value not in COUNTDOWN_KINDS or duration < 5:
        return ()
    marks: list[tuple[float, str]] = []
    if duration >= 16:
        marks.append((duration - 10, "Ten seconds."))
    marks.extend((duration - n, word) for n, word in ((3, "Three."), (2, "Two."), (1, "One.")))
    return tuple(marks)


def _title(exercise: Exercise, variation: Variation) -> str:
    return f"{exercise.name}, {variation.name.lower()}"


class _Builder:
    """Accumulates steps, tracking the current display state."""

    def __init__(self, rx: Prescription) -> None:
        self.rx = rx
        self.steps: list[Step] = []
        self.start = 0.0
        self.exercise: Exercise | None = None
        self.variation: Variation | None = None
        self.side = Side.BOTH
        self.set = 1
        self.rep = 0

    def add(self, kind: StepKind, duration: float, cue: str, short_cue: str = "") -> None:
        assert self.exercise is not None and self.variation is not None
        self.steps.append(Step(
            index=len(self.steps), kind=kind, exercise=self.exercise.id,
            exercise_name=self.exercise.name, variation=self.variation.id,
            variation_name=self.variation.name, side=self.side, set=self.set,
            sets=self.rx.sets, rep=self.rep, reps=self.rx.reps, start=self.start,
            duration=float(duration), cue=cue, marks=countdown_marks(kind, float(duration)),
            short_cue=short_cue))
        self.start += duration

    def reps(self) -> None:
        """Lift, hold and lower for every rep of the current set and side."""
        rx = self.rx
        for rep in range(1, rx.reps + 1):
            self.rep = rep
            count = "Last one" if rep == rx.reps and rx.reps > 1 else number_words(rep).capitalize()
            self.add(StepKind.LIFT, rx.lift, f"{count}. Lift.", f"{count}.")
            if rx.hold > 0:
                self.add(StepKind.HOLD, rx.hold, "Hold.")
            self.add(StepKind.LOWER, rx.lower, "Lower.", "Down.")


def _exercise_steps(builder: _Builder, rx: Prescription,
                    exercise: Exercise, variation: Variation) -> None:
    sides = [rx.first_side, rx.first_side.other] if variation.per_side else [Side.BOTH]
    builder.exercise, builder.variation = exercise, variation
    builder.side, builder.set, builder.rep = sides[0], 1, 0
    first = f" {side_words(sides[0])} first." if variation.per_side else ""
    builder.add(StepKind.GET_READY, rx.get_ready,
                f"{_title(exercise, variation)}. {variation.instruction}{first}")
    if rx.alternate_sides:
        for set_no in range(1, rx.sets + 1):
            if set_no > 1:
                builder.add(StepKind.REST, rx.set_rest,
                            f"Set {number_words(set_no - 1)} done. Rest. "
                            f"{_upcoming(sides[0], set_no, variation)}")
            _sides_of_set(builder, sides, set_no)
    else:
        for position, side in enumerate(sides):
            for set_no in range(1, rx.sets + 1):
                if position and set_no == 1:
                    builder.side, builder.set, builder.rep = side, set_no, 0
                    builder.add(StepKind.SWITCH, rx.switch_rest,
                                f"Switch sides. {side_words(side)}.")
                elif set_no > 1:
                    builder.add(StepKind.REST, rx.set_rest,
                                f"Set {number_words(set_no - 1)} done. Rest. "
                                f"{_upcoming(side, set_no, variation)}")
                builder.side, builder.set, builder.rep = side, set_no, 0
                builder.reps()


def _sides_of_set(builder: _Builder, sides: list[Side], set_no: int) -> None:
    """Every side of one set, with a switch between them."""
    for position, side in enumerate(sides):
        builder.side, builder.set, builder.rep = side, set_no, 0
        if position:
            builder.add(StepKind.SWITCH, builder.rx.switch_rest,
                        f"Switch sides. {side_words(side)}.")
        builder.reps()


def _upcoming(side: Side, set_no: int, variation: Variation) -> str:
    where = f"{side_words(side).lower()}, set" if variation.per_side else "set"
    return f"Next: {where} {number_words(set_no)}."
