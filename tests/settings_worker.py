"""Child-process side of the kill -9 test: a small host that forks save loops.

Run as `python settings_worker.py FOLDER`. For every line `K` read on stdin it
forks a child that saves settings in a tight loop, prints the child's pid once
save number K is done (the child is then already inside the next save), and
after the test has killed that child prints how it ended. The host stays single-threaded, so forking is safe; the test process
(which has Qt loaded) never forks.
"""

from __future__ import annotations

import os
import sys

from hipcoach.model import Prescription, Resistance, Side
from hipcoach.settings import Settings, VoiceSettings, save_settings

CUSTOM = Settings(
    prescription=Prescription(reps=12, sets=2, hold=1.5, set_rest=30.0, first_side=Side.RIGHT,
                              alternate_sides=False, resistance=Resistance.BAND),
    variations=(("glute-bridge", "double-leg"), ("donkey-kick", "fire-hydrant")),
    enabled=("glute-bridge", "donkey-kick"),
    options=frozenset({"band-above-knees"}),
    voice=VoiceSettings(enabled=False, voice_id="en-gb", rate=150, volume=70, beeps=False))


def save_forever(folder: str, saves_before_signal: int, signal_fd: int) -> None:
    """Alternate between two settings as fast as possible until killed."""
    choices = (Settings(), CUSTOM)
    for count in range(1, 10**9):
        save_settings(choices[count % 2], folder)
        if count == saves_before_signal:
            os.write(signal_fd, b"x")


def serve(folder: str) -> None:
    for line in sys.stdin:
        saves_before_signal = max(1, int(line))
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            save_forever(folder, saves_before_signal, write_end)
            os._exit(0)
        os.close(write_end)
        os.read(read_end, 1)
        os.close(read_end)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "exited",
              flush=True)


if __name__ == "__main__":
    serve(sys.argv[1])
