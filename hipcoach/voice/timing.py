"""Speech-aware timing, pure (no Qt): which cues a plan speaks, room for them, and a check.

Once every cue is rendered its playing time is known. `speech_aware_plan`
stretches or shortens steps so no cue runs into the next one, and
`speech_problems` checks a log of what was actually played (or what a plan
would play) for overlapping or cut-off cues.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from hipcoach.plan import PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE, Plan, fit_cues

EVENT_CUES = (PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE)
COUNTDOWN_WORDS = ("Three.", "Two.", "One.")
TOLERANCE = 0.002  # s: timers fire on whole milliseconds; a 2 ms brush is inaudible


@dataclass(frozen=True)
class Spoken:
    """One cue in an event log: when it started sounding (s), what, for how long (s)."""

    at: float
    text: str
    seconds: float

    @property
    def end(self) -> float:
        return self.at + self.seconds


def cue_texts(plan: Plan) -> list[str]:
    """Every distinct text a run of `plan` may say, in order of first use.

    Includes the short forms of rep cues (fitting may choose them) and the
    pause/resume/welcome-back cues.
    """
    texts: list[str] = []
    for step in plan.steps:
        texts.append(step.cue)
        texts.append(step.short_cue)
        texts.extend(text for _, text in step.marks)
    texts.extend(EVENT_CUES)
    return [text for text in dict.fromkeys(texts) if text]


def speech_aware_plan(plan: Plan, cue_seconds: Callable[[str], float]) -> Plan:
    """`plan` with every cue given room to finish before the next one starts."""
    return replace(plan, steps=tuple(fit_cues(list(plan.steps), cue_seconds)))


def planned_speech(plan: Plan, cue_seconds: Callable[[str], float]) -> list[Spoken]:
    """What an uninterrupted run of `plan` says, at plan times."""
    spoken: list[Spoken] = []
    for step in plan.steps:
        if step.cue:
            spoken.append(Spoken(step.start, step.cue, cue_seconds(step.cue)))
        for offset, text in step.marks:
            spoken.append(Spoken(step.start + offset, text, cue_seconds(text)))
    return sorted(spoken, key=lambda s: s.at)


def speech_problems(log: Iterable[Spoken], stops: Sequence[float] = (),
                    end: float | None = None) -> list[str]:
    """Overlapping or cut-off cues in a log of played cues (empty when all is well).

    A cue overlaps when the next starts before it ends. It is cut off when a
    stop (silence) comes while it plays, or when the workout ends (`end`) before
    it finishes. The last cue may run past `end` when it starts at `end` (the
    closing words are said as the workout finishes).
    """
    problems: list[str] = []
    ordered = sorted(log, key=lambda s: s.at)
    for before, after in zip(ordered, ordered[1:]):
        if after.at < before.end - TOLERANCE:
            problems.append(f"'{before.text}' at {before.at:.3f} s still plays when "
                            f"'{after.text}' starts at {after.at:.3f} s")
    for stop in stops:
        for cue in ordered:
            if cue.at < stop < cue.end - TOLERANCE:
                problems.append(f"'{cue.text}' at {cue.at:.3f} s is cut off at {stop:.3f} s")
    if end is not None:
        for cue in ordered:
            if cue.at < end - TOLERANCE and cue.end > end + TOLERANCE:
                problems.append(f"'{cue.text}' at {cue.at:.3f} s runs past the end at {end:.3f} s")
    return problems


def is_countdown(text: str) -> bool:
    """Whether `text` is one of the 3-2-1 words (played as beeps when beeps are on)."""
    return text in COUNTDOWN_WORDS

