"""The window follows the palette (light and dark) and survives small sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar, QWidget

from fakes import run_until
from palettes import dark_palette
from ui_helpers import press

Role = QPalette.ColorRole


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) \
        + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1..21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours_in(widget: QWidget) -> set[tuple[int, int, int]]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).getRgb()[:3]
            for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)}


def near(colour: QColor, found: set[tuple[int, int, int]], tolerance: int = 6) -> bool:
    r, g, b = colour.red(), colour.green(), colour.blue()
    return any(abs(r - x) <= tolerance and abs(g - y) <= tolerance and abs(b - z) <= tolerance
               for x, y, z in found)


@pytest.fixture
def dark_scheme(qapp):
    """The desktop switches to a dark scheme: Qt hands the app a dark palette."""
    light = qapp.palette()

    def switch() -> None:
        qapp.setPalette(dark_palette())
        qapp.processEvents()          # the palette reaches the widgets as posted events

    yield switch
    qapp.setPalette(light)
    qapp.processEvents()


@pytest.fixture
def dark_window(make_window, qtbot, clock, timer, dark_scheme):
    window = make_window()
    dark_scheme()
    press(qtbot, window, Qt.Key.Key_Return)
    run_until(clock, timer, 4.2)   # holding rep 1: the leg is up
    return window


def test_dark_palette_text_is_light_on_dark_and_readable(dark_window):
    palette = dark_palette()
    screen = dark_window.workout_screen
    for label in (screen.exercise_label, screen.set_label, screen.phase_label):
        ink = label.palette().color(label.foregroundRole())
        ground = screen.count_card.palette().color(Role.Base)
        assert contrast(ink, ground) >= 7, label.text()
        assert ink == palette.color(Role.WindowText)
    for label in (screen.variation_label, screen.next_label, screen.time_left_label):
        ink = label.palette().color(label.foregroundRole())
        assert contrast(ink, palette.color(Role.Window)) >= 4.5, label.text()


def test_dark_palette_paints_background_counter_badge_and_figure(dark_window):
    palette = dark_palette()
    screen = dark_window.workout_screen
    background = dark_window.centralWidget().grab().toImage().pixelColor(QPoint(3, 3))
    assert background == palette.color(Role.Window)
    assert near(palette.color(Role.WindowText), colours_in(screen.counter))
    badge = colours_in(screen.side_badge)
    assert near(palette.color(Role.Highlight), badge)
    assert near(palette.color(Role.HighlightedText), badge)
    figure = colours_in(screen.figure)
    assert near(palette.color(Role.WindowText), figure)   # the body
    assert near(palette.color(Role.Highlight), figure)    # the moving leg
    assert not near(QColor("black"), figure, tolerance=20)
    skip = colours_in(screen.buttons["skip"])                 # icons drawn in the text colour
    assert near(palette.color(Role.WindowText), skip)
    assert not near(QColor("black"), skip, tolerance=20)


def test_switching_palette_repaints_the_figure(make_window, dark_scheme):
    window = make_window()
    figure = window.start_screen.figure
    light = colours_in(figure)
    dark_scheme()
    dark = colours_in(figure)
    assert near(dark_palette().color(Role.WindowText), dark)
    assert dark != light


@pytest.mark.parametrize("size", [(480, 320), (800, 600), (1920, 1080)])
@pytest.mark.parametrize("screen_name", ["start", "workout", "finished"])
def test_every_screen_fits_from_480_by_320_up(make_window, qtbot, screen_name, size, clock,
                                             timer):
    window = make_window(size=(1100, 720))
    if screen_name != "start":
        press(qtbot, window, Qt.Key.Key_Return)
        run_until(clock, timer, 4.2)
    if screen_name == "finished":
        window.session.stop()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    assert (window.width(), window.height()) == size
    screen = window.current_screen()

    def scrolled(widget: QWidget) -> bool:
        """Inside a scroll area: clipped by it, so only the scroll area itself must fit."""
        parent = widget.parentWidget()
        while parent is not None and parent is not screen:
            if isinstance(parent, QAbstractScrollArea):
                return True
            parent = parent.parentWidget()
        return False

    def everything_inside() -> None:
        visible = [w for w in screen.findChildren(QWidget) if w.isVisible() and not scrolled(w)]
        assert visible
        for widget in visible:
            top_left = widget.mapTo(screen, QPoint(0, 0))
            assert top_left.x() >= 0 and top_left.y() >= 0, widget
            assert top_left.x() + widget.width() <= screen.width() + 1, widget
            assert top_left.y() + widget.height() <= screen.height() + 1, widget
        leaves = [w for w in visible if not isinstance(w, QScrollBar) and (
            isinstance(w, QAbstractScrollArea)
            or w.layout() is None and not any(c.isVisible() for c in w.findChildren(QWidget)))]
        boxes = [(QRect(w.mapTo(screen, QPoint(0, 0)), w.size()), w) for w in leaves]
        for i, (a, wa) in enumerate(boxes):
            for b, wb in boxes[i + 1:]:
                assert not a.intersects(b), (wa, wb)   # nothing drawn over anything else

    qtbot.waitUntil(everything_inside)   # layouts settle on posted events


def test_workout_type_scales_with_the_window(make_window, qtbot, clock, timer):
    window = make_window(size=(1280, 800))
    press(qtbot, window, Qt.Key.Key_Return)
    screen = window.workout_screen
    big = screen.phase_label.font().pixelSize()
    window.resize(480, 320)
    qtbot.waitUntil(lambda: screen.phase_label.font().pixelSize() < big)
    small = screen.phase_label.font().pixelSize()
    assert big >= 50 and 18 <= small < big / 2


@pytest.mark.parametrize("size, mode", [((1280, 800), "wide"), ((800, 600), "stacked"),
                                        ((480, 320), "compact")])
def test_the_start_screen_rearranges_for_the_window(make_window, qtbot, size, mode):
    window = make_window(size=size)
    screen = window.start_screen
    qtbot.waitUntil(lambda: screen.layout_mode() == mode)
    panel, rows = screen.details_panel, screen.rows_scroll
    assert panel.isVisible() == (mode != "compact")
    if mode == "wide":
        qtbot.waitUntil(lambda: panel.x() > rows.x() + rows.width() - 1)
    if mode == "stacked":
        qtbot.waitUntil(lambda: panel.y() >= rows.y() + rows.height())
        qtbot.waitUntil(lambda: rows.verticalScrollBar().maximum() == 0)   # no scrolling


def test_a_left_out_exercise_greys_its_figure(make_window):
    window = make_window()
    row = window.start_screen.rows[1]
    accent = row.thumbnail.palette().color(Role.Highlight)
    assert near(accent, colours_in(row.thumbnail))
    row.include.setChecked(False)
    assert not row.thumbnail.isEnabled()
    assert not near(accent, colours_in(row.thumbnail), tolerance=30)
