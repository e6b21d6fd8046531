"""`hipcoach run`: start a workout straight away, in the window or from a terminal.

    hipcoach run --no-window --time-scale 0.05 --events steps.jsonl --reps 5

`--no-window` runs the session in a plain Qt event loop until it ends: spoken
cues (at normal speed, unless `--mute` or the voice is off in the settings), one
line per step on stdout; Ctrl+C stops it (the summary is still printed), Enter
pauses and resumes. `--events FILE` writes one JSON line per step started with
its planned and actual monotonic time, so timing can be checked from outside.
Qt is imported only when a workout runs.
"""

from __future__ import annotations

import argparse
import math
from typing import Any, Callable, TextIO

from hipcoach import cli


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hipcoach run`."""
    parser.add_argument("--no-window", action="store_true",
                        help="run in this terminal without opening the window")
    parser.add_argument("--events", metavar="FILE",
                        help="write one JSON line per step started (planned and actual time)")
    parser.add_argument("--time-scale", type=float, default=argparse.SUPPRESS, metavar="F",
                        help="speed factor for demos and tests (0.05 runs 20 times faster)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="with --no-window, print only the summary")
    parser.add_argument("--mute", action="store_true",
                        help="with --no-window, no spoken cues (speech is also off "
                             "whenever --time-scale is not 1)")
    cli.add_workout_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run the workout the command line describes; returns the exit status."""
    from hipcoach.plan import build_plan

    scale = time_scale(args)
    routine, prescription, selection = cli.workout_from_args(args)
    plan = build_plan(routine, prescription, selection)
    events = open_events(getattr(args, "events", None))
    try:
        if getattr(args, "no_window", False):
            return _run_in_terminal(args, plan, scale, events)
        return _run_in_window(args, routine, prescription, selection, scale, events)
    finally:
        if events is not None:
            events.close()


def time_scale(args: argparse.Namespace) -> float:
    scale = getattr(args, "time_scale", 1.0)
    if scale is None or not math.isfinite(scale) or scale <= 0:
        raise cli.UsageError(f"--time-scale wants a number above 0, got {scale}")
    return float(scale)


def open_events(path: str | None) -> TextIO | None:
    """The events file, opened for writing (a one-line error when it cannot be)."""
    if not path:
        return None
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise cli.UsageError(f"cannot write the events file {path}: {exc.strerror}") from None


def _run_in_terminal(args: argparse.Namespace, plan: Any, scale: float,
                     events: TextIO | None) -> int:
    from PySide6.QtCore import QCoreApplication

    from hipcoach.headless import TerminalRun
    from hipcoach.qt_workarounds import keep_bools_alive
    from hipcoach.voice.terminal import finish_voice, start_voice

    keep_bools_alive()
    app = QCoreApplication.instance() or QCoreApplication(["hipcoach"])
    coach, plan = start_voice(args, plan, scale)
    run = TerminalRun(plan, time_scale=scale, events=events, voice=coach,
                      quiet=getattr(args, "quiet", False))
    try:
        return run.exec()
    finally:
        if run.session is not None:
            run.session.stop()
        finish_voice(coach)
        run.deleteLater()
        del app


def _run_in_window(args: argparse.Namespace, routine: Any, prescription: Any, selection: Any,
                   scale: float, events: TextIO | None) -> int:
    """Open the main window, wired like `hipcoach` opens it, and start the workout at once."""
    from hipcoach.ui.app import create_application

    app = create_application()

    def wire(window: Any) -> bool:
        """The same pieces `hipcoach` installs (see hipcoach.ui.app.run)."""
        from hipcoach.desktop.integration import install_desktop_integration
        from hipcoach.ui.app import install_voice
        from hipcoach.ui.settings_wiring import install_settings_and_history

        if install_desktop_integration(app, window, args) is None:
            return False        # another Hip Coach is running; its window was raised
        wiring = install_settings_and_history(window, args)   # settings, dialogs, history
        install_voice(window, wiring)                          # at normal speed only
        return True

    window = open_window(routine, prescription, selection, scale, events, wire=wire)
    if window is None:
        return 0
    status = app.exec()
    window.deleteLater()
    return status


def open_window(routine: Any, prescription: Any, selection: Any, scale: float,
                events: TextIO | None, wire: Callable[[Any], bool] | None = None) -> Any:
    """The main window, shown and already running the command line's workout.

    The start screen is set to `prescription` and `selection`, so the window
    builds the plan (and gets its voice ready) as if Start had been pressed.
    `wire(window)` runs first; when it returns False the window is dropped and
    None returned.
    """
    from hipcoach.headless import EventLog
    from hipcoach.ui.app import create_application
    from hipcoach.ui.main_window import MainWindow

    create_application()
    window = MainWindow(routine, prescription=prescription, time_scale=scale)
    if wire is not None and not wire(window):
        window.deleteLater()
        return None
    window.set_prescription(prescription)
    window.set_selection(selection)
    if events is not None:
        window.workout_started.connect(lambda session: EventLog(events).attach(session))
    window.show()
    window.start_workout()
    return window
