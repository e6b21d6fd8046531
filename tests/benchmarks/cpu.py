"""CPU use of the app during a time-scaled workout, voice off and voice on.

Five fresh processes run at the same time for SECONDS each (app_child.py):
the floor (an idle QApplication event loop with an empty QMainWindow shown),
the real main window running the first SECONDS of the default workout at 4x
speed with the voice off, the same with the voice on (pyttsx3 cues,
QSoundEffect playing into a private PulseAudio null sink), and both again at
real speed (1x; fewer steps and cues a second, the same 10 Hz display ticks). CPU is utime +
stime of the whole process (every thread) from /proc/self/stat, counted from
the moment the session starts to its end, so cue rendering (which happens
after Start and before the session starts) is reported on its own line; each
run's share is also printed thread by thread with its wake-ups a second
(/proc/<pid>/task/*/schedstat, nanoseconds: a sharper figure than the total's ticks).

Run alone:  .venv/bin/python tests/benchmarks/cpu.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from procinfo import child_env  # noqa: E402
from result import Result, print_table  # noqa: E402

SECONDS = 20.0
GROUP = "cpu"
TARGET = 2.0  # % of one core
CHILD = Path(__file__).with_name("app_child.py")
MARK = "bench-result "


def start_child(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def child_result(child: subprocess.Popen) -> dict[str, Any]:
    out, err = child.communicate(timeout=SECONDS + 120)
    for line in out.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    raise RuntimeError(f"{' '.join(child.args[2:])} exited {child.returncode}: "
                       f"{err.strip()[-400:]}")


def percent(phase: dict[str, Any]) -> float:
    return 100 * phase["cpu"] / phase["wall"] if phase["wall"] > 0 else float("nan")


def thread_shares(phase: dict[str, Any]) -> str:
    """'name 1.25 % (n wake-ups/s), ...' for the threads that used CPU in `phase`, busiest
    first (threads that ended before the phase did are not listed)."""
    wall = phase["wall"]
    shares = sorted(((100 * seconds / wall, slices / wall, name)
                     for name, (seconds, slices) in phase.get("threads", {}).items()),
                    reverse=True)
    return ", ".join(f"{name} {share:.2f} % ({rate:.0f}/s)" for share, rate, name in shares
                     if share >= 0.005) or "-"


def audio_sink(stack: ExitStack) -> str:
    """Start a private PulseAudio null sink for the voice-on run; '' or why not."""
    try:
        from nullsink import NullSink, NullSinkError
    except ImportError:
        return "no nullsink helper"
    try:
        stack.enter_context(NullSink())
    except NullSinkError as exc:
        return str(exc)
    return ""


def run_all(seconds: float = SECONDS) -> tuple[dict[str, dict[str, Any]], str]:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="hipcoach-cpu-") as folder:
        no_audio = audio_sink(stack)
        base = Path(folder)
        runs = {
            "floor": ["floor", str(seconds)],
            "quiet": ["app", str(seconds)],
            "spoken": ["app", str(seconds), "--voice"],
            "quiet 1x": ["app", str(seconds), "--scale", "1"],
            "spoken 1x": ["app", str(seconds), "--voice", "--scale", "1"],
        }
        children = {name: start_child(args, child_env(base / name.replace(" ", "-")))
                    for name, args in runs.items()}
        return {name: child_result(child) for name, child in children.items()}, no_audio


def measure() -> list[Result]:
    runs, no_audio = run_all()
    floor_pct = percent(runs["floor"]["idle"])
    pct = {name: percent(run["workout"]) for name, run in runs.items() if name != "floor"}
    render = runs["spoken"].get("prepare", {"cpu": float("nan"), "wall": float("nan")})
    print(f"{SECONDS:.0f} s each, five processes side by side; CPU = (utime + stime) / wall")
    print(f"  floor (idle QApplication): {floor_pct:5.2f} %  "
          f"({runs['floor']['idle']['cpu']:.2f} s)")
    for name, label in (("quiet", "4x, voice off"), ("spoken", "4x, voice on"),
                        ("quiet 1x", "1x, voice off"), ("spoken 1x", "1x, voice on")):
        work = runs[name]["workout"]
        print(f"  workout {label + ':':<15} {pct[name]:5.2f} %  ({work['cpu']:.2f} s in "
              f"{work['wall']:.1f} s)")
        print(f"    by thread: {thread_shares(work)}")
    print(f"  cue rendering after Start: {render['cpu']:.2f} s CPU in {render['wall']:.2f} s")
    if no_audio:
        print(f"  (no audio device for the voice-on runs: {no_audio}; cues were not played)")
    for run in runs.values():
        for text in run.get("notices", []):
            print(f"  notice shown: {text}")
    target = f"<= {TARGET:g} %"
    return [
        Result(GROUP, "workout at 4x, voice off (% of one core)", pct["quiet"], "%", floor_pct,
               target, pct["quiet"] <= TARGET),
        Result(GROUP, "workout at 4x, voice on (% of one core)", pct["spoken"], "%", floor_pct,
               target, pct["spoken"] <= TARGET and not no_audio),
        Result(GROUP, "  same at 1x (real speed), voice off", pct["quiet 1x"], "%", floor_pct,
               target, pct["quiet 1x"] <= TARGET),
        Result(GROUP, "  same at 1x (real speed), voice on", pct["spoken 1x"], "%", floor_pct,
               target, pct["spoken 1x"] <= TARGET and not no_audio),
        Result(GROUP, "cue rendering after Start (CPU s)", render["cpu"], "s", None,
               "(reference)", None),
    ]


if __name__ == "__main__":
    print_table(measure())
