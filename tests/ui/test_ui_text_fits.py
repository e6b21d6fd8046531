"""No text is cut off: wrapped labels get the height their text needs, and lists that do
not scroll sideways are never narrower than their content (checked at many window sizes)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from fakes import run_until
from ui_helpers import press

SIZES = [(480, 320), (800, 600), (1100, 720), (1280, 800), (1920, 1080)]


def cut_labels(screen) -> list[str]:
    """Visible word-wrapped labels shorter than their text at their width."""
    return [f"{label.accessibleName() or label.text()[:40]!r}: {label.height()} < "
            f"{label.heightForWidth(label.width())}"
            for label in screen.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def cut_lists(screen) -> list[str]:
    """Visible scroll areas without a sideways scroll bar whose content is cut at the side."""
    return [f"{area.widget().width()} / {area.widget().minimumSizeHint().width()} "
            f"> {area.viewport().width()}"
            for area in screen.findChildren(QScrollArea)
            if area.isVisible() and area.widget() is not None
            and area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            and max(area.widget().width(), area.widget().minimumSizeHint().width())
            > area.viewport().width()]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen_name", ["start", "workout"])
def test_no_text_is_cut_off(make_window, qtbot, clock, timer, size, screen_name):
    window = make_window(size=size)
    if screen_name == "workout":
        press(qtbot, window, Qt.Key.Key_Return)
        run_until(clock, timer, 4.2)   # the first rep, with a "Then: ..." line below it
    screen = window.current_screen()
    qtbot.waitUntil(lambda: not cut_labels(screen) and not cut_lists(screen))


def test_the_routine_description_shows_in_full_at_the_first_size(make_window, qtbot):
    window = make_window(size=(1100, 720))   # the size a first start opens at
    description = window.start_screen.description
    assert description.isVisible() and len(description.text()) > 200
    qtbot.waitUntil(lambda: description.height()
                    >= description.heightForWidth(description.width()) > 2 * 15)
