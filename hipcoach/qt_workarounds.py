"""Work-arounds for bugs in the Qt bindings, applied by explicit call (never at import).

PySide6 6.12.0 on Python 3.11: `SignalInstance.emit()` and `.disconnect()` hand
back `True` without taking a reference to it, so every call made from Python
drops one reference to `True`. `True` starts with ~50 references in a fresh
interpreter; after a few dozen emits the interpreter aborts with
"Fatal Python error: bool_dealloc". Python 3.12+ makes `True` immortal, which
hides the bug; on 3.11 we give `True` and `False` a reference count so large that
no run can use it up (2**40 emits), which is what 3.12 does by design.

The same happens to `None` on every call of a method returning void
(`QLabel.setText`, `QAction.trigger`, `QWidget.setAccessibleName`, ...): one
reference lost per call, ~3,700 calls to an abort. `None` is padded the same way.
"""

from __future__ import annotations

import ctypes
import sys

_PAD = 1 << 40


def keep_bools_alive() -> None:
    """Make `True`, `False` and `None` effectively immortal on Python < 3.12 (idempotent)."""
    if sys.version_info >= (3, 12):
        return
    for value in (True, False, None):
        count = ctypes.c_ssize_t.from_address(id(value))
        if count.value < _PAD // 2:
            count.value += _PAD
