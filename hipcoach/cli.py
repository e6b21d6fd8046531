"""Command line: `hipcoach` opens the window; subcommands print plans and lists.

Every error ends in one line on stderr and exit status 2, never a traceback.
Subcommands live in their own modules and are imported only when used, so
`hipcoach plan` never loads Qt.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Collection, Sequence

from hipcoach import __version__
from hipcoach.model import LIMITS, Prescription, Selection, ValidationError
from hipcoach.plan import Plan, build_plan
from hipcoach.routines import RoutineError, available_routines, load_routine
from hipcoach.settings import settings_for_command

if TYPE_CHECKING:
    import argparse

EXIT_USAGE = 2

# subcommand -> module with add_arguments(parser) and run(args) -> int
EXTERNAL_COMMANDS = {
    "run": ("hipcoach.run_command", "run a workout without the window (audio and events only)"),
    "history": ("hipcoach.history_command", "show or export the workout history"),
}


class UsageError(Exception):
    """A bad command line; reported in one line with exit status 2."""


def window_defaults() -> SimpleNamespace:
    """What build_parser().parse_args([]) gives (tests/test_cli.py checks it): a bare
    `hipcoach`, as the desktop launcher runs it, opens the window without loading
    argparse or building the parser (~4 ms of start-up)."""
    return SimpleNamespace(config_dir=None, verbose=False, self_test=False, routine=None,
                           time_scale=1.0, command=None)


def build_parser(words: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The command line parser. With `words` (the command line), only the subcommands
    named in it get their options (and their modules loaded): ~4 ms less for the window."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:  # one line, no usage dump
            raise UsageError(message)

    parser = _Parser(prog="hipcoach", description="Spoken hip-strength coach for runners.")
    parser.add_argument("--version", action="version", version=f"hipcoach {__version__}")
    parser.add_argument("--config-dir", help="folder for settings (default: the platform's)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log debug details")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen (icon, voice, timing) and exit")
    parser.add_argument("--routine", help="bundled routine name or path to a routine TOML file")
    parser.add_argument("--time-scale", type=float, default=1.0,
                        help="speed factor for demos (0.05 runs 20 times faster)")
    subs = parser.add_subparsers(dest="command", parser_class=_Parser)

    plan = subs.add_parser("plan", help="print the workout plan")
    if words is None or "plan" in words:
        add_workout_arguments(plan)
        plan.add_argument("--json", action="store_true", help="print JSON instead of a table")

    subs.add_parser("list", help="list routines and exercises")

    for name, (module_name, help_text) in EXTERNAL_COMMANDS.items():
        sub = subs.add_parser(name, help=help_text)
        sub.set_defaults(module=module_name)
        if words is None or name in words:
            importlib.import_module(module_name).add_arguments(sub)
    return parser


def add_workout_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that shape a workout: routine, prescription and variations."""
    parser.add_argument("--routine", dest="sub_routine", metavar="ROUTINE",
                        help="bundled routine name or path to a routine TOML file")
    for name in LIMITS:
        kind = int if name in ("reps", "sets") else float
        low, high, unit = LIMITS[name]
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind,
                            metavar="N" if kind is int else "S",
                            help=f"{low:g} to {high:g}{unit}")
    parser.add_argument("--first-side", choices=["left", "right"])
    parser.add_argument("--blocks", action="store_true",
                        help="all sets on one side, then the other (default: alternate)")
    parser.add_argument("--variation", action="append", default=[], metavar="EXERCISE=VARIATION",
                        help="pick a variation, e.g. glute-bridge=single-leg (repeatable)")
    parser.add_argument("--only", action="append", default=[], metavar="EXERCISE",
                        help="do only these exercises (repeatable)")


def workout_from_args(args: argparse.Namespace) -> tuple[Any, Prescription, Selection]:
    """The routine, prescription and selection a command line asks for."""
    routine = load_routine(getattr(args, "sub_routine", None) or args.routine)
    saved = settings_for_command(args, routine)
    changes: dict[str, Any] = {name: getattr(args, name) for name in LIMITS
                               if getattr(args, name, None) is not None}
    if getattr(args, "first_side", None):
        changes["first_side"] = args.first_side
    if getattr(args, "blocks", False):
        changes["alternate_sides"] = False
    prescription = Prescription.from_dict(changes, base=saved.prescription)
    chosen = dict(saved.selection(routine).variations)
    if getattr(args, "only", None):
        chosen = saved.variation_choices(routine)
        for exercise_id in args.only:
            routine.exercise(exercise_id)
        chosen = {k: v for k, v in chosen.items() if k in args.only}
    for item in getattr(args, "variation", []):
        exercise_id, sep, variation_id = item.partition("=")
        if not sep:
            raise UsageError(f"--variation wants EXERCISE=VARIATION, got '{item}'")
        routine.exercise(exercise_id).variation(variation_id)
        chosen[exercise_id] = variation_id
    return routine, prescription, Selection(tuple(chosen.items()), saved.options)


def format_clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) for a number of seconds."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_table(plan: Plan) -> str:
    """A plain-text table of the plan, one step a line."""
    header = f"{'#':>4}  {'start':>7}  {'secs':>5}  {'step':<9} {'exercise':<28} {'side':<5} " \
             f"{'set':>5} {'rep':>5}  cue"
    lines = [header, "-" * len(header)]
    for s in plan.steps:
        name = f"{s.exercise_name} ({s.variation_name})"
        lines.append(f"{s.index + 1:>4}  {format_clock(s.start):>7}  {s.duration:>5.1f}  "
                     f"{s.kind.value:<9} {name[:28]:<28} {s.side.value:<5} "
                     f"{s.set}/{s.sets:<3} {s.rep:>2}/{s.reps:<2}  {s.cue}")
    lines.append(f"total {format_clock(plan.total_seconds)} ({plan.total_seconds:.0f} s) "
                 f"in {len(plan)} steps")
    return "\n".join(lines)


def cmd_plan(args: argparse.Namespace) -> int:
    routine, prescription, selection = workout_from_args(args)
    plan = build_plan(routine, prescription, selection)
    if args.json:
        import json

        print(json.dumps(plan.to_json(), indent=1))
    else:
        print(format_table(plan))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    for name, path in available_routines().items():
        routine = load_routine(path)
        print(f"{name}: {routine.name}")
        for exercise in routine.exercises:
            print(f"  {exercise.id}: {exercise.name}")
            for variation in exercise.variations:
                sided = "each side" if variation.per_side else "both legs"
                print(f"    {exercise.id}={variation.id}: {variation.name} ({sided})")
    return 0


def cmd_window(args: argparse.Namespace | SimpleNamespace) -> int:
    return importlib.import_module("hipcoach.ui.app").run(args)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        if not words:
            return cmd_window(window_defaults())
        args = build_parser(frozenset(words)).parse_args(words)
        if args.self_test:
            return int(importlib.import_module("hipcoach.self_test").run(args))
        if args.command == "plan":
            return cmd_plan(args)
        if args.command == "list":
            return cmd_list(args)
        if args.command is None:
            return cmd_window(args)
        return int(importlib.import_module(args.module).run(args))
    except (UsageError, ValidationError, RoutineError) as exc:
        print(f"hipcoach: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("hipcoach: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `hipcoach plan | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
