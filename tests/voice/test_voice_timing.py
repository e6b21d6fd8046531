"""Speech-aware timing: the overlap check, and a full default workout spoken without clashes."""

from __future__ import annotations

import pytest
from audio_fakes import FakeDevice

from fakes import FakeClock, FakeTimer, run_to_end
from hipcoach.plan import PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE, build_plan
from hipcoach.routines import load_routine
from hipcoach.session import Session
from hipcoach.voice.coach import VoiceCoach
from hipcoach.voice.playback import CuePlayer
from hipcoach.voice.timing import (Spoken, cue_texts, is_countdown, planned_speech,
                                   speech_aware_plan, speech_problems)
from hipcoach.voice.tts_speaker import TtsSpeaker


def test_the_check_finds_overlaps_cut_offs_and_cues_past_the_end():
    log = [Spoken(0.0, "Long words.", 2.0), Spoken(1.5, "Hold.", 0.4), Spoken(3.0, "Lower.", 0.5)]
    problems = speech_problems(log, stops=[3.2, 5.0], end=3.3)
    assert problems == [
        "'Long words.' at 0.000 s still plays when 'Hold.' starts at 1.500 s",
        "'Lower.' at 3.000 s is cut off at 3.200 s",
        "'Lower.' at 3.000 s runs past the end at 3.300 s"]
    assert speech_problems([Spoken(0, "A.", 1), Spoken(1, "B.", 1)], end=1) == []
    assert Spoken(1, "A.", 0.5).end == 1.5


def test_cue_texts_lists_each_text_once_with_short_forms_and_event_cues():
    plan = build_plan(load_routine())
    texts = cue_texts(plan)
    assert len(texts) == len(set(texts)) and "" not in texts
    assert texts[0] == plan.steps[0].cue
    assert {"One.", "Down.", "Ten seconds.", PAUSED_CUE, RESUMED_CUE,
            WELCOME_BACK_CUE} <= set(texts)
    assert is_countdown("Two.") and not is_countdown("Two. Lift.")


def test_speech_aware_plan_keeps_the_plan_and_moves_only_timing():
    plan = build_plan(load_routine())
    fitted = speech_aware_plan(plan, lambda text: 0.05 * len(text))
    assert fitted.routine_id == plan.routine_id and len(fitted) == len(plan)
    assert [s.kind for s in fitted] == [s.kind for s in plan]
    assert speech_problems(planned_speech(fitted, lambda text: 0.05 * len(text))) == []


@pytest.mark.speech
@pytest.mark.parametrize("rate", [None, 170, 120])
def test_a_full_default_workout_speaks_every_cue_without_overlap(qtbot, rate):
    """Real espeak-ng renders, a real Session on a fake clock, a fake audio device."""
    clock = FakeClock()
    device = FakeDevice(clock=clock.monotonic)
    player = CuePlayer(effect_factory=device.effect, outputs=device.outputs)
    speaker = TtsSpeaker(rate=rate, player=player)
    coach = VoiceCoach(speaker)
    try:
        plan = build_plan(load_routine())
        with qtbot.waitSignal(coach.ready, timeout=20_000) as blocker:
            coach.prepare(plan)
        fitted = blocker.args[0]
        timer = FakeTimer(clock)
        session = Session(fitted, now=clock.monotonic, wall=clock.wall, timer=timer,
                          cue_lead=coach.output_latency)
        coach.attach(session)
        t0 = clock.time
        session.start()
        run_to_end(clock, timer)
    finally:
        coach.close()
    text_of = {speaker.renderer.cache_path(t).name: t for t in cue_texts(plan)}
    heard = [Spoken(at + speaker.output_latency - t0, text_of[path.name],
                    speaker.seconds(text_of[path.name])) for at, path, _ in device.played]
    planned = planned_speech(fitted, speaker.seconds)
    assert [s.text for s in heard] == [s.text for s in planned]
    assert len(heard) > 800
    assert speech_problems(heard, end=fitted.total_seconds) == []
    # the same cues on the plan as written would clash (the get-ready instruction, at least)
    assert speech_problems(planned_speech(plan, speaker.seconds))
