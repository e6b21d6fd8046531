"""Start the Qt application and show the main window."""

from __future__ import annotations

import argparse
import os
import sys
import time

BENCH_QUIT_AFTER_SHOW = "HIPCOACH_BENCH_QUIT_AFTER_SHOW"  # benchmarks only (tests/benchmarks)


def create_application() -> "QApplication":  # noqa: F821 - Qt imported lazily
    """The QApplication with Hip Coach's names and the Fusion style (follows the palette)."""
    from PySide6.QtWidgets import QApplication

    from hipcoach import paths
    from hipcoach.qt_workarounds import keep_bools_alive

    keep_bools_alive()
    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName("Hip Coach")
        QApplication.setOrganizationName("hipcoach")
        QApplication.setDesktopFileName(paths.APP_ID)
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
    return app


def run(args: argparse.Namespace) -> int:
    """Open the window with the chosen routine; returns the exit status."""
    from hipcoach.routines import load_routine

    routine = load_routine(getattr(args, "routine", None))
    app = create_application()
    from hipcoach.ui.main_window import MainWindow

    window = MainWindow(routine, time_scale=float(getattr(args, "time_scale", 1.0) or 1.0))
    from hipcoach.desktop.integration import install_desktop_integration

    if install_desktop_integration(app, window, args) is None:
        return 0  # another Hip Coach was running; its window was raised
    from hipcoach.ui.settings_wiring import install_settings_and_history

    install_settings_and_history(window, args)  # settings, Settings dialog, history
    window.show()
    if os.environ.get(BENCH_QUIT_AFTER_SHOW):
        _quit_after_show(app)
    return app.exec()


def _quit_after_show(app: "QApplication") -> None:  # noqa: F821
    """Start-up benchmark: on the first turn of the event loop after show(), print the
    monotonic time (comparable across processes on Linux) and quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        print(f"hipcoach-shown {time.monotonic():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
