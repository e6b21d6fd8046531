"""Start the Qt application and show the main window."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Callable

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


def voice_factory(voice: Any, time_scale: float) -> Callable[[], Any] | None:
    """Makes the spoken coach from the voice settings (None: voice off or a sped-up demo)."""
    if not voice.enabled or time_scale != 1.0:
        return None

    def make() -> Any:
        from hipcoach.voice.coach import VoiceCoach
        from hipcoach.voice.tts_speaker import TtsSpeaker

        speaker = TtsSpeaker(voice.voice_id or None, voice.rate, voice.volume / 100)
        return VoiceCoach(speaker, beeps=voice.beeps)

    return make


def install_voice(window: Any, wiring: Any) -> None:
    """Speak with the saved voice settings, and with new ones after the Settings dialog."""
    window.set_voice_factory(voice_factory(wiring.settings.voice, window.time_scale))
    wiring.settings_changed.connect(
        lambda settings: window.set_voice_factory(voice_factory(settings.voice,
                                                                window.time_scale)))


def run(args: argparse.Namespace) -> int:
    """Open the window with the chosen routine; returns the exit status."""
    from hipcoach.routines import load_routine

    routine = load_routine(getattr(args, "routine", None))
    app = create_application()
    from hipcoach.desktop.single_instance import SingleInstance

    instance = SingleInstance(parent=app)
    if not instance.claim():
        return 0  # another Hip Coach was running; its window was raised
    from hipcoach.ui.main_window import MainWindow

    window = MainWindow(routine, time_scale=float(getattr(args, "time_scale", 1.0) or 1.0))
    from hipcoach.ui.settings_wiring import install_settings_and_history

    wiring = install_settings_and_history(window, args)  # settings, Settings dialog, history
    install_voice(window, wiring)
    window.show()
    if os.environ.get(BENCH_QUIT_AFTER_SHOW):
        _quit_after_show(app)
    # Logging, crash reports, keep-awake, icon, signals: once the window is up (start-up
    # is ~20 ms shorter; tests/benchmarks/startup.py)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _install_desktop(app, window, args, instance))
    return app.exec()


def _install_desktop(app: Any, window: Any, args: argparse.Namespace, instance: Any) -> None:
    from hipcoach.desktop.integration import install_desktop_integration

    window.desktop_integration = install_desktop_integration(app, window, args,
                                                             instance=instance)


def _quit_after_show(app: "QApplication") -> None:  # noqa: F821
    """Start-up benchmark: on the first turn of the event loop after show(), print the
    monotonic time (comparable across processes on Linux) and quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        print(f"hipcoach-shown {time.monotonic():.6f}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
