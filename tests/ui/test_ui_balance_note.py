"""The finished screen's left/right line speaks only of reps that were done."""

from hipcoach.routines import load_routine
from hipcoach.ui.finished_screen import balance_note

ROUTINE = load_routine()


def test_a_workout_stopped_before_any_rep_says_nothing_about_balance():
    assert balance_note({("side-leg-lift", "left"): 0}, ROUTINE) == ""
    assert balance_note({("glute-bridge", "both"): 12}, ROUTINE) == ""


def test_equal_sides_are_praised_and_uneven_ones_named():
    even = {("side-leg-lift", "left"): 15, ("side-leg-lift", "right"): 15}
    assert balance_note(even, ROUTINE) == "Same reps on both sides. Nicely balanced."
    uneven = {**even, ("donkey-kick", "left"): 15, ("donkey-kick", "right"): 0}
    assert balance_note(uneven, ROUTINE) == \
        "Left and right differ on Donkey kick: even them up next time."
    assert balance_note({("side-leg-lift", "left"): 4}, ROUTINE) == \
        "Left and right differ on Side leg lift: even them up next time."
