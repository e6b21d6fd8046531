"""A widget that draws an exercise figure in a pose, tinted from the palette."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap, QTransform
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from hipcoach.model import Side
from hipcoach.ui.figure import Figure, FigureError, load_figure, tinted_renderer

GHOST_OPACITY = 0.2
STROKE_MARGIN = 0.03  # of the view box's longer side: room for strokes around a part's bounds


def tint_colours(palette: QPalette) -> dict[str, QColor]:
    """The palette colour of each figure tint."""
    return {"text": palette.color(QPalette.ColorRole.WindowText),
            "accent": palette.color(QPalette.ColorRole.Highlight),
            "muted": palette.color(QPalette.ColorRole.Mid)}


class FigureView(QWidget):
    """Draws a Figure at a pose (0 rest .. 1 top), mirrored for the other side.

    A faint copy of the moving parts at the top of the rep shows where the leg
    is going. Colours come from the widget palette and follow palette changes.
    The view paints its own Base-coloured background (it sits on cards of that
    colour), so an animation frame repaints this widget alone, not its parents,
    and a new pose repaints only the box around the moving parts' old and new places.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figure: Figure | None = None
        self._renderers: dict[str, QSvgRenderer] = {}
        self._bounds: dict[str, QRectF] = {}  # each moving part's box, view-box coordinates
        self._placed: dict[tuple, tuple[dict[str, QTransform], QRect]] = {}
        self._still: tuple[tuple, QPixmap] | None = None
        self._pose = 0.0
        self._mirrored = False
        self.ghost = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(60, 40)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName("Exercise figure")

    # -- state ---------------------------------------------------------------
    @property
    def figure(self) -> Figure | None:
        return self._figure

    @property
    def pose(self) -> float:
        return self._pose

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def set_figure_id(self, figure_id: str) -> None:
        """Show the figure with this id; an empty or broken one shows nothing."""
        if self._figure is not None and self._figure.id == figure_id:
            return
        try:
            self._figure = load_figure(figure_id) if figure_id else None
        except FigureError:
            self._figure = None
        self._renderers = {}
        self._bounds = {}
        self.update()

    def set_side(self, side: Side) -> None:
        """Mirror the drawing when `side` is not the side it shows."""
        mirrored = self._figure is not None and self._figure.needs_mirror(side)
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self.update()

    def set_pose(self, pose: float) -> None:
        pose = min(1.0, max(0.0, pose))
        if abs(pose - self._pose) > 1e-4:
            before = self.moving_rect(self._pose)
            self._pose = pose
            self.update(before.united(self.moving_rect(pose)))

    def moving_rect(self, pose: float) -> QRect:
        """Where the moving parts are drawn at `pose` (widget pixels; empty without a figure)."""
        return self._placement(pose)[1]

    def _placement(self, pose: float) -> tuple[dict[str, QTransform], QRect]:
        """Each moving part's widget transform at `pose` and the box they cover.

        The last two poses are kept: a new pose is placed once, for its update and its paint.
        """
        figure = self._figure
        if figure is None or self.width() <= 0 or self.height() <= 0:
            return {}, QRect()
        key = (figure.id, pose, self.width(), self.height(), self._mirrored)
        placed = self._placed.get(key)
        if placed is not None:
            return placed
        if not self._bounds:
            margin = STROKE_MARGIN * max(figure.view_box.width(), figure.view_box.height())
            for part in figure.parts:
                if part.moves:
                    box = QSvgRenderer(QByteArray(part.document)).boundsOnElement(part.id)
                    self._bounds[part.id] = box.adjusted(-margin, -margin, margin, margin)
        view = self._view_transform()
        now = figure.transforms(pose)
        moving = {part_id: now[part_id] * view for part_id in self._bounds}
        area = QRectF()
        for part_id, box in self._bounds.items():
            area = area.united(moving[part_id].mapRect(box))
        placed = (moving, area.toAlignedRect().adjusted(-2, -2, 2, 2))  # antialiased edges
        if len(self._placed) > 1:
            self._placed.clear()
        self._placed[key] = placed
        return placed

    # -- Qt ------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(400, 260)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.EnabledChange):
            self._renderers = {}  # a disabled figure is drawn in the disabled colours
            self.update()
        super().changeEvent(event)

    def figure_rect(self) -> QRectF:
        """Where the view box lands in the widget: centred, aspect kept."""
        if self._figure is None:
            return QRectF()
        box = self._figure.view_box
        scale = min(self.width() / box.width(), self.height() / box.height())
        width, height = box.width() * scale, box.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def card_colour(self) -> QColor:
        """The Base colour of the card under the view (as enabled, even when we are not)."""
        group = QPalette.ColorGroup.Active if self.isActiveWindow() \
            else QPalette.ColorGroup.Inactive
        return self.palette().color(group, QPalette.ColorRole.Base)

    def _view_transform(self) -> QTransform:
        """View-box coordinates to widget coordinates, mirrored when asked."""
        target = self.figure_rect()
        box = self._figure.view_box
        view = (QTransform.fromTranslate(-box.x(), -box.y())
                * QTransform.fromScale(target.width() / box.width(),
                                       target.height() / box.height())
                * QTransform.fromTranslate(target.x(), target.y()))
        if self._mirrored:
            centre = target.center().x()
            view = view * QTransform.fromTranslate(-centre, 0) * QTransform.fromScale(-1, 1) \
                * QTransform.fromTranslate(centre, 0)
        return view

    def _still_layer(self, view: QTransform) -> QPixmap:
        """The parts that never move (and the faint top pose), drawn once per size/side/palette."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self._mirrored, self.ghost)
        if self._still is not None and self._still[0] == key:
            return self._still[1]
        figure = self._figure
        pixmap = QPixmap(int(self.width() * ratio + 0.5), int(self.height() * ratio + 0.5))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(self.card_colour())
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.ghost:
            top = figure.transforms(1.0)
            painter.setOpacity(GHOST_OPACITY)
            for part in figure.parts:
                if part.moves and part.tint == "accent":
                    self._draw(painter, part.id, top[part.id] * view, figure.view_box)
            painter.setOpacity(1.0)
        for part in figure.parts:
            if not part.moves:
                self._draw(painter, part.id, view, figure.view_box)
        painter.end()
        self._still = (key, pixmap)
        return pixmap

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        figure = self._figure
        if figure is None:
            painter = QPainter(self)
            painter.fillRect(self.rect(), self.card_colour())
            painter.end()
            return
        if not self._renderers:
            colours = tint_colours(self.palette())
            self._renderers = {p.id: tinted_renderer(p, colours[p.tint]) for p in figure.parts}
            self._still = None
        view = self._view_transform()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._still_layer(view))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        moving = self._placement(self._pose)[0]
        for part in figure.parts:
            if part.moves:
                self._draw(painter, part.id, moving[part.id], figure.view_box)
        painter.end()

    def _draw(self, painter: QPainter, part_id: str, transform: QTransform, box: QRectF) -> None:
        painter.setTransform(transform)
        self._renderers[part_id].render(painter, box)
