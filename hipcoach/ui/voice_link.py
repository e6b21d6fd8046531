"""The window's link to the voice coach: get the cues ready, then start; mute; notices.

The coach (a hipcoach.voice.coach.VoiceCoach, or anything with its surface:
`prepare(plan)`, `ready(plan)`, `notice(str)`, `attach(session)`,
`set_muted(bool)`, `output_latency`, `close()`) is made lazily by a factory on
the first Start, so opening the window never waits for the speech engine.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from hipcoach.plan import Plan

WAIT_LIMIT = 5.0  # s: longest wait for the cues before starting without speech
CoachFactory = Callable[[], Any]


class VoiceLink(QObject):
    """Owns the current coach and the wait for its cues.

    Signals:
        notice(str)   one line for the user (the voice failed or was not ready)
    """

    notice = Signal(str)

    def __init__(self, parent: QObject | None = None, *, wait_limit: float = WAIT_LIMIT) -> None:
        super().__init__(parent)
        self.coach: Any = None
        self.muted = False
        self._factory: CoachFactory | None = None
        self._stale = False
        self._plan: Plan | None = None
        self._launch: Callable[[Plan], None] | None = None
        self.wait = QTimer(self)
        self.wait.setSingleShot(True)
        self.wait.setInterval(int(wait_limit * 1000))
        self.wait.timeout.connect(self._on_timeout)

    @property
    def waiting(self) -> bool:
        """True while the cues of a plan are being rendered."""
        return self._launch is not None

    @property
    def output_latency(self) -> float:
        return float(getattr(self.coach, "output_latency", 0.0)) if self.coach else 0.0

    def set_factory(self, factory: CoachFactory | None) -> None:
        """Use `factory()` to make the coach from the next workout on (None: no voice)."""
        self._factory = factory
        self._stale = True

    def warm_up(self) -> None:
        """Make the coach now (the app calls this on the idle start screen), not on Start."""
        if not self.waiting:
            self._current_coach()

    def prepare(self, plan: Plan, launch: Callable[[Plan], None]) -> None:
        """Get `plan`'s cues ready, then call `launch` with the plan to run (speech-aware)."""
        coach = self._current_coach()
        if coach is None:
            launch(plan)
            return
        self._plan, self._launch = plan, launch
        self.wait.start()
        coach.prepare(plan)

    def attach(self, session: Any) -> None:
        if self.coach is not None:
            self.coach.attach(session)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if self.coach is not None:
            self.coach.set_muted(muted)

    def close(self) -> None:
        self.wait.stop()
        self._launch = None
        coach, self.coach = self.coach, None
        if coach is not None:
            coach.close()

    def _current_coach(self) -> Any:
        if self._stale:
            self._stale = False
            self.close()
            if self._factory is not None:
                try:
                    self.coach = self._factory()
                except Exception as exc:  # noqa: BLE001 - any engine failure means: no voice
                    self.notice.emit(f"Voice off: {exc}. The workout goes on without speech.")
                    self.coach = None
                if self.coach is not None:
                    self.coach.ready.connect(self._on_ready)
                    self.coach.notice.connect(self.notice)
                    self.coach.set_muted(self.muted)
        return self.coach

    def _on_ready(self, plan: Plan) -> None:
        launch, self._launch = self._launch, None
        self.wait.stop()
        if launch is not None:
            launch(plan)

    def _on_timeout(self) -> None:
        launch, self._launch = self._launch, None
        if launch is None or self._plan is None:
            return
        self.notice.emit("The voice was not ready in time, so this workout goes on without "
                         "speech.")
        if self.coach is not None:
            self.coach.set_muted(True)
            self._stale = True  # try a fresh coach next time
        launch(self._plan)
