"""Turn SIGINT and SIGTERM into a normal Qt quit, so clean-up still runs.

While Qt's event loop runs, Python signal handlers only get a chance when
Python code runs, so Ctrl+C or a logout's SIGTERM would either wait or kill
the app without releasing the screen-saver inhibit. `SignalWatcher` uses
`signal.set_wakeup_fd` with a QSocketNotifier: the loop wakes at once, and
the watcher emits `received`, which `install_desktop_integration` connects to
`QApplication.quit` (aboutToQuit then releases everything).
"""

from __future__ import annotations

import signal
import socket
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

WATCHED = (signal.SIGINT, signal.SIGTERM)


class SignalWatcher(QObject):
    """Reports SIGINT/SIGTERM through the event loop (Unix; does nothing elsewhere).

    Signals:
        received(int)   the signal number that arrived
    """

    received = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous_handlers: dict[int, Any] = {}
        self._previous_fd: int | None = None
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None

    def install(self) -> bool:
        """Start watching; False where this is not possible (Windows, not the main thread)."""
        if self._sockets is not None or not hasattr(socket, "AF_UNIX"):
            return self._sockets is not None
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        try:
            self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        except ValueError:  # not the main thread
            reader.close()
            writer.close()
            return False
        self._sockets = (reader, writer)
        for number in WATCHED:  # Python-level handlers that do nothing: the wake-up fd does it
            self._previous_handlers[number] = signal.signal(number, lambda *_: None)
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)
        return True

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers (safe to call twice)."""
        if self._sockets is None:
            return
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        self._previous_handlers.clear()
        signal.set_wakeup_fd(self._previous_fd if self._previous_fd is not None else -1)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        for end in self._sockets:
            end.close()
        self._sockets = None

    def _on_wakeup(self) -> None:
        assert self._sockets is not None
        try:
            data = self._sockets[0].recv(64)
        except BlockingIOError:
            return
        for number in data:
            if number in WATCHED:
                self.received.emit(number)
