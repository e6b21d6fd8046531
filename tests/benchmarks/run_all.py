"""`make bench`: run every benchmark and print one table.

Each benchmark module in this folder listed in BENCHMARKS has a
`measure() -> list[Result]` function; it prints its own detail and returns the
rows for the summary table. Targets are reported, never asserted.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from result import Result, print_table  # noqa: E402

BENCHMARKS = ["timing", "voice", "startup", "cpu", "responsiveness", "soak", "storage"]


def main() -> int:
    rows: list[Result] = []
    for name in BENCHMARKS:
        path = Path(__file__).with_name(f"{name}.py")
        if not path.exists():
            continue
        print(f"\n=== {name} ===", flush=True)
        try:
            rows.extend(importlib.import_module(name).measure())
        except Exception:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            rows.append(Result(name, "benchmark crashed", float("nan"), "", None, "", False))
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
