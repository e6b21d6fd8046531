"""Work-arounds for PySide6 6.12 (see hipcoach.qt_workarounds): signal emits must not wear
out `True`; new modules are not read back by PySide's import hook."""

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


SOURCE_SCAN = textwrap.dedent("""
    import inspect, sys
    sys.path.insert(0, sys.argv[1])
    import PySide6.QtCore
    from hipcoach.qt_workarounds import skip_feature_source_scan
    reads = []
    real_getsource = inspect.getsource
    inspect.getsource = lambda obj: reads.append(obj.__name__) or real_getsource(obj)
    import scanned_before
    skip_feature_source_scan()
    import scanned_after
    print(",".join(reads))
""")


def test_pyside_stops_reading_the_source_of_each_new_module(tmp_path):
    for name in ("scanned_before", "scanned_after"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    out = subprocess.run([sys.executable, "-c", SOURCE_SCAN, str(tmp_path)],
                         capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["scanned_before"]
