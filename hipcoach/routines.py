"""Load routine TOML files into validated model objects.

A routine file is data only: it is parsed with tomllib and checked key by key;
nothing in it is ever executed. Every error names the file and the field.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from hipcoach import paths
from hipcoach.model import (Exercise, Option, Prescription, Resistance, Routine,
                            ValidationError, Variation, parse_enum)

MAX_ROUTINE_BYTES = 256 * 1024
DEFAULT_ROUTINE = "hips-for-runners"

_ROUTINE_KEYS = {"id": str, "name": str, "description": str}
_EXERCISE_KEYS = {"id": str, "name": str, "summary": str, "muscles": list, "variations": list,
                  "default_variation": str}
_VARIATION_KEYS = {"id": str, "name": str, "per_side": bool, "instruction": str,
                   "setup": list, "cues": list, "resistance": list, "options": list,
                   "figure": str}
_VARIATION_OPTIONAL = {"resistance", "options", "figure"}
_OPTION_KEYS = {"id": str, "name": str, "note": str}


class RoutineError(ValueError):
    """A routine file cannot be used; the message says which file and why."""


def available_routines() -> dict[str, Path]:
    """Bundled routines by id (file stem), sorted."""
    return {p.stem: p for p in sorted(paths.routines_dir().glob("*.toml"))}


def resolve_routine_path(path_or_name: str | Path | None) -> Path:
    """A bundled routine name, or a path to a TOML file; None means the default."""
    if path_or_name is None:
        path_or_name = DEFAULT_ROUTINE
    bundled = available_routines()
    if str(path_or_name) in bundled:
        return bundled[str(path_or_name)]
    path = Path(path_or_name)
    if path.suffix != ".toml" and not path.exists():
        names = ", ".join(bundled) or "none"
        raise RoutineError(f"no routine named '{path_or_name}' (bundled: {names})")
    return path


def load_routine(path_or_name: str | Path | None = None) -> Routine:
    """Read and validate a routine; raises RoutineError with a one-line reason."""
    path = resolve_routine_path(path_or_name)
    try:
        size = path.stat().st_size
        if size > MAX_ROUTINE_BYTES:
            raise RoutineError(f"{path}: file is {size} bytes; routines may be at most "
                               f"{MAX_ROUTINE_BYTES} bytes")
        with path.open("rb") as handle:
            data = tomllib.loads(handle.read(MAX_ROUTINE_BYTES + 1).decode("utf-8"))
    except FileNotFoundError:
        raise RoutineError(f"{path}: no such routine file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RoutineError(f"{path}: cannot read routine: {exc}") from None
    try:
        return parse_routine(data)
    except ValidationError as exc:
        raise RoutineError(f"{path}: {exc}") from None


def parse_routine(data: dict[str, Any]) -> Routine:
    """Turn parsed TOML into a Routine; raises ValidationError naming the field."""
    _check_keys("top level", data, {"routine": dict, "prescription": dict, "exercises": list},
                optional={"prescription"})
    head = data["routine"]
    _check_keys("routine", head, _ROUTINE_KEYS)
    exercises = tuple(_parse_exercise(i, item) for i, item in enumerate(data["exercises"]))
    if not exercises:
        raise ValidationError("exercises: a routine needs at least one exercise")
    _check_unique("exercises", [e.id for e in exercises])
    prescription = Prescription.from_dict(data.get("prescription", {}))
    return Routine(head["id"], head["name"], head["description"], exercises, prescription)


def _parse_exercise(index: int, item: Any) -> Exercise:
    where = f"exercises[{index}]"
    _check_keys(where, item, _EXERCISE_KEYS, optional={"default_variation"})
    muscles = _strings(f"{where}.muscles", item["muscles"])
    variations = tuple(_parse_variation(f"{where}.variations[{i}]", v)
                       for i, v in enumerate(item["variations"]))
    if not variations:
        raise ValidationError(f"{where}.variations: an exercise needs at least one variation")
    _check_unique(f"{where}.variations", [v.id for v in variations])
    exercise = Exercise(item["id"], item["name"], item["summary"], muscles, variations,
                        item.get("default_variation", ""))
    exercise.default  # an unknown default variation fails here, naming the known ones
    return exercise


def _parse_variation(where: str, item: Any) -> Variation:
    _check_keys(where, item, _VARIATION_KEYS, optional=_VARIATION_OPTIONAL)
    levels = tuple(parse_enum(Resistance, f"{where}.resistance", level)
                   for level in _strings(f"{where}.resistance", item.get("resistance", ["none"])))
    options = []
    for i, option in enumerate(item.get("options", [])):
        _check_keys(f"{where}.options[{i}]", option, _OPTION_KEYS)
        options.append(Option(option["id"], option["name"], option["note"]))
    return Variation(
        id=item["id"], name=item["name"], per_side=item["per_side"],
        instruction=item["instruction"],
        setup=_strings(f"{where}.setup", item["setup"]),
        cues=_strings(f"{where}.cues", item["cues"]),
        resistance=levels, options=tuple(options), figure=item.get("figure", ""))


def _check_keys(where: str, item: Any, schema: dict[str, type],
                optional: set[str] | frozenset[str] = frozenset()) -> None:
    if not isinstance(item, dict):
        raise ValidationError(f"{where} must be a table, got {type(item).__name__}")
    unknown = sorted(set(item) - set(schema))
    if unknown:
        raise ValidationError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for key, kind in schema.items():
        if key not in item:
            if key in optional:
                continue
            raise ValidationError(f"{where}: missing key '{key}'")
        if not isinstance(item[key], kind):
            raise ValidationError(f"{where}.{key} must be a {_type_name(kind)}, "
                                  f"got {type(item[key]).__name__}")
        if kind is str and not item[key].strip():
            raise ValidationError(f"{where}.{key} must not be empty")


def _strings(where: str, values: list[Any]) -> tuple[str, ...]:
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ValidationError(f"{where} must be a list of non-empty strings")
    return tuple(values)


def _check_unique(where: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ValidationError(f"{where}: duplicate id '{item_id}'")
        seen.add(item_id)


def _type_name(kind: type) -> str:
    return {str: "string", bool: "boolean", list: "list", dict: "table"}[kind]
