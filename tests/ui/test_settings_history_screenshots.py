"""Screenshots of the Settings dialog (each tab) and the History view, light and dark.

Written to tests/artifacts/ (git-ignored) for people to look at; the test only
checks that each picture has content.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hipcoach.history import History, load_summary
from hipcoach.session_types import SetRecord
from hipcoach.settings import Settings
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.settings_dialog import SettingsDialog
from palettes import dark_palette

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
MOVES = (("side-leg-lift", "lying"), ("glute-bridge", "single-leg"), ("donkey-kick", "bent-knee"))


def save(widget, name: str) -> None:
    QApplication.processEvents()
    ARTIFACTS.mkdir(exist_ok=True)
    image = widget.grab().toImage()
    assert image.save(str(ARTIFACTS / f"{name}.png"))
    distinct = {image.pixel(x, y) for y in range(0, image.height(), 5)
                for x in range(0, image.width(), 5)}
    assert len(distinct) > 20, f"{name} looks blank"


def six_weeks_of_workouts(now: float) -> None:
    """Two or three workouts a week; the right donkey kick falls behind lately (test data)."""
    with History.open() as history:
        for n, days_ago in enumerate(range(41, -1, -3)):
            start = now - days_ago * 86400
            sid = history.start_session("hips-for-runners", start, "none", 15, 3)
            for exercise, variation in MOVES:
                for set_no in (1, 2, 3):
                    for side in ("left", "right"):
                        done = 11 if (exercise == "donkey-kick" and side == "right"
                                      and days_ago < 20) else 15
                        history.add_set(sid, SetRecord(exercise, variation, side, set_no, done,
                                                       15, done == 15), start + 60)
            history.finish_session(sid, start + 1700, n % 5 != 3, 0, 1650.0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(qapp, qtbot, routine, scheme):
    light = qapp.palette()
    if scheme == "dark":
        qapp.setPalette(dark_palette())
    try:
        dialog = SettingsDialog(Settings.defaults_for(routine), routine)
        qtbot.addWidget(dialog)
        dialog.show()
        for index, tab in enumerate(("workout", "exercises", "voice")):
            dialog.tabs.setCurrentIndex(index)
            save(dialog, f"settings-{tab}-{scheme}")
        now = time.time()
        six_weeks_of_workouts(now)
        view = HistoryView(load_summary(routine, now=now), routine)
        qtbot.addWidget(view)
        view.show()
        save(view, f"history-{scheme}")
    finally:
        qapp.setPalette(light)
