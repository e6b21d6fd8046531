"""A session on a fake clock and timer, recording every signal: shared by the session tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from fakes import FakeClock, FakeTimer, run_until
from hipcoach.model import Prescription, Selection
from hipcoach.plan import Plan, build_plan
from hipcoach.routines import load_routine
from hipcoach.session import Session, SessionSummary

# glute-bridge single leg, 2 reps x 2 sets, alternating sides:
#  0 get-ready 0-10 | 1-3 rep 1 left 10-15 (lift 1.5, hold 2, lower 1.5) | 4-6 rep 2 15-20
#  7 switch 20-28 | 8-13 right set 1 28-38 | 14 rest 38-83 | 15-20 left set 2 83-93
#  21 switch 93-101 | 22-27 right set 2 101-111 | 28 done 111
SMALL = {"reps": 2, "sets": 2}


def small_plan(**changes) -> Plan:
    routine = load_routine()
    rx = Prescription.from_dict({**SMALL, **changes}, base=routine.prescription)
    return build_plan(routine, rx, Selection((("glute-bridge", "single-leg"),)))


@dataclass
class Rig:
    """A session on a fake clock, with every signal it sent, stamped with plan-relative time."""

    clock: FakeClock
    timer: FakeTimer
    session: Session
    events: list[tuple[float, str, tuple]] = field(default_factory=list)

    def at(self) -> float:
        return round(self.clock.time - 1000.0, 6)

    def run(self, seconds: float) -> None:
        run_until(self.clock, self.timer, seconds)

    def names(self, name: str) -> list[tuple]:
        return [args for _, kind, args in self.events if kind == name]

    def started(self) -> list[int]:
        return [args[0].index for args in self.names("step_started")]

    def times(self, name: str) -> list[float]:
        return [when for when, kind, _ in self.events if kind == name]

    def clear(self) -> None:
        self.events.clear()


SIGNALS = ("step_started", "cue_due", "tick", "paused", "resumed", "suspended", "set_finished",
           "state_changed", "finished")


def make_rig(plan: Plan | None = None, **options) -> Rig:
    clock = FakeClock()
    timer = FakeTimer(clock)
    session = Session(plan or small_plan(), now=clock.monotonic, wall=clock.wall, timer=timer,
                      **options)
    rig = Rig(clock, timer, session)
    for name in SIGNALS:
        getattr(session, name).connect(
            lambda *args, name=name: rig.events.append((rig.at(), name, args)))
    return rig


def summary_of(rig: Rig) -> SessionSummary:
    (summary,), = rig.names("finished")
    return summary
