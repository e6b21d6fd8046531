"""Diagnostic (not part of `make bench`): replay one cue on a PulseAudio null sink.

    .venv/bin/python tests/benchmarks/replay_probe.py [--text Hold.] [--plays 30]
        [--period 0.7] [--keys 1] [--no-record] [--env PULSE_LATENCY_MSEC=80 ...]

A child process renders the cue (pyttsx3), loads it into the app's CuePlayer
(under `keys` keys, so as many QSoundEffects take turns) and plays it `plays`
times, `period` seconds apart; it prints each thread's CPU and
wake-ups over the replays (/proc/self/task/*/schedstat). This process records the
sink's monitor with parec and counts the bursts of sound in the waveform (runs
above the silence level, at least GAP apart) and their lengths, so a replay that
was really not heard shows as a missing burst, and a cut or doubled one as a burst
of the wrong length (onset times are not used: the monitor can deliver extra
samples when the sink rewinds, which shifts any time taken from sample counts).
With --no-record only the CPU is measured (parec itself asks the sink for 5 ms
latency, which makes every stream on it wake up more often).

The child is stopped if it spins (more than SPIN_SHARE of a core for SPIN_SECONDS),
as Qt 6.12's QSoundEffect was seen to do here after a few quick replays
("QSocketNotifier: Invalid socket ... disabling" without end).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nullsink import RATE, NullSink  # noqa: E402
from procinfo import child_env, cpu_seconds, thread_cpu_seconds  # noqa: E402

LEVEL = 250  # |sample| above this is sound (the renderer's silence level)
GAP = 0.05  # s of silence that ends a burst
SPIN_SHARE = 0.8
SPIN_SECONDS = 3.0
MARK = "probe-result "


def bursts(samples, rate: int = RATE) -> list[float]:
    """Lengths in seconds of the runs of sound in `samples`."""
    found: list[float] = []
    start = last = None
    for i, sample in enumerate(samples):
        if abs(sample) > LEVEL:
            if last is None or (i - last) / rate >= GAP:
                if start is not None:
                    found.append((last - start) / rate)
                start = i
            last = i
    if start is not None:
        found.append((last - start) / rate)
    return found


def child(text: str, plays: int, period: float, keys: int = 1) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from hipcoach.voice import wavfile
    from hipcoach.voice.playback import CuePlayer
    from hipcoach.voice.render import CueRenderer

    app = QCoreApplication([])

    def wait(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory() as folder:
        renderer = CueRenderer(cache=Path(folder))
        cue = renderer.render(text).result(30)
        renderer.close()
        player = CuePlayer()
        if not player.check_device():
            raise SystemExit("no audio output")
        names = [f"{cue.text} #{n}" for n in range(keys)]
        for name in names:
            player.load(name, cue.path)
        wait(0.5)
        threads, cpu, start = thread_cpu_seconds(), cpu_seconds(), time.monotonic()
        for n in range(plays):
            player.play(names[n % keys])
            wait(period)
        wall = time.monotonic() - start
        used = {name: (seconds - threads.get(name, (0.0, 0))[0],
                       slices - threads.get(name, (0.0, 0))[1])
                for name, (seconds, slices) in thread_cpu_seconds().items()}
        result = {"cue": wavfile.seconds(cue.path), "wall": wall,
                  "cpu": cpu_seconds() - cpu, "threads": used}
        player.stop()
    print(MARK + json.dumps(result), flush=True)
    del app


def watch(process: subprocess.Popen) -> bool:
    """Wait for `process`; stop it and return True if it spins."""
    last_cpu, last_time = 0.0, time.monotonic()
    while process.poll() is None:
        time.sleep(SPIN_SECONDS)
        try:
            now_cpu = cpu_seconds(process.pid)
        except OSError:
            break
        now = time.monotonic()
        if (now_cpu - last_cpu) / (now - last_time) > SPIN_SHARE:
            process.kill()
            process.wait()
            return True
        last_cpu, last_time = now_cpu, now
    return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--text", default="Hold.")
    parser.add_argument("--plays", type=int, default=30)
    parser.add_argument("--period", type=float, default=0.7)
    parser.add_argument("--keys", type=int, default=1,
                        help="load the cue under this many keys (players) and take turns")
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the child")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.text, args.plays, args.period, args.keys)
        return 0
    extra = dict(item.split("=", 1) for item in args.env)
    with NullSink() as sink, tempfile.TemporaryDirectory() as folder:
        env = child_env(Path(folder), **extra)
        command = [sys.executable, __file__, "--child", "--text", args.text,
                   "--plays", str(args.plays), "--period", str(args.period),
                   "--keys", str(args.keys)]
        errors = Path(folder) / "stderr.txt"  # a file: a spinning child floods its stderr
        with nullcontext() if args.no_record else sink.record() as recording, \
                errors.open("w") as err_file:
            process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                       stderr=err_file, text=True)
            spun = watch(process)
            out = process.stdout.read()
            process.stdout.close()
        with errors.open(errors="replace") as err_file:
            notifier = [line.strip() for line in err_file if "QSocketNotifier" in line]
        err = errors.read_text(errors="replace")[-2000:] if len(notifier) < 1000 else ""
    if spun:
        print(f"the child spun at over {SPIN_SHARE:.0%} of a core and was stopped; "
              f"{len(notifier)} QSocketNotifier lines, first: {notifier[:1]}")
        return 1
    found = [line for line in out.splitlines() if line.startswith(MARK)]
    if not found:
        print(f"the child failed (exit {process.returncode}): {err.strip()[-400:]}")
        return 1
    result = json.loads(found[0][len(MARK):])
    wall = result["wall"]
    print(f"{args.plays} plays of {args.text!r} ({result['cue']:.3f} s, {args.keys} key(s)) "
          f"every {args.period} s"
          f"{' with ' + ', '.join(args.env) if args.env else ''}: process "
          f"{100 * result['cpu'] / wall:.2f} % of a core")
    for name, (seconds, slices) in sorted(result["threads"].items(), key=lambda t: -t[1][0]):
        if seconds > 0:
            print(f"  {name:<24} {100 * seconds / wall:6.3f} %  {slices / wall:6.0f} wake-ups/s")
    if recording is not None:
        lengths = bursts(recording.samples)
        expected = result["cue"] - 0.034  # the renderer keeps 4 + 30 ms of quiet pads
        odd = [round(x * 1000) for x in lengths if abs(x - expected) > 0.02]
        print(f"bursts of sound recorded: {len(lengths)} for {args.plays} plays; "
              f"lengths off the cue's by > 20 ms (ms): {odd or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
