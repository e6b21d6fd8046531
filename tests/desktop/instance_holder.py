"""Holds the single-instance claim in its own process for the cross-process test.

    python instance_holder.py KEY FOLDER

Prints "first" once it holds the claim (or "second" if it could not), then
"activated" when another start asks for the window, and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from hipcoach.desktop.single_instance import SingleInstance
from hipcoach.qt_workarounds import keep_bools_alive


def main() -> int:
    keep_bools_alive()
    key, folder = sys.argv[1], Path(sys.argv[2])
    app = QCoreApplication(sys.argv[:1])
    instance = SingleInstance(key=key, folder=folder)
    if not instance.claim():
        print("second", flush=True)
        return 1
    instance.activation_requested.connect(lambda token: print("activated", token, flush=True))
    instance.activation_requested.connect(app.quit)
    print("first", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
