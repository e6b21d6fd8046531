"""`hipcoach run`: a workout without the window (placeholder until the session engine lands)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hipcoach run`."""


def run(args: argparse.Namespace) -> int:
    from hipcoach.cli import UsageError

    raise UsageError("'run' is not available yet")
