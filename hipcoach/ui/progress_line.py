"""A thin painted progress bar that repaints only the pixels that changed.

It sits on the window background (the window colour), which it paints itself.

QProgressBar.setValue repaints at once (a synchronous, style-sheet-styled paint
of the whole bar) whenever the value moves by a pixel; the workout sets it ten
times a second. This bar asks for an ordinary update of just the strip between
the old and the new end of the highlight, which Qt paints with everything else
of that turn.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

Role = QPalette.ColorRole


class ProgressLine(QWidget):
    """A rounded track (Midlight) filled from the left in Highlight, value in [0, maximum]."""

    def __init__(self, maximum: int = 1000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._maximum = max(1, int(maximum))
        self._value = 0
        self._percent = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # it paints the window colour around its rounded ends itself, so its repaints do
        # not repaint the screen, stack and window under it
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._describe()

    def value(self) -> int:
        return self._value

    def maximum(self) -> int:
        return self._maximum

    def setValue(self, value: int) -> None:  # noqa: N802 - the QProgressBar name
        value = min(self._maximum, max(0, int(value)))
        if value == self._value:
            return
        old, new = self.fill_width(self._value), self.fill_width(value)
        self._value = value
        self._describe()
        if old != new:  # the strip between both ends, and the rounded ends around them
            radius = self._radius()
            left, right = min(old, new) - radius - 1, max(old, new) + radius + 1
            self.update(QRect(left, 0, right - left, self.height()))

    def fill_width(self, value: int | None = None) -> int:
        """Pixels of the highlight for `value` (default: the current value)."""
        shown = self._value if value is None else value
        return round(self.width() * shown / self._maximum)

    def sizeHint(self) -> QSize:
        return QSize(200, 8)

    def _radius(self) -> int:
        return min(3, self.height() // 2)

    def _describe(self) -> None:
        """Screen readers read the percentage done (updated only when it changes)."""
        percent = round(100 * self._value / self._maximum)
        if percent != self._percent:
            self._percent = percent
            self.setAccessibleDescription(f"{percent} percent done")

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isActiveWindow() \
            else QPalette.ColorGroup.Inactive
        painter.fillRect(self.rect(), palette.color(group, Role.Window))
        radius = self._radius()
        painter.setBrush(palette.color(Role.Midlight))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        width = self.fill_width()
        if width > 0:
            painter.setBrush(palette.color(Role.Highlight))
            painter.drawRoundedRect(QRectF(0, 0, width, self.height()), radius, radius)
        painter.end()
