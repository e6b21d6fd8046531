"""Start-up time and peak memory: process start -> main window shown (offscreen).

Each run is a fresh process. The parent notes time.monotonic() just before
starting it; the child prints its monotonic time on the first turn of the event
loop after show() (CLOCK_MONOTONIC is one clock for every process on Linux) and
quits. The app is the installed `hipcoach` command with the hidden
HIPCOACH_BENCH_QUIT_AFTER_SHOW switch (hipcoach/ui/app.py); the floor is a bare
QApplication + QMainWindow, shown and reported the same way; a minimal real window
(floor + label, button, menu with a shortcut) is measured as a reference. Runs alternate
(floor, app, floor, app, ...) after one unmeasured warm-up of each, which also
writes the byte code both use. Peak RSS is the child's VmHWM at that moment
(its ru_maxrss would include the RSS of the benchmark process it was forked from).

Run alone:  .venv/bin/python tests/benchmarks/startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procinfo import child_env  # noqa: E402
from result import Result, print_table  # noqa: E402

RUNS = 7
GROUP = "startup"
MARK = "hipcoach-shown "

FLOOR = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("floor")
window.resize(1100, 720)
window.show()
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"hipcoach-shown {time.monotonic():.6f} {peak}", flush=True)
    app.quit()
QTimer.singleShot(0, report)
app.exec()
"""

# Reference, not a target: the floor plus what any real Qt Widgets window of this kind
# has (the Qt enum namespace, a label, a button, a menu with a shortcut). It shows how
# much of the 1.3x budget is gone before any Hip Coach code runs.
MINIMAL_WINDOW = FLOOR.replace('window.setWindowTitle("floor")', """window.setWindowTitle("floor")
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
central = QWidget()
window.setCentralWidget(central)
column = QVBoxLayout(central)
title = QLabel("Hip strength for runners")
title.setAlignment(Qt.AlignmentFlag.AlignCenter)
column.addWidget(title)
column.addWidget(QPushButton("Start"))
quit_action = QAction("Quit", window)
quit_action.setShortcut(QKeySequence("Ctrl+Q"))
window.menuBar().addMenu("File").addAction(quit_action)""")


def app_command() -> list[str]:
    """The `hipcoach` command users run (the console script of this venv)."""
    script = Path(sys.executable).with_name("hipcoach")
    if script.exists():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "hipcoach"]


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from just before the start to the window shown, and peak RSS in MB."""
    started = time.monotonic()
    child = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    shown = [line.split() for line in child.stdout.splitlines() if line.startswith(MARK)]
    if child.returncode != 0 or not shown:
        raise RuntimeError(f"{command[-1]} exited {child.returncode} without showing: "
                           f"{child.stderr.strip()[-400:]}")
    _mark, at, peak_kb = shown[0]
    return float(at) - started, int(peak_kb) / 1024


def measure() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="hipcoach-startup-") as folder:
        env = child_env(Path(folder), HIPCOACH_BENCH_QUIT_AFTER_SHOW="1")
        floor_cmd = [sys.executable, "-c", FLOOR]
        minimal_cmd = [sys.executable, "-c", MINIMAL_WINDOW]
        app_cmd = app_command()
        for command in (floor_cmd, minimal_cmd, app_cmd):
            run_once(command, env)
        floor_runs, minimal_runs, app_runs = [], [], []
        for _ in range(RUNS):
            floor_runs.append(run_once(floor_cmd, env))
            minimal_runs.append(run_once(minimal_cmd, env))
            app_runs.append(run_once(app_cmd, env))
    floor_t = statistics.median(t for t, _ in floor_runs) * 1000
    app_t = statistics.median(t for t, _ in app_runs) * 1000
    minimal_t = statistics.median(t for t, _ in minimal_runs) * 1000
    floor_rss = max(r for _, r in floor_runs)
    app_rss = max(r for _, r in app_runs)
    ratio = app_t / floor_t
    print(f"{RUNS} runs each, alternating, after a warm-up; command: {' '.join(app_cmd[1:])}")
    print("  app   ms: " + " ".join(f"{t * 1000:.0f}" for t, _ in app_runs)
          + f"   peak RSS {app_rss:.1f} MB")
    print("  floor ms: " + " ".join(f"{t * 1000:.0f}" for t, _ in floor_runs)
          + f"   peak RSS {floor_rss:.1f} MB  (bare QApplication + QMainWindow)")
    return [
        Result(GROUP, f"process start -> window shown (median of {RUNS})", app_t, "ms", floor_t,
               "<= 1.3x floor", ratio <= 1.3),
        Result(GROUP, "  ratio to floor", ratio, "x", 1.0, "<= 1.3x", ratio <= 1.3),
        Result(GROUP, "  minimal window (label, button, menu)", minimal_t / floor_t, "x",
               1.0, "(reference)", None),
        Result(GROUP, "peak RSS (max of runs)", app_rss, "MB", floor_rss, "<= floor + 40 MB",
               app_rss <= floor_rss + 40),
    ]


if __name__ == "__main__":
    print_table(measure())
