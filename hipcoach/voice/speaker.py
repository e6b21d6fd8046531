"""The `Speaker` protocol, a silent speaker and a recording fake for tests.

A speaker turns cue texts into sound. `prepare()` gets every cue of a workout
ready ahead of time (never blocking the caller); `say()` plays a prepared cue at
once; `seconds()` tells how long a prepared cue plays, so the plan can make room.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance


class Speaker(Protocol):
    """What the voice coach needs from a speech backend.

    Signals:
        prepared(object)  dict text -> seconds of every cue made ready by prepare()
        fault(str)        the speaker went silent; one line for the user (emitted once)
        notice(str)       something the user should know while the voice goes on
                          (a sentence, e.g. the chosen voice is missing)
    """

    prepared: SignalInstance
    fault: SignalInstance
    notice: SignalInstance
    output_latency: float  # seconds from say() until sound comes out

    def prepare(self, texts: Iterable[str]) -> None: ...
    def say(self, text: str) -> None: ...
    def beep(self, final: bool = False) -> None: ...
    def stop(self) -> None: ...
    def seconds(self, text: str) -> float | None: ...
    def set_muted(self, muted: bool) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def close(self) -> None: ...


class SilentSpeaker(QObject):
    """Says nothing and knows no durations: the plan keeps its own timing.

    Signals:
        prepared(object)  emitted at once by prepare() with an empty dict
        fault(str)        never emitted
        notice(str)       never emitted
    """

    prepared = Signal(object)
    fault = Signal(str)
    notice = Signal(str)
    output_latency = 0.0

    def prepare(self, texts: Iterable[str]) -> None:
        self.prepared.emit({})

    def say(self, text: str) -> None:
        pass

    def beep(self, final: bool = False) -> None:
        pass

    def stop(self) -> None:
        pass

    def seconds(self, text: str) -> float | None:
        return None

    def set_muted(self, muted: bool) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def close(self) -> None:
        pass


def estimate_seconds(text: str) -> float:
    """A rough speaking time for `text` at espeak-ng's default rate (about 65 ms a character)."""
    return round(0.1 + 0.065 * len(text), 3)


@dataclass(frozen=True)
class Utterance:
    """One thing a speaker was asked to play: when, what, and for how long."""

    at: float
    text: str
    seconds: float


BEEP = "<beep>"
FINAL_BEEP = "<final beep>"
BEEP_SECONDS = 0.12


class RecordingSpeaker(QObject):
    """A fake speaker that records what it is asked to say, for tests.

    `clock` stamps each utterance (inject the test's fake clock); `seconds_of`
    gives cue lengths (default `estimate_seconds`). `said` lists the texts,
    `utterances` the full records, `stops` the times stop() was called.

    Signals:
        prepared(object)  emitted at once by prepare() with the known durations
        fault(str)        emitted by fail() to simulate a broken backend
        notice(str)       never emitted by itself (tests emit it)
    """

    prepared = Signal(object)
    fault = Signal(str)
    notice = Signal(str)

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 seconds_of: Callable[[str], float] = estimate_seconds,
                 output_latency: float = 0.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.seconds_of = seconds_of
        self.output_latency = output_latency
        self.utterances: list[Utterance] = []
        self.stops: list[float] = []
        self.prepared_texts: list[str] = []
        self.muted = False
        self.volume = 1.0
        self.closed = False

    @property
    def said(self) -> list[str]:
        return [u.text for u in self.utterances]

    def prepare(self, texts: Iterable[str]) -> None:
        self.prepared_texts = [t for t in dict.fromkeys(texts) if t]
        self.prepared.emit({t: self.seconds_of(t) for t in self.prepared_texts})

    def say(self, text: str) -> None:
        if not self.muted:
            self.utterances.append(Utterance(self.clock(), text, self.seconds_of(text)))

    def beep(self, final: bool = False) -> None:
        if not self.muted:
            self.utterances.append(Utterance(self.clock(), FINAL_BEEP if final else BEEP,
                                             BEEP_SECONDS))

    def stop(self) -> None:
        self.stops.append(self.clock())

    def seconds(self, text: str) -> float | None:
        return self.seconds_of(text)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def fail(self, message: str) -> None:
        """Act like a backend that just broke."""
        self.fault.emit(message)

    def close(self) -> None:
        self.closed = True
