"""VoiceCoach following a real Session on a fake clock and timer, with a recording speaker."""

from __future__ import annotations

import pytest

from audio_fakes import FakeDevice

from fakes import FakeClock, FakeTimer, run_to_end, run_until
from hipcoach.model import Prescription, Selection
from hipcoach.plan import PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE, StepKind, build_plan
from hipcoach.routines import load_routine
from hipcoach.session import Session
from hipcoach.voice.coach import VoiceCoach
from hipcoach.voice.playback import CuePlayer
from hipcoach.voice.speaker import BEEP, FINAL_BEEP, RecordingSpeaker
from hipcoach.voice.timing import TOLERANCE, Spoken, cue_texts, planned_speech, speech_problems
from hipcoach.voice.tts_speaker import TtsSpeaker

ROUTINE = load_routine()
ONE_SET = Prescription(reps=3, sets=1, get_ready=10, switch_rest=8)
BRIDGE = Selection((("glute-bridge", "single-leg"),))
LEAD = 0.035


class Rig:
    """A coach speaking for a session on a fake clock, its speaker recording."""

    def __init__(self, qtbot, plan, *, beeps=False, muted=False, lead=LEAD) -> None:
        self.clock = FakeClock()
        self.timer = FakeTimer(self.clock)
        self.speaker = RecordingSpeaker(clock=self.clock.monotonic, output_latency=lead)
        self.coach = VoiceCoach(self.speaker, beeps=beeps, muted=muted)
        self.notices: list[str] = []
        self.coach.notice.connect(self.notices.append)
        with qtbot.waitSignal(self.coach.ready) as blocker:
            self.coach.prepare(plan)
        self.plan = blocker.args[0]
        self.session = Session(self.plan, now=self.clock.monotonic, wall=self.clock.wall,
                               timer=self.timer, cue_lead=self.coach.output_latency)
        self.coach.attach(self.session)
        self.t0 = self.clock.time
        self.starts: list[tuple[float, int]] = []
        self.session.step_started.connect(lambda s: self.starts.append((self.clock.time, s.index)))

    def heard(self) -> list[Spoken]:
        """What the speaker played, on the plan's clock (sound starts `lead` after the call)."""
        return [Spoken(u.at + self.speaker.output_latency - self.t0, u.text, u.seconds)
                for u in self.speaker.utterances]


def test_a_whole_set_is_spoken_in_order_on_the_step_boundaries(qtbot):
    plan = build_plan(ROUTINE, ONE_SET, BRIDGE)
    rig = Rig(qtbot, plan)
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    expected = planned_speech(rig.plan, rig.speaker.seconds_of)
    assert rig.speaker.said == [s.text for s in expected]
    assert rig.speaker.said[:5] == [rig.plan.steps[0].cue, "Three.", "Two.", "One.",
                                    "One. Lift."]
    assert "Last one. Lift." in rig.speaker.said and rig.speaker.said[-1].startswith("Workout")
    heard = rig.heard()
    assert heard[0].at == pytest.approx(LEAD)  # the first cue cannot be sent early
    for cue, planned in zip(heard[1:], expected[1:]):
        assert cue.at == pytest.approx(planned.at, abs=0.002), cue.text
    assert speech_problems(rig.heard(), end=rig.plan.total_seconds) == []
    assert rig.notices == [] and rig.speaker.stops == []


def test_prepare_makes_the_plan_speech_aware(qtbot):
    plan = build_plan(ROUTINE, ONE_SET, BRIDGE)
    rig = Rig(qtbot, plan)
    assert rig.speaker.prepared_texts == cue_texts(plan)
    ready = rig.plan.steps[0]
    assert ready.kind is StepKind.GET_READY
    assert ready.marks[0][0] >= rig.speaker.seconds_of(ready.cue)  # instruction ends first
    assert rig.plan.total_seconds > plan.total_seconds
    unfitted = planned_speech(plan, rig.speaker.seconds_of)
    assert speech_problems(unfitted)  # the check does see the clash the fitting removed


def test_pause_resume_and_welcome_back_after_a_sleep(qtbot):
    rig = Rig(qtbot, build_plan(ROUTINE, ONE_SET, BRIDGE))
    rig.session.start()
    run_until(rig.clock, rig.timer, 2.0)
    rig.session.pause()
    rig.session.resume()
    rig.clock.suspend(900)
    run_until(rig.clock, rig.timer, 0.5)
    assert rig.speaker.said[-3:] == [PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE]


def test_beeps_replace_the_spoken_countdown(qtbot):
    rig = Rig(qtbot, build_plan(ROUTINE, ONE_SET, BRIDGE), beeps=True)
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    said = rig.speaker.said
    assert "Three." not in said and "One." not in said
    assert said[1:4] == [BEEP, BEEP, FINAL_BEEP]
    assert "One. Lift." in said  # rep counts are still spoken


def test_stop_silences_but_a_finished_workout_keeps_its_last_words(qtbot):
    rig = Rig(qtbot, build_plan(ROUTINE, ONE_SET, BRIDGE))
    rig.session.start()
    run_to_end(rig.clock, rig.timer)
    assert rig.speaker.stops == []
    rig.session.start()
    run_until(rig.clock, rig.timer, 3.0)
    rig.session.stop()
    assert rig.speaker.stops == [rig.clock.time]


def test_a_coach_muted_at_start_prepares_every_cue_and_speaks_once_unmuted(qtbot):
    plan = build_plan(ROUTINE, ONE_SET, BRIDGE)
    rig = Rig(qtbot, plan, muted=True)
    assert rig.speaker.prepared_texts == cue_texts(plan)
    assert rig.plan.total_seconds > plan.total_seconds  # speech-aware, as when unmuted
    rig.session.start()
    run_until(rig.clock, rig.timer, 20)
    assert rig.speaker.said == []
    rig.coach.set_muted(False)
    rig.coach.set_volume(0.3)
    rig.session.pause()
    assert rig.speaker.said == [PAUSED_CUE] and rig.speaker.volume == 0.3
    rig.session.resume()
    run_to_end(rig.clock, rig.timer)
    expected = [s.text for s in planned_speech(rig.plan, rig.speaker.seconds_of)
                if s.at > 20 + LEAD]
    assert [t for t in rig.speaker.said if t not in (PAUSED_CUE, RESUMED_CUE)] == expected


@pytest.mark.speech
def test_unmuting_mid_workout_plays_the_next_real_cue(qtbot):
    """Muted at Start (M), unmuted later: real renders, a fake audio device and clock."""
    clock = FakeClock()
    device = FakeDevice(clock=clock.monotonic)
    speaker = TtsSpeaker(player=CuePlayer(effect_factory=device.effect,
                                          outputs=device.outputs))
    coach = VoiceCoach(speaker, muted=True)
    try:
        with qtbot.waitSignal(coach.ready, timeout=20_000) as blocker:
            coach.prepare(build_plan(ROUTINE, ONE_SET, BRIDGE))
        plan = blocker.args[0]
        timer = FakeTimer(clock)
        session = Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)
        coach.attach(session)
        t0 = clock.time
        session.start()
        run_until(clock, timer, 12)
        assert device.played == []
        coach.set_muted(False)
        upcoming = next(s for s in planned_speech(plan, speaker.seconds) if s.at > 12)
        run_until(clock, timer, t0 + upcoming.at + TOLERANCE, relative=False)  # whole ms
    finally:
        coach.close()
    expected = speaker.renderer.cache_path(upcoming.text).name
    assert [(at - t0, path.name) for at, path, _ in device.played] == [
        (pytest.approx(upcoming.at, abs=TOLERANCE), expected)]


def test_a_fault_gives_one_notice_and_the_session_keeps_its_time(qtbot):
    plan = build_plan(ROUTINE, ONE_SET, BRIDGE)
    rig = Rig(qtbot, plan)
    rig.session.start()
    run_until(rig.clock, rig.timer, 12)
    rig.speaker.fail("no audio output device was found")
    rig.speaker.fail("the sound device cannot play the cues")
    run_to_end(rig.clock, rig.timer)
    assert rig.notices == ["Voice off: no audio output device was found. "
                           "The workout goes on without speech."]
    for at, index in rig.starts:
        assert at - rig.t0 == pytest.approx(rig.plan.steps[index].start, abs=0.002)


def test_detach_and_close(qtbot):
    rig = Rig(qtbot, build_plan(ROUTINE, ONE_SET, BRIDGE))
    rig.coach.detach()
    rig.coach.detach()
    rig.session.start()
    run_until(rig.clock, rig.timer, 12)
    assert rig.speaker.said == []
    rig.coach.close()
    assert rig.speaker.closed


def test_resuming_is_not_said_when_the_next_cue_would_cut_it_off(qtbot):
    rig = Rig(qtbot, build_plan(ROUTINE, ONE_SET, BRIDGE))
    rig.session.start()
    run_until(rig.clock, rig.timer, 1.0)  # long before the countdown: room enough
    rig.session.pause()
    rig.session.resume()
    assert rig.speaker.said[-2:] == [PAUSED_CUE, RESUMED_CUE]
    first_mark = rig.plan.steps[0].marks[0][0]  # "Three."
    run_until(rig.clock, rig.timer, first_mark - 0.2 - 1.0)
    rig.session.pause()
    rig.session.resume()
    assert rig.speaker.said[-2:] == [RESUMED_CUE, PAUSED_CUE]
    run_to_end(rig.clock, rig.timer)
    assert "Three." in rig.speaker.said
