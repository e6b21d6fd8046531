"""The History dialog, built from a real SQLite history, in light and dark palettes."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from hipcoach.history import History, load_summary
from hipcoach.history_command import export_csv
from hipcoach.session_types import SetRecord
from hipcoach.ui.history_view import WARNING, BalanceBar, HistoryView, WeeklyChart
from palettes import dark_palette

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
NOW = dt.datetime(2026, 11, 27, 18, 0).timestamp()  # a Friday evening


def record_workouts(days_ago: list[int], right_reps: int = 15, completed: bool = True) -> None:
    with History.open() as history:
        for ago in days_ago:
            start = NOW - ago * 86400 - 3600
            sid = history.start_session("hips-for-runners", start, "none", 15, 3)
            for set_no in (1, 2, 3):
                for side, reps in (("left", 15), ("right", right_reps)):
                    history.add_set(sid, SetRecord("donkey-kick", "bent-knee", side, set_no, reps,
                                                   15, reps == 15), start + 60)
            history.finish_session(sid, start + 1800, completed, 0, 1700.0)


def texts(view: HistoryView) -> list[str]:
    return [label.text() for label in view.findChildren(QLabel)]


def show(qtbot, routine) -> HistoryView:
    view = HistoryView(load_summary(routine, now=NOW), routine)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def colour_pixels(widget, colour) -> int:
    image = widget.grab().toImage()
    rgb = colour.rgb()
    return sum(image.pixel(x, y) == rgb for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_empty_history_explains_what_will_appear(qtbot, routine):
    view = show(qtbot, routine)
    assert "No workouts yet" in texts(view)
    assert not view.findChildren(WeeklyChart)


def test_figures_chart_balance_and_hint(qtbot, routine):
    record_workouts([0, 2, 9, 16])
    view = show(qtbot, routine)
    shown = texts(view)
    assert ["4", "workouts"] == shown[shown.index("4"):shown.index("4") + 2]
    assert "weeks in a row" in shown
    [chart] = view.findChildren(WeeklyChart)
    assert [w.workouts for w in chart.weeks][-3:] == [1, 1, 2]
    assert "Next step" in shown
    assert any("next time, add resistance band" in t for t in shown)
    assert "Donkey kick" in shown and "360" in shown  # 4 workouts x 3 sets x 2 sides x 15
    [bar] = view.findChildren(BalanceBar)
    assert (bar.balance.left, bar.balance.right, bar.balance.flagged) == (180, 180, False)


def test_an_imbalance_is_flagged_in_words_and_colour(qtbot, routine):
    record_workouts([1, 3], right_reps=10)
    view = show(qtbot, routine)
    warning = [t for t in texts(view) if t.startswith("⚠")]
    assert warning == ["⚠ Right side is 30 reps behind: start with the right side and "
                       "match the reps."]
    [bar] = view.findChildren(BalanceBar)
    assert bar.balance.weaker == "right"
    assert colour_pixels(bar, WARNING) > 20


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_chart_paints_bars_in_the_palette_highlight(qtbot, routine, theme):
    record_workouts([0, 1, 8])
    app = QApplication.instance()
    original = app.palette()
    if theme == "dark":
        app.setPalette(dark_palette())
    try:
        view = show(qtbot, routine)
        [chart] = view.findChildren(WeeklyChart)
        highlight = chart.palette().color(QPalette.ColorRole.Highlight)
        assert colour_pixels(chart, highlight) > 200
    finally:
        app.setPalette(original)


def test_load_summary_uses_the_data_folder_and_a_clock(routine):
    record_workouts([0])
    summary = load_summary(routine, now=NOW)
    assert summary.workouts == 1 and summary.weeks[-1].workouts == 1
    later = load_summary(routine, now=NOW + 70 * 86400)
    assert later.weeks[-1].workouts == 0 and later.streak_weeks == 0


def test_export_writes_every_set_as_csv_and_says_so(qtbot, routine, tmp_path):
    record_workouts([0, 1])
    view = HistoryView(load_summary(routine, now=NOW), routine,
                       export=lambda path: export_csv(path))
    qtbot.addWidget(view)
    assert not view.export_button.isHidden()
    target = tmp_path / "out.csv"
    view.export_to(str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert len(rows) == 12 and {r["exercise"] for r in rows} == {"donkey-kick"}
    assert view.status.text() == "Saved 12 sets to out.csv."
    (tmp_path / "a-file").write_text("")
    view.export_to(str(tmp_path / "a-file" / "out.csv"))
    assert view.status.text().startswith("Could not export")


def test_no_export_button_without_an_exporter_or_workouts(qtbot, routine):
    empty = HistoryView(load_summary(routine, now=NOW), routine, export=lambda path: 0)
    plain = HistoryView(load_summary(routine, now=NOW), routine)
    for view in (empty, plain):
        qtbot.addWidget(view)
        assert view.export_button.isHidden()
