"""CueRenderer: real espeak-ng synthesis, the cache, and engine faults."""

from __future__ import annotations

import array
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hipcoach.plan import build_plan
from hipcoach.routines import load_routine
from hipcoach.voice import wavfile
from hipcoach.voice.render import CueRenderer, RenderError, engine_label, list_voices
from hipcoach.voice.timing import cue_texts

WAIT = 30  # generous upper bound for futures; never a pacing delay


@pytest.fixture
def renderer():
    made: list[CueRenderer] = []

    def make(**kwargs) -> CueRenderer:
        made.append(CueRenderer(**kwargs))
        return made[-1]

    yield make
    for r in made:
        r.close()


def default_cues() -> list[str]:
    return cue_texts(build_plan(load_routine()))


@pytest.mark.speech
def test_every_cue_of_the_default_workout_renders_to_audible_speech(renderer):
    texts = default_cues()
    r = renderer()
    cues = {text: future.result(WAIT) for text, future in r.render_all(texts).items()}
    assert set(cues) == set(texts) and r.rendered_count == len(texts)
    for text, cue in cues.items():
        assert cue.path.is_file() and cue.path.parent == r.cache_folder()
        samples, rate = wavfile.read_samples(cue.path)
        assert cue.seconds == pytest.approx(len(samples) / rate)
        assert wavfile.rms(samples) > 1000, text  # speech, not silence or a click
        words = len(text.replace("-", " ").split())
        assert 0.12 * words <= cue.seconds <= 0.2 + 0.75 * words, (text, cue.seconds)
        # trimmed: sound begins within a few milliseconds
        assert wavfile.sound_span(samples)[0] / rate < 0.01


@pytest.mark.speech
def test_a_second_run_takes_every_cue_from_the_cache(renderer):
    texts = default_cues()[:12]
    first = {t: f.result(WAIT) for t, f in renderer().render_all(texts).items()}
    again = renderer()
    second = {t: f.result(WAIT) for t, f in again.render_all(texts).items()}
    assert again.rendered_count == 0
    assert second == first


@pytest.mark.speech
def test_the_cache_key_holds_voice_and_rate(renderer):
    slow, fast = renderer(rate=120), renderer(rate=260)
    text = "Switch sides. Right side."
    assert slow.cache_path(text) != fast.cache_path(text)
    assert slow.cache_path(text) != renderer(voice="gmw/en-us", rate=120).cache_path(text)
    slow_cue, fast_cue = slow.render(text).result(WAIT), fast.render(text).result(WAIT)
    assert slow_cue.seconds > 1.5 * fast_cue.seconds


@pytest.mark.speech
def test_same_text_shares_one_render(renderer):
    r = renderer()
    futures = r.render_all(["Hold.", "Hold.", "", "Lower."])
    assert list(futures) == ["Hold.", "Lower."]
    assert r.render("Hold.") is futures["Hold."]


@pytest.mark.speech
def test_a_damaged_cache_file_is_rendered_again(renderer):
    r = renderer()
    path = r.render("Hold.").result(WAIT).path
    r.close()
    path.write_bytes(b"not a wav")
    again = renderer()
    assert again.render("Hold.").result(WAIT).seconds > 0.2
    assert again.rendered_count == 1


@pytest.mark.speech
def test_the_engine_lists_its_voices_with_their_languages(renderer):
    voices = list_voices()
    assert all(isinstance(voice_id, str) and voice_id and isinstance(name, str) and name
               and isinstance(languages, tuple) for voice_id, name, languages in voices)
    by_id = {voice_id: (name, languages) for voice_id, name, languages in voices}
    assert "en-us" in by_id["gmw/en-us"][1]
    # a listed id is one the renderer can speak with
    cue = renderer(voice="gmw/en-us").render("Hold.").result(WAIT)
    assert wavfile.rms(wavfile.read_samples(cue.path)[0]) > 1000


@pytest.mark.speech
def test_a_voice_the_engine_lacks_gives_one_notice_and_the_default_voice(renderer):
    notices: list[str] = []
    faults, report = collect_faults()
    missing = renderer(voice="no-such-voice", on_notice=notices.append, on_fault=report)
    cues = {t: f.result(WAIT) for t, f in missing.render_all(["Hold.", "Lower."]).items()}
    assert notices == ["Voice 'no-such-voice' not found; using the default voice."]
    assert faults == [] and missing.fault is None
    default = renderer()
    assert cues["Hold."].path == default.cache_path("Hold.")  # the default voice's sound
    assert wavfile.rms(wavfile.read_samples(cues["Hold."].path)[0]) > 1000
    assert default.render("Hold.").result(WAIT) == cues["Hold."] and default.rendered_count == 0


@pytest.mark.speech
def test_no_voice_set_is_cached_under_the_default_voice_id(renderer):
    default = renderer()
    voice_id = default.speaking_voice()
    assert voice_id in {listed for listed, _, _ in list_voices()}
    cue = default.render("Hold.").result(WAIT)
    explicit = renderer(voice=voice_id)
    assert explicit.cache_path("Hold.") == cue.path
    assert explicit.render("Hold.").result(WAIT) == cue and explicit.rendered_count == 0


DEFAULT_VOICE_CHILD = r"""
import sys
from pathlib import Path
from hipcoach.voice.render import CueRenderer

class SystemEngine:  # an engine whose default voice is the system's (given on the command line)
    def getProperty(self, name):
        return sys.argv[2]

print(CueRenderer(cache=Path(sys.argv[1]), engine_factory=SystemEngine).cache_path("Hold."))
"""


def test_a_new_system_default_voice_is_rendered_anew(tmp_path):
    def cache_path_with_default(voice: str) -> str:
        child = subprocess.run([sys.executable, "-c", DEFAULT_VOICE_CHILD, str(tmp_path), voice],
                               capture_output=True, text=True, timeout=60, check=True)
        return child.stdout.strip()

    first = cache_path_with_default("gmw/en")
    assert cache_path_with_default("gmw/en") == first  # same default, same cache
    assert cache_path_with_default("gmw/en-us") != first


def test_the_cache_folder_follows_the_environment(private_dirs, renderer):
    assert renderer().cache_folder() == private_dirs / "cache" / "speech"
    assert engine_label(None).startswith("pyttsx3")


# --- faults -----------------------------------------------------------------------------
class StubEngine:
    """A pyttsx3-like engine that fails on demand (the real one cannot be made to)."""

    def __init__(self, fail_on: str = "", hang: threading.Event | None = None,
                 notify_error: bool = False, empty_files: int = 0) -> None:
        self.fail_on, self.hang, self.notify_error = fail_on, hang, notify_error
        self.empty_files = empty_files  # this many renders write a silent file
        self.callbacks: dict[str, list] = {}
        self.text = self.filename = ""

    def connect(self, topic, callback):
        self.callbacks.setdefault(topic, []).append(callback)
        return (topic, callback)

    def disconnect(self, token):
        self.callbacks[token[0]].remove(token[1])

    def setProperty(self, name, value):
        pass

    def getProperty(self, name):
        return None

    def save_to_file(self, text, filename):
        self.text, self.filename = text, filename

    def runAndWait(self):
        if self.hang is not None:
            self.hang.wait()
            return
        if self.text == self.fail_on:
            if self.notify_error:
                for cb in self.callbacks.get("error", []):
                    cb(name=None, exception=OSError("synthesis buffer full"))
            else:
                raise RuntimeError("espeak: internal error\ndetails")
        if self.empty_files:
            self.empty_files -= 1
            wavfile.write_samples(self.filename, array.array("h", bytes(2000)), 22050)
        else:
            wavfile.write_beep(Path(self.filename))
        for cb in self.callbacks.get("finished-utterance", []):
            cb(name=None, completed=True)


def collect_faults():
    faults: list[str] = []
    return faults, faults.append


def test_an_engine_that_cannot_start_fails_every_render_once(renderer, caplog):
    def no_espeak():
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    faults, report = collect_faults()
    r = renderer(engine_factory=no_espeak, on_fault=report)
    futures = r.render_all(["One.", "Two.", "Three."])
    for future in futures.values():
        with pytest.raises(RenderError, match="could not start"):
            future.result(WAIT)
    assert faults == ["the speech engine could not start "
                      "(libespeak-ng.so.1: cannot open shared object file)"]
    with pytest.raises(RenderError):
        r.render("Four.").result(WAIT)
    assert len(faults) == 1 and isinstance(r.fault, RenderError)


def test_without_a_fault_handler_the_fault_is_logged_once(renderer, caplog):
    caplog.set_level(logging.WARNING, logger="hipcoach.voice")
    r = renderer(engine_factory=lambda: StubEngine(fail_on="Two."))
    futures = r.render_all(["One.", "Two.", "Three."])
    assert futures["One."].result(WAIT).seconds > 0
    for text in ("Two.", "Three."):
        with pytest.raises(RenderError, match=r"failed \(espeak: internal error\)"):
            futures[text].result(WAIT)
    records = [rec for rec in caplog.records if rec.name == "hipcoach.voice"]
    assert len(records) == 1 and "voice off" in records[0].getMessage()


def test_an_error_reported_by_the_engine_mid_render_stops_the_renderer(renderer):
    faults, report = collect_faults()
    r = renderer(engine_factory=lambda: StubEngine(fail_on="Two.", notify_error=True),
                 on_fault=report)
    assert r.render("One.").result(WAIT).seconds > 0
    with pytest.raises(RenderError, match="synthesis buffer full"):
        r.render("Two.").result(WAIT)
    assert faults == ["the speech engine failed (synthesis buffer full)"]


def test_a_render_that_hangs_past_the_timeout_fails_without_waiting_for_it(renderer):
    release = threading.Event()
    faults, report = collect_faults()
    r = renderer(engine_factory=lambda: StubEngine(hang=release), timeout=0.2, on_fault=report)
    try:
        futures = r.render_all(["One.", "Two."])
        for future in futures.values():
            with pytest.raises(RenderError, match="took longer than 0.2 s"):
                future.result(WAIT)
        assert faults == ["the speech engine took longer than 0.2 s for one cue"]
    finally:
        release.set()


@pytest.mark.speech
def test_a_hung_render_does_not_hold_up_later_renderers(renderer):
    release = threading.Event()
    faults, report = collect_faults()
    hung = renderer(engine_factory=lambda: StubEngine(hang=release), timeout=0.2,
                    on_fault=report)
    try:
        with pytest.raises(RenderError, match="took longer"):
            hung.render("One.").result(WAIT)
        later = renderer()  # the real engine, while the hung render still hangs
        cue = later.render("Hold.").result(WAIT)
        assert wavfile.rms(wavfile.read_samples(cue.path)[0]) > 1000 and later.fault is None
        with pytest.raises(RenderError, match="took longer"):
            hung.render("Two.").result(WAIT)  # the hung renderer stays silent
        assert len(faults) == 1
    finally:
        release.set()


def test_an_empty_render_is_tried_again(renderer):
    r = renderer(engine_factory=lambda: StubEngine(empty_files=2))
    assert r.render("One.").result(WAIT).seconds > 0.1
    assert r.fault is None


def test_a_cue_that_stays_silent_stops_the_renderer(renderer):
    faults, report = collect_faults()
    r = renderer(engine_factory=lambda: StubEngine(empty_files=3), on_fault=report)
    with pytest.raises(RenderError, match="no usable sound"):
        r.render("One.").result(WAIT)
    assert len(faults) == 1
