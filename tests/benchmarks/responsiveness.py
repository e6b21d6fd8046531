"""Responsiveness: the longest event-loop stall while cues render and play.

One fresh process (app_child.py) shows the real main window with the real
voice (pyttsx3 rendering on its worker thread, QSoundEffect playing into a
private PulseAudio null sink) and keeps a 10 ms PreciseTimer heartbeat on the
GUI thread. After the voice warm-up that hipcoach.ui.app.run does on the idle
start screen (reported on its own), the floor: the same heartbeat in the same
process, window shown, no workout (IDLE seconds). Then Start is pressed with an empty cue cache, so every
cue of the workout is rendered (`prepare`) and the first SECONDS of it run at
4x speed with the cues playing (`workout`). A stall is how much later than its
10 ms a heartbeat came (gap - 10 ms).

Run alone:  .venv/bin/python tests/benchmarks/responsiveness.py
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cpu import audio_sink, child_result, start_child  # noqa: E402
from procinfo import child_env  # noqa: E402
from result import Result, print_table  # noqa: E402

SECONDS = 20.0
IDLE = 5.0
GROUP = "responsiveness"
HEARTBEAT = 0.010
TARGET_MS = 20.0


def stalls(phase: dict[str, Any]) -> list[float]:
    """Milliseconds each heartbeat came late (never negative)."""
    return [max(0.0, (gap - HEARTBEAT) * 1000) for gap in phase.get("gaps", [])]


def summary(values: list[float]) -> str:
    if not values:
        return "no heartbeats"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    over = sum(1 for v in values if v > TARGET_MS)
    return (f"{len(values)} beats, max {ordered[-1]:.1f} ms, p99 {p99:.1f} ms, "
            f"{over} over {TARGET_MS:g} ms")


def measure() -> list[Result]:
    with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="hipcoach-resp-") as folder:
        no_audio = audio_sink(stack)
        env = child_env(Path(folder))
        child = start_child(["app", str(SECONDS), "--voice", "--idle", str(IDLE),
                             "--heartbeat"], env)
        result = child_result(child)
    warm, idle, prepare, workout = (stalls(result.get(name, {})) for name in
                                    ("warm-up", "idle", "prepare", "workout"))
    floor = max(idle, default=float("nan"))
    busy = prepare + workout
    worst = max(busy, default=float("nan"))
    prepare_wall = result.get("prepare", {}).get("wall", float("nan"))
    print(f"10 ms heartbeat on the GUI thread; {IDLE:g} s idle, then Start with a cold cue "
          f"cache, {SECONDS:g} s of workout at 4x with the voice on")
    print(f"  voice warm-up after show:  {summary(warm)}")
    print(f"  idle (floor):              {summary(idle)}")
    print(f"  rendering cues ({prepare_wall:.2f} s): {summary(prepare)}")
    print(f"  workout, cues playing:     {summary(workout)}")
    if no_audio:
        print(f"  (no audio device: {no_audio}; cues were rendered but not played)")
    for text in result.get("notices", []):
        print(f"  notice shown: {text}")
    return [
        Result(GROUP, "longest stall, cues rendering + playing", worst, "ms", floor,
               f"<= {TARGET_MS:g} ms", worst <= TARGET_MS and not no_audio),
        Result(GROUP, "  while rendering cues", max(prepare, default=float("nan")), "ms", floor,
               "-", None),
        Result(GROUP, "  while the workout plays cues", max(workout, default=float("nan")), "ms",
               floor, "-", None),
        Result(GROUP, "  voice warm-up on the idle start screen", max(warm, default=float("nan")),
               "ms", floor, "(reference)", None),
    ]


if __name__ == "__main__":
    print_table(measure())
