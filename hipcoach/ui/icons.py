"""Button icons drawn as shapes in one colour, so they are crisp at any scale and match
the button's text colour in light and dark schemes alike."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

ICONS = ("back", "skip", "pause", "play", "restart", "volume", "muted", "stop")


def icon_pixmap(name: str, size: QSize, ratio: float, colour: QColor,
                width: int | None = None) -> QPixmap:
    """The icon `name` (one of ICONS) at `size` logical pixels for a screen of `ratio`;
    a larger `width` leaves blank room on the right (space before a label)."""
    width = max(width or 0, size.width())
    pixmap = QPixmap(int(width * ratio + 0.5), int(size.height() * ratio + 0.5))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(size.width(), size.height())
    painter.translate((size.width() - side) / 2, (size.height() - side) / 2)
    painter.scale(side / 24, side / 24)  # shapes below are on a 24 x 24 grid
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    DRAW[name](painter, colour)
    painter.end()
    return pixmap


def _triangle(painter: QPainter, x: float, width: float, top: float = 5,
              bottom: float = 19) -> None:
    """A triangle pointing right (width > 0) or left (width < 0) from x."""
    path = QPainterPath(QPointF(x, top))
    path.lineTo(x + width, (top + bottom) / 2)
    path.lineTo(x, bottom)
    path.closeSubpath()
    painter.drawPath(path)


def _back(painter: QPainter, colour: QColor) -> None:
    painter.drawRoundedRect(QRectF(3, 5, 2.6, 14), 1, 1)
    _triangle(painter, 14, -8)
    _triangle(painter, 22, -8)


def _skip(painter: QPainter, colour: QColor) -> None:
    _triangle(painter, 2, 8)
    _triangle(painter, 10, 8)
    painter.drawRoundedRect(QRectF(18.4, 5, 2.6, 14), 1, 1)


def _pause(painter: QPainter, colour: QColor) -> None:
    painter.drawRoundedRect(QRectF(6, 4, 4, 16), 1.2, 1.2)
    painter.drawRoundedRect(QRectF(14, 4, 4, 16), 1.2, 1.2)


def _play(painter: QPainter, colour: QColor) -> None:
    _triangle(painter, 6, 14, 4, 20)


def _stop(painter: QPainter, colour: QColor) -> None:
    painter.drawRoundedRect(QRectF(5, 5, 14, 14), 2.2, 2.2)


def _restart(painter: QPainter, colour: QColor) -> None:
    pen = QPen(colour, 2.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(4.5, 4.5, 15, 15), 100 * 16, 290 * 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    path = QPainterPath(QPointF(9.5, 1.2))
    path.lineTo(15.2, 4.6)
    path.lineTo(9.5, 8.4)
    path.closeSubpath()
    painter.drawPath(path)


def _speaker(painter: QPainter) -> None:
    path = QPainterPath(QPointF(3, 9))
    for x, y in ((7, 9), (12, 4.5), (12, 19.5), (7, 15), (3, 15)):
        path.lineTo(x, y)
    path.closeSubpath()
    painter.drawPath(path)


def _volume(painter: QPainter, colour: QColor) -> None:
    _speaker(painter)
    pen = QPen(colour, 2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(9, 8, 8, 8), -55 * 16, 110 * 16)
    painter.drawArc(QRectF(8, 5, 14, 14), -55 * 16, 110 * 16)


def _muted(painter: QPainter, colour: QColor) -> None:
    _speaker(painter)
    pen = QPen(colour, 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(15, 9), QPointF(21, 15))
    painter.drawLine(QPointF(21, 9), QPointF(15, 15))


DRAW = {"back": _back, "skip": _skip, "pause": _pause, "play": _play, "restart": _restart,
        "volume": _volume, "muted": _muted, "stop": _stop}
