"""Log to a rotating file in the log folder, and never die silently.

`setup_logging` sends Hip Coach's records (and Qt's own warnings) to
`<log_dir>/hipcoach.log`, rotated at about 1 MB with three old files kept,
plus warnings to stderr; `--verbose` turns both up to DEBUG. `CrashReporter`
replaces `sys.excepthook` and `threading.excepthook`: an uncaught error is
logged with its traceback and reported in a dialog while the workout goes on.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler

from hipcoach import paths

LOG_FILE = "hipcoach.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
log = logging.getLogger("hipcoach")

_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


class LoggingSetup:
    """The handlers `setup_logging` added; `close()` takes them away again."""

    def __init__(self, log_file: Path | None, handlers: list[logging.Handler],
                 previous_qt_handler: Any = None, qt_installed: bool = False) -> None:
        self.log_file = log_file
        self.handlers = handlers
        self._previous_qt_handler = previous_qt_handler
        self._qt_installed = qt_installed

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        if self._qt_installed:
            qInstallMessageHandler(self._previous_qt_handler)
            self._qt_installed = False


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    logging.getLogger("hipcoach.qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def setup_logging(verbose: bool = False, folder: Path | None = None, *,
                  max_bytes: int = MAX_BYTES, backups: int = BACKUPS,
                  qt_messages: bool = True) -> LoggingSetup:
    """Start logging to the rotating file (falls back to stderr only if the folder is unusable)."""
    level = logging.DEBUG if verbose else logging.INFO
    log.setLevel(level)
    root = logging.getLogger()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    if sys.stderr is not None:  # None in a Windows GUI process
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(console)
    log_file: Path | None = (folder or paths.log_dir()) / LOG_FILE
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"))
        handlers[-1].setLevel(level)
    except OSError as exc:
        log_file = None
        if sys.stderr is not None:
            print(f"hipcoach: cannot write the log file ({exc}); logging to the terminal only",
                  file=sys.stderr)
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)
    previous = qInstallMessageHandler(_qt_message) if qt_messages else None
    log.info("Hip Coach starting; log file %s", log_file)
    return LoggingSetup(log_file, handlers, previous, qt_messages)


class CrashReporter(QObject):
    """Logs uncaught exceptions from any thread and reports them in a dialog.

    The dialog is opened on the GUI thread, is not modal (timers and the voice
    keep going) and shows a one-line summary and the log folder, no traceback.
    While one report is open, further errors are only logged.

    Signals:
        reported(str)   an uncaught error was logged; its one-line summary
    """

    reported = Signal(str)
    _report = Signal(str)

    def __init__(self, log_file: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: Any = None
        self._previous: tuple[Any, Any] | None = None
        self._report.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.handle_exception
            threading.excepthook = self.handle_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle_exception(self, kind: type[BaseException], value: BaseException,
                         tb: TracebackType | None) -> None:
        """sys.excepthook: log with traceback, then report (Ctrl+C keeps its usual meaning)."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.critical("uncaught error", exc_info=(kind, value, tb))
        summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        self._report.emit(summary)

    def handle_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle_exception(args.exc_type, args.exc_value, args.exc_traceback)

    def _show_dialog(self, summary: str) -> None:
        self.reported.emit(summary)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if not isinstance(QApplication.instance(), QApplication):
            return
        if self.dialog is not None and self.dialog.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Hip Coach hit a problem",
                          f"Something went wrong inside Hip Coach:\n{summary}")
        where = self.log_file.parent if self.log_file else "the terminal output"
        box.setInformativeText("The workout carries on if it can. The full details were written "
                               f"to the log in {where}; please include them if you report this.")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_dialog)
        self.dialog = box
        box.show()

    def _forget_dialog(self) -> None:
        self.dialog = None
