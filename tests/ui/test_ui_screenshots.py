"""Screenshots of the start, exercise and rest screens, light and dark, for people to look at.

Written to tests/artifacts/ (git-ignored). The test checks each picture has
content; how good it looks is for a person to judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fakes import run_until
from hipcoach.model import Selection
from hipcoach.plan import StepKind
from palettes import dark_palette
from ui_helpers import press

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SIZES = {"": (1280, 800), "-small": (480, 320)}


def run_to(window, clock, timer, kind: StepKind) -> None:
    while window.session.current_step.kind is not kind:
        run_until(clock, timer, timer.due - clock.monotonic())


def save(window, name: str) -> Path:
    QApplication.processEvents()      # let the new screen's layout settle before the grab
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    image = window.grab().toImage()
    assert image.save(str(path))
    distinct = {image.pixel(x, y) for y in range(0, image.height(), 7)
                for x in range(0, image.width(), 7)}
    assert len(distinct) > 20, f"{name} looks blank"
    return path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots(make_window, qapp, qtbot, clock, timer, scheme, size):
    light = qapp.palette()
    if scheme == "dark":
        qapp.setPalette(dark_palette())
    try:
        window = make_window(size=SIZES[size])
        tag = f"{scheme}{size}"
        saved = [save(window, f"start-{tag}")]
        press(qtbot, window, Qt.Key.Key_Return)
        run_to(window, clock, timer, StepKind.HOLD)
        run_until(clock, timer, 2.3)           # second rep, half way up
        saved.append(save(window, f"exercise-{tag}"))
        run_to(window, clock, timer, StepKind.SWITCH)
        saved.append(save(window, f"switch-{tag}"))
        run_to(window, clock, timer, StepKind.REST)
        run_until(clock, timer, 2.0)
        saved.append(save(window, f"rest-{tag}"))
        window.session.stop()
        saved.append(save(window, f"stopped-{tag}"))
        press(qtbot, window, Qt.Key.Key_Return)                     # back to the start
        window.set_selection(Selection((("glute-bridge", "double-leg"),)))
        press(qtbot, window, Qt.Key.Key_Return)
        while window.session is not None:
            run_until(clock, timer, timer.due - clock.monotonic())
        saved.append(save(window, f"complete-{tag}"))
        assert all(path.stat().st_size > 2000 for path in saved)
    finally:
        qapp.setPalette(light)
