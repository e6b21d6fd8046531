"""Child-process side of the killed-workout test.

Run as `python history_worker.py DATA_DIR SETS`: runs a real Session (fake clock
and timer) with the history recorder attached until SETS sets have finished,
prints "ready", then waits on stdin for the kill -9 that ends it mid-workout.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fakes import FakeClock, FakeTimer, run_until  # noqa: E402
from hipcoach.history import History, SessionRecorder  # noqa: E402
from hipcoach.model import Prescription, Selection  # noqa: E402
from hipcoach.plan import build_plan  # noqa: E402
from hipcoach.routines import load_routine  # noqa: E402
from hipcoach.session import Session  # noqa: E402


def main(folder: str, wanted: int) -> None:
    routine = load_routine()
    rx = Prescription.from_dict({"reps": 3, "sets": 3}, base=routine.prescription)
    plan = build_plan(routine, rx, Selection((("glute-bridge", "single-leg"),)))
    clock = FakeClock()
    timer = FakeTimer(clock)
    session = Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)
    history = History.open(folder)
    SessionRecorder(history, wall=clock.wall).attach(session)
    finished = []
    session.set_finished.connect(finished.append)
    session.start()
    while len(finished) < wanted:
        run_until(clock, timer, 0.5)
    print("ready", len(finished), flush=True)
    sys.stdin.read()  # killed here, in the middle of the workout


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
