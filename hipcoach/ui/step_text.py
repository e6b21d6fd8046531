"""Words the window shows for a step: phase names, side, what comes next (pure, no Qt)."""

from __future__ import annotations

from typing import Sequence

from hipcoach.model import Prescription, Resistance, Routine, Selection, Side
from hipcoach.plan import Step, StepKind

PHASE_WORDS = {
    StepKind.GET_READY: "Get ready",
    StepKind.LIFT: "Lift",
    StepKind.HOLD: "Hold",
    StepKind.LOWER: "Lower",
    StepKind.REST: "Rest",
    StepKind.SWITCH: "Switch sides",
    StepKind.NEXT: "Next exercise",
    StepKind.DONE: "Done",
}
SIDE_WORDS = {Side.LEFT: "LEFT", Side.RIGHT: "RIGHT", Side.BOTH: "BOTH LEGS"}


def phase_word(kind: StepKind) -> str:
    return PHASE_WORDS[kind]


def clock(seconds: float) -> str:
    """A countdown as the runner reads it: "45" under a minute, "1:30" above."""
    whole = max(0, int(seconds + 0.999))  # 0.2 s left still reads "1"
    if whole < 60:
        return str(whole)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def minutes_text(seconds: float) -> str:
    """Total time in words: "34 min", "1 h 05 min", "40 s"."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes = (whole + 30) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def display_step(steps: Sequence[Step], index: int) -> Step:
    """The step the screen describes: a rep step itself; in a pause, the work coming next."""
    step = steps[index]
    if step.kind.is_rep or step.kind is StepKind.DONE:
        return step
    for later in steps[index + 1:]:
        if later.kind.is_rep:
            return later
        if later.kind is StepKind.DONE:
            break
    return step


def next_up(steps: Sequence[Step], index: int) -> str:
    """One line about what follows: the next pause during work, the work during a pause."""
    step = steps[index]
    if step.kind is StepKind.DONE:
        return ""
    if not step.kind.is_rep:
        work = display_step(steps, index)
        if not work.kind.is_rep:
            return "Then the workout is done"
        where = "" if work.side is Side.BOTH else f" · {work.side.value} side"
        return f"Coming up: set {work.set} of {work.sets}{where} · {work.reps} reps"
    for later in steps[index + 1:]:
        if later.kind.is_rep:
            continue
        if later.kind is StepKind.SWITCH:
            return f"Then: switch to the {later.side.value} side"
        if later.kind is StepKind.REST:
            return f"Then: rest {clock(later.duration)} s" if later.duration < 60 \
                else f"Then: rest {clock(later.duration)}"
        if later.kind is StepKind.NEXT:
            coming = display_step(steps, later.index)
            if coming is later:
                return "Then: rest"
            return f"Then: {coming.exercise_name}, {coming.variation_name.lower()}"
        return "Then: finish"
    return ""


def announcement(step: Step) -> str:
    """What a screen reader hears when a step starts."""
    phase = phase_word(step.kind)
    if step.kind.is_rep:
        side = "" if step.side is Side.BOTH else f", {step.side.value} side"
        return f"{phase}. Rep {step.rep} of {step.reps}, set {step.set} of {step.sets}{side}."
    if step.kind is StepKind.DONE:
        return "Workout complete."
    return f"{phase}, {clock(step.duration)} seconds." if step.duration < 60 \
        else f"{phase}, {clock(step.duration)}."


def workout_extras(routine: Routine, selection: Selection,
                   prescription: Prescription) -> dict[tuple[str, str], str]:
    """Per (exercise, variation): the chosen options and the load, e.g. "band above the knees"."""
    extras = {}
    for exercise in routine.exercises:
        for variation in exercise.variations:
            words = [o.name.lower() for o in variation.options if o.id in selection.options]
            load = prescription.resistance
            if load is not Resistance.NONE and load in variation.resistance:
                words.append(load.label.lower())
            extras[(exercise.id, variation.id)] = ", ".join(words)
    return extras
