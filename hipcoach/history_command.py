"""`hipcoach history [--csv]`: the workout log as a summary, or every set as CSV on stdout."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from hipcoach.model import Routine
    from hipcoach.progress import SessionRow, SetRow

CSV_COLUMNS = ("date", "time", "workout", "routine", "outcome", "exercise", "variation", "side",
               "set", "reps_done", "reps_planned", "set_completed", "resistance")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hipcoach history`."""
    parser.add_argument("--csv", action="store_true",
                        help="print every recorded set as CSV (for a spreadsheet)")
    parser.add_argument("--weeks", type=int, default=8, metavar="N",
                        help="weeks shown in the summary (default 8)")


def run(args: argparse.Namespace) -> int:
    from hipcoach.cli import UsageError
    from hipcoach.history import History, HistoryError, history_path
    from hipcoach.routines import load_routine

    if not 1 <= args.weeks <= 520:
        raise UsageError(f"--weeks must be from 1 to 520, got {args.weeks}")
    if not history_path().exists():
        if not args.csv:
            print("No workouts recorded yet.")
        else:
            write_csv([], [], sys.stdout)
        return 0
    try:
        with History.open() as history:
            sessions, sets = history.sessions(), history.sets()
    except HistoryError as exc:
        raise UsageError(str(exc)) from None
    if args.csv:
        try:
            write_csv(sessions, sets, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `hipcoach history --csv | head`: the reader has enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        routine = load_routine(getattr(args, "routine", None))
        print(format_summary(sessions, sets, routine, args.weeks))
    return 0


def write_csv(sessions: list[SessionRow], sets: list[SetRow], out: TextIO) -> None:
    """One row per set, oldest first, with its workout's outcome; local date and time."""
    by_id = {s.id: s for s in sessions}
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in sets:
        session = by_id.get(row.session_id)
        when = dt.datetime.fromtimestamp(row.recorded)
        writer.writerow([when.date().isoformat(), when.strftime("%H:%M:%S"), row.session_id,
                         session.routine if session else "", session.outcome if session else "",
                         row.exercise, row.variation, row.side, row.set, row.reps_done,
                         row.reps_planned, "yes" if row.completed else "no", row.resistance])


def export_csv(path: str, directory: str | os.PathLike[str] | None = None) -> int:
    """Write every recorded set as CSV to `path` (atomically); returns how many."""
    from hipcoach.history import History
    from hipcoach.safe_files import write_atomic

    with History.open(directory) as history:
        sessions, sets = history.sessions(), history.sets()
    out = io.StringIO()
    write_csv(sessions, sets, out)
    write_atomic(Path(path), out.getvalue().encode("utf-8"))
    return len(sets)


def format_summary(sessions: list[SessionRow], sets: list[SetRow], routine: Routine,
                   weeks: int) -> str:
    """The text `hipcoach history` prints."""
    from hipcoach.progress import summarize

    summary = summarize(sessions, sets, routine, dt.date.today(), time.time(), weeks)
    names = {e.id: e.name for e in routine.exercises}
    streak = summary.streak_weeks
    lines = [f"{summary.workouts} workouts; streak: {streak} week{'s' * (streak != 1)}", "",
             "Workouts per week (completed / all):"]
    for week in summary.weeks:
        bar = "#" * week.completed + "+" * (week.workouts - week.completed)
        lines.append(f"  {week.start.isoformat()}  {week.completed:>2} / {week.workouts:<2} {bar}")
    lines += ["", "Total reps:"]
    lines += [f"  {names.get(e, e):<24} {reps:>6}" for e, reps in summary.total_reps] or \
        ["  none yet"]
    lines += ["", "Left / right, last 4 weeks:"]
    for b in summary.balance:
        flag = f"  <- {b.weaker} side {b.gap} reps behind" if b.flagged else ""
        lines.append(f"  {names.get(b.exercise, b.exercise):<24} {b.left:>5} / {b.right:<5}{flag}")
    if not summary.balance:
        lines.append("  no one-sided sets yet")
    if summary.hint:
        lines += ["", f"Next step: {summary.hint.text}"]
    return "\n".join(lines)
