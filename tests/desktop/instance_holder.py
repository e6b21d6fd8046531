"""Holds the single-instance claim in its own process for the cross-process test.

    python instance_holder.py KEY FOLDER [LISTEN_AFTER_MS]

Prints "first" once it holds the claim (or "second" if it could not), then
"activated" when another start asks for the window, and exits 0. With
LISTEN_AFTER_MS it takes the lock at once and listens that much later, as the
app does once its window is shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from hipcoach.desktop.single_instance import SingleInstance
from hipcoach.qt_workarounds import keep_bools_alive


def main() -> int:
    keep_bools_alive()
    key, folder = sys.argv[1], Path(sys.argv[2])
    app = QCoreApplication(sys.argv[:1])
    instance = SingleInstance(key=key, folder=folder)
    listen_after = int(sys.argv[3]) if len(sys.argv) > 3 else None
    if not instance.claim(listen=listen_after is None):
        print("second", flush=True)
        return 1
    instance.activation_requested.connect(lambda token: print("activated", token, flush=True))
    instance.activation_requested.connect(app.quit)
    print("first", flush=True)
    if listen_after is not None:
        QTimer.singleShot(listen_after, instance.listen)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
