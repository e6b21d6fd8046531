"""Where skip, back and restart-set lead, and when each cue is due (pure, no Qt).

A *unit* is what `back` steps over: one rep (its LIFT, HOLD and LOWER steps)
or any single other step. A *set* is the run of rep steps of one exercise,
variation, side and set number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from hipcoach.plan import Step, StepKind
from hipcoach.session_types import set_key

BACK_GRACE = 1.0  # plan seconds into a unit after which `back` restarts it


@dataclass(frozen=True)
class Cue:
    """Words due `at` plan seconds from the start, belonging to step `step`."""

    at: float
    step: int
    text: str


def cue_schedule(steps: Sequence[Step]) -> tuple[Cue, ...]:
    """Every step's cue at its start and its marks inside it, in order."""
    cues: list[Cue] = []
    for step in steps:
        if step.cue:
            cues.append(Cue(step.start, step.index, step.cue))
        cues.extend(Cue(step.start + offset, step.index, text) for offset, text in step.marks)
    cues.sort(key=lambda cue: (cue.step, cue.at))
    return tuple(cues)


def first_cue_of(cues: Sequence[Cue], index: int) -> int:
    """Position in `cues` of the first cue of step `index` or later."""
    for position, cue in enumerate(cues):
        if cue.step >= index:
            return position
    return len(cues)


def same_set(a: Step, b: Step) -> bool:
    return a.kind.is_rep and b.kind.is_rep and set_key(a) == set_key(b)


def unit_start(steps: Sequence[Step], index: int) -> int:
    """The first step of the unit holding step `index` (a rep's LIFT, else itself)."""
    start = index
    while (steps[start].kind.is_rep and steps[start].kind is not StepKind.LIFT and start > 0
           and same_set(steps[start - 1], steps[start])
           and steps[start - 1].rep == steps[start].rep):
        start -= 1
    return start


def back_target(steps: Sequence[Step], index: int, into: float) -> int:
    """Where `back` goes from step `index`, `into` plan seconds after its start.

    More than BACK_GRACE into the unit: its start. Otherwise the previous unit.
    """
    start = unit_start(steps, index)
    into_unit = into + steps[index].start - steps[start].start
    if into_unit > BACK_GRACE or start == 0:
        return start
    return unit_start(steps, start - 1)


def set_bounds(steps: Sequence[Step], index: int) -> tuple[int, int]:
    """First and last index of the set holding rep step `index`."""
    first = last = index
    while first > 0 and same_set(steps[first - 1], steps[index]):
        first -= 1
    while last + 1 < len(steps) and same_set(steps[last + 1], steps[index]):
        last += 1
    return first, last


def restart_target(steps: Sequence[Step], index: int) -> int:
    """Where `restart_set` goes: the start of this set, or between sets of the set just done.

    Before the first set of an exercise it restarts the current step.
    """
    if steps[index].kind.is_rep:
        return set_bounds(steps, index)[0]
    for earlier in range(index - 1, -1, -1):
        if steps[earlier].exercise != steps[index].exercise:
            break
        if steps[earlier].kind.is_rep:
            return set_bounds(steps, earlier)[0]
    return index
