"""Child process for the CPU and responsiveness benchmarks (one run per process).

    python app_child.py floor SECONDS [--heartbeat]
                                             idle QApplication + empty QMainWindow
    python app_child.py app SECONDS [--voice] [--idle S] [--heartbeat] [--scale F]
                                             the real main window runs the first
                                             SECONDS of the default workout (time-scaled,
                                             F = 0.25 by default: 4x faster)

With --heartbeat both keep a 10 ms PreciseTimer heartbeat; both print one line
`bench-result {json}` with CPU seconds (utime + stime of the whole process,
from /proc/self/stat; and each thread's CPU seconds and wake-ups, from
/proc/self/task/*/schedstat),
wall seconds and heartbeat gaps for each phase:
`warm-up` (the first second after show, while D-Bus and, with --voice,
voice modules and the audio back-end load as in hipcoach.ui.app.run), `idle`
(window shown, nothing running: --idle S), `prepare` (Start pressed
until the session starts: cue rendering) and `workout` (session start to its
end); gaps over 20 ms are listed as (seconds into the phase, gap ms) in `late`.
The window is wired as hipcoach.ui.app.run wires it (settings, history,
desktop integration); the workout is started with the window's own Start
action; with --voice the window gets the real coach (pyttsx3 + QSoundEffect).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procinfo import cpu_seconds, thread_cpu_seconds  # noqa: E402

HEARTBEAT_MS = 10
SCALE = 0.25  # default --scale: plan seconds -> real seconds (4x faster than life)
LATE = 0.020  # s: heartbeat gaps longer than this are listed with their time in the phase
WARM_UP_SECONDS = 1.0  # the warm-up after show is over by then (~0.7 s)


class Phases:
    """CPU, wall time and heartbeat gaps per named phase."""

    def __init__(self) -> None:
        self.results: dict[str, dict[str, Any]] = {}
        self.name: str | None = None
        self._cpu = self._wall = self._last_beat = 0.0
        self._gaps: list[float] = []

    def begin(self, name: str) -> None:
        self.end()
        self.name = name
        self._threads = thread_cpu_seconds()
        self._cpu, self._wall = cpu_seconds(), time.monotonic()
        self._last_beat = self._wall
        self._gaps = []
        self._late: list[tuple[float, float]] = []

    def beat(self) -> None:
        now = time.monotonic()
        if self.name is not None:
            gap = now - self._last_beat
            self._gaps.append(gap)
            if gap > LATE:
                self._late.append((round(now - self._wall, 3), round(gap * 1000, 1)))
        self._last_beat = now

    def end(self) -> None:
        if self.name is None:
            return
        wall = time.monotonic() - self._wall
        cpu = cpu_seconds() - self._cpu
        threads = {}
        for name, (seconds, slices) in thread_cpu_seconds().items():
            before = self._threads.get(name, (0.0, 0))
            if seconds > before[0]:
                threads[name] = (seconds - before[0], slices - before[1])
        self.results[self.name] = {"cpu": cpu, "wall": wall, "threads": threads,
                                   "gaps": self._gaps, "late": self._late}
        self.name = None


def heartbeat(phases: Phases, on: bool) -> Any:
    from PySide6.QtCore import Qt, QTimer

    timer = QTimer()
    if not on:
        return timer
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(phases.beat)
    timer.start(HEARTBEAT_MS)
    return timer


def run_floor(seconds: float, beat_on: bool) -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from hipcoach.qt_workarounds import keep_bools_alive

    keep_bools_alive()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1100, 720)
    window.show()
    phases = Phases()
    beat = heartbeat(phases, beat_on)
    QTimer.singleShot(0, lambda: phases.begin("idle"))
    QTimer.singleShot(round(seconds * 1000), app.quit)
    app.exec()
    phases.end()
    beat.stop()
    return phases.results


def first_seconds(plan: Any, seconds: float) -> Any:
    """The steps of `plan` that start within its first `seconds` (plan seconds)."""
    from hipcoach.plan import Plan

    return Plan(plan.routine_id, plan.prescription,
                tuple(step for step in plan.steps if step.start < seconds))


def coach_factory() -> Any:
    """The app's own coach factory for the default voice settings (the app itself turns
    the voice off in sped-up demos; here the speed-up only compresses the benchmark)."""
    from hipcoach.settings import VoiceSettings
    from hipcoach.ui.app import voice_factory

    return voice_factory(VoiceSettings(), 1.0)


def run_app(seconds: float, voice: bool, idle: float, beat_on: bool,
            scale: float = SCALE) -> dict[str, Any]:
    from PySide6.QtCore import QTimer

    from hipcoach.desktop.integration import install_desktop_integration
    from hipcoach.routines import load_routine
    from hipcoach.session import Session
    from hipcoach.ui.app import create_application, warm_up
    from hipcoach.ui.main_window import MainWindow
    from hipcoach.ui.settings_wiring import install_settings_and_history

    app = create_application()
    phases = Phases()
    notices: list[str] = []

    def session_factory(plan: Any) -> Any:
        phases.begin("workout")
        return Session(first_seconds(plan, seconds / scale), time_scale=scale,
                       cue_lead=window.voice.output_latency if voice else 0.0, parent=window)

    window = MainWindow(load_routine(), session_factory=session_factory, time_scale=scale)
    original_notice = window.show_notice
    window.show_notice = lambda text: (notices.append(text), original_notice(text))
    # wired as hipcoach.ui.app.run wires it: settings and history (every set is recorded),
    # the voice, and the desktop pieces (keep-awake follows the workout) after show
    args = argparse.Namespace(verbose=False, config_dir=None)
    install_settings_and_history(window, args)
    window.set_voice_factory(coach_factory() if voice else None)
    window.workout_finished.connect(lambda _summary: (phases.end(), app.quit()))
    window.show()
    QTimer.singleShot(0, lambda: install_desktop_integration(app, window, args))
    beat = heartbeat(phases, beat_on)

    def press_start() -> None:
        phases.begin("prepare")
        window.actions_.start.trigger()

    # as hipcoach.ui.app.run does: modules and the voice warm up on the idle start screen
    warm_up(window, voice)
    settled = WARM_UP_SECONDS
    QTimer.singleShot(0, lambda: phases.begin("warm-up"))
    if idle > 0:
        QTimer.singleShot(round(settled * 1000), lambda: phases.begin("idle"))
    QTimer.singleShot(round((settled + idle) * 1000), press_start)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(app.quit)
    guard.start(round((idle + seconds + 60) * 1000))
    app.exec()
    phases.end()
    beat.stop()
    window.close()
    results = phases.results
    results["notices"] = notices
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["floor", "app"])
    parser.add_argument("seconds", type=float)
    parser.add_argument("--voice", action="store_true")
    parser.add_argument("--idle", type=float, default=0.0)
    parser.add_argument("--heartbeat", action="store_true")
    parser.add_argument("--scale", type=float, default=SCALE)
    args = parser.parse_args()
    if args.what == "floor":
        results = run_floor(args.seconds, args.heartbeat)
    else:
        results = run_app(args.seconds, args.voice, args.idle, args.heartbeat, args.scale)
    print("bench-result " + json.dumps(results), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
