"""Render cue texts to WAV files with pyttsx3 on a dedicated worker thread.

All rendering happens on the renderer's worker thread, never on the caller's,
and never two renders at once in a process: each render is a turn with the
process's engine (`engine.engine_turn`), and a turn that hangs is abandoned
so later renderers go on with a fresh engine. Each cue
is one `save_to_file` + `runAndWait` (several queued before one `runAndWait`
keep only the last), and the renderer waits for the engine's
`finished-utterance` before trusting the file. Finished cues are trimmed of
silence and cached under the cache folder, keyed by text, voice, rate and
engine, so a second run renders nothing.

Qt-free: results come back as `concurrent.futures.Future[RenderedCue]`.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import os
import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from hipcoach import paths
from hipcoach.voice import wavfile
from hipcoach.voice.engine import engine_turn, pyttsx3_engine

log = logging.getLogger("hipcoach.voice")

RENDER_TIMEOUT = 2.0  # seconds one cue (or starting the engine) may take
DEFAULT_RATE = 200  # words a minute when no rate is set (pyttsx3's own default)
ATTEMPTS = 3  # espeak-ng via pyttsx3 writes an empty file about once in a hundred cues
CACHE_FORMAT = "trimmed-1"  # bump when the processing of cached files changes

# Each render sets its own voice and rate on the shared engine; with no voice
# set, the voice the engine started with.
_ENGINE_VOICES: dict[str, Any] = {}  # engine label -> the voice it started with


@dataclass(frozen=True)
class RenderedCue:
    """A cue ready to play: its WAV file and its playing time in seconds."""

    text: str
    path: Path
    seconds: float


class RenderError(RuntimeError):
    """The speech engine cannot render; the message is one line for the user."""


def list_voices() -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, name, languages) of every voice the speech engine offers, in its order.

    Starts the engine the first time (tens of milliseconds): call it off the GUI
    thread. Raises RenderError when there is no engine.
    """
    try:
        with engine_turn(RENDER_TIMEOUT, lambda: log.warning("listing the voices hung")):
            voices = pyttsx3_engine().getProperty("voices")
    except Exception as error:
        raise RenderError(f"the speech engine could not start ({_one_line(error)})") from error
    return [(str(v.id), str(v.name or v.id), tuple(str(lang) for lang in v.languages or ()))
            for v in voices]


def engine_label(engine_factory: Callable[[], Any] | None) -> str:
    """Name of the engine for the cache key: pyttsx3 version, or the factory's name."""
    if engine_factory is None or engine_factory is pyttsx3_engine:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return f"pyttsx3-{version('pyttsx3')}"
        except PackageNotFoundError:
            return "pyttsx3"
    return getattr(engine_factory, "__qualname__", type(engine_factory).__name__)


class CueRenderer:
    """Renders cue texts to cached WAV files on its own worker thread.

    `on_fault(message)` is called once, from a worker or watchdog thread, when the
    engine cannot start, fails, or takes longer than `timeout` seconds on one cue.
    After a fault every pending and later render fails with the same RenderError.
    `on_notice(message)` is called once, from the worker thread, when the voice
    is not one the engine has: the cues are then spoken with its default voice.
    """

    def __init__(self, voice: str | None = None, rate: int | None = None, *,
                 cache: Path | None = None,
                 engine_factory: Callable[[], Any] | None = None,
                 timeout: float = RENDER_TIMEOUT,
                 on_fault: Callable[[str], None] | None = None,
                 on_notice: Callable[[str], None] | None = None) -> None:
        self.voice = voice or None
        self.rate = rate
        self.timeout = timeout
        self.on_fault = on_fault
        self.on_notice = on_notice
        self.rendered_count = 0  # cues synthesised (cache misses), for tests and benchmarks
        self._cache = cache
        self._factory = engine_factory or pyttsx3_engine
        self._label = engine_label(engine_factory)
        self._jobs: queue.Queue[tuple[str, concurrent.futures.Future] | None] = queue.Queue()
        self._known: dict[str, concurrent.futures.Future] = {}
        self._lock = threading.Lock()
        self._fault: RenderError | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self._voice_lock = threading.Lock()
        self._speaking_voice: str | None = None  # see speaking_voice()

    # --- public API (any thread) ---------------------------------------------------
    @property
    def fault(self) -> RenderError | None:
        """The error that stopped the renderer, or None while it works."""
        return self._fault

    def cache_folder(self) -> Path:
        """Where cached cues live (resolved at call time)."""
        return self._cache or paths.cache_dir() / "speech"

    def cache_path(self, text: str) -> Path:
        """The cached WAV file of `text` for this engine, the voice it speaks with, and rate.

        With no voice set the key holds the engine's default voice, so a new system
        default renders anew. The first call asks the engine (see `speaking_voice`).
        """
        key = "\0".join((CACHE_FORMAT, self._label, self.speaking_voice(), str(self.rate),
                          text))
        return self.cache_folder() / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.wav"

    def render(self, text: str) -> concurrent.futures.Future:
        """A future for the rendered `text`; the same future for the same text."""
        with self._lock:
            future = self._known.get(text)
            if future is not None:
                return future
            future = concurrent.futures.Future()
            self._known[text] = future
            if self._fault is not None or self._closed:
                future.set_exception(self._fault or RenderError("the renderer is closed"))
                return future
            self._jobs.put((text, future))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="hipcoach-voice",
                                                daemon=True)
                self._thread.start()
        return future

    def speaking_voice(self) -> str:
        """The id of the voice the cues are spoken with, found once with the engine.

        The voice set, or the engine's default when none is set or the engine lacks
        the one set (then `on_notice` says so). Raises RenderError when the engine
        cannot start.
        """
        with self._voice_lock:
            if self._speaking_voice is None:
                self._speaking_voice = self._find_voice()
            return self._speaking_voice

    def _find_voice(self) -> str:
        if self.voice is None and self._label in _ENGINE_VOICES:
            return str(_ENGINE_VOICES[self._label])  # the default, known in this process
        with engine_turn(self.timeout, self._timed_out):
            engine = self._start_engine()
            found = self.voice is None or _has_voice(engine, self.voice)
        if not found:
            message = f"Voice '{self.voice}' not found; using the default voice."
            self.voice = None
            if self.on_notice is not None:
                self.on_notice(message)
            else:
                log.warning("%s", message)
        return str(self.voice or _ENGINE_VOICES[self._label])

    def render_all(self, texts: Iterable[str]) -> dict[str, concurrent.futures.Future]:
        """Futures for every distinct non-empty text, in first-seen order."""
        return {text: self.render(text) for text in dict.fromkeys(texts) if text}

    def close(self, wait: float = 1.0) -> None:
        """Stop the worker (waits up to `wait` s; a hung engine is left behind)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        self._jobs.put(None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    # --- worker thread --------------------------------------------------------------
    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                break
            text, future = job
            if self._fault is not None:
                self._fail(future, self._fault)
                continue
            try:
                if not future.set_running_or_notify_cancel():
                    continue
            except RuntimeError:  # failed by a fault meanwhile
                continue
            try:
                result = self._from_cache(text)
                if result is None:
                    with engine_turn(self.timeout, lambda f=future: self._timed_out(f)):
                        result = self._synthesise(self._start_engine(), text)
            except RenderError as error:
                self._break(error)
            except Exception as error:  # the engine may raise anything
                self._break(RenderError(f"the speech engine failed ({_one_line(error)})"))
            else:
                if self._fault is None:
                    _settle(future, result)

    def _start_engine(self) -> Any:
        """The engine for this turn (the shared pyttsx3 one: fresh after a hang)."""
        try:
            engine = self._factory()
            if self._label not in _ENGINE_VOICES:
                _ENGINE_VOICES[self._label] = engine.getProperty("voice")
        except Exception as error:
            raise RenderError(f"the speech engine could not start ({_one_line(error)})") from error
        return engine

    def _apply_settings(self, engine: Any) -> None:
        """Set voice and rate right before synthesis starts.

        pyttsx3 queues setProperty, and its espeak driver cancels espeak-ng after
        every utterance, which can restore the previous rate; measured: a rate
        set through the queue was lost in 1 of 4 alternating renders, set on the
        driver when the utterance starts in none of 60.
        """
        driver = getattr(getattr(engine, "proxy", None), "_driver", engine)
        voice = self.voice or _ENGINE_VOICES.get(self._label)
        if voice:
            driver.setProperty("voice", voice)
        driver.setProperty("rate", int(self.rate or DEFAULT_RATE))

    def _from_cache(self, text: str) -> RenderedCue | None:
        path = self.cache_path(text)
        if not path.is_file():
            return None
        try:
            return RenderedCue(text, path, wavfile.seconds(path))
        except wavfile.WavError:
            return None  # a damaged cache file is rendered again

    def _synthesise(self, engine: Any, text: str) -> RenderedCue:
        for _ in range(ATTEMPTS - 1):
            try:
                return self._synthesise_once(engine, text)
            except wavfile.WavError:
                log.debug("empty render of %r, trying again", text)
        try:
            return self._synthesise_once(engine, text)
        except wavfile.WavError as error:
            raise RenderError(f"the speech engine wrote no usable sound ({error})") from error

    def _synthesise_once(self, engine: Any, text: str) -> RenderedCue:
        target = self.cache_path(text)
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = target.with_name(f".{target.stem}.{os.getpid()}.{threading.get_ident()}.raw.wav")
        finished = threading.Event()
        errors: list[BaseException] = []
        tokens = [engine.connect("started-utterance", lambda **_: self._apply_settings(engine)),
                  engine.connect("finished-utterance",
                                 lambda completed=True, **_: completed and finished.set()),
                  engine.connect("error", lambda exception=None, **_: errors.append(exception))]
        try:
            engine.save_to_file(text, str(raw))
            engine.runAndWait()
            # the first runAndWait of a process may return before the file is written
            if not finished.wait(self.timeout):
                raise RenderError("the speech engine did not finish a cue")
            if errors:
                raise RenderError(f"the speech engine failed ({_one_line(errors[0])})")
            seconds = wavfile.trim_silence(raw, raw.with_suffix(".trim"))
            os.replace(raw.with_suffix(".trim"), target)
        finally:
            for token in tokens:
                engine.disconnect(token)
            raw.unlink(missing_ok=True)
            raw.with_suffix(".trim").unlink(missing_ok=True)
        self.rendered_count += 1
        return RenderedCue(text, target, seconds)

    # --- faults ---------------------------------------------------------------------
    def _timed_out(self, future: concurrent.futures.Future | None = None) -> None:
        if future is None or not future.done():
            self._break(RenderError(
                f"the speech engine took longer than {self.timeout:g} s for one cue"))

    def _break(self, error: RenderError) -> None:
        """Record the first fault, fail every open render, report once."""
        with self._lock:
            if self._fault is not None:
                return
            self._fault = error
            open_futures = [f for f in self._known.values() if not f.done()]
        if self.on_fault is not None:
            self.on_fault(str(error))
        else:
            log.warning("voice off: %s", error)
        for future in open_futures:
            self._fail(future, error)

    @staticmethod
    def _fail(future: concurrent.futures.Future, error: BaseException | None) -> None:
        if not future.done():
            try:
                future.set_exception(error or RenderError("the renderer stopped"))
            except concurrent.futures.InvalidStateError:
                pass


def _has_voice(engine: Any, voice: str) -> bool:
    """Whether `engine` can speak with `voice` (pyttsx3 refuses a voice it lacks)."""
    driver = getattr(getattr(engine, "proxy", None), "_driver", engine)
    try:
        driver.setProperty("voice", voice)
    except Exception:  # noqa: BLE001 - espeak-ng: ValueError; other drivers differ
        return False
    return True


def _settle(future: concurrent.futures.Future, result: RenderedCue) -> None:
    try:
        future.set_result(result)
    except concurrent.futures.InvalidStateError:  # failed meanwhile by the watchdog
        pass


def _one_line(error: BaseException | None) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
