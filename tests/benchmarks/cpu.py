"""CPU use of the app during a time-scaled workout, voice off and voice on.

Three fresh processes run at the same time for SECONDS each (app_child.py):
the floor (an idle QApplication event loop with an empty QMainWindow shown),
the real main window running the first SECONDS of the default workout at 4x
speed with the voice off, and the same with the voice on (pyttsx3 cues,
QSoundEffect playing into a private PulseAudio null sink). CPU is utime +
stime of the whole process (every thread) from /proc/self/stat, counted from
the moment the session starts to its end, so cue rendering (which happens
after Start and before the session starts) is reported on its own line.

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


def run_all(seconds: float = SECONDS) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="hipcoach-cpu-") as folder:
        no_audio = audio_sink(stack)
        base = Path(folder)
        floor = start_child(["floor", str(seconds)], child_env(base / "floor"))
        quiet = start_child(["app", str(seconds)], child_env(base / "quiet"))
        spoken = start_child(["app", str(seconds), "--voice"],
                             child_env(base / "voice", keep_runtime=not no_audio))
        return child_result(floor), child_result(quiet), child_result(spoken), no_audio


def measure() -> list[Result]:
    floor, quiet, spoken, no_audio = run_all()
    floor_pct = percent(floor["idle"])
    quiet_pct, voice_pct = percent(quiet["workout"]), percent(spoken["workout"])
    render = spoken.get("prepare", {"cpu": float("nan"), "wall": float("nan")})
    print(f"{SECONDS:.0f} s each, three processes side by side; CPU = utime + stime / wall")
    print(f"  floor (idle QApplication):   {floor_pct:.2f} %  ({floor['idle']['cpu']:.2f} s)")
    print(f"  workout, voice off:          {quiet_pct:.2f} %  ({quiet['workout']['cpu']:.2f} s "
          f"in {quiet['workout']['wall']:.1f} s)")
    print(f"  workout, voice on:           {voice_pct:.2f} %  ({spoken['workout']['cpu']:.2f} s "
          f"in {spoken['workout']['wall']:.1f} s)")
    print(f"  cue rendering before start:  {render['cpu']:.2f} s CPU in {render['wall']:.2f} s")
    if no_audio:
        print(f"  (no audio device for the voice-on run: {no_audio}; cues were not played)")
    notices = quiet.get("notices", []) + spoken.get("notices", [])
    for text in notices:
        print(f"  notice shown: {text}")
    return [
        Result(GROUP, "workout at 4x, voice off (% of one core)", quiet_pct, "%", floor_pct,
               f"<= {TARGET:g} %", quiet_pct <= TARGET),
        Result(GROUP, "workout at 4x, voice on (% of one core)", voice_pct, "%", floor_pct,
               f"<= {TARGET:g} %", voice_pct <= TARGET and not no_audio),
        Result(GROUP, "cue rendering after Start (CPU s)", render["cpu"], "s", None,
               "(reference)", None),
    ]


if __name__ == "__main__":
    print_table(measure())
