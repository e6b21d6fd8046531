"""PySide6 6.12 signal emits must not wear out `True` (see hipcoach.qt_workarounds)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from hipcoach.qt_workarounds import keep_bools_alive

SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from hipcoach.qt_workarounds import keep_bools_alive
    keep_bools_alive()
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Source(QObject):
        changed = Signal(object)

    app = QCoreApplication([])
    source, seen = Source(), []
    for n in range(20000):
        source.changed.connect(seen.append)
        source.changed.emit(n)
        source.changed.disconnect(seen.append)
    print(len(seen))
""")


def test_many_emits_and_disconnects_do_not_abort_the_interpreter():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "20000"


def test_keep_bools_alive_is_idempotent():
    keep_bools_alive()
    before = sys.getrefcount(True)
    keep_bools_alive()
    assert abs(sys.getrefcount(True) - before) < 1000
