"""What the history says: workouts per week, streak, totals, left/right balance, next step.

Pure (no Qt, no SQLite, no clock): it works on plain rows and a `today` date,
so the history view, the command line and the tests share one set of rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hipcoach.model import Resistance, Routine
from hipcoach.session_types import SetRecord

FULL_SESSIONS_TO_PROGRESS = 3
BALANCE_DAYS = 28
IMBALANCE_RATIO = 0.10  # flag when one side is more than 10 % behind the other ...
IMBALANCE_MIN_REPS = 3  # ... and at least this many reps behind


@dataclass(frozen=True)
class SessionRow:
    """One workout. `finished` is None when the app never saw it end (crash, kill)."""

    id: int
    routine: str
    started: float  # seconds since the epoch
    finished: float | None
    completed: bool | None  # None: interrupted; False: stopped; True: done to the end
    resistance: str = "none"
    reps_target: int = 0
    sets_target: int = 0
    skipped_steps: int = 0
    elapsed: float | None = None

    @property
    def outcome(self) -> str:
        """'completed', 'stopped' or 'interrupted'."""
        return {True: "completed", False: "stopped", None: "interrupted"}[self.completed]

    @property
    def day(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.started).date()


@dataclass(frozen=True)
class SetRow(SetRecord):
    """A SetRecord as stored: which workout, when it finished, at what resistance."""

    session_id: int = 0
    recorded: float = 0.0  # seconds since the epoch
    resistance: str = "none"


@dataclass(frozen=True)
class WeekCount:
    """Workouts in the week starting on Monday `start`."""

    start: dt.date
    workouts: int
    completed: int


@dataclass(frozen=True)
class Balance:
    """Reps per side of one exercise, and whether the gap is worth a warning."""

    exercise: str
    left: int
    right: int

    @property
    def gap(self) -> int:
        return abs(self.left - self.right)

    @property
    def weaker(self) -> str | None:
        """'left' or 'right' when flagged, else None."""
        if not self.flagged:
            return None
        return "left" if self.left < self.right else "right"

    @property
    def flagged(self) -> bool:
        larger = max(self.left, self.right)
        return self.gap >= IMBALANCE_MIN_REPS and self.gap > IMBALANCE_RATIO * larger


@dataclass(frozen=True)
class Hint:
    """The progression advice: `ready` when it is time to make the workout harder."""

    ready: bool
    text: str


@dataclass(frozen=True)
class HistorySummary:
    """Everything the history view and `hipcoach history` show."""

    weeks: tuple[WeekCount, ...]
    streak_weeks: int
    workouts: int
    total_reps: tuple[tuple[str, int], ...]  # exercise id, reps (routine order first)
    balance: tuple[Balance, ...]
    hint: Hint | None


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def workouts(sessions: list[SessionRow], sets: list[SetRow]) -> list[SessionRow]:
    """Sessions with at least one recorded set, oldest first."""
    with_sets = {s.session_id for s in sets}
    return sorted((s for s in sessions if s.id in with_sets), key=lambda s: s.started)


def weekly_counts(done: list[SessionRow], today: dt.date, weeks: int = 8) -> list[WeekCount]:
    """Workouts per week for the last `weeks` weeks, oldest first, this week last."""
    this_week = week_start(today)
    starts = [this_week - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = {start: [0, 0] for start in starts}
    for session in done:
        bucket = counts.get(week_start(session.day))
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += session.completed is True
    return [WeekCount(start, *counts[start]) for start in starts]


def week_streak(done: list[SessionRow], today: dt.date) -> int:
    """Weeks in a row with a workout, up to this week (a week not over yet does not break it)."""
    active = {week_start(s.day) for s in done}
    week = week_start(today)
    if week not in active:
        week -= dt.timedelta(weeks=1)
    streak = 0
    while week in active:
        streak += 1
        week -= dt.timedelta(weeks=1)
    return streak


def total_reps(sets: list[SetRow], order: list[str] = ()) -> list[tuple[str, int]]:
    """Reps per exercise, exercises of `order` first, then any others by name."""
    totals: dict[str, int] = {}
    for row in sets:
        totals[row.exercise] = totals.get(row.exercise, 0) + row.reps_done
    ranked = [e for e in order if e in totals] + sorted(set(totals) - set(order))
    return [(exercise, totals[exercise]) for exercise in ranked]


def side_balance(sets: list[SetRow], since: float | None = None,
                 order: list[str] = ()) -> list[Balance]:
    """Left and right reps per one-sided exercise (sets recorded at or after `since`)."""
    sides: dict[str, dict[str, int]] = {}
    for row in sets:
        if row.side in ("left", "right") and (since is None or row.recorded >= since):
            per = sides.setdefault(row.exercise, {"left": 0, "right": 0})
            per[row.side] += row.reps_done
    ranked = [e for e in order if e in sides] + sorted(set(sides) - set(order))
    return [Balance(e, sides[e]["left"], sides[e]["right"]) for e in ranked]


def is_full(session: SessionRow, sets: list[SetRow], routine: Routine) -> bool:
    """Done to the end, nothing skipped, every set complete, at least the routine's reps and sets."""
    target = routine.prescription
    own = [s for s in sets if s.session_id == session.id]
    return (session.completed is True and session.skipped_steps == 0 and bool(own)
            and all(s.completed for s in own)
            and session.reps_target >= target.reps and session.sets_target >= target.sets)


def progression_hint(sessions: list[SessionRow], sets: list[SetRow], routine: Routine,
                     needed: int = FULL_SESSIONS_TO_PROGRESS) -> Hint | None:
    """After `needed` full workouts in a row at one resistance, suggest the next level
    (a band, then ankle weights) or, at the top, the next variation; else say how far off."""
    done = [s for s in workouts(sessions, sets) if s.routine == routine.id]
    if not done:
        return None
    latest = done[-1]
    level = _resistance(latest.resistance)
    target = routine.prescription
    if 0 < latest.reps_target < target.reps or 0 < latest.sets_target < target.sets:
        return Hint(False, f"Build up to {target.reps} reps × {target.sets} sets on each side "
                           f"before adding load.")
    streak = 0
    for session in reversed(done):
        if _resistance(session.resistance) is not level or not is_full(session, sets, routine):
            break
        streak += 1
    if streak < needed:
        more = needed - streak
        why = f" Last time: {_shortfall(latest, sets, routine)}." if streak == 0 else ""
        return Hint(False, f"{streak} of {needed} full workouts in a row with "
                           f"{level.label.lower()} (every rep of every set, nothing skipped): "
                           f"{more} more before the next step.{why}")
    following = level.next_level
    if following is not None:
        return Hint(True, f"{streak} full workouts in a row without skips: next time, add "
                          f"{following.label.lower()} (Settings → Resistance).")
    harder = _next_variations(done, sets, routine)
    if harder:
        return Hint(True, f"{streak} full workouts in a row with {level.label.lower()}: "
                          f"try a harder variation — {harder}.")
    return Hint(True, f"{streak} full workouts in a row at the top level: keep it steady, "
                      f"with equal work on both sides.")


def _shortfall(session: SessionRow, sets: list[SetRow], routine: Routine) -> str:
    """Why a workout did not count as full, in a few words."""
    if session.completed is not True:
        return "the workout ended early"
    if session.skipped_steps:
        return f"{session.skipped_steps} step{'s' * (session.skipped_steps != 1)} skipped"
    names = {e.id: e.name for e in routine.exercises}
    for row in sets:
        if row.session_id == session.id and not row.completed:
            return (f"{names.get(row.exercise, row.exercise)}, {row.side} side, set {row.set}: "
                    f"{row.reps_done} of {row.reps_planned} reps")
    return "a different resistance"


def _resistance(value: str) -> Resistance:
    try:
        return Resistance(value)
    except ValueError:
        return Resistance.NONE


def _next_variations(done: list[SessionRow], sets: list[SetRow], routine: Routine) -> str:
    """For each exercise of the latest workout, the variation after the one used (routine order)."""
    latest = {s.exercise: s.variation for s in sets if s.session_id == done[-1].id}
    picks = []
    for exercise in routine.exercises:
        ids = [v.id for v in exercise.variations]
        if latest.get(exercise.id) in ids[:-1]:
            following = exercise.variations[ids.index(latest[exercise.id]) + 1]
            picks.append(f"{exercise.name.lower()}: {following.name.lower()}")
    return "; ".join(picks)


def summarize(sessions: list[SessionRow], sets: list[SetRow], routine: Routine,
              today: dt.date, now: float, weeks: int = 8) -> HistorySummary:
    """All figures for the history view; `now` (epoch seconds) bounds the balance window."""
    done = workouts(sessions, sets)
    order = [e.id for e in routine.exercises]
    return HistorySummary(
        weeks=tuple(weekly_counts(done, today, weeks)),
        streak_weeks=week_streak(done, today),
        workouts=len(done),
        total_reps=tuple(total_reps(sets, order)),
        balance=tuple(side_balance(sets, now - BALANCE_DAYS * 86400, order)),
        hint=progression_hint(sessions, sets, routine))
