"""One row of the benchmark table, and the table printer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    """A measured figure next to its floor (measured in the same run) and its target."""

    group: str
    name: str
    value: float
    unit: str
    floor: float | None
    target: str
    ok: bool | None


def print_table(rows: list[Result]) -> None:
    header = f"{'group':<15} {'figure':<42} {'value':>12} {'floor':>12}  {'target':<26} ok"
    print(header)
    print("-" * len(header))
    for r in rows:
        floor = "" if r.floor is None else f"{r.floor:.3g} {r.unit}"
        ok = {True: "yes", False: "NO", None: "-"}[r.ok]
        print(f"{r.group:<15} {r.name:<42} {r.value:>9.3g} {r.unit:<2} {floor:>12}  "
              f"{r.target:<26} {ok}")
