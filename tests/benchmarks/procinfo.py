"""Helpers for benchmarks that run the app in child processes: environment, CPU time.

`child_env(folder)` is the environment every child gets: offscreen Qt, private
config/data/cache/log and runtime folders (so no real settings, history or
other Hip Coach instance is touched), and byte code cached in a folder of its
own. This machine sets PYTHONDONTWRITEBYTECODE, which would make every child
compile every module from source; an installed app has its .pyc files, so the
children may write and reuse theirs (outside the source tree).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PYCACHE = Path(tempfile.gettempdir()) / "hipcoach-bench-pycache"


def child_env(folder: Path, **extra: str) -> dict[str, str]:
    """Environment for a benchmark child process, with its folders under `folder`.

    Each child gets its own runtime folder (so each is the one Hip Coach there); a
    PulseAudio started by this process (tests/benchmarks/nullsink.py) is passed on as
    PULSE_SERVER."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("CONFIG", "DATA", "CACHE", "LOG"):
        env[f"HIPCOACH_{name}_DIR"] = str(folder / name.lower())
    pulse = Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / "pulse" / "native"
    if pulse.exists() and "PULSE_SERVER" not in env:
        env["PULSE_SERVER"] = f"unix:{pulse}"
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.update(extra)
    return env


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU seconds used so far by every thread of process `pid`."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def thread_cpu_seconds(pid: int | str = "self") -> dict[str, tuple[float, int]]:
    """(CPU seconds, times it was switched in) so far of each thread of `pid`, keyed
    'name/tid', from schedstat (nanoseconds, not clock ticks). Threads that already
    ended are not listed; their time still counts in cpu_seconds()."""
    found: dict[str, tuple[float, int]] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            run_ns, _wait_ns, slices = (task / "schedstat").read_text().split()[:3]
        except (OSError, ValueError):  # the thread ended meanwhile (or no schedstat)
            continue
        found[f"{name}/{task.name}"] = (int(run_ns) / 1e9, int(slices))
    return found
