"""TtsSpeaker and CuePlayer: real rendering, a fake audio device, and every fault."""

from __future__ import annotations

import gc
import logging
import threading

import pytest
from audio_fakes import FakeDevice

from hipcoach.voice.playback import CANNOT_PLAY, NO_DEVICE, CuePlayer
from hipcoach.voice.speaker import RecordingSpeaker, SilentSpeaker, estimate_seconds
from hipcoach.voice.tts_speaker import TtsSpeaker

TEXTS = ["Glute bridge, single leg.", "One. Lift.", "Hold.", "Lower.", "Three."]


@pytest.fixture
def speakers(qtbot):
    made: list[TtsSpeaker] = []

    def make(device: FakeDevice | None = None, **kwargs) -> TtsSpeaker:
        device = device or FakeDevice()
        player = CuePlayer(kwargs.pop("volume", 1.0), effect_factory=device.effect,
                           outputs=device.outputs)
        speaker = TtsSpeaker(player=player, **kwargs)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def prepare(qtbot, speaker, texts=TEXTS) -> dict[str, float]:
    with qtbot.waitSignal(speaker.prepared, timeout=10_000) as blocker:
        speaker.prepare(texts)
    return blocker.args[0]


@pytest.mark.speech
def test_prepared_cues_play_at_once_and_a_new_cue_silences_the_last(qtbot, speakers):
    device = FakeDevice()
    speaker = speakers(device, volume=0.6)
    durations = prepare(qtbot, speaker)
    assert set(durations) == set(TEXTS) and all(0.2 < s < 3 for s in durations.values())
    assert speaker.seconds("Hold.") == durations["Hold."]
    speaker.say("One. Lift.")
    speaker.say("Hold.")
    played = [path for _, path, _ in device.played]
    assert [p.name for p in played] == [speaker.renderer.cache_path(t).name
                                        for t in ("One. Lift.", "Hold.")]
    assert device.stopped == [played[0]]
    assert {volume for _, _, volume in device.played} == {0.6}


@pytest.mark.speech
def test_an_unprepared_cue_is_skipped_without_blocking(qtbot, speakers):
    device = FakeDevice()
    speaker = speakers(device)
    prepare(qtbot, speaker, ["Hold."])
    speaker.say("Never rendered.")
    assert device.played == [] and speaker.seconds("Never rendered.") is None


@pytest.mark.speech
def test_mute_volume_and_beeps(qtbot, speakers):
    device = FakeDevice()
    speaker = speakers(device, muted=True)
    prepare(qtbot, speaker, ["Hold."])
    speaker.say("Hold.")
    speaker.beep()
    assert device.played == []
    speaker.set_muted(False)
    speaker.set_volume(0.25)
    speaker.beep()
    speaker.beep(final=True)
    assert [(p.name, v) for _, p, v in device.played] == [("beep-880.wav", 0.25),
                                                           ("beep-1320.wav", 0.25)]


@pytest.mark.speech
def test_preparing_again_from_the_cache_is_immediate(qtbot, speakers):
    prepare(qtbot, speakers())
    again = speakers()
    assert prepare(qtbot, again).keys() == set(TEXTS)
    assert again.renderer.rendered_count == 0


def watch(qtbot, speaker) -> list[str]:
    faults: list[str] = []
    speaker.fault.connect(faults.append)
    return faults


def test_no_audio_device_means_silence_and_one_notice(qtbot, speakers, caplog):
    caplog.set_level(logging.WARNING, logger="hipcoach.voice")
    device = FakeDevice(present=False)
    speaker = speakers(device)
    faults = watch(qtbot, speaker)
    assert prepare(qtbot, speaker) == {}
    assert prepare(qtbot, speaker) == {}
    speaker.say("Hold.")
    assert faults == [NO_DEVICE] and device.effects == [] and device.played == []
    assert [r.getMessage() for r in caplog.records] == [f"voice off: {NO_DEVICE}"]


@pytest.mark.speech
def test_a_device_that_cannot_play_turns_the_speaker_silent(qtbot, speakers):
    device = FakeDevice(broken=True)
    speaker = speakers(device)
    faults = watch(qtbot, speaker)
    assert prepare(qtbot, speaker) == {}
    speaker.say("Hold.")
    assert faults == [CANNOT_PLAY] and device.played == []


@pytest.mark.speech
def test_a_device_lost_during_the_workout_turns_the_speaker_silent(qtbot, speakers):
    device = FakeDevice()
    speaker = speakers(device)
    faults = watch(qtbot, speaker)
    prepare(qtbot, speaker)
    speaker.say("Hold.")
    for effect in device.effects:
        effect.fail()
    speaker.say("Lower.")
    assert faults == [CANNOT_PLAY] and len(device.played) == 1


def test_an_engine_that_cannot_start_means_silence_and_one_notice(qtbot, speakers, caplog):
    caplog.set_level(logging.WARNING, logger="hipcoach.voice")

    def no_engine():
        raise RuntimeError("could not initialize espeak")

    device = FakeDevice()
    speaker = speakers(device, engine_factory=no_engine)
    faults = watch(qtbot, speaker)
    assert prepare(qtbot, speaker) == {}
    speaker.say("Hold.")
    assert faults == ["the speech engine could not start (could not initialize espeak)"]
    assert device.played == [] and len(caplog.records) == 1


class HungEngine:
    """A pyttsx3-like engine whose runAndWait blocks until `release` is set."""

    release = threading.Event()

    def getProperty(self, name):
        return None

    def setProperty(self, name, value):
        pass

    def connect(self, topic, callback):
        return topic

    def disconnect(self, token):
        pass

    def save_to_file(self, text, filename):
        pass

    def runAndWait(self):
        self.release.wait()


@pytest.fixture
def hung_engine():
    release = threading.Event()
    yield type("Hung", (HungEngine,), {"release": release})
    release.set()


def test_a_hung_engine_means_silence_after_the_timeout(qtbot, speakers, hung_engine):
    speaker = speakers(engine_factory=hung_engine, render_timeout=0.2)
    faults = watch(qtbot, speaker)
    assert prepare(qtbot, speaker) == {}
    assert faults == ["the speech engine took longer than 0.2 s for one cue"]


@pytest.mark.speech
def test_a_later_speaker_speaks_while_a_hung_one_stays_silent(qtbot, speakers, hung_engine):
    hung = speakers(engine_factory=hung_engine, render_timeout=0.2)
    faults = watch(qtbot, hung)
    assert prepare(qtbot, hung) == {}
    later = speakers()  # the real engine, while the hung render still hangs
    assert prepare(qtbot, later).keys() == set(TEXTS) and not later.silent
    assert prepare(qtbot, hung, ["Lower."]) == {}
    assert faults == ["the speech engine took longer than 0.2 s for one cue"]


@pytest.mark.speech
def test_after_the_real_engine_hangs_a_later_speaker_gets_a_fresh_one(qtbot, speakers):
    import pyttsx3

    first = speakers(render_timeout=0.5)
    faults = watch(qtbot, first)
    assert prepare(qtbot, first, ["Hold."]).keys() == {"Hold."}
    # a pyttsx3 engine made and dropped elsewhere in the process takes espeak's callback
    # with it when freed: the kept engine then never finishes a cue
    stray = pyttsx3.Engine()
    del stray
    gc.collect()
    assert prepare(qtbot, first, ["Lower."]) == {}
    assert faults == ["the speech engine took longer than 0.5 s for one cue"]
    later = speakers()
    assert prepare(qtbot, later).keys() == set(TEXTS) and not later.silent
    assert faults == ["the speech engine took longer than 0.5 s for one cue"]


def test_silent_speaker_knows_nothing(qtbot):
    speaker = SilentSpeaker()
    with qtbot.waitSignal(speaker.prepared) as blocker:
        speaker.prepare(["Hold."])
    assert blocker.args == [{}]
    for call in (lambda: speaker.say("Hold."), speaker.beep, speaker.stop, speaker.close,
                 lambda: speaker.set_muted(True), lambda: speaker.set_volume(0.5)):
        call()
    assert speaker.seconds("Hold.") is None and speaker.output_latency == 0.0


def test_recording_speaker_records_with_its_clock(qtbot):
    now = [5.0]
    speaker = RecordingSpeaker(clock=lambda: now[0])
    with qtbot.waitSignal(speaker.prepared) as blocker:
        speaker.prepare(["Hold.", "Hold.", ""])
    assert blocker.args == [{"Hold.": estimate_seconds("Hold.")}]
    speaker.say("Hold.")
    now[0] = 6.0
    speaker.beep(final=True)
    speaker.stop()
    speaker.set_muted(True)
    speaker.say("Lower.")
    assert speaker.said == ["Hold.", "<final beep>"] and speaker.stops == [6.0]
    assert speaker.utterances[0].at == 5.0


def test_a_sound_played_twice_in_a_row_comes_from_its_two_effects_in_turn(qtbot, tmp_path):
    """Qt 6.12 can spin the event loop when one QSoundEffect replays right after itself."""
    from hipcoach.voice import wavfile

    device = FakeDevice()
    player = CuePlayer(effect_factory=device.effect, outputs=device.outputs)
    for name in ("beep", "hold"):
        wavfile.write_beep(tmp_path / f"{name}.wav")
        player.load(name, tmp_path / f"{name}.wav")
    player.load("beep", tmp_path / "hold.wav")  # a loaded key keeps its sound
    beep, beep_twin, hold, _hold_twin = device.effects
    played = []
    for key in ("beep", "beep", "beep", "hold", "beep"):
        assert player.play(key)
        played.append(next(e for e in device.effects if e.playing))
        for effect in device.effects:
            effect.playing = False  # the fake sound ends at once
    assert played == [beep, beep_twin, beep, hold, beep]
    assert [path.name for _, path, _ in device.played] == ["beep.wav"] * 3 + ["hold.wav",
                                                                              "beep.wav"]
