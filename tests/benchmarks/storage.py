"""Storage on the GUI thread: committing a set, saving settings, summarising a year of history.

Each figure has a floor measured in the same run: the same write without any
fsync (what the disk-safety costs on top).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from result import Result

from hipcoach.history import History, load_summary
from hipcoach.routines import load_routine
from hipcoach.session_types import SetRecord
from hipcoach.settings import Settings, save_settings

RECORD = SetRecord("glute-bridge", "single-leg", "left", 1, 15, 15, True)


def _p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1]


def _timed(action, count: int) -> list[float]:
    out = []
    for _ in range(count):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _fill_year(history: History, now: float) -> int:
    """Three workouts a week for a year, 18 sets each, written in bulk."""
    sets = 0
    for workout in range(156):
        started = now - workout * 2.33 * 86400
        sid = history.start_session("hips-for-runners", started, "none", 15, 3)
        for k in range(18):
            record = SetRecord("glute-bridge", "single-leg", ("left", "right")[k % 2],
                               k // 2 + 1, 15, 15, True)
            history.add_set(sid, record, started + k)
            sets += 1
    return sets


def measure() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-") as name:
        return _measure(Path(name))


def _measure(folder: Path) -> list[Result]:
    rows: list[Result] = []
    with History.open(folder / "safe") as history:
        sid = history.start_session("hips-for-runners", time.time(), "none", 15, 3)
        commit = _timed(lambda: history.add_set(sid, RECORD, time.time()), 300)
    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA synchronous = OFF")
    bare.execute("CREATE TABLE sets (a, b, c, d, e, f, g)")
    floor = _timed(lambda: bare.execute("INSERT INTO sets VALUES (1, 2, 3, 4, 5, 6, 7)"), 300)
    bare.close()
    print(f"set commit: median {statistics.median(commit):.2f} ms, p95 {_p95(commit):.2f} ms")
    rows.append(Result("storage", "set commit p95 (WAL, synchronous=FULL)", _p95(commit), "ms",
                       _p95(floor), "< 20 ms", _p95(commit) < 20))

    save = _timed(lambda: save_settings(Settings(), folder / "config"), 200)
    plain = folder / "plain.toml"
    write = _timed(lambda: plain.write_bytes(b"x" * 600), 200)
    print(f"settings save: median {statistics.median(save):.2f} ms, p95 {_p95(save):.2f} ms")
    rows.append(Result("storage", "settings save p95 (fsync + replace)", _p95(save), "ms",
                       _p95(write), "< 20 ms", _p95(save) < 20))

    with History.open(folder / "year") as history:
        sets = _fill_year(history, time.time())
    routine = load_routine()
    summary = _timed(lambda: load_summary(routine, folder / "year"), 10)
    print(f"history summary of {sets} sets: median {statistics.median(summary):.1f} ms")
    rows.append(Result("storage", f"history view data, a year ({sets} sets)",
                       statistics.median(summary), "ms", None, "< 200 ms",
                       statistics.median(summary) < 200))
    return rows
