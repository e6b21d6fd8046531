"""A private PulseAudio null sink and a timestamped recorder of its monitor.

    with NullSink() as sink:            # own pulseaudio, own XDG_RUNTIME_DIR
        with sink.record() as rec:      # parec on coach.monitor
            ... play sounds ...
        rec.onsets()                    # monotonic times where sound starts

The recorder reads parec's output in small chunks on a thread and notes
when each chunk arrived, so every sample has a monotonic time (an upper
bound: capture latency, <= 5 ms as requested from parec, counts as lateness).
A sample's time comes from the chunks that arrive in the LOCAL_SPAN after it,
not from one origin for the whole recording: when a new stream starts, the
sink rewinds and the monitor delivers extra samples, which shifts every later
sample index by up to the sink's latency (measured: about 40 ms).
Everything started here is stopped by its PID.
"""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

RATE = 22050
CHUNK = 256  # samples per read (~12 ms)
LOCAL_SPAN = 0.3  # s of later chunks that date a sample


class NullSinkError(RuntimeError):
    """PulseAudio could not be started here."""


class NullSink:
    """pulseaudio in the foreground with one null sink named `coach`, as the default sink."""

    def __init__(self) -> None:
        self.runtime = ""
        self.process: subprocess.Popen | None = None
        self._old_runtime: str | None = None

    def __enter__(self) -> "NullSink":
        if not shutil.which("pulseaudio") or not shutil.which("parec"):
            raise NullSinkError("pulseaudio and parec are not installed")
        self.runtime = tempfile.mkdtemp(prefix="hipcoach-pulse-")
        os.chmod(self.runtime, 0o700)
        self._old_runtime = os.environ.get("XDG_RUNTIME_DIR")
        os.environ["XDG_RUNTIME_DIR"] = self.runtime
        self.process = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "-L", "module-native-protocol-unix",
             "-L", f"module-null-sink sink_name=coach rate={RATE}",
             "-L", "module-always-sink"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
                return self
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise NullSinkError("pulseaudio did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._old_runtime is None:
            os.environ.pop("XDG_RUNTIME_DIR", None)
        else:
            os.environ["XDG_RUNTIME_DIR"] = self._old_runtime
        shutil.rmtree(self.runtime, ignore_errors=True)

    def record(self) -> "Recorder":
        return Recorder()


class Recorder:
    """parec on the sink's monitor; samples with their monotonic times."""

    def __init__(self) -> None:
        self.samples = array.array("h")
        self.arrivals: list[tuple[int, float]] = []  # (samples so far, monotonic arrival)
        self._process: subprocess.Popen | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> "Recorder":
        self._process = subprocess.Popen(
            ["parec", "-d", "coach.monitor", "--raw", "--format=s16le", f"--rate={RATE}",
             "--channels=1", "--latency-msec=5"], stdout=subprocess.PIPE, bufsize=0)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while not self.samples and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        pending = b""
        while True:
            data = self._process.stdout.read(CHUNK * 2)
            arrived = time.monotonic()
            if not data:
                return
            pending += data
            whole = len(pending) - len(pending) % 2
            chunk = array.array("h")
            chunk.frombytes(pending[:whole])
            if sys.byteorder == "big":
                chunk.byteswap()
            pending = pending[whole:]
            self.samples.extend(chunk)
            self.arrivals.append((len(self.samples), arrived))

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(5)
        if self._thread is not None:
            self._thread.join(5)
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()

    def time_of(self, index: int) -> float:
        """Monotonic time of sample `index`: the tightest bound from the chunks just after it.

        A chunk's last sample was captured no later than the chunk arrived.
        """
        limit = index + int(LOCAL_SPAN * RATE)
        bounds = [arrived - (count - index) / RATE for count, arrived in self.arrivals
                  if index < count <= limit]
        if not bounds:
            count, arrived = next(a for a in self.arrivals if a[0] > index)
            return arrived - (count - index) / RATE
        return min(bounds)

    def onsets(self, level: int = 250, quiet: float = 0.12) -> list[float]:
        """Monotonic times where sound starts after at least `quiet` seconds of silence."""
        found: list[float] = []
        last_loud = -1e9
        for i, sample in enumerate(self.samples):
            if abs(sample) > level:
                if (i - last_loud) / RATE >= quiet:
                    found.append(self.time_of(i))
                last_loud = i
        return found

    def save(self, path: Path) -> None:
        path.write_bytes(self.samples.tobytes())
