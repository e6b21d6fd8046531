"""Plan time against the monotonic clock: the session's arithmetic, pure and testable."""

from __future__ import annotations

import math


class PlanClock:
    """Maps monotonic seconds to plan seconds, or holds a plan position still.

    While running, plan offset p falls at `anchor_real + (p - anchor_plan) * scale`:
    every deadline derives from one anchor, so lateness never accumulates. Only
    `run_from` (start, resume, a jump) moves the anchor. Also counts the real
    seconds spent running.
    """

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.anchor_real = 0.0
        self.anchor_plan = 0.0
        self.held: float | None = 0.0
        self.active = 0.0
        self._since = 0.0

    @property
    def running(self) -> bool:
        return self.held is None

    def run_from(self, now: float, position: float) -> None:
        """Plan position `position` is now (monotonic `now`), and the clock runs."""
        self.anchor_real, self.anchor_plan = now, position
        self.held = None
        self._since = now

    def hold(self, at: float, limit: float) -> None:
        """Stop at the position of monotonic time `at` (no later than `limit`)."""
        if self.held is None:
            self.held = min(self.position(at), limit)
            self.active += max(0.0, at - self._since)

    def move_held(self, position: float) -> None:
        """While held, jump to another position."""
        assert self.held is not None
        self.held = position

    def position(self, now: float) -> float:
        """Plan seconds at monotonic time `now` (the held position while held)."""
        if self.held is not None:
            return self.held
        return self.anchor_plan + (now - self.anchor_real) / self.scale

    def real(self, plan_at: float) -> float:
        """Monotonic time of plan offset `plan_at` under the current anchor."""
        return self.anchor_real + (plan_at - self.anchor_plan) * self.scale

    def active_seconds(self, now: float) -> float:
        """Real seconds spent running, pauses left out."""
        if self.held is None:
            return self.active + max(0.0, now - self._since)
        return self.active


SUSPEND_GAP = 2.0  # seconds of disagreement between clocks that means the machine slept


class SleepDetector:
    """Tells a machine sleep (or a clock jump) from a normal wake-up.

    Linux stops the monotonic clock during a sleep while the wall clock runs on,
    so (wall - monotonic) jumps. Where both run on, the timer instead fires far
    later than asked. Either by more than SUSPEND_GAP seconds counts.
    """

    def __init__(self) -> None:
        self._offset = 0.0

    def reset(self, now: float, wall: float) -> None:
        """Take the clocks' difference as normal (at start and resume)."""
        self._offset = wall - now

    def check(self, now: float, wall: float, deadline: float) -> tuple[float, float] | None:
        """(gap seconds, monotonic time the sleep began) after a sleep, else None."""
        offset = wall - now
        jump, self._offset = offset - self._offset, offset
        if abs(jump) > SUSPEND_GAP:      # the monotonic clock stood still
            return abs(jump), now
        late = now - deadline
        if late > SUSPEND_GAP:           # both clocks ran on; the timer came far too late
            return late, deadline
        return None


def check_timing(time_scale: float, cue_lead: float, tick_interval: float) -> None:
    """ValueError unless the scale and interval are positive and the lead not negative."""
    for name, value, low_ok in (("time scale", time_scale, False), ("cue lead", cue_lead, True),
                                ("tick interval", tick_interval, False)):
        if not math.isfinite(value) or value < 0 or (value == 0 and not low_ok):
            wanted = "zero or more" if low_ok else "a number above zero"
            raise ValueError(f"{name} must be {wanted}, got {value}")
