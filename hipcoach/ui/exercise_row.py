"""Pieces of the start screen: one row per exercise, the details text, a fitting scroll area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea,
                               QVBoxLayout, QWidget)

from hipcoach.model import Exercise, Prescription, Routine, Variation
from hipcoach.routines import RoutineError, available_routines, load_routine
from hipcoach.ui.figure_view import FigureView
from hipcoach.ui.widgets import set_pixel_font

Role = QPalette.ColorRole
HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "'": "&#x27;"})  # as html.escape (that module costs ~2 ms)


def escape(text: str) -> str:
    """`text` safe inside rich text."""
    return text.translate(HTML_ESCAPES)


def bundled_routine_names(known: Routine | None = None) -> dict[str, str]:
    """Bundled routine id -> display name (routines that fail to load are left out);
    `known`, a routine already loaded, is not read again."""
    names = {}
    for routine_id, path in available_routines().items():
        if known is not None and routine_id == known.id:
            names[routine_id] = known.name
            continue
        try:
            names[routine_id] = load_routine(path).name
        except RoutineError:
            continue
    return names


class ExerciseRow(QFrame):
    """One exercise: include it or not, its variation and that variation's options.

    Signals:
        changed()    inclusion, variation or an option changed
        focused()    the user wants to read this exercise's details
    """

    changed = Signal()
    focused = Signal()

    def __init__(self, number: int, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.setObjectName("card")
        self.include = QCheckBox(f"{number}. {exercise.name}", self)
        self.include.setChecked(True)
        self.include.setAccessibleName(f"Include {exercise.name}")
        set_pixel_font(self.include, 20, QFont.Weight.Bold)
        self.summary = QLabel(exercise.summary, self)
        self.summary.setWordWrap(True)
        self.summary.setForegroundRole(Role.PlaceholderText)
        self.variation_box = QComboBox(self)
        self.variation_box.setAccessibleName(f"{exercise.name} variation")
        for variation in exercise.variations:
            sided = "each side" if variation.per_side else "both legs"
            self.variation_box.addItem(f"{variation.name} ({sided})", variation.id)
        self.variation_box.setCurrentIndex(
            [v.id for v in exercise.variations].index(exercise.default.id))
        self.options_row = QHBoxLayout()
        self.option_boxes: dict[str, QCheckBox] = {}
        self.thumbnail = FigureView(self)
        self.thumbnail.ghost = False
        self.thumbnail.setFixedSize(120, 78)
        self.thumbnail.setAccessibleName(f"{exercise.name} figure")
        text = QVBoxLayout()
        text.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.include, 1)
        top.addWidget(self.variation_box)
        text.addLayout(top)
        text.addWidget(self.summary)
        text.addLayout(self.options_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 16, 12)
        layout.setSpacing(14)
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        for child in (self.include, self.variation_box):
            child.installEventFilter(self)
        self.include.toggled.connect(self._on_include)
        self.variation_box.currentIndexChanged.connect(self._on_variation)
        self._fill_options()

    @property
    def variation(self) -> Variation:
        return self.exercise.variation(self.variation_box.currentData())

    def chosen_options(self) -> set[str]:
        return {option_id for option_id, box in self.option_boxes.items() if box.isChecked()}

    def _fill_options(self) -> None:
        self.thumbnail.set_figure_id(self.variation.figure)
        for box in self.option_boxes.values():
            self.options_row.removeWidget(box)
            box.deleteLater()
        self.option_boxes = {}
        for option in self.variation.options:
            box = QCheckBox(option.name, self)
            box.setToolTip(option.note)
            box.setAccessibleName(f"{self.exercise.name}: {option.name}")
            box.setAccessibleDescription(option.note)
            box.toggled.connect(self.changed)
            self.option_boxes[option.id] = box
            self.options_row.addWidget(box)
        self.options_row.addStretch(1)

    def _on_include(self, included: bool) -> None:
        self.variation_box.setEnabled(included)
        self.thumbnail.setEnabled(included)
        for box in self.option_boxes.values():
            box.setEnabled(included)
        self.changed.emit()

    def _on_variation(self) -> None:
        self._fill_options()
        self.changed.emit()
        self.focused.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.focused.emit()
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Tabbing into the row's controls shows its details, as a click does."""
        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return False


def details_html(exercise: Exercise, variation: Variation, prescription: Prescription) -> str:
    """The details panel text: instruction, set-up steps, form cues, muscles, resistance."""
    e = escape
    setup = "".join(f"<li>{e(line)}</li>" for line in variation.setup)
    cues = "".join(f"<li>{e(line)}</li>" for line in variation.cues)
    levels = " → ".join(
        f"<b>{e(level.label)}</b>" if level is prescription.resistance else e(level.label)
        for level in variation.resistance)
    options = "".join(f"<li><b>{e(o.name)}</b>: {e(o.note)}</li>" for o in variation.options)
    sided = "Each side in turn" if variation.per_side else "Both legs together"
    return (f"<p style='margin-bottom:8px'>{e(variation.instruction)}</p>"
            f"<h4>Set-up</h4><ol style='margin-left:-16px'>{setup}</ol>"
            f"<h4>Form</h4><ul style='margin-left:-16px'>{cues}</ul>"
            f"<h4>Works</h4><p>{e(', '.join(exercise.muscles)).capitalize()}. {sided}.</p>"
            f"<h4>Resistance</h4><p>{levels}</p>"
            + (f"<h4>Options</h4><ul style='margin-left:-16px'>{options}</ul>" if options else ""))


class FittingScrollArea(QScrollArea):
    """A scroll area that asks for its content's full height (it scrolls only when squeezed)
    and is never narrower than its content can be (it does not scroll sideways)."""

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content changed size: so does what we ask for
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802
        content = self.widget().sizeHint() if self.widget() is not None else QSize()
        frame = 2 * self.frameWidth() + 4  # a little slack for rounding in word-wrapped rows
        return QSize(content.width() + frame, content.height() + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        least = super().minimumSizeHint()
        if self.widget() is None:
            return least
        width = (self.widget().minimumSizeHint().width() + 2 * self.frameWidth()
                 + self.verticalScrollBar().sizeHint().width())  # room for it when squeezed
        return QSize(max(least.width(), width), least.height())
