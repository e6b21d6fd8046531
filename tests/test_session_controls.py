"""Session controls on a fake clock: skip, back, restart set, slots that take over, options."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from fakes import run_to_end
from hipcoach.plan import Plan, StepKind
from hipcoach.session import Session, SessionState, SetRecord
from session_rig import Rig, make_rig, small_plan, summary_of


@pytest.fixture
def rig(qapp) -> Rig:
    return make_rig()



# Skip, back, restart ---------------------------------------------------------------------------
def test_skip_goes_to_the_next_step_and_is_counted(rig):
    rig.session.start()
    rig.run(3)
    rig.session.skip()
    assert rig.session.step_index == 1 and rig.session.remaining == pytest.approx(1.5)
    rig.run(1.5)
    assert rig.session.step_index == 2
    rig.session.stop()
    assert summary_of(rig).skipped_steps == 1


def test_skipping_through_a_set_reports_it_part_done(rig):
    rig.session.start()
    rig.run(15.0)                                  # rep 1 done, rep 2 lifting
    for _ in range(3):
        rig.session.skip()
    assert rig.session.current_step.kind is StepKind.SWITCH
    (record,), = rig.names("set_finished")
    assert record == SetRecord("glute-bridge", "single-leg", "left", 1, 1, 2, False)


def test_skip_while_paused_stays_paused_and_says_the_cue_on_resume(rig):
    rig.session.start()
    rig.run(1)
    rig.session.pause()
    rig.clear()
    rig.session.skip()
    assert rig.session.state is SessionState.PAUSED and rig.started() == [1]
    assert rig.names("cue_due") == []
    rig.session.resume()
    assert [args[1] for args in rig.names("cue_due")] == ["One. Lift."]


def test_a_cue_already_said_ahead_is_not_repeated_by_skip(qapp):
    rig = make_rig(cue_lead=0.5)
    rig.session.start()
    rig.run(9.7)                                   # "One. Lift." went out at 9.5
    rig.session.skip()
    texts = [args[1] for args in rig.names("cue_due")]
    assert texts.count("One. Lift.") == 1


def test_skipping_every_step_finishes_the_workout(qapp):
    rig = make_rig(small_plan(reps=1, sets=1))
    rig.session.start()
    while rig.session.state is SessionState.RUNNING:
        rig.session.skip()
    assert rig.session.state is SessionState.FINISHED and not rig.timer.isActive()
    summary = summary_of(rig)
    assert summary.completed and summary.skipped_steps == len(rig.session.plan) - 1
    assert summary.reps_done == {("glute-bridge", "left"): 0, ("glute-bridge", "right"): 0}


def test_skipping_the_last_step_while_paused_finishes(qapp):
    rig = make_rig(small_plan(reps=1, sets=1))
    rig.session.start()
    rig.session.pause()
    for _ in range(len(rig.session.plan)):
        rig.session.skip()
    assert rig.session.state is SessionState.FINISHED and not rig.timer.isActive()
    assert summary_of(rig).skipped_steps == len(rig.session.plan)


@pytest.mark.parametrize("at, expected", [
    (12.0, 1),    # 2 s into rep 1 (still lifting): its lift
    (12.2, 1),    # in the hold, 2.2 s into rep 1: its lift
    (16.2, 4),    # 1.2 s into rep 2: its lift
    (15.5, 1),    # only 0.5 s into rep 2: the previous rep
])
def test_back_restarts_the_rep_or_within_a_second_goes_to_the_previous(rig, at, expected):
    rig.session.start()
    rig.run(at)
    rig.session.back()
    assert rig.session.step_index == expected
    assert rig.session.remaining == pytest.approx(1.5)
    assert rig.names("step_started")[-1][0].index == expected


def test_back_early_in_the_first_rep_goes_to_get_ready(rig):
    rig.session.start()
    rig.run(10.5)
    rig.session.back()
    assert rig.session.step_index == 0 and rig.session.remaining == pytest.approx(10)


def test_back_early_in_a_rest_goes_to_the_last_rep_and_late_restarts_the_rest(rig):
    rig.session.start()
    rig.run(38.5)
    assert rig.session.current_step.kind is StepKind.REST
    rig.session.back()
    assert rig.session.step_index == 11                       # right side, rep 2, lift
    rig.run(10.0)                                             # back into the rest, 3.5 s in
    rig.session.back()
    assert rig.session.step_index == 14 and rig.session.remaining == pytest.approx(45)
    rig.session.back()                                        # 0 s in: previous rep
    assert rig.session.step_index == 11


def test_back_at_the_very_start_stays_there(rig):
    rig.session.start()
    rig.session.back()
    assert rig.session.step_index == 0 and rig.session.state is SessionState.RUNNING


def test_a_rep_done_again_after_back_counts_once(rig):
    rig.session.start()
    rig.run(15.2)                                  # rep 1 done, 0.2 s into rep 2
    rig.session.back()                             # to rep 1
    assert rig.session.step_index == 1
    run_to_end(rig.clock, rig.timer)
    summary = summary_of(rig)
    assert summary.reps_done[("glute-bridge", "left")] == 4
    assert summary.sets[0].reps_done == 2 and summary.sets[0].completed


def test_back_replays_the_cues_of_the_step(rig):
    rig.session.start()
    rig.run(12.5)
    rig.clear()
    rig.session.back()
    assert [args[1] for args in rig.names("cue_due")] == ["One. Lift."]


def test_restart_set_goes_to_the_first_lift_of_the_set(rig):
    rig.session.start()
    rig.run(17)                                    # left set 1, rep 2 hold
    rig.session.restart_set()
    assert rig.session.step_index == 1 and rig.session.state is SessionState.RUNNING
    assert rig.session.remaining == pytest.approx(1.5)


def test_restart_set_in_a_rest_redoes_the_set_just_done(rig):
    rig.session.start()
    rig.run(50)
    rig.session.restart_set()
    step = rig.session.current_step
    assert (step.index, step.side.value, step.set, step.rep) == (8, "right", 1, 1)


def test_restart_set_before_the_first_set_restarts_get_ready(rig):
    rig.session.start()
    rig.run(4)
    rig.session.restart_set()
    assert rig.session.step_index == 0 and rig.session.remaining == pytest.approx(10)


def test_restart_set_while_paused_stays_paused(rig):
    rig.session.start()
    rig.run(17)
    rig.session.pause()
    rig.session.restart_set()
    assert rig.session.state is SessionState.PAUSED and rig.session.step_index == 1
    assert not rig.timer.isActive()


def test_controls_before_start_do_nothing(rig):
    for control in (rig.session.pause, rig.session.resume, rig.session.skip,
                    rig.session.back, rig.session.restart_set):
        control()
    assert rig.events == [] and rig.session.state is SessionState.IDLE


# Slots that take over --------------------------------------------------------------------------
def test_a_slot_that_stops_the_session_ends_the_wake_up(rig):
    rig.session.step_started.connect(
        lambda step: rig.session.stop() if step.kind is StepKind.HOLD else None)
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    assert rig.session.state is SessionState.STOPPED and not rig.timer.isActive()
    after = [kind for _, kind, _ in rig.events][-3:]
    assert after == ["set_finished", "state_changed", "finished"]


def test_a_slot_that_skips_moves_on_once(rig):
    rig.session.step_started.connect(
        lambda step: rig.session.skip() if step.kind is StepKind.HOLD else None)
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    kinds = [rig.session.plan.steps[i].kind for i in rig.started()]
    assert kinds.count(StepKind.HOLD) == kinds.count(StepKind.LOWER) == 8
    assert summary_of(rig).skipped_steps == 8
    assert rig.session.state is SessionState.FINISHED


@pytest.mark.parametrize("signal", ["step_started", "cue_due", "tick", "set_finished",
                                    "state_changed", "paused", "resumed"])
@pytest.mark.parametrize("control", ["stop", "skip", "back", "restart_set", "pause",
                                     "toggle_pause"])
def test_a_slot_may_call_any_control_from_any_signal(qapp, signal, control):
    """Whatever a slot does, the session ends once, with no timer left and a sane state."""
    rig = make_rig(small_plan(reps=2, sets=1))
    calls = []

    def meddle(*_args):
        if len(calls) < 3 and rig.at() >= 14:
            calls.append(control)
            getattr(rig.session, control)()

    getattr(rig.session, signal).connect(meddle)
    rig.session.start()
    rig.run(14.2)
    rig.session.pause()
    rig.session.resume()
    for _ in range(50):
        run_to_end(rig.clock, rig.timer)
        if rig.session.state is not SessionState.PAUSED:
            break
        rig.session.resume()
    rig.session.stop()
    assert rig.session.state in (SessionState.FINISHED, SessionState.STOPPED)
    assert not rig.timer.isActive()
    assert len(rig.names("finished")) == 1
    reported = [(r.side, r.set) for (r,) in rig.names("set_finished")]
    assert len(reported) == len(set(reported))


def test_stop_wins_over_a_slot_that_skips_while_the_set_is_reported(rig):
    rig.session.start()
    rig.run(12)
    rig.session.set_finished.connect(lambda record: rig.session.skip())
    rig.session.stop()
    assert rig.session.state is SessionState.STOPPED and not rig.timer.isActive()
    assert len(rig.names("finished")) == 1


# Arguments and properties ----------------------------------------------------------------------
@pytest.mark.parametrize("option", [{"time_scale": 0}, {"time_scale": math.nan},
                                    {"cue_lead": -1}, {"tick_interval": 0}])
def test_bad_options_are_refused(qapp, option):
    with pytest.raises(ValueError):
        Session(small_plan(), **option)


def test_an_empty_plan_is_refused_and_options_read_back(qapp):
    plan = small_plan()
    with pytest.raises(ValueError, match="no steps"):
        Session(Plan(plan.routine_id, plan.prescription, ()))
    session = Session(plan, time_scale=0.5, cue_lead=0.035)
    assert (session.time_scale, session.cue_lead) == (0.5, 0.035)
    assert math.isnan(session.planned_start)          # not running: no planned time


def test_a_plan_of_no_length_finishes_at_start(qapp):
    done = small_plan().steps[-1]
    rig = make_rig(Plan("x", small_plan().prescription, (replace(done, index=0, start=0.0),)))
    assert rig.session.progress == 0.0
    rig.session.start()
    assert rig.session.state is SessionState.FINISHED and rig.session.progress == 1.0
    assert [args[1] for args in rig.names("cue_due")] == [done.cue]


def test_progress_and_time_left_follow_the_clock(rig):
    plan = rig.session.plan
    assert rig.session.progress == 0 and rig.session.total_remaining == plan.total_seconds
    rig.session.start()
    rig.run(plan.total_seconds / 2)
    assert rig.session.progress == pytest.approx(0.5, abs=0.001)
    assert rig.session.elapsed == pytest.approx(plan.total_seconds / 2, abs=0.001)
    assert rig.session.planned_start == pytest.approx(1000 + rig.session.current_step.start)
