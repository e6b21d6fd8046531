"""The real speaker: cues rendered by pyttsx3 (worker thread), played by QtMultimedia.

Everything slow happens on the renderer's worker thread; the GUI thread only
starts preloaded sounds. Any fault (no engine, engine error, a render taking
too long, no audio device) turns the speaker silent for good, with one notice.
"""

from __future__ import annotations

import concurrent.futures
import logging
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from hipcoach.voice import wavfile
from hipcoach.voice.playback import CuePlayer
from hipcoach.voice.render import RENDER_TIMEOUT, CueRenderer, RenderedCue
from hipcoach.voice.speaker import BEEP, FINAL_BEEP

BEEPS_AFTER_MS = 20  # after prepare(): Start's turn stays short; the first beep is seconds away
log = logging.getLogger("hipcoach.voice")

# Measured on a PulseAudio null sink (tests/benchmarks/voice.py): a QSoundEffect
# sounds either 35-39 ms after play() or almost at once (when the sink can rewind
# and mix it in). Sending cues 20 ms early puts both within about 20 ms of the beat.
OUTPUT_LATENCY = 0.020  # s


class TtsSpeaker(QObject):
    """A `Speaker` over pyttsx3 + QSoundEffect.

    Settings come as plain values: `voice` (engine voice id, None = default),
    `rate` (words a minute, None = default), `volume` (0..1), `muted`.
    `engine_factory` and `player` let tests inject a failing engine or a fake
    audio device.

    Signals:
        prepared(object)  dict text -> seconds of the cues made ready by prepare();
                          empty when the speaker is silent (timing stays as planned)
        fault(str)        the voice went silent; one line for the user (once)
        notice(str)       the voice is not one the engine has, the default speaks (once)
    """

    prepared = Signal(object)
    fault = Signal(str)
    notice = Signal(str)
    _cue_rendered = Signal(object)  # a RenderedCue, from the worker thread
    _render_failed = Signal(str)    # from the worker or watchdog thread

    def __init__(self, voice: str | None = None, rate: int | None = None,
                 volume: float = 1.0, muted: bool = False, *,
                 engine_factory: Callable[[], Any] | None = None,
                 render_timeout: float = RENDER_TIMEOUT,
                 player: CuePlayer | None = None,
                 cache: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.output_latency = OUTPUT_LATENCY
        self.muted = muted
        self.silent = False
        self.renderer = CueRenderer(voice, rate, cache=cache, engine_factory=engine_factory,
                                    timeout=render_timeout,
                                    on_fault=self._render_failed.emit,
                                    on_notice=self.notice.emit)
        self.player = player or CuePlayer(volume, parent=self)
        self.player.fault.connect(self._go_silent)
        self._cue_rendered.connect(self._on_rendered)
        self._render_failed.connect(self._go_silent)
        self._seconds: dict[str, float] = {}
        self._waiting: set[str] = set()

    # --- Speaker -------------------------------------------------------------------
    def prepare(self, texts: Iterable[str]) -> None:
        """Render and preload every text; `prepared` follows (at once when all are cached)."""
        wanted = [text for text in dict.fromkeys(texts) if text]
        if self.player.check_device():  # the beeps (~4 ms on a first run) a moment later, in a
            QTimer.singleShot(BEEPS_AFTER_MS, self, self._load_beeps)  # turn of their own
        if self.silent:
            self.prepared.emit({})
            return
        self._waiting.update(t for t in wanted if not self.player.is_loaded(t))
        if not self._waiting:
            self.prepared.emit(dict(self._seconds))
            return
        for future in self.renderer.render_all(list(self._waiting)).values():
            future.add_done_callback(self._on_future_done)

    def say(self, text: str) -> None:
        """Play a prepared cue now (an unprepared one is skipped: nothing blocks)."""
        if not (self.muted or self.silent) and not self.player.play(text):
            log.debug("cue not ready, skipped: %s", text)

    def beep(self, final: bool = False) -> None:
        if not (self.muted or self.silent):
            key = FINAL_BEEP if final else BEEP
            if not self.player.is_loaded(key) and self.player.check_device():
                self._load_beeps()  # a beep sooner than prepare()'s deferred load
            self.player.play(key)

    def stop(self) -> None:
        self.player.stop()

    def seconds(self, text: str) -> float | None:
        return self._seconds.get(text)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self.player.stop()

    def set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)

    def close(self) -> None:
        self.player.stop()
        self.renderer.close()

    # --- internals -----------------------------------------------------------------
    def _on_future_done(self, future: concurrent.futures.Future) -> None:
        """Runs on the worker thread (or here when already done): hand over to the GUI thread."""
        if future.exception() is None:
            self._cue_rendered.emit(future.result())

    @Slot(object)
    def _on_rendered(self, cue: RenderedCue) -> None:
        if self.silent or cue.text not in self._waiting:
            return
        self._seconds[cue.text] = cue.seconds
        self.player.load(cue.text, cue.path)
        self._waiting.discard(cue.text)
        if not self._waiting:
            self.prepared.emit(dict(self._seconds))

    @Slot(str)
    def _go_silent(self, message: str) -> None:
        if self.silent:
            return
        self.silent = True
        self.player.stop()
        log.warning("voice off: %s", message)
        self.fault.emit(message)
        if self._waiting:
            self._waiting.clear()
            self.prepared.emit({})

    def _load_beeps(self) -> None:
        folder = self.renderer.cache_folder()
        for key, frequency in ((BEEP, 880.0), (FINAL_BEEP, 1320.0)):
            if self.player.is_loaded(key):
                continue
            path = folder / f"beep-{int(frequency)}.wav"
            if not path.is_file():
                folder.mkdir(parents=True, exist_ok=True)
                wavfile.write_beep(path, frequency)
            self.player.load(key, path)
