"""Keep the screen awake while a workout runs, and only then.

`KeepAwake` follows a Session's `state_changed`: it holds an inhibit in the
RUNNING state and releases it on pause, finish, stop and when the application
quits. A platform that refuses (no session bus, no screen-saver service) is
logged once and then left alone.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from hipcoach.desktop.inhibitors import InhibitError, Inhibitor, default_inhibitor

log = logging.getLogger(__name__)
REASON = "A Hip Coach workout is running"


class KeepAwake(QObject):
    """Holds a screen-saver inhibit while a watched session is running.

    Signals:
        held_changed(bool)   the inhibit was taken (True) or given back (False)
    """

    held_changed = Signal(bool)

    def __init__(self, inhibitor: Inhibitor | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inhibitor = inhibitor
        self._held = False
        self._broken = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release)

    @property
    def held(self) -> bool:
        return self._held

    @property
    def working(self) -> bool:
        """False once the platform refused; no further attempts are made."""
        return not self._broken

    def watch(self, session: Any) -> None:
        """Follow a session's state from now on (several sessions may be watched in turn)."""
        session.state_changed.connect(self._on_state_changed)
        self._on_state_changed(session.state)

    def _on_state_changed(self, state: Any) -> None:
        if getattr(state, "name", None) == "RUNNING":
            self.hold()
        else:
            self.release()

    def hold(self) -> None:
        """Take the inhibit (no-op when held or when the platform refused before)."""
        if self._held or self._broken:
            return
        try:
            if self._inhibitor is None:
                self._inhibitor = default_inhibitor()
            self._inhibitor.inhibit(REASON)
        except Exception as exc:  # noqa: BLE001 (keeping awake must never break a workout)
            self._give_up(exc)
            return
        self._held = True
        log.debug("screen kept awake (%s)", type(self._inhibitor).__name__)
        self.held_changed.emit(True)

    def release(self) -> None:
        """Give the inhibit back (no-op when not held)."""
        if not self._held:
            return
        self._held = False
        try:
            assert self._inhibitor is not None
            self._inhibitor.release()
        except Exception as exc:  # noqa: BLE001
            self._give_up(exc)
        else:
            log.debug("screen may sleep again")
        self.held_changed.emit(False)

    def _give_up(self, exc: Exception) -> None:
        self._broken = True
        expected = isinstance(exc, InhibitError)
        log.warning("cannot keep the screen awake during workouts: %s", exc,
                    exc_info=None if expected else exc)
