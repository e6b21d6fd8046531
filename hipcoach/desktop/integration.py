"""Wire the desktop pieces into the running window with one call.

    integration = install_desktop_integration(app, window, args)
    if integration is None:     # another Hip Coach was running and is now raised
        return 0

Call it after the window is built and before it is shown.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from hipcoach import paths
from hipcoach.desktop.keep_awake import KeepAwake
from hipcoach.desktop.logging_setup import CrashReporter, LoggingSetup, setup_logging
from hipcoach.desktop.single_instance import SingleInstance
from hipcoach.desktop.unix_signals import SignalWatcher

log = logging.getLogger(__name__)


def icon_path() -> Path:
    """The scalable app icon shipped in resources/."""
    return paths.resources_dir() / "icons" / f"{paths.APP_ID}.svg"


def app_icon() -> QIcon:
    """The app icon (from the SVG, so it is sharp at any size)."""
    return QIcon(str(icon_path()))


def raise_window(window: QWidget, activation_token: str = "") -> None:
    """Bring a window to the front, un-minimising it.

    On Wayland only a valid activation token (handed on by the second start)
    lets the compositor focus it; Qt takes the token from XDG_ACTIVATION_TOKEN.
    Without one the window may only be highlighted in the task bar.
    """
    if activation_token:
        os.environ["XDG_ACTIVATION_TOKEN"] = activation_token
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def open_log_folder() -> bool:
    """Show the log folder in the file manager; False if nothing could open it."""
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    if not opened:
        log.warning("could not open the log folder %s", folder)
    return opened


def help_menu(window: QMainWindow) -> QMenu:
    """The window's Help menu, created at the right end of the menu bar if missing."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "").strip().lower() == "help":
            return menu
    return bar.addMenu("&Help")


class DesktopIntegration(QObject):
    """Owns the desktop pieces for one window: logging, crash reports, keep-awake, single
    instance, and SIGINT/SIGTERM turned into a clean quit."""

    def __init__(self, logging_setup: LoggingSetup, crash_reporter: CrashReporter,
                 instance: SingleInstance, keep_awake: KeepAwake,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.logging = logging_setup
        self.crash_reporter = crash_reporter
        self.instance = instance
        self.keep_awake = keep_awake
        self.signals = SignalWatcher(self)
        self.open_log_action: QAction | None = None

    def attach(self, window: QWidget) -> None:
        """Icon, Help → Open log folder, keep-awake on every workout, raise on a second start."""
        window.setWindowIcon(app_icon())
        if isinstance(window, QMainWindow):
            action = QAction("Open &log folder", window)
            action.setStatusTip("Show the folder with Hip Coach's log files")
            action.triggered.connect(open_log_folder)
            help_menu(window).addAction(action)
            self.open_log_action = action
        started = getattr(window, "workout_started", None)
        if started is not None:
            started.connect(self.keep_awake.watch)
        self.instance.activation_requested.connect(
            lambda token: raise_window(window, activation_token=token))

    def shutdown(self) -> None:
        """Release everything held for the desktop (safe to call twice)."""
        self.keep_awake.release()
        self.instance.release()
        self.crash_reporter.uninstall()
        self.signals.uninstall()


def _quit_on_signal(app: QApplication, number: int) -> None:
    log.info("signal %d received; quitting", number)
    app.quit()


def install_desktop_integration(app: QApplication, window: QWidget,
                                args: argparse.Namespace | Any = None, *,
                                instance: SingleInstance | None = None
                                ) -> DesktopIntegration | None:
    """Set up the desktop pieces; None when another instance was asked to show itself instead.

    `instance`: a SingleInstance this process already claimed (hipcoach.ui.app claims it
    before building the window and installs the rest once the window is shown)."""
    setup = setup_logging(verbose=bool(getattr(args, "verbose", False)))
    if instance is None:
        instance = SingleInstance(parent=app)
        if not instance.claim():
            log.info("Hip Coach is already running; raised its window")
            setup.close()
            return None
    app.setDesktopFileName(paths.APP_ID)
    app.setWindowIcon(app_icon())
    reporter = CrashReporter(setup.log_file, parent=app)
    reporter.install()
    integration = DesktopIntegration(setup, reporter, instance, KeepAwake(parent=app), parent=app)
    integration.attach(window)
    if integration.signals.install():  # Ctrl+C and SIGTERM quit cleanly
        integration.signals.received.connect(lambda number: _quit_on_signal(app, number))
    app.aboutToQuit.connect(integration.shutdown)
    return integration
