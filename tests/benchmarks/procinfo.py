"""Helpers for benchmarks that run the app in child processes and read /proc.

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
import threading
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PYCACHE = Path(tempfile.gettempdir()) / "hipcoach-bench-pycache"


def child_env(folder: Path, *, keep_runtime: bool = False, **extra: str) -> dict[str, str]:
    """Environment for a benchmark child process, with its folders under `folder`.

    `keep_runtime` keeps this process's XDG_RUNTIME_DIR (a NullSink's, so the
    child finds that PulseAudio); otherwise the child gets a private one."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("CONFIG", "DATA", "CACHE", "LOG"):
        env[f"HIPCOACH_{name}_DIR"] = str(folder / name.lower())
    if not keep_runtime:
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = str(runtime)
    env.update(extra)
    return env


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU seconds used so far by every thread of process `pid`."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def status_kb(field: str, pid: int | str = "self") -> int:
    """A kB figure from /proc/<pid>/status, e.g. VmRSS or VmHWM."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def rss_mb(pid: int | str = "self") -> float:
    return status_kb("VmRSS", pid) / 1024


def os_threads(pid: int | str = "self") -> int:
    """Kernel threads of the process (Qt's and Python's alike)."""
    return len(os.listdir(f"/proc/{pid}/task"))


def python_threads() -> int:
    return threading.active_count()
