"""Running a session from a terminal: the JSONL event log, the printer, Ctrl+C and Enter.

Used by `hipcoach run`; imports Qt, so `run_command` imports this module only
when a workout actually runs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from typing import Any, Callable, TextIO

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSocketNotifier

from hipcoach.plan import Plan, Step, side_words
from hipcoach.session import Session, SessionState, SessionSummary


class EventLog(QObject):
    """Writes one JSON line per step started: index, kind, cue, planned and actual time.

    `planned` and `actual` are monotonic seconds (time.monotonic); `actual` is
    taken when step_started reaches this log, so connect it first. If the file
    cannot be written (disk full), one line goes to stderr and logging stops;
    the workout goes on.
    """

    def __init__(self, stream: TextIO, now: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stream = stream
        self._now = now
        self._session: Session | None = None
        self.failed = False

    def attach(self, session: Session) -> None:
        """Log `session`'s steps; without a parent the log now lives as long as the session."""
        if self.parent() is None:
            self.setParent(session)
        self._session = session
        session.step_started.connect(self._on_step_started)

    def _on_step_started(self, step: Step) -> None:
        actual = self._now()
        assert self._session is not None
        line = {"step": step.index, "kind": step.kind.value, "cue": step.cue,
                "planned": round(self._session.planned_start, 6), "actual": round(actual, 6)}
        if self.failed:
            return
        try:
            self._stream.write(json.dumps(line) + "\n")
            self._stream.flush()
        except (OSError, ValueError) as exc:      # disk full, file closed under us
            self.failed = True
            print(f"hipcoach: the events file stopped taking lines ({exc}); the workout goes on",
                  file=sys.stderr)


def step_line(step: Step) -> str:
    """One terminal line for a step."""
    minutes, seconds = divmod(int(step.start), 60)
    where = ""
    if step.kind.is_rep:
        where = (f"{side_words(step.side)}, set {step.set}/{step.sets}, "
                 f"rep {step.rep}/{step.reps}: ")
    return f"{minutes:2d}:{seconds:02d}  {step.kind.value:<9} {where}{step.cue}"


def summary_lines(summary: SessionSummary) -> list[str]:
    """The closing report, a few lines of plain text."""
    minutes, seconds = divmod(round(summary.elapsed), 60)
    took = f"{minutes}:{seconds:02d}" if minutes else f"{summary.elapsed:.1f} s"
    head = "Workout complete" if summary.completed else "Workout stopped"
    lines = [f"{head} after {took}."]
    by_exercise: dict[str, list[str]] = {}
    for (exercise, side), reps in summary.reps_done.items():
        label = "" if side == "both" else f"{side} "
        by_exercise.setdefault(exercise, []).append(f"{label}{reps}")
    for exercise, counts in by_exercise.items():
        lines.append(f"  {exercise}: {', '.join(counts)} reps")
    if summary.skipped_steps:
        lines.append(f"  {summary.skipped_steps} step(s) skipped")
    return lines


class TerminalRun(QObject):
    """Runs a plan in a local event loop until the workout ends.

    A `voice` (a VoiceCoach with its cues ready) speaks for the session, which
    sends each cue early by the voice's output latency.
    Ctrl+C stops the workout (the summary is still printed); Enter pauses and
    resumes when stdin is a terminal (not on Windows).
    """

    def __init__(self, plan: Plan, *, time_scale: float = 1.0, events: TextIO | None = None,
                 voice: Any = None, quiet: bool = False, out: TextIO | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.time_scale = time_scale
        self.events = events
        self.voice = voice
        self.quiet = quiet
        self.out: TextIO | None = out or sys.stdout
        self.session: Session | None = None
        self.interrupted = False
        self.summary: SessionSummary | None = None
        self._loop = QEventLoop(self)
        self._over = False
        self._stdin: QSocketNotifier | None = None

    def exec(self) -> int:
        """Run the workout and return once it has ended (the exit status)."""
        if QCoreApplication.instance() is None:
            raise RuntimeError("create a QCoreApplication first")
        with _SigintWatch(self._on_sigint):
            self._watch_enter()
            self._start()
            if not self._over:
                self._loop.exec()
        if self._stdin is not None:
            self._stdin.setEnabled(False)
            self._stdin.deleteLater()
            self._stdin = None
        return 130 if self.interrupted else 0

    def _start(self) -> None:
        lead = self.voice.output_latency if self.voice is not None else 0.0
        session = Session(self.plan, time_scale=self.time_scale, cue_lead=lead, parent=self)
        self.session = session
        if self.events is not None:
            EventLog(self.events, parent=session).attach(session)
        if not self.quiet:
            session.step_started.connect(lambda step: self._print(step_line(step)))
        if self.voice is not None:
            self.voice.attach(session)
        session.suspended.connect(self._on_suspended)
        session.finished.connect(self._on_finished)
        session.start()

    def _say(self, text: str) -> None:
        if not self.quiet:
            self._print(text)

    def _print(self, text: str) -> None:
        if self.out is None:
            return
        try:
            print(text, file=self.out, flush=True)
        except (BrokenPipeError, ValueError):    # `| head` has gone: keep training quietly
            if self.out is sys.stdout:
                _silence_stdout()
            self.out = None

    def _on_finished(self, summary: SessionSummary) -> None:
        self.summary = summary
        self._over = True
        self._loop.quit()
        for line in summary_lines(summary):
            self._print(line)

    def _on_suspended(self, gap: float) -> None:
        tail = "Press Enter to carry on." if self._enter_works() else "Carrying on."
        self._print(f"Paused: the computer was asleep for {gap:.0f} s. {tail}")
        if not self._enter_works() and self.session is not None:
            self.session.resume()

    def _on_sigint(self) -> None:
        self.interrupted = True
        if self.session is not None:
            self.session.stop()

    def _enter_works(self) -> bool:
        return os.name == "posix" and sys.stdin is not None and sys.stdin.isatty()

    def _watch_enter(self) -> None:
        if not self._enter_works():
            return
        self._stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
        self._stdin.activated.connect(self._on_enter)

    def _on_enter(self) -> None:
        if not sys.stdin.readline():        # end of input: stop watching
            if self._stdin is not None:
                self._stdin.setEnabled(False)
            return
        if self.session is None:
            return
        was_running = self.session.state is SessionState.RUNNING
        self.session.toggle_pause()
        self._say("Paused. Press Enter to carry on." if was_running else "Carrying on.")


def _silence_stdout() -> None:
    """Point stdout at the null device, so the exit-time flush of a closed pipe is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _SigintWatch:
    """Turns Ctrl+C into a call of `on_sigint` from the Qt event loop (not mid-slot)."""

    def __init__(self, on_sigint: Callable[[], None]) -> None:
        self._on_sigint = on_sigint
        self._pending = False
        self._notifier: Any = None

    def __enter__(self) -> "_SigintWatch":
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._old_handler = signal.signal(signal.SIGINT, self._handler)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._on_ready)
        return self

    def __exit__(self, *exc: object) -> None:
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        signal.signal(signal.SIGINT, self._old_handler)
        signal.set_wakeup_fd(self._old_fd)
        self._reader.close()
        self._writer.close()

    def _handler(self, signum: int, frame: object) -> None:
        self._pending = True

    def _on_ready(self) -> None:
        try:
            self._reader.recv(64)
        except BlockingIOError:
            pass
        if self._pending:
            self._pending = False
            self._on_sigint()
