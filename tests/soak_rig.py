"""The real main window on a fake clock, for soak runs: many workouts, one very long one.

Shared by tests/test_soak.py and tests/benchmarks/soak.py. Only the clock, the
session's timer and (with voice) the audio device are fake; the window, the
session, the voice coach and its pyttsx3 renderer are real. Sessions are made
the way the app makes them (children of the window).

    rig = SoakRig()
    before = rig.snapshot()
    rig.start_stop_cycles(100)
    after = rig.snapshot()          # compare threads, QObjects, QTimers, RSS
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakes import FakeClock, FakeTimer, run_to_end, run_until
from hipcoach.model import Prescription
from hipcoach.plan import Plan
from hipcoach.routines import load_routine
from hipcoach.session import Session

TWO_HOURS = 2 * 3600.0
# 3 exercises x 10 sets x 2 sides x 24 reps of 5 s, with the default rests: ~2 h 15 min
LONG = {"reps": 24, "sets": 10}


@dataclass(frozen=True)
class Snapshot:
    """What must come back to its baseline after workouts end."""

    os_threads: int        # kernel threads of this process (Qt's and Python's)
    python_threads: int
    qobjects: int          # the window's QObject descendants + the application's children
    qtimers: int           # QTimers among them (and the sessions' fake timers)
    wrappers: int          # live Python wrappers of Qt objects (shiboken)
    rss_mb: float

    def growth(self, later: "Snapshot") -> dict[str, float]:
        """Non-zero differences later - self, by field."""
        out = {}
        for field in dataclasses.fields(self):
            diff = getattr(later, field.name) - getattr(self, field.name)
            if diff:
                out[field.name] = round(diff, 2)
        return out


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle() -> None:
    """Deliver deferred deletes and collect garbage, so only live objects are counted."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()


class SoakRig:
    """A MainWindow whose sessions run on `clock`; `timer` is the current session's timer.

    With `voice` the window speaks through the real coach onto a fake audio device
    (`device` records what it played); with `show` it is shown (offscreen).
    """

    def __init__(self, *, voice: bool = False, show: bool = False,
                 tick_interval: float = 0.1) -> None:
        from hipcoach.ui.app import create_application
        from hipcoach.ui.main_window import MainWindow

        create_application()
        self.clock = FakeClock()
        self.tick_interval = tick_interval
        self.timer: FakeTimer | None = None
        self.workouts = 0
        self.window = MainWindow(load_routine(), session_factory=self._make_session,
                                 now=self.clock.monotonic)
        self.device = _use_real_voice_on_fake_device(self.window, self.clock) if voice else None
        if show:
            self.window.show()

    def _make_session(self, plan: Plan) -> Session:
        timer = FakeTimer(self.clock)
        session = Session(plan, now=self.clock.monotonic, wall=self.clock.wall, timer=timer,
                          cue_lead=self.window.voice.output_latency,
                          tick_interval=self.tick_interval, parent=self.window)
        timer.setParent(session)  # as the session's own QTimer would be
        self.timer = timer
        self.workouts += 1
        return session

    # -- driving ------------------------------------------------------------------
    def start(self, prescription: Prescription | None = None) -> Session:
        """Press Start on the start screen and wait until the session runs."""
        from PySide6.QtCore import QEventLoop, QTimer

        window = self.window
        if window.current_screen() is not window.start_screen:
            window.show_start()
        if prescription is not None:
            window.set_prescription(prescription)
        count = self.workouts
        # the voice renders its cues on its own thread first: wait for the start signal,
        # with a guard so a workout that never starts fails instead of hanging
        loop = QEventLoop()
        guard = QTimer(singleShot=True, interval=60_000)
        guard.timeout.connect(loop.quit)
        window.workout_started.connect(loop.quit)
        window.actions_.start.trigger()
        if self.workouts == count:
            guard.start()
            loop.exec()
        guard.stop()
        window.workout_started.disconnect(loop.quit)
        assert self.workouts > count and window.session is not None, \
            "the workout did not start"
        return window.session

    def stop(self) -> None:
        """End the running workout the way the confirmed Stop does."""
        self.window.session.stop()

    def start_stop_cycles(self, count: int, seconds: float = 30.0) -> None:
        """`count` workouts, each stopped `seconds` (plan time) after it began."""
        for _ in range(count):
            self.start()
            assert self.timer is not None
            run_until(self.clock, self.timer, seconds)
            self.stop()
        settle()

    def long_workout(self, prescription: Prescription | None = None) -> tuple[Any, float]:
        """Run a whole workout of at least two hours to its end; (summary, plan seconds)."""
        routine = self.window.routine
        rx = prescription or Prescription.from_dict(LONG, base=routine.prescription)
        session = self.start(rx)
        total = session.plan.total_seconds
        summaries: list[Any] = []
        self.window.workout_finished.connect(summaries.append)
        assert self.timer is not None
        run_to_end(self.clock, self.timer, limit=total + 60, max_fires=10_000_000)
        self.timer.intervals.clear()  # the fake's own record of every arming, not app memory
        self.window.workout_finished.disconnect(summaries.append)
        settle()
        return (summaries[-1] if summaries else None), total

    def snapshot(self) -> Snapshot:
        from PySide6.QtCore import QCoreApplication, QObject, QTimer
        from shiboken6 import Shiboken

        settle()
        app = QCoreApplication.instance()
        owners = [self.window, app]
        return Snapshot(
            os_threads=len(os.listdir("/proc/self/task")),
            python_threads=threading.active_count(),
            qobjects=sum(len(o.findChildren(QObject)) for o in owners),
            qtimers=sum(len(o.findChildren(QTimer)) + len(o.findChildren(FakeTimer))
                        for o in owners),
            wrappers=len(Shiboken.getAllValidWrappers()),
            rss_mb=rss_mb())

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        settle()


class PlayCount:
    """Stands in for FakeDevice.played: counts sounds without keeping them."""

    def __init__(self) -> None:
        self.count = 0

    def append(self, _sound: Any) -> None:
        self.count += 1

    def __len__(self) -> int:
        return self.count


def _use_real_voice_on_fake_device(window: Any, clock: FakeClock) -> Any:
    """The real coach (pyttsx3 rendering, WAV cache) whose sounds go to a fake device."""
    sys.path.insert(0, str(Path(__file__).with_name("voice")))
    from audio_fakes import FakeDevice

    from hipcoach.voice.coach import VoiceCoach
    from hipcoach.voice.playback import CuePlayer
    from hipcoach.voice.tts_speaker import TtsSpeaker

    device = FakeDevice(clock=clock.monotonic)
    device.played = PlayCount()  # thousands of sounds: count them, keep no record

    def make() -> VoiceCoach:
        player = CuePlayer(effect_factory=device.effect, outputs=device.outputs)
        speaker = TtsSpeaker(player=player)
        player.setParent(speaker)
        return VoiceCoach(speaker, beeps=True)

    window.set_voice_factory(make)
    return device
