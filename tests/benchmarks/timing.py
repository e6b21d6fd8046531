"""Timing of the session engine on the real clock, next to a naive timer chain.

One event loop runs, at the same time: a Session over the first STEPS steps of
the default workout (time-scaled so a rep phase lasts ~15 ms), a naive chain
that starts `QTimer.singleShot(duration)` anew from each step's slot, and the
same naive chain on one PreciseTimer object (the fairest relative chain), and
the floor: a bare PreciseTimer re-armed to the same absolute deadlines with no
session logic (what Qt itself can do here; it shares the wake-ups with the
session, so one of the two is served a little later each time).
Lateness is when step_started reached a slot minus when the plan said the step
starts (t0 + scale * offset); end drift is the same at the end of the plan.

The run happens in a child interpreter (`timing.py --child` prints JSON).
Run alone:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/timing.py
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from result import Result, print_table  # noqa: E402

STEPS = 300
SCALE = 0.01
GROUP = "timing"


@dataclass
class Track:
    """Lateness (seconds) of each step start, and the drift at the end."""

    lateness: list[float] = field(default_factory=list)
    end_drift: float = float("nan")

    def figures(self) -> tuple[float, float, float]:
        ordered = sorted(self.lateness)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return statistics.fmean(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def _plan():
    from hipcoach.plan import Plan, build_plan
    from hipcoach.routines import load_routine

    full = build_plan(load_routine())
    return Plan(full.routine_id, full.prescription, full.steps[:STEPS])


def run_all_four() -> tuple[Track, Track, Track, Track, float]:
    """Run the session, both naive chains and the floor together; tracks and wall seconds."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from hipcoach.qt_workarounds import keep_bools_alive
    from hipcoach.session import Session

    keep_bools_alive()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    assert app is not None
    plan = _plan()
    steps = plan.steps
    end = plan.total_seconds * SCALE
    engine, naive, precise, bare = Track(), Track(), Track(), Track()
    loop = QEventLoop()
    pending = {"session", "naive", "precise", "bare"}

    def done(name: str) -> None:
        pending.discard(name)
        if not pending:
            loop.quit()

    session = Session(plan, time_scale=SCALE)
    t0 = {"session": 0.0, "naive": 0.0, "precise": 0.0, "bare": 0.0}

    def on_step(step) -> None:
        engine.lateness.append(time.monotonic() - (t0["session"] + step.start * SCALE))

    def on_finished(_summary) -> None:
        engine.end_drift = time.monotonic() - (t0["session"] + end)
        done("session")

    session.step_started.connect(on_step)
    session.finished.connect(on_finished)

    def naive_step(index: int) -> None:
        now = time.monotonic()
        if index == len(steps):
            naive.end_drift = now - (t0["naive"] + end)
            done("naive")
            return
        naive.lateness.append(now - (t0["naive"] + steps[index].start * SCALE))
        QTimer.singleShot(round(steps[index].duration * SCALE * 1000),
                          lambda: naive_step(index + 1))

    chain = QTimer()            # the same naive chain on one PreciseTimer object
    chain.setSingleShot(True)
    chain.setTimerType(Qt.TimerType.PreciseTimer)
    position = {"index": 0}

    def precise_step() -> None:
        now, index = time.monotonic(), position["index"]
        if index == len(steps):
            precise.end_drift = now - (t0["precise"] + end)
            done("precise")
            return
        precise.lateness.append(now - (t0["precise"] + steps[index].start * SCALE))
        position["index"] = index + 1
        chain.start(round(steps[index].duration * SCALE * 1000))

    chain.timeout.connect(precise_step)

    floor = QTimer()            # absolute deadlines, nothing else
    floor.setSingleShot(True)
    floor.setTimerType(Qt.TimerType.PreciseTimer)
    floor_at = {"index": 0}
    offsets = [step.start for step in steps] + [plan.total_seconds]

    def floor_arm() -> None:
        index = floor_at["index"]
        due = t0["bare"] + offsets[index] * SCALE
        floor.start(max(0, math.floor((due - time.monotonic()) * 1000 + 0.5)))

    def floor_step() -> None:
        now, index = time.monotonic(), floor_at["index"]
        due = t0["bare"] + offsets[index] * SCALE
        if now < due - 0.0005:
            floor_arm()
            return
        if index == len(steps):
            bare.end_drift = now - due
            done("bare")
            return
        bare.lateness.append(now - due)
        floor_at["index"] = index + 1
        floor_arm()

    floor.timeout.connect(floor_step)

    def begin() -> None:
        t0["session"] = time.monotonic()
        session.start()   # anchors its clock within microseconds of t0
        t0["naive"] = time.monotonic()
        naive_step(0)
        t0["precise"] = time.monotonic()
        precise_step()
        t0["bare"] = time.monotonic()
        floor_step()

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(int(end * 1000) + 10_000)
    QTimer.singleShot(0, begin)
    started = time.monotonic()
    loop.exec()
    wall = time.monotonic() - started
    session.stop()
    return engine, naive, precise, bare, wall


def run_in_child() -> tuple[Track, Track, Track, Track, float]:
    """run_all_four() in a fresh interpreter: no Qt application or threads left by others."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True,
                          env=env, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"timing child failed: {done.stderr.strip()[-500:]}")
    data = json.loads(done.stdout.splitlines()[-1])
    tracks = [Track(row["lateness"], row["end_drift"]) for row in data["tracks"]]
    return tracks[0], tracks[1], tracks[2], tracks[3], data["wall"]


def measure() -> list[Result]:
    engine, naive, precise, bare, wall = run_in_child()
    f_mean, f_p95, f_worst = bare.figures()
    f_drift = bare.end_drift * 1000
    mean, p95, worst = engine.figures()
    n_mean, n_p95, n_worst = naive.figures()
    p_mean, p_p95, p_worst = precise.figures()
    drift = engine.end_drift * 1000
    n_drift = naive.end_drift * 1000
    p_drift = precise.end_drift * 1000
    ratio = abs(n_drift) / max(abs(drift), 1e-3)
    print(f"{len(engine.lateness)} steps at time scale {SCALE} ({wall:.1f} s real), "
          f"session, floor and two naive chains in one event loop")
    print(f"  session: lateness mean {mean:.3f} ms, p95 {p95:.3f} ms, max {worst:.3f} ms; "
          f"end drift {drift:.3f} ms")
    print(f"  naive:   lateness mean {n_mean:.3f} ms, p95 {n_p95:.3f} ms, max {n_worst:.3f} ms; "
          f"end drift {n_drift:.3f} ms   (QTimer.singleShot(ms, fn) from each slot)")
    print(f"  floor:   lateness mean {f_mean:.3f} ms, p95 {f_p95:.3f} ms, max {f_worst:.3f} ms; "
          f"end drift {f_drift:.3f} ms   (bare PreciseTimer on absolute deadlines)")
    print(f"  precise: lateness mean {p_mean:.3f} ms, p95 {p_p95:.3f} ms, max {p_worst:.3f} ms; "
          f"end drift {p_drift:.3f} ms   (one PreciseTimer object restarted from each slot)")
    return [
        Result(GROUP, f"step lateness mean ({len(engine.lateness)} steps)", mean, "ms", f_mean,
               "-", None),
        Result(GROUP, "step lateness p95", p95, "ms", f_p95, "<= 2 ms", p95 <= 2),
        Result(GROUP, "step lateness max", worst, "ms", f_worst, "-", None),
        Result(GROUP, "end drift", drift, "ms", f_drift, "<= 5 ms", abs(drift) <= 5),
        Result(GROUP, "naive chain: step lateness p95", n_p95, "ms", None, "(reference)", None),
        Result(GROUP, "naive chain: end drift", n_drift, "ms", None, "(reference)", None),
        Result(GROUP, "naive chain (PreciseTimer): end drift", p_drift, "ms", None,
               "(reference)", None),
        Result(GROUP, "naive drift / session drift", ratio, "x", None, ">= 10x", ratio >= 10),
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        *found, seconds = run_all_four()
        print(json.dumps({"tracks": [asdict(track) for track in found], "wall": seconds}))
    else:
        print_table(measure())
