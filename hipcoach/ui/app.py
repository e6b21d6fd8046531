"""Start the Qt application and show the main window."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import argparse

BENCH_QUIT_AFTER_SHOW = "HIPCOACH_BENCH_QUIT_AFTER_SHOW"  # benchmarks only (tests/benchmarks)
WARM_UP_DELAY_MS = 300  # the warm-up starts this long after the window is shown
WARM_UP_GAP_MS = 50


def create_application() -> "QApplication":  # noqa: F821 - Qt imported lazily
    """The QApplication with Hip Coach's names and the Fusion style (follows the palette)."""
    from PySide6.QtWidgets import QApplication

    from hipcoach import paths
    from hipcoach.qt_workarounds import keep_bools_alive, skip_feature_source_scan

    keep_bools_alive()
    skip_feature_source_scan()
    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName("Hip Coach")
        QApplication.setOrganizationName("hipcoach")
        QApplication.setDesktopFileName(paths.APP_ID)
        # -style: Fusion from the start, and no QStyle wrapper (~5 ms) as setStyle() returns
        app = QApplication([*sys.argv[:1], "-style", "fusion"])
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


def install_voice(window: Any, wiring: Any) -> bool:
    """Speak with the saved voice settings, and with new ones after the Settings dialog.
    True when the window speaks from the start."""
    factory = voice_factory(wiring.settings.voice, window.time_scale)
    window.set_voice_factory(factory)
    wiring.settings_changed.connect(
        lambda settings: window.set_voice_factory(voice_factory(settings.voice,
                                                                window.time_scale)))
    return factory is not None


def warm_up(window: Any, speaks: bool, delay_ms: int = WARM_UP_DELAY_MS) -> None:
    """While the start screen waits, get what the first Start needs: the workout and
    finished screens (~3 ms each; the workout screen painted once), the history module,
    the keep-awake's D-Bus modules (~10 ms) and, when the window speaks, the voice
    modules (~30 ms), the audio back-end (~20 ms) and the window's coach (~5 ms). One
    piece per turn of the event loop, WARM_UP_GAP_MS apart, so no turn is held long and
    Start answers at once (tests/benchmarks/responsiveness.py). A failure loading a
    module is left for its user to report when it is needed."""
    import importlib

    from PySide6.QtCore import QTimer

    def audio_outputs() -> None:
        from PySide6.QtMultimedia import QMediaDevices

        QMediaDevices.audioOutputs()

    pieces: list[Callable[[], Any]] = list(window.build_later_screens())  # workout, finished
    # the history (sqlite3, ~8 ms) records from the first Start on; with the cues cached,
    # the workout starts before Start's own preparation could load it
    pieces.append(lambda: importlib.import_module("hipcoach.history"))
    if sys.platform.startswith("linux"):  # hipcoach.desktop.inhibitors, on the first workout
        pieces += [lambda: importlib.import_module("PySide6.QtDBus"),
                   lambda: importlib.import_module("jeepney")]
    if speaks:
        pieces += [
            lambda: importlib.import_module("importlib.metadata"),  # the renderer's cache key
            lambda: importlib.import_module("hipcoach.voice.coach"),
            lambda: importlib.import_module("hipcoach.voice.tts_speaker"),
            lambda: importlib.import_module("PySide6.QtMultimedia"),
            audio_outputs,
            window.voice.warm_up,
        ]

    def next_piece() -> None:
        try:
            pieces.pop(0)()
        except Exception:  # noqa: BLE001 - reported by whoever needs the piece, not here
            pass
        if pieces:
            QTimer.singleShot(WARM_UP_GAP_MS, next_piece)

    if pieces:
        QTimer.singleShot(delay_ms, next_piece)


def run(args: argparse.Namespace) -> int:
    """Open the window with the chosen routine; returns the exit status."""
    from hipcoach.routines import load_routine

    routine = load_routine(getattr(args, "routine", None))
    app = create_application()
    from hipcoach.desktop.single_instance import SingleInstance

    instance = SingleInstance(parent=app)
    if not instance.claim(listen=False):  # listens once the window is up (_install_desktop)
        return 0  # another Hip Coach was running; its window was raised
    from hipcoach.ui.main_window import MainWindow

    window = MainWindow(routine, time_scale=float(getattr(args, "time_scale", 1.0) or 1.0))
    from hipcoach.ui.settings_wiring import install_settings_and_history

    wiring = install_settings_and_history(window, args)  # settings, Settings dialog, history
    speaks = install_voice(window, wiring)
    window.show()
    if os.environ.get(BENCH_QUIT_AFTER_SHOW):
        _quit_after_show(app)
    warm_up(window, speaks)
    # Logging, crash reports, keep-awake, icon, signals: once the window is up (start-up
    # is ~20 ms shorter; tests/benchmarks/startup.py)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _install_desktop(app, window, args, instance))
    return app.exec()


def _install_desktop(app: Any, window: Any, args: argparse.Namespace, instance: Any) -> None:
    instance.listen()  # a second start meanwhile retries its connection
    from hipcoach.desktop.integration import install_desktop_integration

    window.desktop_integration = install_desktop_integration(app, window, args,
                                                             instance=instance)


def _quit_after_show(app: "QApplication") -> None:  # noqa: F821
    """Start-up benchmark: on the first turn of the event loop after show(), print the
    monotonic time (comparable across processes on Linux) and the peak RSS in kB, and quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        peak = ""  # peak RSS so far (Linux); a parent's ru_maxrss would count its own fork
        try:
            with open("/proc/self/status", encoding="ascii") as status:
                peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
        except OSError:
            pass
        print(f"hipcoach-shown {time.monotonic():.6f} {peak}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
