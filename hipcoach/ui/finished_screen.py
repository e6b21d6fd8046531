"""The finished screen: how the workout went, rep counts per exercise and side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from hipcoach.model import Routine
from hipcoach.ui import step_text
from hipcoach.ui.scaled import ScaledScreen
from hipcoach.ui.widgets import CountdownRing, set_pixel_font

Role = QPalette.ColorRole


def balance_note(reps_done: dict[tuple[str, str], int], routine: Routine | None) -> str:
    """A line about left/right balance: equal reps, or which exercise differs.

    Nothing is said when no one-sided rep was finished (a workout stopped at once)."""
    names = {e.id: e.name for e in routine.exercises} if routine else {}
    done = {key: reps for key, reps in reps_done.items() if reps > 0 and key[1] != "both"}
    exercises = dict.fromkeys(exercise for exercise, _side in done)
    uneven = [names.get(exercise, exercise) for exercise in exercises
              if done.get((exercise, "left"), 0) != done.get((exercise, "right"), 0)]
    if uneven:
        return f"Left and right differ on {', '.join(uneven)}: even them up next time."
    if exercises:
        return "Same reps on both sides. Nicely balanced."
    return ""


class FinishedScreen(ScaledScreen):
    """Headline, time, reps per exercise and side, and the way back.

    Signals:
        back_requested()      the user wants the start screen again
        history_requested()   the user wants to see the history
    """

    back_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ring = CountdownRing(self)
        self.ring.setAccessibleName("Share of the workout done")
        self.ring.setBackgroundRole(Role.Window)  # it sits on the window, not on a card
        self.headline = QLabel(self)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline = QLabel(self)
        self.subline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subline.setForegroundRole(Role.PlaceholderText)
        self.balance = QLabel(self)
        self.balance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.balance.setWordWrap(True)
        self.card = QFrame(self)
        self.card.setObjectName("card")
        self.table = QGridLayout(self.card)
        self.back_button = QPushButton("Back to start", self)
        self.back_button.setAccessibleName("Back to the start screen")
        self.back_button.setAutoDefault(True)
        self.back_button.setObjectName("primaryButton")
        self.history_button = QPushButton("History…", self)
        self.history_button.setAccessibleName("Show workout history")
        self.history_button.setObjectName("bigButton")
        self.back_button.clicked.connect(self.back_requested)
        self.history_button.clicked.connect(self.history_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        self.main_layout = layout
        layout.addStretch(1)
        layout.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.headline)
        layout.addWidget(self.subline)
        layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.balance)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _apply_sizes(self) -> None:
        u = self.unit()
        self.main_layout.setContentsMargins(int(u), int(u * 0.6), int(u), int(u * 0.6))
        self.main_layout.setSpacing(int(u * 0.45))
        self.ring.setFixedSize(int(u * 4), int(u * 4))
        set_pixel_font(self.headline, u * 1.25, QFont.Weight.Bold)
        set_pixel_font(self.subline, max(12.0, u * 0.62))
        set_pixel_font(self.balance, max(11.0, u * 0.55))
        self.table.setContentsMargins(int(u * 0.9), int(u * 0.6), int(u * 0.9), int(u * 0.6))
        self.table.setHorizontalSpacing(int(u * 1.1))
        self.table.setVerticalSpacing(int(u * 0.3))
        for button, width in ((self.back_button, 6.5), (self.history_button, 5)):
            set_pixel_font(button, max(12.0, u * 0.6), QFont.Weight.DemiBold)
            button.setMinimumWidth(int(u * width))
            button.setFixedHeight(max(30, int(u * 1.6)))
        for label in self.card.findChildren(QLabel):
            if label.isVisibleTo(self.card):
                self._size_cell(label)

    def _size_cell(self, label: QLabel) -> None:
        u = self.unit()
        header = label.foregroundRole() == Role.PlaceholderText
        size = max(10.0, u * 0.5) if header else max(12.0, u * 0.66)
        set_pixel_font(label, size, QFont.Weight.DemiBold
                       if header or label.property("number") else None)

    def show_summary(self, summary: Any, routine: Routine | None = None,
                     planned_reps: int = 0) -> None:
        """Fill in from a SessionSummary; the ring shows the share of planned reps done."""
        self.headline.setText("Workout complete" if summary.completed else "Workout stopped")
        total = sum(summary.reps_done.values())
        share = 1.0 if summary.completed else (total / planned_reps if planned_reps else 0.0)
        self.ring.set_fraction(share)
        self.ring.text = f"{round(share * 100)}%"
        self.ring.update()
        minutes = step_text.minutes_text(summary.elapsed)
        skipped = summary.skipped_steps
        extra = f" · {skipped} step{'s' if skipped != 1 else ''} skipped" if skipped else ""
        self.subline.setText(f"{total} rep{'s' if total != 1 else ''} in {minutes}{extra}")
        self.balance.setText(balance_note(summary.reps_done, routine))
        self.balance.setVisible(bool(self.balance.text()))
        self.setAccessibleDescription(f"{self.headline.text()}. {self.subline.text()}.")
        self._fill_table(summary, routine)
        self.back_button.setFocus()

    def _fill_table(self, summary: Any, routine: Routine | None) -> None:
        while self.table.count():
            item = self.table.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, even before the deferred delete
                item.widget().deleteLater()
        names = {e.id: e.name for e in routine.exercises} if routine else {}
        exercises = list(dict.fromkeys(exercise for exercise, _side in summary.reps_done))
        headers = ("Exercise", "Left", "Right", "Both")
        sides = ("left", "right", "both")
        used = [side for side in sides if any(s == side for _e, s in summary.reps_done)]
        columns = [headers[0]] + [headers[1 + sides.index(side)] for side in used]
        for column, text in enumerate(columns):
            self._cell(0, column, text, header=True)
        for row, exercise in enumerate(exercises, start=1):
            self._cell(row, 0, names.get(exercise, exercise))
            for column, side in enumerate(used, start=1):
                count = summary.reps_done.get((exercise, side))
                self._cell(row, column, "–" if count is None else str(count), number=True)
        if not exercises:
            self._cell(1, 0, "No reps counted")

    def _cell(self, row: int, column: int, text: str, *, header: bool = False,
              number: bool = False) -> None:
        label = QLabel(text, self.card)
        label.setProperty("number", number)
        if header:
            label.setForegroundRole(Role.PlaceholderText)
        self._size_cell(label)
        if number or (header and column):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.addWidget(label, row, column)
