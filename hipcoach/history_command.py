"""`hipcoach history`: workout history (placeholder until history storage lands)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `hipcoach history`."""


def run(args: argparse.Namespace) -> int:
    from hipcoach.cli import UsageError

    raise UsageError("'history' is not available yet")
