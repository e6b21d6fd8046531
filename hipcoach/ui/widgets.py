"""Painted building blocks of the window: side badge, countdown ring, big counter, banner.

Every colour comes from the widget palette, so the light and dark schemes both work.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (QAction, QColor, QFont, QFontMetricsF, QIcon, QPainter,
                           QPainterPath, QPalette, QPen, QPixmap)
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QToolButton, QWidget)

from hipcoach.model import Side
from hipcoach.ui.icons import icon_pixmap

Role = QPalette.ColorRole
SUFFIX_SCALE = 0.4  # the "/15" after a rep number, relative to the number
ICON_ROLES = (Role.WindowText, Role.HighlightedText, Role.Mid)  # the colours of button icons


def faded(colour: QColor, alpha: float) -> QColor:
    """The same colour with an opacity (0..1)."""
    out = QColor(colour)
    out.setAlphaF(alpha)
    return out


def card_base(widget: QWidget) -> QColor:
    """The Base colour a card (style sheet `palette(base)`) has under `widget`."""
    group = QPalette.ColorGroup.Active if widget.isActiveWindow() else QPalette.ColorGroup.Inactive
    return widget.palette().color(group, Role.Base)


def set_on_card(widget: QWidget) -> None:
    """Fill the painted widget's background in card colour: repaints leave the card alone."""
    widget.on_card = True
    widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)


def let_width_go(label: QLabel) -> None:
    """Let layouts give `label` any width (long text never widens the window). A
    word-wrapped label still gets the height its text needs at that width: a new size
    policy drops the height-for-width flag that setWordWrap(True) set, so it is set again."""
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(label.wordWrap())
    label.setSizePolicy(policy)


def set_pixel_font(widget: QWidget, pixels: float, weight: QFont.Weight | None = None) -> None:
    """Give a widget a font of `pixels` logical pixels (HiDPI scales it for us)."""
    font = QFont(widget.font())
    font.setPixelSize(max(8, int(pixels)))
    if weight is not None:
        font.setWeight(weight)
    widget.setFont(font)


class ActionButton(QPushButton):
    """A big push button that mirrors a QAction: text, enabled, checked, tooltip.

    Its icon is drawn (hipcoach.ui.icons) in the button's text colour; `icon_name`
    picks it from the action's state (e.g. pause or play).
    """

    def __init__(self, action: QAction, icon_name: Callable[[QAction], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._action = action
        self._icon_name = icon_name
        self.compact = False
        self.glyph = 16
        self._icon_key: tuple = ()
        self.setObjectName("bigButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to pause, not to a button
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clicked.connect(action.trigger)
        action.changed.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        action = self._action
        self.setText("" if self.compact else action.iconText())
        self.setEnabled(action.isEnabled())
        self.setCheckable(action.isCheckable())
        self.setChecked(action.isChecked())
        self.setToolTip(action.toolTip())
        self.setAccessibleName(action.iconText())
        # actions sync at every state change; a new QIcon re-lays the button out: only on change
        palette, ratio, accent = self.palette(), self.devicePixelRatioF(), self.property("accent")
        key = (self._icon_name(action), self.glyph, self.iconSize().width(), ratio, bool(accent),
               *(palette.color(role).rgba() for role in ICON_ROLES))
        if key != self._icon_key:
            self._icon_key = key
            self.setIcon(self._drawn_icon(key[0]))

    def set_compact(self, compact: bool, icon: int | None = None) -> None:
        """Icons only, for small windows (the accessible name keeps the words).

        `icon` is the glyph size; beside words the icon gets a gap on its right.
        """
        self.compact = compact
        if icon is not None:
            self.glyph = icon
        gap = 0 if compact else int(self.glyph * 0.45)
        self.setIconSize(QSize(self.glyph + gap, self.glyph))
        self.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.sync()

    def _drawn_icon(self, name: str) -> QIcon:
        """The icon in the colours the style sheet gives the button's text."""
        palette = self.palette()
        accent = bool(self.property("accent"))
        plain = palette.color(Role.HighlightedText if accent else Role.WindowText)
        size, ratio = QSize(self.glyph, self.glyph), self.devicePixelRatioF()
        width = self.iconSize().width()
        icon = QIcon()
        for mode, state, colour in (
                (QIcon.Mode.Normal, QIcon.State.Off, plain),
                (QIcon.Mode.Normal, QIcon.State.On, palette.color(Role.HighlightedText)),
                (QIcon.Mode.Disabled, QIcon.State.Off, palette.color(Role.Mid))):
            icon.addPixmap(icon_pixmap(name, size, ratio, colour, width=width), mode, state)
        return icon


class SideBadge(QWidget):
    """LEFT or RIGHT in a filled pill with an arrow, sitting at that side of the row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._side: Side | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Side")

    @property
    def side(self) -> Side | None:
        return self._side

    def text(self) -> str:
        return {Side.LEFT: "LEFT", Side.RIGHT: "RIGHT", Side.BOTH: "BOTH LEGS"}.get(self._side, "")

    def set_side(self, side: Side | None) -> None:
        if side is not self._side:
            self._side = side
            words = {Side.LEFT: "Left side", Side.RIGHT: "Right side", Side.BOTH: "Both legs"}
            self.setAccessibleName(words.get(side, "Side"))
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, 56)

    def pill_rect(self) -> QRectF:
        """Where the pill is drawn: at the left edge for LEFT, the right edge for RIGHT."""
        height = float(self.height())
        font = self._font()
        width = QFontMetricsF(font).horizontalAdvance(self.text()) + height * 1.45
        width = min(width, float(self.width()))
        x = {Side.RIGHT: self.width() - width, Side.BOTH: (self.width() - width) / 2}.get(
            self._side, 0.0)
        return QRectF(x, 0, width, height)

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, int(self.height() * 0.52)))
        font.setWeight(QFont.Weight.Black)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        return font

    def paintEvent(self, event) -> None:  # noqa: N802
        if self._side is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = self.pill_rect()
        radius = rect.height() / 2
        solid = self._side is not Side.BOTH
        if solid:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(Role.Highlight))
        else:
            painter.setPen(QPen(palette.color(Role.WindowText), max(2.0, rect.height() / 18)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = rect.adjusted(1.5, 1.5, -1.5, -1.5)
        painter.drawRoundedRect(rect, radius, radius)
        ink = palette.color(Role.HighlightedText if solid else Role.WindowText)
        arrow = rect.height() * 0.34
        text_rect = QRectF(rect)
        if self._side is Side.LEFT:
            tip = QPointF(rect.left() + radius * 0.9, rect.center().y())
            self._arrow(painter, tip, -arrow, ink)
            text_rect.setLeft(rect.left() + radius * 1.35)
        elif self._side is Side.RIGHT:
            tip = QPointF(rect.right() - radius * 0.9, rect.center().y())
            self._arrow(painter, tip, arrow, ink)
            text_rect.setRight(rect.right() - radius * 1.35)
        painter.setPen(ink)
        painter.setFont(self._font())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()

    @staticmethod
    def _arrow(painter: QPainter, tip_centre: QPointF, size: float, ink: QColor) -> None:
        """A solid triangle pointing left (size < 0) or right (size > 0)."""
        path = QPainterPath()
        x, y = tip_centre.x(), tip_centre.y()
        path.moveTo(x + size / 2, y)
        path.lineTo(x - size / 2, y - abs(size) * 0.6)
        path.lineTo(x - size / 2, y + abs(size) * 0.6)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawPath(path)


class CountdownRing(QWidget):
    """A ring whose highlighted arc shrinks as the step runs out (fraction 1 -> 0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 1.0
        self.dimmed = False
        self.text = ""   # drawn in the middle when set
        self.on_card = False  # set_on_card(): fills its background with the card colour
        self._track: tuple[tuple, QPixmap] | None = None  # the full faint circle, drawn once
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Time left in this step")

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if abs(fraction - self._fraction) > 1e-3:
            self._fraction = fraction
            self.update()

    def set_dimmed(self, dimmed: bool) -> None:
        self.dimmed = dimmed
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(64, 64)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        width = max(3.0, side * 0.14)
        rect = QRectF((self.width() - side) / 2 + width / 2, (self.height() - side) / 2 + width / 2,
                      side - width, side - width)
        palette = self.palette()
        if self.on_card:
            painter.fillRect(self.rect(), card_base(self))
        painter.drawPixmap(0, 0, self._track_layer(rect, width))
        colour = palette.color(Role.WindowText if self.dimmed else Role.Highlight)
        pen = QPen(faded(colour, 0.45) if self.dimmed else colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        if self._fraction > 0:
            painter.drawArc(rect, 90 * 16, int(self._fraction * 360 * 16))
        if self.text:
            font = QFont(self.font())
            font.setPixelSize(max(8, int(rect.height() * 0.26)))
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.setPen(palette.color(Role.WindowText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()

    def _track_layer(self, rect: QRectF, width: float) -> QPixmap:
        """The faint full circle under the arc; a thick antialiased ellipse costs ~0.25 ms
        to stroke, and the ring repaints 25 times a second during reps."""
        ratio = self.devicePixelRatioF()
        ink = faded(self.palette().color(Role.WindowText), 0.12)
        key = (self.width(), self.height(), ratio, ink.rgba())
        if self._track is None or self._track[0] != key:
            pixmap = QPixmap(int(self.width() * ratio + 0.5), int(self.height() * ratio + 0.5))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(ink, width))
            painter.drawEllipse(rect)
            painter.end()
            self._track = (key, pixmap)
        return self._track[1]


class BigCounter(QWidget):
    """A huge number with a smaller suffix ("7" "/ 15") and a caption, fitted to the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._main, self._suffix, self._caption = "", "", ""
        self.on_card = False  # set_on_card(): fills its background with the card colour
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(80, 50)

    def text(self) -> str:
        return f"{self._main}{self._suffix}"

    def caption(self) -> str:
        return self._caption

    def set_value(self, main: str, suffix: str = "", caption: str = "",
                  spoken: str = "") -> None:
        if (main, suffix, caption) != (self._main, self._suffix, self._caption):
            self._main, self._suffix, self._caption = main, suffix, caption
            self.setAccessibleName(spoken or f"{caption} {main}{suffix}".strip())
            self.update()

    def _main_font(self, box: QRectF) -> QFont:
        """The biggest bold font for the digits whose number and suffix fit in `box`."""
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Bold)
        font.setPixelSize(100)
        metrics = QFontMetricsF(font)
        small = QFont(font)
        small.setPixelSize(int(100 * SUFFIX_SCALE))
        small.setWeight(QFont.Weight.DemiBold)
        width = metrics.horizontalAdvance(self._main or "0") + 6 \
            + QFontMetricsF(small).horizontalAdvance(self._suffix)
        scale = min(box.width() / width, box.height() * 0.86 / metrics.capHeight())
        font.setPixelSize(max(6, int(100 * scale)))
        return font

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = self.palette()
        if self.on_card:
            painter.fillRect(self.rect(), card_base(self))
        caption_height = self.height() * 0.11 if self._caption else 0.0
        if self._caption:
            font = QFont(self.font())
            font.setPixelSize(max(8, int(caption_height * 0.78)))
            font.setWeight(QFont.Weight.DemiBold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
            painter.setFont(font)
            painter.setPen(faded(palette.color(Role.WindowText), 0.65))
            painter.drawText(QRectF(0, 0, self.width(), caption_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                             self._caption.upper())
        box = QRectF(0, caption_height, self.width(), self.height() - caption_height)
        font = self._main_font(box)
        metrics = QFontMetricsF(font)
        baseline = box.bottom() - (box.height() - metrics.capHeight()) / 2
        painter.setFont(font)
        painter.setPen(palette.color(Role.WindowText))
        painter.drawText(QPointF(0, baseline), self._main)
        if self._suffix:
            small = QFont(font)
            small.setPixelSize(max(6, int(font.pixelSize() * SUFFIX_SCALE)))
            small.setWeight(QFont.Weight.DemiBold)
            painter.setFont(small)
            painter.setPen(faded(palette.color(Role.WindowText), 0.55))
            after_digits = metrics.horizontalAdvance(self._main) + font.pixelSize() * 0.06
            painter.drawText(QPointF(after_digits, baseline), self._suffix)
        painter.end()


class NoticeBanner(QFrame):
    """A dismissible one-line notice across the top of the window.

    Signals:
        dismissed()   the user closed the banner
    """

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(Role.ToolTipBase)
        self.setForegroundRole(Role.ToolTipText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setForegroundRole(Role.ToolTipText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("Dismiss")
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.hide()

    def show_text(self, text: str) -> None:
        first_line = text.strip().splitlines()[0] if text.strip() else ""
        self.label.setText(first_line)
        self.label.setToolTip(text)
        self.setAccessibleName(f"Notice: {first_line}")
        self.setVisible(bool(first_line))

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
