"""The session engine: walks a plan's steps in real time with one timer.

Timing is drift-free: at start the session fixes the monotonic moment of every
plan offset (`t0 + time_scale * offset`) and re-arms one single-shot
PreciseTimer to the earliest of the next step boundary, the next cue and the
next display tick. Lateness of one wake-up never carries into the next step.
Only pause/resume and the jumps (skip, back, restart set) re-base the clock.
"""

from __future__ import annotations

import math
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hipcoach.plan import Plan, Step, StepKind
from hipcoach.qt_workarounds import keep_bools_alive
from hipcoach.session_clock import SUSPEND_GAP, PlanClock, SleepDetector, check_timing
from hipcoach.session_steps import (back_target, cue_schedule, first_cue_of, restart_target,
                                    same_set, set_bounds)
from hipcoach.session_types import SessionState, SessionSummary, SetRecord, Tally

__all__ = ["Session", "SessionState", "SessionSummary", "SetRecord", "SUSPEND_GAP"]

# QTimer counts whole milliseconds: the session arms it to the nearest millisecond and
# handles an event up to half a millisecond before its moment, never re-arming for less.
_EARLY = 0.0005
_TIE = 1e-9

Clock = Callable[[], float]


class Session(QObject):
    """One workout in progress: controls in, events out.

    Times: *plan seconds* are the plan's own; real seconds are plan seconds
    times `time_scale`. A rep counts when its LOWER step runs to its end.
    A slot may call any control; what the session was about to send then gives
    way to it (except `finished`, sent once per run).

    Signals:
        step_started(object)    a plan.Step has begun (also after skip, back, restart_set)
        cue_due(object, str)    (step, text): say it now. Sent `cue_lead` real seconds before
                                the step's start for its cue and before each of its marks;
                                never while paused. A cue already sent is not sent again
                                by skip; back and restart_set send the cues again.
        tick(float)             plan seconds left in the current step, every `tick_interval`
                                real seconds while running, and on start, every step start,
                                pause, resume and jump
        paused()                pause() took effect
        resumed()               resume() took effect
        suspended(float)        the machine slept (wall and monotonic clock disagreed, or the
                                timer came, by more than SUSPEND_GAP s): the session paused
                                itself where the sleep began; the gap in seconds. (No paused().)
        set_finished(object)    a SetRecord: a set on one side ended (all reps done, or left
                                by skip, or stopped part way); each set is reported once
        state_changed(object)   a SessionState
        finished(object)        a SessionSummary; on stop too, with completed=False
    """

    step_started = Signal(object)
    cue_due = Signal(object, str)
    tick = Signal(float)
    paused = Signal()
    resumed = Signal()
    suspended = Signal(float)
    set_finished = Signal(object)
    state_changed = Signal(object)
    finished = Signal(object)

    def __init__(self, plan: Plan, *, now: Clock = time.monotonic, wall: Clock = time.time,
                 timer: Any = None, time_scale: float = 1.0, cue_lead: float = 0.0,
                 tick_interval: float = 0.1, parent: QObject | None = None) -> None:
        keep_bools_alive()
        super().__init__(parent)
        if not plan.steps:
            raise ValueError("the plan has no steps")
        check_timing(time_scale, cue_lead, tick_interval)
        self._plan = plan
        self._steps = plan.steps
        self._now = now
        self._wall = wall
        self._scale = float(time_scale)
        self._lead = float(cue_lead)
        self._tick_interval = float(tick_interval)
        self._cues = cue_schedule(plan.steps)
        self._timer = timer if timer is not None else QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        self._epoch = 0
        self._reset()

    # Read-only state ----------------------------------------------------
    @property
    def state(self) -> SessionState:
        return self._state

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def time_scale(self) -> float:
        return self._scale

    @property
    def cue_lead(self) -> float:
        return self._lead

    @property
    def current_step(self) -> Step:
        return self._steps[self._index]

    @property
    def step_index(self) -> int:
        return self._index

    @property
    def elapsed(self) -> float:
        """Plan seconds done."""
        return self._position()

    @property
    def remaining(self) -> float:
        """Plan seconds left in the current step."""
        return max(0.0, self._end_of(self._index) - self._position())

    @property
    def total_remaining(self) -> float:
        """Plan seconds left in the whole workout."""
        return max(0.0, self._plan.total_seconds - self._position())

    @property
    def progress(self) -> float:
        """Share of the workout done, 0..1."""
        total = self._plan.total_seconds
        if total <= 0:
            return 1.0 if self._state is SessionState.FINISHED else 0.0
        return min(1.0, self._position() / total)

    @property
    def planned_start(self) -> float:
        """Monotonic time the current step was due to start (after the last re-base)."""
        if not self._clock.running:
            return math.nan
        return self._clock.real(self.current_step.start)

    def summary(self) -> SessionSummary:
        """The summary so far (completed only once the plan has run to its end)."""
        return self._tally.summary(self._clock.active_seconds(self._now()),
                                   self._state is SessionState.FINISHED)

    # Controls -----------------------------------------------------------
    def start(self) -> None:
        """Begin at the first step; after finish or stop, begin again from scratch."""
        if self._state in (SessionState.RUNNING, SessionState.PAUSED):
            return
        if self._state is not SessionState.IDLE:
            self._reset()
        epoch = self._bump()
        self._run_from(self._now(), 0.0)
        self._index = 0
        self._next_cue = 0
        if self._set_state(SessionState.RUNNING, epoch) and self._enter(0, epoch):
            self._service(epoch)

    def pause(self) -> None:
        """Hold the clock; the time left in the step is kept exactly."""
        if self._state is not SessionState.RUNNING:
            return
        epoch = self._bump()
        self._hold(self._now())
        if self._set_state(SessionState.PAUSED, epoch) and self._emit(epoch, self.paused):
            self._emit(epoch, self.tick, self.remaining)

    def resume(self) -> None:
        """Carry on from where pause() held the clock."""
        if self._state is not SessionState.PAUSED:
            return
        epoch = self._bump()
        self._run_from(self._now(), self._position())
        if self._set_state(SessionState.RUNNING, epoch) and self._emit(epoch, self.resumed):
            self._service(epoch)

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused, nothing otherwise."""
        if self._state is SessionState.RUNNING:
            self.pause()
        else:
            self.resume()

    def skip(self) -> None:
        """Go to the start of the next step (the skipped step counts in the summary)."""
        if self._is_live():
            self._tally.skipped_steps += 1
            self._jump(self._index + 1, keep_cues=True)

    def back(self) -> None:
        """Go to the start of this rep (or step); within BACK_GRACE of it, to the one before."""
        if self._is_live():
            into = self._position() - self.current_step.start
            self._jump(back_target(self._steps, self._index, into), keep_cues=False)

    def restart_set(self) -> None:
        """Go to the first rep of this set on this side (between sets: of the set just done)."""
        if self._is_live():
            self._jump(restart_target(self._steps, self._index), keep_cues=False)

    def stop(self) -> None:
        """End the workout now; a set in progress is reported part done."""
        if self._state in (SessionState.FINISHED, SessionState.STOPPED):
            return
        epoch = self._bump()
        was_live = self._is_live()
        if self._state is SessionState.RUNNING:
            self._hold(self._now())
        self._stop_timer()
        step = self.current_step
        if was_live and step.kind.is_rep:
            record = self._tally.close_set(step)
            if record is not None and not self._emit(epoch, self.set_finished, record):
                if self._state in (SessionState.FINISHED, SessionState.STOPPED):
                    return                      # a slot ended the session itself
                self._hold(self._now())         # stop wins over what a slot started
        self._end(SessionState.STOPPED, self._epoch)

    # Time keeping --------------------------------------------------------
    def _reset(self) -> None:
        self._state = SessionState.IDLE
        self._index = 0
        self._clock = PlanClock(self._scale)
        self._next_cue = 0
        self._next_tick = math.inf
        self._deadline = math.inf
        self._sleep = SleepDetector()
        self._tally = Tally()

    def _position(self, now: float | None = None) -> float:
        """Plan seconds now, never past the end of the current step."""
        if not self._clock.running:
            return self._clock.held
        now = self._now() if now is None else now
        return min(self._clock.position(now), self._end_of(self._index))

    def _end_of(self, index: int) -> float:
        following = index + 1
        if following < len(self._steps):
            return self._steps[following].start
        return self._steps[index].end

    def _run_from(self, now: float, position: float) -> None:
        self._clock.run_from(now, position)
        self._next_tick = now
        self._sleep.reset(now, self._wall())

    def _hold(self, at: float) -> None:
        """Freeze the plan position as it was at monotonic time `at`."""
        self._clock.hold(at, self._end_of(self._index))
        self._stop_timer()

    def _stop_timer(self) -> None:
        self._timer.stop()
        self._deadline = math.inf

    def _arm(self, now: float) -> None:
        deadline = min(self._clock.real(self._end_of(self._index)), self._next_tick)
        if self._next_cue < len(self._cues):
            deadline = min(deadline, self._clock.real(self._cues[self._next_cue].at) - self._lead)
        self._deadline = deadline
        self._timer.start(max(0, math.floor((deadline - now) * 1000 + 0.5)))

    # The wake-up ----------------------------------------------------------
    def _on_timeout(self) -> None:
        if self._state is not SessionState.RUNNING:
            return
        now = self._now()
        if not self._suspended(now):
            self._service(self._epoch, now)

    def _suspended(self, now: float) -> bool:
        """Pause and report when the machine slept since the last wake-up."""
        sleep = self._sleep.check(now, self._wall(), self._deadline)
        if sleep is None:
            return False
        gap, at = sleep
        epoch = self._bump()
        self._hold(at)
        if self._set_state(SessionState.PAUSED, epoch) and self._emit(epoch, self.suspended, gap):
            self._emit(epoch, self.tick, self.remaining)
        return True

    def _service(self, epoch: int, now: float | None = None) -> None:
        """Handle every boundary and cue due by now, in time order, then re-arm the timer."""
        now = self._now() if now is None else now
        started = False
        while True:
            boundary = self._clock.real(self._end_of(self._index))
            cue = self._cues[self._next_cue] if self._next_cue < len(self._cues) else None
            cue_at = math.inf if cue is None else self._clock.real(cue.at) - self._lead
            cue_first = cue is not None and (cue_at < boundary - _TIE or (
                cue.step <= self._index and cue_at <= boundary + _TIE))
            if cue_first:
                if cue_at > now + _EARLY:
                    break
                self._next_cue += 1
                if not self._emit(epoch, self.cue_due, self._steps[cue.step], cue.text):
                    return
            else:
                if boundary > now + _EARLY or not self._advance(epoch):
                    break
                started = True
        if self._epoch != epoch:
            return
        if started or now + _EARLY >= self._next_tick:
            self._next_tick = now + self._tick_interval
            if not self._emit(epoch, self.tick, self.remaining):
                return
        self._arm(now)

    def _advance(self, epoch: int) -> bool:
        """The current step ran out: count it, enter the next (False when that ended it)."""
        step = self.current_step
        if step.kind is StepKind.LOWER:
            self._tally.rep_done(step)
        following = self._index + 1
        if step.kind.is_rep and (following >= len(self._steps)
                                 or not same_set(self._steps[following], step)):
            record = self._tally.close_set(step)
            if record is not None and not self._emit(epoch, self.set_finished, record):
                return False
        if following >= len(self._steps):
            self._hold(self._clock.real(self._end_of(self._index)))
            self._end(SessionState.FINISHED, epoch)
            return False
        self._index = following
        return self._enter(following, epoch)

    def _jump(self, target: int, *, keep_cues: bool) -> None:
        """Move to the start of step `target`, keeping the running/paused state."""
        epoch = self._bump()
        now = self._now()
        step = self.current_step
        if step.kind.is_rep and target > set_bounds(self._steps, self._index)[1]:
            record = self._tally.close_set(step)
            if record is not None and not self._emit(epoch, self.set_finished, record):
                return
        if target >= len(self._steps):
            self._hold(now)
            self._end(SessionState.FINISHED, epoch)
            return
        first = first_cue_of(self._cues, target)
        self._next_cue = max(first, self._next_cue) if keep_cues else first
        self._index = target
        position = self._steps[target].start
        if self._state is SessionState.RUNNING:
            self._run_from(now, position)
        else:
            self._clock.move_held(position)
        if not self._enter(target, epoch):
            return
        if self._state is SessionState.RUNNING:
            self._service(epoch, now)
        else:
            self._emit(epoch, self.tick, self.remaining)

    # Helpers ------------------------------------------------------------------
    def _enter(self, index: int, epoch: int) -> bool:
        step = self._steps[index]
        if step.kind.is_rep:
            self._tally.enter(step)
        return self._emit(epoch, self.step_started, step)

    def _end(self, state: SessionState, epoch: int) -> None:
        """Finish or stop; `finished` goes out once per run even if a slot restarts."""
        self._stop_timer()
        self._epoch = epoch = self._epoch + 1
        summary = self._tally.summary(self._clock.active, state is SessionState.FINISHED)
        self._set_state(state, epoch)
        self.finished.emit(summary)

    def _set_state(self, state: SessionState, epoch: int) -> bool:
        self._state = state
        return self._emit(epoch, self.state_changed, state)

    def _emit(self, epoch: int, signal: Any, *args: Any) -> bool:
        """Emit; False when a slot called a control and so took over."""
        signal.emit(*args)
        return self._epoch == epoch

    def _bump(self) -> int:
        self._epoch += 1
        return self._epoch

    def _is_live(self) -> bool:
        return self._state in (SessionState.RUNNING, SessionState.PAUSED)
