"""The process's speech engine, used in turns: one user at a time, a fresh engine after a hang.

espeak-ng is one instance per process, and one pyttsx3 engine used from two
threads at once can deadlock, so whoever uses the engine (the cue renderers, the voice list)
does so in an `engine_turn`. A turn that outlives its time limit is
abandoned: the next turn may start at once, and `pyttsx3_engine()` then hands
out a fresh engine, which takes espeak's callback over from the hung one. A
hung engine is kept, never freed: a freed pyttsx3 engine clears espeak's
callback and would silence its successor. At exit every engine is let go at
once, while Python still works (see `_release_engines`).

Qt-free; nothing happens at import.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import sys
import threading
from typing import Any, Callable, Iterator


class EngineTurn:
    """One user's hold on the engine; `abandoned` once it outlived its time limit."""

    def __init__(self) -> None:
        self.abandoned = False


class _SharedEngine:
    """Who holds the engine now, and the pyttsx3 engines of this process."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.holder: EngineTurn | None = None
        self.engine: Any = None  # the pyttsx3 engine handed out now
        self.retired: list[Any] = []  # engines in use when a turn was abandoned
        self.generation = 0  # turns abandoned so far
        self.exit_hook = False
        self.closed = False  # the process is exiting: no new engines


_SHARED = _SharedEngine()


@contextlib.contextmanager
def engine_turn(limit: float, on_hang: Callable[[], None]) -> Iterator[EngineTurn]:
    """Hold the engine (after any current holder) for at most `limit` seconds.

    Past the limit the turn is abandoned: `on_hang()` runs on a watchdog
    thread, the next turn may start, and the next `pyttsx3_engine()` is fresh.
    Whatever the abandoned holder does afterwards no longer blocks anyone.
    """
    turn = EngineTurn()
    watchdog = threading.Timer(limit, _abandon, (turn, on_hang))
    watchdog.daemon = True
    with _SHARED.changed:
        _SHARED.changed.wait_for(lambda: _SHARED.holder is None)
        _SHARED.holder = turn
    try:
        watchdog.start()  # inside: a watchdog that cannot start must not keep the turn
        yield turn
    finally:
        watchdog.cancel()
        with _SHARED.changed:
            if _SHARED.holder is turn:
                _SHARED.holder = None
                _SHARED.changed.notify_all()


def _abandon(turn: EngineTurn, on_hang: Callable[[], None]) -> None:
    with _SHARED.changed:
        if _SHARED.holder is not turn:  # ended in time after all
            return
        turn.abandoned = True
        _SHARED.holder = None
        _SHARED.generation += 1
        if _SHARED.engine is not None:
            _SHARED.retired.append(_SHARED.engine)
            _SHARED.engine = None
        _SHARED.changed.notify_all()
    on_hang()


def pyttsx3_engine() -> Any:
    """The platform's pyttsx3 engine (espeak-ng on Linux), fresh after a hang; use it in a turn."""
    import pyttsx3

    with _SHARED.changed:
        engine, generation = _SHARED.engine, _SHARED.generation
        if _SHARED.closed:
            raise RuntimeError("the program is closing")
    if engine is not None:
        return engine
    # pyttsx3.init() hands back a living engine, even a hung one: after a hang, make a new one
    engine = pyttsx3.init() if generation == 0 else pyttsx3.Engine()
    _quiet_espeak_driver()
    with _SHARED.changed:
        if _SHARED.generation == generation and _SHARED.engine is None:
            _SHARED.engine = engine
        else:  # this turn was abandoned while the engine started
            _SHARED.retired.append(engine)
        if not _SHARED.exit_hook:
            _SHARED.exit_hook = True
            atexit.register(_release_engines)
    return engine


def _release_engines() -> None:
    """At exit, drop every engine while Python still works, without waiting for anyone.

    pyttsx3 frees an engine with `DriverProxy.__del__`, which fails when it runs
    during interpreter shutdown (its module globals are gone by then: "Exception
    ignored in DriverProxy.__del__ ... AttributeError"). Waiting for a hung render
    to let go left the engine to shutdown. An engine still in use stays with the
    thread using it (a hung one never lets go); no new engine is made after this.
    """
    with _SHARED.changed:
        _SHARED.closed = True
        _SHARED.engine = None
        _SHARED.retired.clear()
    gc.collect()


def _quiet_espeak_driver() -> None:
    """pyttsx3's espeak driver prints "Audio saved to ..." for every file; keep stdout clean."""
    driver = sys.modules.get("pyttsx3.drivers.espeak")
    if driver is not None:
        driver.print = lambda *args, **kwargs: None  # shadows the builtin in that module only
