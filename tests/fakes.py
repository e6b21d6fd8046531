"""Test doubles for time: a fake clock and a fake QTimer, shared by every test.

Only the clock and the timer are faked (the audio device may be too); all else
is real. Typical use::

    clock = FakeClock()
    timer = FakeTimer(clock)
    session = Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)
    session.start()
    run_until(clock, timer, 12.5)     # fires the timer at each moment it asked for

`FakeClock` keeps a monotonic and a wall clock that move together, except in
`suspend()`, which moves only the wall clock, as Linux sees a laptop sleep.
`FakeTimer` has the QTimer surface the app uses; it never fires by itself:
call `fire()` or let `run_until()` fire it at its due time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

RESOLUTION = 1e-9  # seconds: times this close count as the same moment


class FakeClock:
    """Monotonic and wall clock under the test's control (seconds, floats)."""

    def __init__(self, start: float = 1000.0, wall_start: float = 1_800_000_000.0) -> None:
        self.time = float(start)
        self.wall_time = float(wall_start)

    def monotonic(self) -> float:
        """Pass as `now=` where the code wants `time.monotonic`."""
        return self.time

    def wall(self) -> float:
        """Pass as `wall=` where the code wants `time.time`."""
        return self.wall_time

    def advance(self, seconds: float) -> None:
        """Both clocks move on by `seconds`."""
        self.time += seconds
        self.wall_time += seconds

    def set(self, monotonic: float) -> None:
        """Move both clocks so the monotonic one reads `monotonic` (never backwards)."""
        assert monotonic >= self.time, "a monotonic clock never goes back"
        self.advance(monotonic - self.time)

    def suspend(self, seconds: float) -> None:
        """A machine sleep: the wall clock jumps, the monotonic clock does not move."""
        self.wall_time += seconds

    def jump_wall(self, seconds: float) -> None:
        """Someone sets the wall clock (may be negative)."""
        self.wall_time += seconds


class FakeTimer(QObject):
    """A QTimer stand-in that fires only when told to.

    Records every interval it was started with in `intervals` (milliseconds).
    With a clock, `due` is the monotonic time it would fire at.

    Signals:
        timeout()   emitted by `fire()` while active
    """

    timeout = Signal()

    def __init__(self, clock: FakeClock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.intervals: list[int] = []
        self.due: float | None = None
        self._active = False
        self._single_shot = False
        self._interval = 0
        self._timer_type = Qt.TimerType.CoarseTimer

    # The QTimer surface -------------------------------------------------
    def setSingleShot(self, single: bool) -> None:
        self._single_shot = single

    def isSingleShot(self) -> bool:
        return self._single_shot

    def setTimerType(self, kind: Qt.TimerType) -> None:
        self._timer_type = kind

    def timerType(self) -> Qt.TimerType:
        return self._timer_type

    def setInterval(self, msec: int) -> None:
        self._interval = int(msec)

    def interval(self) -> int:
        return self._interval

    def start(self, msec: int | None = None) -> None:
        if msec is not None:
            self._interval = int(msec)
        self.intervals.append(self._interval)
        self._active = True
        self.due = None if self.clock is None else self.clock.time + self._interval / 1000

    def stop(self) -> None:
        self._active = False
        self.due = None

    def isActive(self) -> bool:
        return self._active

    def remainingTime(self) -> int:
        if not self._active:
            return -1
        if self.due is None:
            return self._interval
        return max(0, round((self.due - self.clock.time) * 1000))

    # Test controls ------------------------------------------------------
    def fire(self) -> None:
        """Time out now (a single-shot timer stops first, as QTimer does)."""
        if not self._active:
            return
        if self._single_shot:
            self._active = False
            self.due = None
        elif self.clock is not None:
            self.due = self.clock.time + self._interval / 1000
        self.timeout.emit()


def run_until(clock: FakeClock, timer: FakeTimer, until: float, *, relative: bool = True,
              max_fires: int = 1_000_000) -> int:
    """Move the clock forward, firing `timer` each time it comes due; returns the fire count.

    `until` is seconds from now (or an absolute monotonic time with relative=False).
    The clock stops exactly at `until`; a timer due later stays armed. A timer due
    within RESOLUTION after `until` fires too, so float rounding of sums such as
    1000 + 0.1 + 0.1 + ... cannot leave a step boundary unhandled.
    """
    end = clock.time + until if relative else until
    fires = 0
    while timer.isActive() and timer.due is not None and timer.due <= end + RESOLUTION:
        clock.set(max(clock.time, timer.due))
        timer.fire()
        fires += 1
        if fires >= max_fires:
            raise AssertionError(f"timer fired {fires} times before {end}: a busy loop?")
    clock.set(max(clock.time, end))
    return fires


def run_to_end(clock: FakeClock, timer: FakeTimer, limit: float = 1e6,
               max_fires: int = 1_000_000) -> int:
    """Fire the timer at each due time until nobody re-arms it; the clock stays at the last."""
    end = clock.time + limit
    fires = 0
    while timer.isActive() and timer.due is not None and timer.due <= end:
        clock.set(max(clock.time, timer.due))
        timer.fire()
        fires += 1
        if fires >= max_fires:
            raise AssertionError(f"timer fired {fires} times: a busy loop?")
    return fires
