"""One Hip Coach per user: a second start raises the first window and exits.

The first process takes a lock file and listens on a local socket; a later
process finds the lock taken, connects, says "activate" (passing on the
Wayland activation token the desktop gave it, so the compositor lets the first
window come to the front) and quits. The lock
(QLockFile, which notices a crashed holder) decides who is first, so two
starts at the same moment cannot both win, and a stale socket left by a crash
is removed before listening. QtNetwork is loaded only to listen or to connect, so
the start-up can take the lock, show the window and listen a moment later
(`claim(listen=False)`, then `listen()`); a second start meanwhile keeps
retrying the connection for CONNECT_TIMEOUT_MS.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from hipcoach.paths import APP_ID

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
ACTIVATE = "activate"  # the message: "activate <wayland activation token>\n"
CONNECT_TIMEOUT_MS = 10_000  # the first start listens once its window is up: seconds when cold
RETRY_SECONDS = 0.05
MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS


def default_runtime_dir() -> Path:
    """Per-user folder for the lock and socket (shared by all Flatpak instances of the app)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and os.environ.get("FLATPAK_ID"):
        return Path(base) / "app" / os.environ["FLATPAK_ID"]
    if base and Path(base).is_dir():
        return Path(base)
    return Path(tempfile.gettempdir())


def user_name() -> str:
    """The login name, as getpass.getuser() finds it (that module loads termios, ~1 ms)."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(variable):
            return os.environ[variable]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):
        return ""


class SingleInstance(QObject):
    """Decides whether this process is the one Hip Coach of this user.

    Signals:
        activation_requested(str)   another start asked this instance to show itself; the
                                    str is its Wayland activation token ("" when none)
    """

    activation_requested = Signal(str)

    def __init__(self, key: str = APP_ID, folder: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = folder or default_runtime_dir()
        user = "".join(c for c in user_name() if c.isalnum()) or "user"
        stem = f"{key}-{user}"
        self._lock = QLockFile(str(folder / f"{stem}.lock"))
        self._lock.setStaleLockTime(0)  # only a dead holder makes the lock stale
        # Unix: a socket path in our own folder (Qt's temp folder if the path is too long
        # for a Unix socket); Windows: a named pipe.
        path = str(folder / f"{stem}.socket")
        self.socket_name = stem if os.name == "nt" or len(path) > MAX_SOCKET_PATH else path
        self._server: QLocalServer | None = None

    def claim(self, listen: bool = True) -> bool:
        """True when this process is first (and now listens, unless `listen` is False:
        then call listen() soon); False after activating the other."""
        if self._lock.tryLock(0):
            if listen:
                self.listen()
            return True
        if self._activate_other():
            return False
        log.warning("another Hip Coach holds the lock but does not answer; starting anyway")
        return True

    def release(self) -> None:
        """Stop listening and drop the lock (also happens when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def listen(self) -> None:
        """Answer later starts (once; claim() does it unless told not to)."""
        if self._server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.socket_name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.socket_name):
            log.warning("single-instance socket %s: %s", self.socket_name, server.errorString())
            return
        server.newConnection.connect(self._on_new_connection)
        self._server = server

    def _on_new_connection(self) -> None:
        assert self._server is not None
        # Sockets stay children of the server and go with it: deleteLater on them
        # while Python still holds wrappers crashes PySide at shutdown.
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return  # the rest of the line is still on its way
        words = bytes(socket.readLine().data()).decode("utf-8", "replace").split()
        socket.disconnectFromServer()
        if words and words[0] == ACTIVATE:
            log.info("another start asked for the window")
            self.activation_requested.emit(words[1] if len(words) > 1 else "")

    def _activate_other(self) -> bool:
        """Tell the running instance to show itself; retried while it is still starting."""
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(CONNECT_TIMEOUT_MS)
        while not deadline.hasExpired():
            socket = QLocalSocket()
            socket.connectToServer(self.socket_name)
            if socket.waitForConnected(max(1, deadline.remainingTime())):
                token = os.environ.get("XDG_ACTIVATION_TOKEN", "").strip()
                socket.write(f"{ACTIVATE} {token}\n".encode())
                sent = socket.waitForBytesWritten(max(1, deadline.remainingTime()))
                socket.disconnectFromServer()
                return sent
            time.sleep(RETRY_SECONDS)  # the first instance may still be starting up
        return False
