"""`hipcoach --self-test`: prove a build works without a screen or a person.

Starts Qt offscreen, loads the app icon, draws the main window, renders one
spoken cue to a WAV file, runs a three-step plan through the real Session at
100 times speed, and exits 0 when every check passed (1 otherwise), printing
one line per check. Used on the PyInstaller bundle
(`dist/hipcoach/hipcoach --self-test`) and in CI.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any, Callable

TIME_SCALE = 0.01
SESSION_TIMEOUT_MS = 20_000
CUE_TEXT = "Hip Coach self test. Left side, rep one."


def check_icon() -> str:
    from PySide6.QtGui import QIcon

    from hipcoach.desktop.integration import icon_path

    icon = QIcon(str(icon_path()))
    if icon.pixmap(64, 64).isNull():
        raise RuntimeError(f"the icon {icon_path()} does not render (SVG icon engine missing?)")
    return "app icon renders"


def check_window() -> str:
    from hipcoach.routines import load_routine
    from hipcoach.ui.main_window import MainWindow

    window = MainWindow(load_routine())
    window.resize(1000, 700)
    image = window.grab().toImage()
    window.deleteLater()
    if image.isNull() or image.width() < 1000:
        raise RuntimeError("the main window did not render")
    return f"main window renders ({image.width()}x{image.height()})"


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def _render_with_voice_package(folder: Path) -> tuple[Path, float]:
    from hipcoach.voice.render import CueRenderer

    renderer = CueRenderer(cache=folder)
    try:
        cue = renderer.render(CUE_TEXT).result(timeout=15)
    finally:
        renderer.close()
    return Path(cue.path), float(cue.seconds)


def _render_with_pyttsx3(folder: Path) -> tuple[Path, float]:
    import pyttsx3

    target = folder / "cue.wav"
    engine = pyttsx3.init()
    engine.save_to_file(CUE_TEXT, str(target))
    engine.runAndWait()
    deadline = time.monotonic() + 10  # espeak may finish the file after runAndWait returns
    while time.monotonic() < deadline:
        try:
            seconds = _wav_seconds(target)
        except (OSError, EOFError, wave.Error):
            seconds = 0.0
        if seconds > 0:
            return target, seconds
        time.sleep(0.05)
    raise RuntimeError("pyttsx3 wrote no audio")


def check_voice(folder: Path) -> str:
    try:
        import hipcoach.voice.render  # noqa: F401
    except ImportError:
        render: Callable[[Path], tuple[Path, float]] = _render_with_pyttsx3
    else:
        render = _render_with_voice_package
    path, seconds = render(folder)
    if not path.is_file() or seconds < 0.5:
        raise RuntimeError(f"the rendered cue is too short ({seconds:.2f} s)")
    return f"voice renders a cue ({seconds:.1f} s of speech via {render.__name__.split('_')[-1]})"


def three_step_plan() -> Any:
    from hipcoach.plan import Plan, build_plan
    from hipcoach.routines import load_routine

    plan = build_plan(load_routine())
    return Plan(plan.routine_id, plan.prescription, plan.steps[:3])


def check_session() -> str:
    from PySide6.QtCore import QEventLoop, QTimer

    from hipcoach.desktop.keep_awake import KeepAwake
    from hipcoach.session import Session

    plan = three_step_plan()
    session = Session(plan, time_scale=TIME_SCALE)
    keep_awake = KeepAwake()
    keep_awake.watch(session)
    started: list[int] = []
    results: list[Any] = []
    loop = QEventLoop()
    session.step_started.connect(lambda step: started.append(step.index))
    session.finished.connect(results.append)
    session.finished.connect(loop.quit)
    QTimer.singleShot(SESSION_TIMEOUT_MS, loop.quit)
    begun = time.monotonic()
    session.start()
    if not results:
        loop.exec()
    real = time.monotonic() - begun
    keep_awake.release()
    if not results:
        raise RuntimeError(f"the session did not finish within {SESSION_TIMEOUT_MS / 1000:g} s")
    if started != [0, 1, 2] or not results[0].completed:
        raise RuntimeError(f"steps started {started}, completed={results[0].completed}")
    expected = plan.total_seconds * TIME_SCALE
    awake = "held while running" if keep_awake.working else "not available here (logged)"
    return (f"session ran 3 steps in {real:.2f} s (plan {plan.total_seconds:g} s "
            f"at x{1 / TIME_SCALE:g} = {expected:.2f} s); keep-awake {awake}")


def run(args: argparse.Namespace | None = None) -> int:
    """Run every check; 0 when all passed."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from hipcoach.qt_workarounds import keep_bools_alive

    keep_bools_alive()
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    failures = 0
    with tempfile.TemporaryDirectory(prefix="hipcoach-self-test-") as folder:
        checks: list[tuple[str, Callable[[], str]]] = [
            ("icon", check_icon), ("window", check_window),
            ("voice", lambda: check_voice(Path(folder))),
            ("session", check_session)]
        for name, check in checks:
            try:
                print(f"self-test: {name}: ok, {check()}", flush=True)
            except Exception as exc:  # noqa: BLE001 (report every failing check, then exit 1)
                failures += 1
                print(f"self-test: {name}: FAILED, {type(exc).__name__}: {exc}", flush=True)
    print("self-test: passed" if not failures else f"self-test: {failures} check(s) failed",
          flush=True)
    del app
    return 0 if not failures else 1
