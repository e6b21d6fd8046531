"""Exercises, routines and the prescription: plain validated dataclasses (no Qt)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from typing import Any


class ValidationError(ValueError):
    """A value is out of range or of the wrong kind; the message names the field."""


class Side(enum.Enum):
    """Which leg works in a step; BOTH for exercises done on two legs at once."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def other(self) -> "Side":
        """The opposite side (BOTH stays BOTH)."""
        return {Side.LEFT: Side.RIGHT, Side.RIGHT: Side.LEFT}.get(self, Side.BOTH)


class Resistance(enum.Enum):
    """Progression of load from the article: none, then a band, then ankle weights."""

    NONE = "none"
    BAND = "band"
    ANKLE_WEIGHTS = "ankle-weights"

    @property
    def label(self) -> str:
        return {"none": "No resistance", "band": "Resistance band",
                "ankle-weights": "Ankle weights"}[self.value]

    @property
    def next_level(self) -> "Resistance | None":
        """The next harder level, or None at the top."""
        order = list(Resistance)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


@dataclass(frozen=True)
class Option:
    """An optional way to make a variation harder (a band above the knees, a ball)."""

    id: str
    name: str
    note: str


@dataclass(frozen=True)
class Variation:
    """One way to perform an exercise, with its own setup and form cues."""

    id: str
    name: str
    per_side: bool
    instruction: str
    setup: tuple[str, ...]
    cues: tuple[str, ...]
    resistance: tuple[Resistance, ...] = (Resistance.NONE,)
    options: tuple[Option, ...] = ()
    figure: str = ""


@dataclass(frozen=True)
class Exercise:
    """An exercise from the library with its variations."""

    id: str
    name: str
    summary: str
    muscles: tuple[str, ...]
    variations: tuple[Variation, ...]
    default_variation: str = ""

    @property
    def default(self) -> Variation:
        """The variation a new workout starts with (the first unless the file names one)."""
        return self.variation(self.default_variation) if self.default_variation \
            else self.variations[0]

    def variation(self, variation_id: str) -> Variation:
        """Look up a variation by id; a ValidationError names the ones that exist."""
        for variation in self.variations:
            if variation.id == variation_id:
                return variation
        known = ", ".join(v.id for v in self.variations)
        raise ValidationError(
            f"exercise '{self.id}' has no variation '{variation_id}' (known: {known})")


@dataclass(frozen=True)
class Routine:
    """A named, ordered list of exercises and the default prescription."""

    id: str
    name: str
    description: str
    exercises: tuple[Exercise, ...]
    prescription: "Prescription"

    def exercise(self, exercise_id: str) -> Exercise:
        """Look up an exercise by id; a ValidationError names the ones that exist."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        known = ", ".join(e.id for e in self.exercises)
        raise ValidationError(
            f"routine '{self.id}' has no exercise '{exercise_id}' (known: {known})")


# field name -> (minimum, maximum, unit); the single source of the allowed ranges
LIMITS: dict[str, tuple[float, float, str]] = {
    "reps": (1, 50, ""),
    "sets": (1, 10, ""),
    "hold": (0, 10, "s"),
    "lift": (0.5, 5, "s"),
    "lower": (0.5, 5, "s"),
    "get_ready": (0, 600, "s"),
    "set_rest": (0, 600, "s"),
    "switch_rest": (0, 600, "s"),
    "exercise_rest": (0, 600, "s"),
}
INTEGER_FIELDS = frozenset({"reps", "sets"})


@dataclass(frozen=True)
class Prescription:
    """How much work to do: reps, sets, hold, tempo and rests (seconds).

    `alternate_sides` True works both sides within every set (left, switch,
    right, rest); False does all sets of the first side, then all of the other.
    """

    reps: int = 15
    sets: int = 3
    hold: float = 2.0
    lift: float = 1.5
    lower: float = 1.5
    get_ready: float = 10.0
    set_rest: float = 45.0
    switch_rest: float = 8.0
    exercise_rest: float = 60.0
    first_side: Side = Side.LEFT
    alternate_sides: bool = True
    resistance: Resistance = Resistance.NONE

    def __post_init__(self) -> None:
        for name, (low, high, unit) in LIMITS.items():
            value = getattr(self, name)
            check_number(name, value, low, high, unit, integer=name in INTEGER_FIELDS)
        if self.first_side not in (Side.LEFT, Side.RIGHT):
            raise ValidationError(f"first_side must be left or right, got {self.first_side.value}")
        if not isinstance(self.alternate_sides, bool):
            raise ValidationError("alternate_sides must be true or false")
        if not isinstance(self.resistance, Resistance):
            raise ValidationError("resistance must be one of none, band, ankle-weights")

    def with_changes(self, **changes: Any) -> "Prescription":
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain values, ready for TOML or JSON."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.value if isinstance(value, enum.Enum) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], base: "Prescription | None" = None) -> "Prescription":
        """Build from plain values; unknown keys and wrong types raise ValidationError."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValidationError(f"unknown prescription field(s): {', '.join(unknown)}")
        values: dict[str, Any] = dict(data)
        if "first_side" in values:
            values["first_side"] = parse_enum(Side, "first_side", values["first_side"])
        if "resistance" in values:
            values["resistance"] = parse_enum(Resistance, "resistance", values["resistance"])
        return replace(base or cls(), **values)


def check_number(name: str, value: Any, low: float, high: float, unit: str = "",
                 integer: bool = False) -> None:
    """Raise ValidationError naming `name` unless low <= value <= high."""
    kind = "a whole number" if integer else "a number"
    wrong_type = isinstance(value, bool) or not isinstance(value, (int, float))
    if integer and isinstance(value, float):
        wrong_type = True
    if wrong_type or value != value:  # NaN never fits a range
        raise ValidationError(f"{name} must be {kind} from {low:g} to {high:g}{unit}, got {value!r}")
    if not low <= value <= high:
        raise ValidationError(f"{name} must be from {low:g} to {high:g}{unit}, got {value:g}")


def parse_enum(enum_type: type[enum.Enum], name: str, value: Any) -> Any:
    """Turn a string into a member of `enum_type`, naming the allowed values on error."""
    if isinstance(value, enum_type):
        return value
    allowed = ", ".join(str(m.value) for m in enum_type)
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        raise ValidationError(f"{name} must be one of {allowed}, got {value!r}") from None


@dataclass(frozen=True)
class Selection:
    """Which exercises to do, in routine order, and which variation of each.

    `variations` maps exercise id -> variation id; exercises missing from it are
    left out. `options` holds the chosen option ids (e.g. a band above the knees).
    """

    variations: tuple[tuple[str, str], ...]
    options: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def default_for(cls, routine: Routine) -> "Selection":
        """Every exercise with its default variation."""
        return cls(tuple((e.id, e.default.id) for e in routine.exercises))

    def resolve(self, routine: Routine) -> list[tuple[Exercise, Variation]]:
        """The chosen exercises and variations, in routine order; unknown ids raise."""
        chosen = dict(self.variations)
        for exercise_id in chosen:
            routine.exercise(exercise_id)
        pairs = [(e, e.variation(chosen[e.id])) for e in routine.exercises if e.id in chosen]
        if not pairs:
            raise ValidationError("choose at least one exercise")
        return pairs
