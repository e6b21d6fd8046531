"""The bundled library is faithful to the article; bad routine files are refused clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from hipcoach import paths
from hipcoach.model import Resistance
from hipcoach.routines import (MAX_ROUTINE_BYTES, RoutineError, available_routines,
                               load_routine, parse_routine, resolve_routine_path)


def bundled_data() -> dict:
    with available_routines()["hips-for-runners"].open("rb") as handle:
        return tomllib.load(handle)


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "routine.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_default_routine_has_the_three_exercises_of_the_article():
    routine = load_routine()
    assert [e.id for e in routine.exercises] == ["side-leg-lift", "glute-bridge", "donkey-kick"]
    lift, bridge, kick = routine.exercises
    assert [v.id for v in lift.variations] == ["lying", "standing"]
    assert [v.id for v in bridge.variations] == ["double-leg", "single-leg"]
    assert [v.id for v in kick.variations] == ["bent-knee", "straightening", "fire-hydrant"]


def test_library_keeps_the_facts_of_the_article():
    routine = load_routine()
    rx = routine.prescription
    assert (rx.reps, rx.sets) == (15, 3) and 1 <= rx.hold <= 2
    lift, bridge, kick = routine.exercises
    lying, standing = lift.variations
    assert "clock" in " ".join(lying.cues) and "inch" in " ".join(lying.cues)
    assert any("support" == o.id for o in standing.options)
    double, single = bridge.variations
    assert not double.per_side and single.per_side
    assert {o.id for o in double.options} == {"band-above-knees", "feet-on-ball"}
    assert "90 degrees" in " ".join(single.setup)
    assert "heel" in " ".join(double.cues) and "straight line" in " ".join(double.cues)
    assert "8 to 12 inches" in " ".join(double.setup)
    bent, straight, hydrant = kick.variations
    assert "90 degrees" in " ".join(bent.cues) and "back flat" in " ".join(bent.setup)
    assert "side" in hydrant.instruction
    for exercise in routine.exercises:
        assert exercise.muscles
        for variation in exercise.variations:
            assert variation.setup and variation.cues and variation.instruction
            assert variation.resistance == tuple(Resistance)
            assert variation.figure


def test_every_variation_but_the_double_leg_bridge_works_each_side():
    routine = load_routine()
    one_sided = [(e.id, v.id) for e in routine.exercises for v in e.variations if v.per_side]
    assert len(one_sided) == 6


def test_resolve_by_name_path_and_default(tmp_path):
    assert resolve_routine_path(None).name == "hips-for-runners.toml"
    assert resolve_routine_path("hips-for-runners") == available_routines()["hips-for-runners"]
    assert resolve_routine_path(tmp_path / "x.toml") == tmp_path / "x.toml"
    with pytest.raises(RoutineError, match="no routine named 'yoga' .*hips-for-runners"):
        resolve_routine_path("yoga")


def test_missing_file(tmp_path):
    with pytest.raises(RoutineError, match="no such routine file"):
        load_routine(tmp_path / "gone.toml")


def test_broken_toml_and_bad_encoding(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[routine\nid = 1", encoding="utf-8")
    with pytest.raises(RoutineError, match="cannot read routine"):
        load_routine(path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RoutineError, match="cannot read routine"):
        load_routine(path)


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_text("# " + "x" * MAX_ROUTINE_BYTES, encoding="utf-8")
    with pytest.raises(RoutineError, match="at most 262144 bytes"):
        load_routine(path)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d.update(extra=1), "top level: unknown key"),
    (lambda d: d.pop("exercises"), "missing key 'exercises'"),
    (lambda d: d.update(exercises=[]), "at least one exercise"),
    (lambda d: d.update(routine="x"), "routine must be a table, got str"),
    (lambda d: d.update(exercises=["squat"]), r"exercises\[0\] must be a table, got str"),
    (lambda d: d["routine"].update(name=""), "routine.name must not be empty"),
    (lambda d: d["routine"].update(id=3), "routine.id must be a string, got int"),
    (lambda d: d["exercises"][0].update(muscles=[1]), "muscles must be a list of non-empty"),
    (lambda d: d["exercises"][0].update(variations=[]), "at least one variation"),
    (lambda d: d["exercises"][0].update(default_variation="x"), "no variation 'x'"),
    (lambda d: d["exercises"][1].update(id="side-leg-lift"), "duplicate id 'side-leg-lift'"),
    (lambda d: d["exercises"][0]["variations"][0].update(per_side="yes"),
     r"variations\[0\].per_side must be a boolean"),
    (lambda d: d["exercises"][0]["variations"][0].update(resistance=["iron"]),
     "resistance must be one of none, band, ankle-weights"),
    (lambda d: d["exercises"][0]["variations"][0].update(run="rm -rf /"), "unknown key"),
    (lambda d: d["exercises"][0]["variations"][1]["options"][0].pop("note"),
     r"options\[0\]: missing key 'note'"),
    (lambda d: d["prescription"].update(reps=99), "reps must be from 1 to 50"),
])
def test_bad_files_are_refused_with_the_field_named(tmp_path, mutate, message):
    data = bundled_data()
    mutate(data)
    with pytest.raises(RoutineError, match=message):
        load_routine(write(tmp_path, data))


def test_minimal_routine_uses_default_prescription_and_optional_keys():
    routine = parse_routine({
        "routine": {"id": "r", "name": "R", "description": "d"},
        "exercises": [{"id": "e", "name": "E", "summary": "s", "muscles": ["m"],
                       "variations": [{"id": "v", "name": "V", "per_side": True,
                                       "instruction": "i", "setup": ["a"], "cues": ["b"]}]}]})
    variation = routine.exercises[0].default
    assert variation.resistance == (Resistance.NONE,) and variation.options == ()
    assert routine.prescription.reps == 15


def test_resources_are_found_and_missing_resources_are_reported(monkeypatch, tmp_path):
    assert (paths.resources_dir() / "routines").is_dir()
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "pkg" / "paths.py"))
    with pytest.raises(FileNotFoundError, match="resources not found"):
        paths.resources_dir()
