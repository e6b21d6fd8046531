"""The History dialog: workouts per week (a painted chart), streak, totals, left/right balance
and the progression hint. Colours come from the palette, so light and dark themes both work.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFrame, QGridLayout,
                               QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout,
                               QWidget)

from hipcoach.model import Routine
from hipcoach.progress import BALANCE_DAYS, Balance, HistorySummary, WeekCount
from hipcoach.ui.widgets import faded

Role = QPalette.ColorRole
WARNING = QColor("#e8871e")  # reads on light and dark backgrounds alike
CARD_STYLE = """
QFrame#historyCard { background: palette(base); border: 1px solid palette(midlight);
                     border-radius: 12px; }
QFrame#hintCard { background: palette(alternate-base); border: 1px solid palette(mid);
                  border-radius: 12px; }
QFrame#hintCard[ready="true"] { border: 2px solid palette(highlight); }
"""


def _font(widget: QWidget, scale: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class WeeklyChart(QWidget):
    """Bars of workouts per week: completed in the highlight colour, stopped/cut short faded."""

    def __init__(self, weeks: tuple[WeekCount, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        counts = ", ".join(f"week of {w.start:%b %d}: {w.workouts}" for w in weeks)
        self.setAccessibleName("Workouts per week")
        self.setAccessibleDescription(counts)
        self.setToolTip("Workouts per week (faded: stopped early)")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(520, 190)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink, accent = palette.color(Role.WindowText), palette.color(Role.Highlight)
        metrics = painter.fontMetrics()
        label_h = metrics.height() + 6
        top = metrics.height() + 4
        area = QRectF(28, top, self.width() - 36, self.height() - top - label_h)
        most = max([w.workouts for w in self.weeks] + [3])
        painter.setPen(faded(ink, 0.15))
        for level in range(0, most + 1, max(1, most // 3)):
            y = area.bottom() - area.height() * level / most
            painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
            painter.setPen(faded(ink, 0.55))
            painter.drawText(QRectF(0, y - 8, 22, 16), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, str(level))
            painter.setPen(faded(ink, 0.15))
        slot = area.width() / max(1, len(self.weeks))
        bar_w = min(44.0, slot * 0.6)
        for index, week in enumerate(self.weeks):
            x = area.left() + slot * index + (slot - bar_w) / 2
            done_h = area.height() * week.completed / most
            all_h = area.height() * week.workouts / most
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faded(accent, 0.35))
            painter.drawRoundedRect(QRectF(x, area.bottom() - all_h, bar_w, all_h), 4, 4)
            painter.setBrush(accent)
            painter.drawRoundedRect(QRectF(x, area.bottom() - done_h, bar_w, done_h), 4, 4)
            painter.setPen(ink)
            if week.workouts:
                painter.drawText(QRectF(x - 10, area.bottom() - all_h - top, bar_w + 20, top),
                                 Qt.AlignmentFlag.AlignCenter, str(week.workouts))
            last = index == len(self.weeks) - 1
            painter.setPen(ink if last else faded(ink, 0.6))
            painter.drawText(QRectF(area.left() + slot * index, area.bottom() + 4, slot, label_h),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             "This week" if last else f"{week.start:%b %d}".replace(" 0", " "))
        painter.end()


class BalanceBar(QWidget):
    """Left reps grow leftwards from the middle, right reps rightwards; a gap is flagged."""

    def __init__(self, balance: Balance, scale: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.balance = balance
        self.scale = max(1, scale)
        self.setMinimumHeight(26)
        self.setAccessibleName(f"Left {balance.left} reps, right {balance.right} reps")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 26)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = palette.color(Role.WindowText)
        b = self.balance
        middle = self.width() / 2
        half = middle - 52
        for reps, side in ((b.left, "left"), (b.right, "right")):
            weak = b.weaker == side
            colour = WARNING if weak else palette.color(Role.Highlight)
            length = half * reps / self.scale
            x = middle - length if side == "left" else middle
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, 4, length, self.height() - 8), 3, 3)
            painter.setPen(ink)
            text_box = QRectF(x - 50, 0, 46, self.height()) if side == "left" else \
                QRectF(middle + length + 4, 0, 46, self.height())
            align = Qt.AlignmentFlag.AlignRight if side == "left" else Qt.AlignmentFlag.AlignLeft
            painter.drawText(text_box, align | Qt.AlignmentFlag.AlignVCenter, str(reps))
        painter.setPen(faded(ink, 0.5))
        painter.drawLine(int(middle), 0, int(middle), self.height())
        painter.end()


class HistoryView(QDialog):
    """Read-only view of the workout history summary for one routine.

    With `export` (writes every set as CSV to a path, returns how many), an
    "Export CSV…" button asks for a file name and reports the result in the dialog.
    """

    def __init__(self, summary: HistorySummary, routine: Routine,
                 parent: QWidget | None = None, *,
                 export: Callable[[str], int] | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.export = export
        self.names = {e.id: e.name for e in routine.exercises}
        self.setWindowTitle("History")
        self.setStyleSheet(CARD_STYLE)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(20, 18, 20, 12)
        column.setSpacing(14)
        if summary.workouts == 0:
            column.addWidget(self._empty_state())
            self.resize(540, 220)
        else:
            self.setMinimumSize(620, 520)
            self.resize(700, 780)
            column.addLayout(self._tiles())
            chart = self._card("Workouts per week", WeeklyChart(summary.weeks, self))
            chart.layout().addWidget(self._legend())
            column.addWidget(chart)
            if summary.hint is not None:
                column.addWidget(self._hint())
            column.addWidget(self._card(f"Left and right, last {BALANCE_DAYS // 7} weeks",
                                        self._balance()))
            column.addWidget(self._card("Total reps", self._totals()))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.status = QLabel(self)
        self.status.setForegroundRole(Role.PlaceholderText)
        self.export_button = buttons.addButton("&Export CSV…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip("Save every recorded set as a CSV file for a spreadsheet")
        self.export_button.setVisible(export is not None and summary.workouts > 0)
        self.export_button.clicked.connect(self._choose_export_file)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(20, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 12)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def _choose_export_file(self) -> None:
        suggested = str(Path.home() / f"hipcoach-history-{dt.date.today().isoformat()}.csv")
        path, _filter = QFileDialog.getSaveFileName(self, "Export history", suggested,
                                                    "CSV files (*.csv)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the CSV to `path` and say how it went, in the dialog."""
        assert self.export is not None
        try:
            count = self.export(path)
        except OSError as exc:
            self.status.setText(f"Could not export: {exc.strerror or exc}.")
            return
        self.status.setText(f"Saved {count} set{'s' * (count != 1)} to {Path(path).name}.")

    def _label(self, text: str, scale: float = 1.0, bold: bool = False,
               muted: bool = False) -> QLabel:
        label = QLabel(text, self)
        label.setFont(_font(label, scale, bold))
        label.setWordWrap(True)
        if muted:
            label.setForegroundRole(Role.PlaceholderText)
        return label

    def _card(self, title: str, content: QWidget | None = None,
              name: str = "historyCard") -> QFrame:
        card = QFrame(self)
        card.setObjectName(name)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(16, 12, 16, 14)
        inner.setSpacing(8)
        if title:
            inner.addWidget(self._label(title, 1.1, bold=True))
        if content is not None:
            inner.addWidget(content)
        return card

    def _tiles(self) -> QHBoxLayout:
        s = self.summary
        this_week = s.weeks[-1].workouts if s.weeks else 0
        row = QHBoxLayout()
        row.setSpacing(14)
        for value, caption in ((s.workouts, "workouts"),
                               (s.streak_weeks, "week streak" if s.streak_weeks == 1
                                else "weeks in a row"),
                               (this_week, "this week")):
            tile = self._card("")
            tile.layout().addWidget(self._label(str(value), 2.0, bold=True))
            tile.layout().addWidget(self._label(caption, muted=True))
            tile.setAccessibleName(f"{value} {caption}")
            row.addWidget(tile)
        return row

    def _legend(self) -> QLabel:
        accent = self.palette().color(Role.Highlight)
        dim = faded(accent, 0.35)
        swatch = "<span style='color:{}'>&#9632;</span>"
        legend = self._label(f"{swatch.format(accent.name())} done to the end &nbsp; "
                             f"{swatch.format(dim.name(QColor.NameFormat.HexArgb))} "
                             f"stopped early", muted=True)
        legend.setTextFormat(Qt.TextFormat.RichText)
        return legend

    def _hint(self) -> QFrame:
        hint = self.summary.hint
        card = self._card("Next step" if hint.ready else "Progress", name="hintCard")
        card.setProperty("ready", hint.ready)
        card.layout().addWidget(self._label(hint.text))
        self.hint_label = card
        return card

    def _balance(self) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        balance = self.summary.balance
        if not balance:
            grid.addWidget(self._label("No one-sided sets in the last four weeks.", muted=True))
            return box
        grid.addWidget(self._label("Left", muted=True), 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self._label("Right", muted=True), 0, 1, Qt.AlignmentFlag.AlignRight)
        scale = max(max(b.left, b.right) for b in balance)
        self.balance_bars = []
        for index, b in enumerate(balance, start=1):
            grid.addWidget(self._label(self.names.get(b.exercise, b.exercise), bold=True),
                           2 * index - 1, 0)
            bar = BalanceBar(b, scale, box)
            self.balance_bars.append(bar)
            grid.addWidget(bar, 2 * index - 1, 1)
            if b.flagged:
                note = self._label(f"⚠ {b.weaker.capitalize()} side is {b.gap} reps behind: "
                                   f"start with the {b.weaker} side and match the reps.")
                note.setStyleSheet(f"color: {WARNING.name()};")
                grid.addWidget(note, 2 * index, 1)
        grid.setColumnStretch(1, 1)
        return box

    def _totals(self) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (exercise, reps) in enumerate(self.summary.total_reps):
            grid.addWidget(self._label(self.names.get(exercise, exercise)), index, 0)
            number = self._label(f"{reps:,}", bold=True)
            number.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(number, index, 1)
        grid.setColumnStretch(0, 1)
        return box

    def _empty_state(self) -> QFrame:
        card = self._card("No workouts yet")
        card.layout().addWidget(self._label(
            "Every set you finish is saved here, even if you stop early. Come back after "
            "your first workout to see your weeks, your streak and how your left and right "
            "sides compare.", muted=True))
        return card
