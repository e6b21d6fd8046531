"""Prescription validation, enums and selection."""

from __future__ import annotations

import math

import pytest

from hipcoach.model import (LIMITS, Prescription, Resistance, Selection, Side, ValidationError,
                            check_number, parse_enum)
from hipcoach.routines import load_routine


def test_defaults_match_the_article():
    rx = Prescription()
    assert (rx.reps, rx.sets, rx.hold) == (15, 3, 2.0)
    assert 1 <= rx.hold <= 2
    assert rx.resistance is Resistance.NONE


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_each_limit_is_enforced_with_a_message_naming_the_field(name):
    low, high, _unit = LIMITS[name]
    Prescription(**{name: low})
    Prescription(**{name: high})
    for bad in (low - 1, high + 1):
        with pytest.raises(ValidationError, match=rf"^{name} must be from {low:g} to {high:g}"):
            Prescription(**{name: bad})


@pytest.mark.parametrize("value", [1.5, "3", True, None, math.nan])
def test_reps_rejects_non_integers(value):
    with pytest.raises(ValidationError, match="reps must be a whole number from 1 to 50"):
        Prescription(reps=value)


def test_hold_rejects_text():
    with pytest.raises(ValidationError, match="hold must be a number from 0 to 10s"):
        Prescription(hold="two")


def test_first_side_both_is_refused():
    with pytest.raises(ValidationError, match="first_side must be left or right"):
        Prescription(first_side=Side.BOTH)


def test_alternate_sides_must_be_a_boolean():
    with pytest.raises(ValidationError, match="alternate_sides must be true or false"):
        Prescription(alternate_sides="yes")


def test_resistance_must_be_a_level():
    with pytest.raises(ValidationError, match="resistance must be one of"):
        Prescription(resistance="heavy")


def test_round_trip_through_plain_values():
    rx = Prescription(reps=10, first_side=Side.RIGHT, resistance=Resistance.BAND)
    data = rx.to_dict()
    assert data["first_side"] == "right" and data["resistance"] == "band"
    assert Prescription.from_dict(data) == rx


def test_from_dict_keeps_the_base_for_missing_fields():
    base = Prescription(sets=2)
    assert Prescription.from_dict({"reps": 8}, base=base) == Prescription(reps=8, sets=2)


def test_from_dict_rejects_unknown_keys():
    with pytest.raises(ValidationError, match="unknown prescription field.*tempo"):
        Prescription.from_dict({"tempo": 3})


def test_from_dict_names_bad_enum_values():
    with pytest.raises(ValidationError, match="first_side must be one of left, right, both"):
        Prescription.from_dict({"first_side": "up"})


def test_with_changes_validates_again():
    assert Prescription().with_changes(reps=20).reps == 20
    with pytest.raises(ValidationError):
        Prescription().with_changes(sets=11)


def test_check_number_accepts_floats_for_non_integers():
    check_number("hold", 1.5, 0, 10)


def test_parse_enum_passes_members_through():
    assert parse_enum(Side, "side", Side.LEFT) is Side.LEFT
    with pytest.raises(ValidationError):
        parse_enum(Side, "side", ["left"])


def test_side_other():
    assert Side.LEFT.other is Side.RIGHT and Side.RIGHT.other is Side.LEFT
    assert Side.BOTH.other is Side.BOTH


def test_resistance_progression_none_band_ankle_weights():
    assert Resistance.NONE.next_level is Resistance.BAND
    assert Resistance.BAND.next_level is Resistance.ANKLE_WEIGHTS
    assert Resistance.ANKLE_WEIGHTS.next_level is None
    assert [r.label for r in Resistance] == ["No resistance", "Resistance band", "Ankle weights"]


def test_lookup_errors_name_what_exists():
    routine = load_routine()
    with pytest.raises(ValidationError, match="no exercise 'squat' .*side-leg-lift"):
        routine.exercise("squat")
    with pytest.raises(ValidationError, match="no variation 'hanging' .*lying, standing"):
        routine.exercise("side-leg-lift").variation("hanging")


def test_selection_resolves_in_routine_order():
    routine = load_routine()
    selection = Selection((("donkey-kick", "fire-hydrant"), ("side-leg-lift", "standing")))
    pairs = selection.resolve(routine)
    assert [(e.id, v.id) for e, v in pairs] == [("side-leg-lift", "standing"),
                                              ("donkey-kick", "fire-hydrant")]


def test_selection_rejects_unknown_and_empty():
    routine = load_routine()
    with pytest.raises(ValidationError, match="no exercise 'plank'"):
        Selection((("plank", "x"),)).resolve(routine)
    with pytest.raises(ValidationError, match="choose at least one exercise"):
        Selection(()).resolve(routine)
