"""Soak: 100 stopped workouts and one workout over two hours, on a fake clock.

Runs in a fresh process (private folders): the real main window, shown
offscreen, with the real voice coach (pyttsx3 renderer thread, WAV cache)
playing into a fake audio device; only the clock and the session's timer are
fake (tests/soak_rig.py, shared with tests/test_soak.py). After a warm-up
(3 stopped, 1 finished, 2 stopped workouts: Qt fills its caches, the cues get
rendered) the baseline is taken; the floor of each row is that baseline.
RSS is read after emptying QPixmapCache (Qt's own bounded cache, 10 MB by
default: Fusion caches a pixmap for each progress bar width it paints) and
malloc_trim(0) (heap the C library keeps for reuse), so what remains is memory
the app still holds; the raw figure is printed too.

Run alone:  .venv/bin/python tests/benchmarks/soak.py
"""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from procinfo import child_env  # noqa: E402
from result import Result, print_table  # noqa: E402

CYCLES = 100
GROUP = "soak"
RSS_LIMIT = 5.0  # MB
MARK = "soak-result "


def _trimmed_rss(rss_mb) -> tuple[float, float]:
    """RSS in MB as is, and without Qt's pixmap cache and the C library's spare heap."""
    from PySide6.QtGui import QPixmapCache

    raw = rss_mb()
    QPixmapCache.clear()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    return raw, rss_mb()


def child() -> dict[str, Any]:
    """The soak itself (in the child process)."""
    sys.path.insert(0, str(HERE.parent))
    from soak_rig import SoakRig, rss_mb

    from hipcoach.model import Prescription

    rig = SoakRig(voice=True, show=True)
    one_rep = Prescription.from_dict({"reps": 1, "sets": 1},
                                     base=rig.window.routine.prescription)
    rig.start_stop_cycles(3)
    rig.long_workout(one_rep)
    rig.start_stop_cycles(2)
    base = rig.snapshot()
    base_rss = _trimmed_rss(rss_mb)
    started = time.monotonic()
    rig.start_stop_cycles(CYCLES)
    cycles_wall = time.monotonic() - started
    cycled = rig.snapshot()
    cycled_rss = _trimmed_rss(rss_mb)
    rig.start_stop_cycles(CYCLES)  # a leak grows again, caches filled by the first do not
    cycled_again_rss = _trimmed_rss(rss_mb)
    rig.long_workout(one_rep)  # end on a finished workout, like the long one
    long_base = rig.snapshot()
    long_base_rss = _trimmed_rss(rss_mb)
    started = time.monotonic()
    summary, total = rig.long_workout()
    long_wall = time.monotonic() - started
    after_long = rig.snapshot()
    long_rss = _trimmed_rss(rss_mb)
    # Twice more: the voice coach keeps the last session (and its plan) until the next
    # Start, so the second run holds two long plans at once; a leak would grow on the third.
    rig.long_workout()
    second_rss = _trimmed_rss(rss_mb)
    rig.long_workout()
    again_rss = _trimmed_rss(rss_mb)
    played = len(rig.device.played)
    rig.close()
    return {
        "base": base.__dict__, "cycled": cycled.__dict__, "base_rss": base_rss,
        "cycled_rss": cycled_rss, "cycles_wall": cycles_wall,
        "cycled_again_rss": cycled_again_rss,
        "long_base": long_base.__dict__, "after_long": after_long.__dict__,
        "long_base_rss": long_base_rss, "long_rss": long_rss, "long_wall": long_wall,
        "second_rss": second_rss, "again_rss": again_rss,
        "long_total": total, "long_completed": bool(summary and summary.completed),
        "cues_played": played,
    }


def measure() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="hipcoach-soak-") as folder:
        run = subprocess.run([sys.executable, __file__, "--child"], env=child_env(Path(folder)),
                             capture_output=True, text=True, timeout=900)
    lines = [line for line in run.stdout.splitlines() if line.startswith(MARK)]
    if run.returncode != 0 or not lines:
        raise RuntimeError(f"soak child exited {run.returncode}: {run.stderr.strip()[-600:]}")
    r = json.loads(lines[0][len(MARK):])
    base, cycled, long_base, after = r["base"], r["cycled"], r["long_base"], r["after_long"]
    cycle_growth = r["cycled_rss"][1] - r["base_rss"][1]
    cycle_again = r["cycled_again_rss"][1] - r["cycled_rss"][1]
    long_growth = r["long_rss"][1] - r["long_base_rss"][1]
    again_growth = r["again_rss"][1] - r["second_rss"][1]
    hours = r["long_total"] / 3600
    print(f"real window shown offscreen, real voice coach on a fake audio device, fake clock; "
          f"{r['cues_played']} sounds played in all")
    print(f"  {CYCLES} start/stop cycles in {r['cycles_wall']:.1f} s: threads "
          f"{base['os_threads']} -> {cycled['os_threads']}, QObjects {base['qobjects']} -> "
          f"{cycled['qobjects']}, timers {base['qtimers']} -> {cycled['qtimers']}, Qt wrappers "
          f"{base['wrappers']} -> {cycled['wrappers']}, Python threads "
          f"{base['python_threads']} -> {cycled['python_threads']}")
    print(f"    RSS {r['base_rss'][1]:.1f} -> {r['cycled_rss'][1]:.1f} MB without pixmap cache "
          f"and spare heap (raw {r['base_rss'][0]:.1f} -> {r['cycled_rss'][0]:.1f} MB); "
          f"after {CYCLES} more: {r['cycled_again_rss'][1]:.1f} MB")
    print(f"  workout of {hours:.2f} h (plan) in {r['long_wall']:.1f} s: completed "
          f"{r['long_completed']}, threads {long_base['os_threads']} -> {after['os_threads']}, "
          f"QObjects {long_base['qobjects']} -> {after['qobjects']}, timers "
          f"{long_base['qtimers']} -> {after['qtimers']}")
    print(f"    RSS {r['long_base_rss'][1]:.1f} -> {r['long_rss'][1]:.1f} MB without pixmap "
          f"cache and spare heap (raw {r['long_base_rss'][0]:.1f} -> {r['long_rss'][0]:.1f} MB); "
          f"after a second and a third: {r['second_rss'][1]:.1f}, {r['again_rss'][1]:.1f} MB")
    return [
        *counts_at_baseline(f"after {CYCLES} start/stop", base, cycled),
        Result(GROUP, f"RSS growth over {CYCLES} start/stop", cycle_growth, "MB", 0.0,
               f"< {RSS_LIMIT:g} MB", cycle_growth < RSS_LIMIT),
        Result(GROUP, f"  over the next {CYCLES}", cycle_again, "MB", 0.0, "(reference)", None),
        Result(GROUP, f"{hours:.1f} h workout completed (1 = yes)", float(r["long_completed"]),
               "", None, "1", r["long_completed"] and hours >= 2),
        *counts_at_baseline(f"after the {hours:.1f} h workout", long_base, after),
        Result(GROUP, f"RSS growth over the {hours:.1f} h workout", long_growth, "MB", 0.0,
               f"< {RSS_LIMIT:g} MB", long_growth < RSS_LIMIT),
        Result(GROUP, "  over a third one (after a second)", again_growth, "MB", 0.0,
               "(reference)", None),
    ]


def counts_at_baseline(when: str, before: dict[str, Any], after: dict[str, Any]) -> list[Result]:
    """Rows for threads, QObjects and timers `when`, each against its baseline (the floor)."""
    return [Result(GROUP, f"{label} {when}", after[key], "", before[key], "= floor (baseline)",
                   after[key] == before[key])
            for label, key in (("threads", "os_threads"), ("QObjects", "qobjects"),
                               ("timers", "qtimers"))]

if __name__ == "__main__":
    if "--child" in sys.argv:
        from hipcoach.qt_workarounds import keep_bools_alive

        keep_bools_alive()
        print(MARK + json.dumps(child()), flush=True)
    else:
        print_table(measure())
