"""Start the Qt application and show the main window (placeholder window for now)."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    """Open the window with the chosen routine; returns the exit status."""
    from PySide6.QtWidgets import QApplication, QLabel

    from hipcoach.routines import load_routine

    routine = load_routine(args.routine)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    label = QLabel(f"Hip Coach: {routine.name}")
    label.resize(640, 400)
    label.show()
    return app.exec()
