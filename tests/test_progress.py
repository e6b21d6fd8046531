"""Progress rules: weeks, streak, totals, left/right balance, progression hint (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st

from hipcoach.progress import (Balance, SessionRow, SetRow, progression_hint, side_balance,
                               summarize, total_reps, week_streak, weekly_counts, workouts)
from hipcoach.routines import load_routine

ROUTINE = load_routine()
TODAY = dt.date(2026, 11, 27)  # a Friday


def stamp(day: dt.date, hour: int = 8) -> float:
    return dt.datetime(day.year, day.month, day.day, hour).timestamp()


def session(id: int, day: dt.date, completed: bool | None = True, resistance: str = "none",
            reps: int = 15, sets: int = 3, skipped: int = 0) -> SessionRow:
    return SessionRow(id, ROUTINE.id, stamp(day), stamp(day, 9), completed, resistance, reps,
                      sets, skipped, 1500.0)


def full_sets(session_id: int, day: dt.date, exercise: str = "glute-bridge",
              variation: str = "single-leg", reps: int = 15, sets: int = 3,
              done: int | None = None) -> list[SetRow]:
    rows = []
    for set_no in range(1, sets + 1):
        for side in ("left", "right"):
            got = reps if done is None or side == "left" else done
            rows.append(SetRow(exercise, variation, side, set_no, got, reps, got == reps,
                               session_id=session_id, recorded=stamp(day, 9)))
    return rows


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_weekly_counts_cover_the_last_weeks_oldest_first():
    rows = [session(1, days_ago(0)), session(2, days_ago(2), completed=False),
            session(3, days_ago(8)), session(4, days_ago(100))]
    weeks = weekly_counts(rows, TODAY, weeks=3)
    assert [w.start for w in weeks] == [dt.date(2026, 11, 9), dt.date(2026, 11, 16),
                                        dt.date(2026, 11, 23)]
    assert [(w.workouts, w.completed) for w in weeks] == [(0, 0), (1, 1), (2, 1)]


def test_streak_counts_whole_weeks_and_survives_an_unfinished_week():
    assert week_streak([], TODAY) == 0
    last_three_weeks = [session(i, days_ago(7 * i + 1)) for i in range(1, 4)]
    assert week_streak(last_three_weeks, TODAY) == 3  # nothing yet this week: still alive
    assert week_streak(last_three_weeks + [session(9, TODAY)], TODAY) == 4
    gap = [session(1, days_ago(0)), session(2, days_ago(21))]
    assert week_streak(gap, TODAY) == 1


def test_sessions_without_a_single_set_are_not_workouts():
    rows = [session(1, TODAY), session(2, TODAY)]
    assert workouts(rows, full_sets(2, TODAY)) == [rows[1]]


def test_totals_follow_routine_order_then_unknown_exercises():
    rows = full_sets(1, TODAY, "glute-bridge") + full_sets(1, TODAY, "side-leg-lift", "lying") \
        + full_sets(1, TODAY, "retired-move", "x", reps=2, sets=1)
    order = [e.id for e in ROUTINE.exercises]
    assert total_reps(rows, order) == [("side-leg-lift", 90), ("glute-bridge", 90),
                                       ("retired-move", 4)]


def test_balance_flags_a_real_gap_and_ignores_both_leg_sets():
    rows = full_sets(1, TODAY, done=10)
    rows.append(SetRow("glute-bridge", "double-leg", "both", 1, 15, 15, True, session_id=1,
                       recorded=stamp(TODAY)))
    [balance] = side_balance(rows)
    assert (balance.left, balance.right, balance.flagged, balance.weaker) == (45, 30, True,
                                                                             "right")


def test_balance_window_drops_old_sets():
    old = full_sets(1, days_ago(60), done=0)
    recent = full_sets(2, TODAY)
    [balance] = side_balance(old + recent, since=stamp(days_ago(28)))
    assert not balance.flagged and balance.left == balance.right == 45


@given(left=st.integers(0, 2000), right=st.integers(0, 2000))
def test_flag_is_symmetric_and_needs_both_a_ratio_and_a_few_reps(left, right):
    a, b = Balance("x", left, right), Balance("x", right, left)
    assert a.flagged == b.flagged
    if a.flagged:
        assert a.gap >= 3 and a.gap > 0.1 * max(left, right)
        assert a.weaker != b.weaker
    if abs(left - right) <= 2:
        assert not a.flagged


def full_history(count: int, resistance: str = "none", variation: str = "single-leg"):
    rows = [session(i, days_ago(2 * (count - i)), resistance=resistance)
            for i in range(1, count + 1)]
    sets = [s for r in rows for s in full_sets(r.id, r.day, variation=variation)]
    return rows, sets


def test_hint_counts_up_to_three_full_workouts():
    assert progression_hint([], [], ROUTINE) is None
    hint = progression_hint(*full_history(2), ROUTINE)
    assert not hint.ready and hint.text.startswith("2 of 3 full workouts in a row")


def test_hint_suggests_a_band_then_ankle_weights():
    hint = progression_hint(*full_history(3), ROUTINE)
    assert hint.ready and "resistance band" in hint.text
    hint = progression_hint(*full_history(3, "band"), ROUTINE)
    assert hint.ready and "ankle weights" in hint.text


def test_hint_at_the_top_level_suggests_the_next_variation():
    hint = progression_hint(*full_history(3, "ankle-weights", variation="double-leg"), ROUTINE)
    assert hint.ready and "glute bridge: single leg" in hint.text
    hint = progression_hint(*full_history(3, "ankle-weights"), ROUTINE)
    assert hint.ready and "keep it steady" in hint.text


def test_a_skip_a_short_set_or_a_stop_resets_the_count():
    rows, sets = full_history(3)
    rows[-1] = session(3, rows[-1].day, skipped=1)
    assert not progression_hint(rows, sets, ROUTINE).ready
    rows, sets = full_history(3)
    sets[-1] = SetRow("glute-bridge", "single-leg", "right", 3, 14, 15, False, session_id=3,
                      recorded=sets[-1].recorded)
    assert not progression_hint(rows, sets, ROUTINE).ready
    rows, sets = full_history(4)
    rows[-1] = session(4, rows[-1].day, completed=False)
    assert progression_hint(rows, sets, ROUTINE).text.startswith("0 of 3")


def test_changing_resistance_starts_the_count_again():
    rows, sets = full_history(3)
    rows[-1] = session(3, rows[-1].day, resistance="band")
    assert progression_hint(rows, sets, ROUTINE).text.startswith("1 of 3")


def test_a_lighter_prescription_asks_to_build_up_first():
    rows = [session(1, TODAY, reps=10)]
    hint = progression_hint(rows, full_sets(1, TODAY, reps=10), ROUTINE)
    assert not hint.ready and "15 reps × 3 sets" in hint.text


def test_summarize_puts_it_together():
    rows, sets = full_history(3)
    summary = summarize(rows, sets, ROUTINE, TODAY, stamp(TODAY, 12), weeks=4)
    assert summary.workouts == 3 and len(summary.weeks) == 4
    assert summary.streak_weeks >= 1
    assert summary.total_reps == (("glute-bridge", 270),)
    assert summary.balance[0].left == summary.balance[0].right
    assert summary.hint.ready
    assert [r.outcome for r in (session(1, TODAY, None), session(1, TODAY, False),
                                session(1, TODAY))] == ["interrupted", "stopped", "completed"]


def test_the_hint_says_why_the_last_workout_did_not_count():
    rows, sets = full_history(1)
    rows[-1] = session(1, rows[-1].day, completed=False)
    assert progression_hint(rows, sets, ROUTINE).text.endswith("Last time: the workout ended early.")
    rows[-1] = session(1, rows[-1].day, skipped=2)
    assert progression_hint(rows, sets, ROUTINE).text.endswith("Last time: 2 steps skipped.")
    rows, sets = full_history(1)
    sets[3] = SetRow("glute-bridge", "single-leg", "right", 2, 11, 15, False, session_id=1,
                     recorded=sets[3].recorded)
    assert progression_hint(rows, sets, ROUTINE).text.endswith(
        "Last time: Glute bridge, right side, set 2: 11 of 15 reps.")
    rows, sets = full_history(2)
    assert "Last time" not in progression_hint(rows, sets, ROUTINE).text
