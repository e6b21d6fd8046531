"""M at Start, M again mid-workout: the real voice (espeak-ng renders) speaks from the next cue.

The window runs its session on the fake clock; only the audio device is faked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "voice"))
from audio_fakes import FakeDevice  # noqa: E402

from fakes import run_until  # noqa: E402
from hipcoach.voice.coach import VoiceCoach  # noqa: E402
from hipcoach.voice.playback import CuePlayer  # noqa: E402
from hipcoach.voice.timing import TOLERANCE, planned_speech  # noqa: E402
from hipcoach.voice.tts_speaker import TtsSpeaker  # noqa: E402
from ui_helpers import press  # noqa: E402


@pytest.mark.speech
def test_muted_at_start_then_unmuted_with_m_speaks_the_next_cue(make_window, qtbot, clock,
                                                                timer):
    device = FakeDevice(clock=clock.monotonic)
    speakers: list[TtsSpeaker] = []

    def real_voice() -> VoiceCoach:
        speakers.append(TtsSpeaker(player=CuePlayer(effect_factory=device.effect,
                                                    outputs=device.outputs)))
        return VoiceCoach(speakers[-1])

    window = make_window()
    window.set_voice_factory(real_voice)
    press(qtbot, window, Qt.Key.Key_M)
    with qtbot.waitSignal(window.workout_started, timeout=20_000):
        press(qtbot, window, Qt.Key.Key_Return)
    start, plan, speaker = clock.time, window.session.plan, speakers[0]
    lead = window.session.cue_lead  # cues are sent this early
    run_until(clock, timer, 5)
    assert device.played == []
    press(qtbot, window, Qt.Key.Key_M)
    upcoming = next(s for s in planned_speech(plan, speaker.seconds) if s.at - lead > 5)
    run_until(clock, timer, start + upcoming.at - lead + TOLERANCE, relative=False)
    expected = speaker.renderer.cache_path(upcoming.text).name
    assert [(at - start + lead, path.name) for at, path, _ in device.played] == [
        (pytest.approx(upcoming.at, abs=TOLERANCE), expected)]
    window.close()
