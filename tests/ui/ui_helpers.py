"""Helpers for window tests: key presses as a keyboard makes them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

SILENT_KEYS = {Qt.Key.Key_MediaPlay, Qt.Key.Key_MediaPause, Qt.Key.Key_MediaTogglePlayPause,
               Qt.Key.Key_MediaStop, Qt.Key.Key_MediaNext, Qt.Key.Key_MediaPrevious,
               Qt.Key.Key_VolumeMute}

def press(qtbot, window, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the user makes it: to whatever has the focus in the window.

    Keys without a character (media keys) go in with an empty text, as a keyboard
    sends them; QTest.keyClick would warn that it cannot spell them.
    """
    target = window.focusWidget() or window
    if key in SILENT_KEYS:
        for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
            QTest.sendKeyEvent(action, target, key, "", modifier)
    else:
        qtbot.keyClick(target, key, modifier)
