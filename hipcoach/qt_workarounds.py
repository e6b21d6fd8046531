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

Not a bug but a start-up cost: skip_feature_source_scan() (see there).
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


def skip_feature_source_scan() -> None:
    """Stop PySide's import hook from reading the source of every module imported after
    PySide6 (idempotent; call once PySide6 is imported).

    For its opt-in `__feature__` switches (snake_case, true_property) PySide6 6.12 calls
    `inspect.getsource()` on each newly imported module to note whether it mentions
    PySide6 (~0.15 ms a module, ~5 ms of Hip Coach's start-up). Hip Coach never turns a
    feature on, so every module can be noted as "default features" without the read; a
    module that does import `__feature__` still sets its own entry. Without this private
    hook (another PySide version) nothing changes."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_default_features


def _uses_default_features(_module: object) -> bool:
    return True
