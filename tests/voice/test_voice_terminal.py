"""The voice of `hipcoach run --no-window`: settings, mute, faults, last words."""

from __future__ import annotations

import argparse
import io
import time

import pytest
from audio_fakes import FakeDevice

from hipcoach.model import Prescription, Selection
from fakes import FakeClock, FakeTimer
from hipcoach.plan import PAUSED_CUE, StepKind, build_plan
from hipcoach.session import Session
from hipcoach.routines import load_routine
from hipcoach.settings import Settings, VoiceSettings, save_settings
from hipcoach.voice.playback import CuePlayer
from hipcoach.voice.speaker import RecordingSpeaker
from hipcoach.voice.terminal import finish_voice, start_voice
from hipcoach.voice.tts_speaker import TtsSpeaker

PLAN = build_plan(load_routine(), Prescription(reps=2, sets=1),
                  Selection((("glute-bridge", "single-leg"),)))


def args(**values) -> argparse.Namespace:
    return argparse.Namespace(**{"mute": False, "config_dir": None, **values})


def speaker_on(device: FakeDevice, made: list):
    def factory(voice, rate, volume):
        made.append((voice, rate, volume))
        player = CuePlayer(volume, effect_factory=device.effect, outputs=device.outputs)
        return TtsSpeaker(voice, rate, volume, player=player)
    return factory


@pytest.mark.speech
def test_the_saved_voice_settings_are_used_and_the_plan_made_speech_aware(qtbot):
    save_settings(Settings(voice=VoiceSettings(rate=150, volume=40, beeps=False)))
    made: list = []
    device = FakeDevice()
    coach, plan = start_voice(args(), PLAN, 1.0, speaker_factory=speaker_on(device, made))
    try:
        assert made == [(None, 150, 0.4)] and coach is not None and not coach.beeps
        assert plan.steps[0].kind is StepKind.GET_READY
        assert plan.total_seconds > PLAN.total_seconds
    finally:
        finish_voice(coach)


@pytest.mark.speech
def test_a_saved_voice_the_engine_lacks_is_reported_once_and_the_default_speaks(qtbot):
    save_settings(Settings(voice=VoiceSettings(voice_id="no-such-voice")))
    err = io.StringIO()
    device = FakeDevice()
    coach, plan = start_voice(args(), PLAN, 1.0, err=err,
                              speaker_factory=speaker_on(device, []))
    try:
        assert err.getvalue() == "Voice 'no-such-voice' not found; using the default voice.\n"
        assert plan.total_seconds > PLAN.total_seconds and not coach.speaker.silent
        coach.speaker.say(plan.steps[0].cue)
        assert len(device.played) == 1
    finally:
        finish_voice(coach)


@pytest.mark.parametrize("how", ["mute", "sped up", "switched off"])
def test_no_voice_when_muted_sped_up_or_switched_off(how):
    if how == "switched off":
        save_settings(Settings(voice=VoiceSettings(enabled=False)))
    made: list = []
    coach, plan = start_voice(args(mute=True) if how == "mute" else args(), PLAN,
                              0.05 if how == "sped up" else 1.0,
                              speaker_factory=speaker_on(FakeDevice(), made))
    assert coach is None and plan is PLAN and made == []
    finish_voice(None)


def test_no_audio_device_prints_one_notice_and_keeps_the_timing(qtbot):
    err = io.StringIO()
    coach, plan = start_voice(args(), PLAN, 1.0, err=err,
                              speaker_factory=speaker_on(FakeDevice(present=False), []))
    assert plan is PLAN
    assert err.getvalue() == ("Voice off: no audio output device was found. "
                              "The workout goes on without speech.\n")
    finish_voice(coach)


def test_cues_not_ready_in_time_mean_a_silent_run(qtbot):
    class NeverReady(RecordingSpeaker):
        def prepare(self, texts):
            self.prepared_texts = list(texts)

    err = io.StringIO()
    coach, plan = start_voice(args(), PLAN, 1.0, err=err, limit=0.05,
                              speaker_factory=lambda *settings: NeverReady())
    assert plan is PLAN and coach.muted
    assert "not ready in time" in err.getvalue()
    finish_voice(coach)


def test_finish_waits_for_the_last_words(qtbot):
    speaker = RecordingSpeaker(seconds_of=lambda text: 0.05)
    coach, plan = start_voice(args(), PLAN, 1.0, speaker_factory=lambda *settings: speaker)
    clock = FakeClock()
    session = Session(plan, now=clock.monotonic, wall=clock.wall, timer=FakeTimer(clock))
    coach.attach(session)
    session.start()
    session.pause()
    assert speaker.said[-1] == PAUSED_CUE
    assert coach.speech_end > time.monotonic()
    finish_voice(coach)
    assert speaker.closed and time.monotonic() >= coach.speech_end
