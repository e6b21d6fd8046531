"""What a session reports: its state, one record per set, and the closing summary.

Pure (no Qt, no clock). `Tally` keeps the running count the session builds its
records and summary from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hipcoach.plan import Step


class SessionState(enum.Enum):
    """Where a session is in its life."""

    IDLE = enum.auto()
    RUNNING = enum.auto()
    PAUSED = enum.auto()
    FINISHED = enum.auto()
    STOPPED = enum.auto()


@dataclass(frozen=True)
class SetRecord:
    """One set on one side, as it ended: all reps done, or cut short by skip or stop."""

    exercise: str
    variation: str
    side: str
    set: int
    reps_done: int
    reps_planned: int
    completed: bool


@dataclass(frozen=True)
class SessionSummary:
    """How a workout went.

    `reps_done` maps (exercise id, side value) to the reps finished; `elapsed` is
    the real seconds spent running (pauses not counted); `completed` is False
    when the workout was stopped before its end.
    """

    reps_done: dict[tuple[str, str], int]
    skipped_steps: int
    elapsed: float
    completed: bool
    sets: tuple[SetRecord, ...]

    @property
    def total_reps(self) -> int:
        return sum(self.reps_done.values())


SetKey = tuple[str, str, str, int]  # exercise, variation, side value, set number


def set_key(step: Step) -> SetKey:
    return (step.exercise, step.variation, step.side.value, step.set)


class Tally:
    """Reps finished per set, sets already reported, and steps skipped.

    A rep counts once, when its LOWER step runs to its end; doing a rep again
    after `back` does not count it twice. Each set is reported at most once.
    """

    def __init__(self) -> None:
        self.skipped_steps = 0
        self._reps: dict[SetKey, set[int]] = {}
        self._planned: dict[SetKey, int] = {}
        self._records: list[SetRecord] = []

    def enter(self, step: Step) -> None:
        """The session is in a rep step of this set."""
        key = set_key(step)
        self._reps.setdefault(key, set())
        self._planned[key] = step.reps

    def rep_done(self, step: Step) -> None:
        """A LOWER step ran to its end."""
        self.enter(step)
        self._reps[set_key(step)].add(step.rep)

    def reported(self, step: Step) -> bool:
        return any(set_key(step) == (r.exercise, r.variation, r.side, r.set)
                   for r in self._records)

    def close_set(self, step: Step) -> SetRecord | None:
        """The record of the set `step` belongs to, or None if it was already reported."""
        if self.reported(step):
            return None
        key = set_key(step)
        self.enter(step)
        done = len(self._reps[key])
        record = SetRecord(step.exercise, step.variation, step.side.value, step.set,
                           done, self._planned[key], done >= self._planned[key])
        self._records.append(record)
        return record

    def summary(self, elapsed: float, completed: bool) -> SessionSummary:
        reps: dict[tuple[str, str], int] = {}
        for (exercise, _variation, side, _set), done in self._reps.items():
            reps[(exercise, side)] = reps.get((exercise, side), 0) + len(done)
        return SessionSummary(reps, self.skipped_steps, elapsed, completed,
                              tuple(self._records))
