"""The start screen: choose the routine, exercises and variations, read the details, Start."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QIcon, QPalette
from PySide6.QtWidgets import (QBoxLayout, QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from hipcoach.model import Prescription, Routine, Selection, ValidationError
from hipcoach.plan import build_plan
from hipcoach.ui import step_text
from hipcoach.ui.exercise_row import (ExerciseRow, FittingScrollArea, bundled_routine_names,
                                       details_html)
from hipcoach.ui.figure_view import FigureView
from hipcoach.ui.icons import icon_pixmap
from hipcoach.ui.widgets import let_width_go, set_pixel_font

Role = QPalette.ColorRole
COMPACT_WIDTH, COMPACT_HEIGHT = 600, 500  # below either, the details panel folds away
WIDE_WIDTH = 980  # from here on the details sit beside the exercise list


class StartScreen(QWidget):
    """Routine header, exercise rows, details panel and the big Start button.

    Signals:
        selection_changed()   exercises, variations or options changed
        routine_chosen(str)   the user picked another bundled routine (its id)
    """

    selection_changed = Signal()
    routine_chosen = Signal(str)

    def __init__(self, routine: Routine, prescription: Prescription, start_action: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.prescription = prescription
        self.routine_box = QComboBox(self)
        self.routine_box.setAccessibleName("Routine")
        self.routine_box.setToolTip("Which routine to do")
        for routine_id, name in bundled_routine_names(routine).items():
            self.routine_box.addItem(name, routine_id)
        if self.routine_box.findData(routine.id) < 0:
            self.routine_box.addItem(routine.name, routine.id)
        self.routine_box.setCurrentIndex(self.routine_box.findData(routine.id))
        self.routine_box.activated.connect(
            lambda _index: self.routine_chosen.emit(self.routine_box.currentData()))
        self.title = QLabel(routine.name, self)
        set_pixel_font(self.title, 34, QFont.Weight.Bold)
        self.title.setAccessibleName(f"Routine: {routine.name}")
        self.description = QLabel(routine.description, self)
        self.description.setWordWrap(True)
        self.description.setForegroundRole(Role.PlaceholderText)
        set_pixel_font(self.description, 15)
        let_width_go(self.description)
        self.rows = [ExerciseRow(i + 1, exercise, self)
                     for i, exercise in enumerate(routine.exercises)]
        self.figure = FigureView(self)
        self.figure.setMinimumHeight(150)
        self.details_title = QLabel(self)
        set_pixel_font(self.details_title, 22, QFont.Weight.Bold)
        self.details_title.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setAccessibleName("Exercise details")
        self.total_label = QLabel(self)
        set_pixel_font(self.total_label, 20, QFont.Weight.DemiBold)
        self.plan_label = QLabel(self)
        self.plan_label.setForegroundRole(Role.PlaceholderText)
        self.start_button = QPushButton("Start workout", self)
        self.start_button.setObjectName("primaryButton")
        self.start_button.setAccessibleName("Start the workout")
        self.start_button.setToolTip(start_action.toolTip())
        self.start_button.setAutoDefault(True)
        self.start_button.setDefault(True)
        self.start_button.setMinimumSize(240, 64)
        self._compact = False
        self._mode = "wide"
        self._busy = False
        self._applying = False
        self._refocus = False
        self._total: tuple[tuple, float] | None = None  # (prescription, selection) -> seconds
        set_pixel_font(self.start_button, 24, QFont.Weight.Bold)
        self.start_button.clicked.connect(start_action.trigger)
        self._paint_start_icon()
        self._layout()
        for row in self.rows:
            row.changed.connect(self._on_changed)
            row.focused.connect(lambda row=row: self.show_details(row))
        self.show_details(self.rows[0])
        self._on_changed()

    def _layout(self) -> None:
        rows_box = QWidget(self)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.setContentsMargins(0, 0, 6, 0)
        rows_layout.setSpacing(12)
        for row in self.rows:
            rows_layout.addWidget(row)
        rows_layout.addStretch(1)
        rows_scroll = self.rows_scroll = FittingScrollArea(self)
        rows_scroll.setWidget(rows_box)
        rows_scroll.setWidgetResizable(True)
        rows_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows_scroll.setFrameShape(QFrame.Shape.NoFrame)

        panel = self.details_panel = QFrame(self)
        panel.setObjectName("card")
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(20, 16, 20, 16)
        panel_layout.addWidget(self.figure, 2)
        panel_layout.addWidget(self.details_title)
        details_scroll = QScrollArea(panel)
        details_scroll.setWidget(self.details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setMinimumHeight(40)  # the list above comes first when space is short
        panel_layout.addWidget(details_scroll, 3)

        middle = self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        middle.setSpacing(20)
        middle.addWidget(rows_scroll, 5)
        middle.addWidget(panel, 4)

        totals = QVBoxLayout()
        totals.setSpacing(2)
        totals.addWidget(self.total_label)
        totals.addWidget(self.plan_label)
        bottom = QHBoxLayout()
        bottom.addLayout(totals, 1)
        bottom.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(14)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        routine_label = QLabel("&Routine", self)
        routine_label.setBuddy(self.routine_box)
        head.addWidget(routine_label)
        head.addWidget(self.routine_box)
        layout.addLayout(head)
        layout.addWidget(self.description)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

    def layout_mode(self) -> str:
        """"wide": list and details side by side; "stacked": details under the list;
        "compact": the list alone, for the smallest windows."""
        if self.width() < COMPACT_WIDTH or self.height() < COMPACT_HEIGHT:
            return "compact"
        return "stacked" if self.width() < WIDE_WIDTH else "wide"

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        mode = self.layout_mode()
        if mode == self._mode:
            return
        self._mode = mode
        compact = self._compact = mode == "compact"
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if mode == "wide"
                                 else QBoxLayout.Direction.TopToBottom)
        self.description.setVisible(mode == "wide")
        self.details_panel.setVisible(not compact)
        self.figure.setVisible(mode == "wide")  # the rows show small figures already
        set_pixel_font(self.title, {"compact": 22, "stacked": 28}.get(mode, 34), QFont.Weight.Bold)
        set_pixel_font(self.total_label, 16 if compact else 20, QFont.Weight.DemiBold)
        set_pixel_font(self.start_button, 18 if compact else 24, QFont.Weight.Bold)
        self.start_button.setMinimumSize(*((120, 44) if compact else (240, 64)))
        self._label_start_button()
        self.plan_label.setVisible(mode == "wide")
        margin = 10 if compact else 28
        self.layout().setContentsMargins(margin, margin * 2 // 3, margin, margin * 2 // 3)
        self.layout().setSpacing(8 if compact else 14)
        roomy = mode == "wide"
        for row in self.rows:
            set_pixel_font(row.include, 20 if roomy else 16, QFont.Weight.Bold)
            row.summary.setVisible(roomy)
            row.thumbnail.setVisible(roomy)
        # stacked: the list takes the height it asks for, the details the rest
        self.middle.setStretch(0, 0 if mode == "stacked" else 5)
        self.middle.setStretch(1, 1 if mode == "stacked" else 4)
        self.rows_scroll.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Minimum if mode == "stacked"
                                       else QSizePolicy.Policy.Expanding)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_start_icon()

    def _paint_start_icon(self) -> None:
        """A play triangle in the button's text colour (crisp at any scale)."""
        size = QSize(28, 28)
        colour = self.start_button.palette().color(Role.HighlightedText)
        icon = QIcon(icon_pixmap("play", size, self.devicePixelRatioF(), colour, width=36))
        self.start_button.setIcon(icon)
        self.start_button.setIconSize(QSize(36, 28))

    def set_busy(self, busy: bool) -> None:
        """While the voice gets ready the Start button waits (and says so)."""
        self._busy = busy
        self._label_start_button()
        self._on_changed()

    def _label_start_button(self) -> None:
        if self._busy:
            self.start_button.setText("Voice…" if self._compact else "Getting the voice ready…")
        else:
            self.start_button.setText("Start" if self._compact else "Start workout")

    def selection(self) -> Selection:
        """What the runner chose (may be empty: Selection.resolve then says so)."""
        chosen = tuple((row.exercise.id, row.variation.id)
                       for row in self.rows if row.include.isChecked())
        options = frozenset().union(*(row.chosen_options() for row in self.rows
                                      if row.include.isChecked()))
        return Selection(chosen, options)

    def set_selection(self, selection: Selection) -> None:
        """Tick, pick variations and options as `selection` says (unknown ids are ignored)."""
        chosen = dict(selection.variations)
        had_focus = self.start_button.hasFocus()
        self._applying = True  # no half-applied totals (nor a Start button that blinks off)
        try:
            for row in self.rows:
                row.include.setChecked(row.exercise.id in chosen)
                index = row.variation_box.findData(chosen.get(row.exercise.id))
                if index >= 0:
                    row.variation_box.setCurrentIndex(index)
                for option_id, box in row.option_boxes.items():
                    box.setChecked(option_id in selection.options)
        finally:
            self._applying = False
        self._on_changed()
        if had_focus:
            self.start_button.setFocus()

    def set_prescription(self, prescription: Prescription) -> None:
        self.prescription = prescription
        self._on_changed()

    def show_details(self, row: ExerciseRow) -> None:
        variation = row.variation
        self.figure.set_figure_id(variation.figure)
        self.figure.set_pose(0.0)
        self.details_title.setText(f"{row.exercise.name} · {variation.name}")
        self.details.setText(details_html(row.exercise, variation, self.prescription))

    def _enable_start(self, enabled: bool) -> None:
        """Enable or disable Start; the keyboard focus comes back to it when it returns."""
        if not enabled and self.start_button.hasFocus():
            self._refocus = True
        self.start_button.setEnabled(enabled)
        if enabled and self._refocus:
            self._refocus = False
            self.start_button.setFocus()

    def _total_seconds(self, rx: Prescription, selection: Selection) -> float:
        """The workout's length; the last answer is kept (at start-up the settings apply
        the same choices twice more, and each plan takes ~3 ms to build)."""
        key = (rx, selection)
        if self._total is None or self._total[0] != key:
            self._total = (key, build_plan(self.routine, rx, selection).total_seconds)
        return self._total[1]

    def _on_changed(self) -> None:
        if self._applying:
            return
        rx = self.prescription
        selection = self.selection()
        try:
            total = self._total_seconds(rx, selection)
        except ValidationError:
            self.total_label.setText("Choose at least one exercise")
            self.plan_label.setText("")
            self._enable_start(False)
        else:
            count = len(selection.variations)
            self.total_label.setText(f"About {step_text.minutes_text(total)}")
            self.plan_label.setText(
                f"{count} exercise{'s' if count != 1 else ''} · "
                f"{rx.sets} sets × {rx.reps} reps · "
                f"{rx.hold:g} s hold · {rx.set_rest:g} s rest between sets")
            self._enable_start(not self._busy)
        self.selection_changed.emit()
