"""The Settings dialog (Ctrl+,): workout, exercises and voice, with a live total-time preview.

Every number is a spin box limited to the ranges in model.LIMITS and
settings.VOICE_LIMITS, so nothing out of range can be typed. OK saves the
settings and hands them on; they apply from the next workout.
"""

from __future__ import annotations

import os
from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from hipcoach.model import (INTEGER_FIELDS, LIMITS, Prescription, Resistance, Routine, Side,
                            ValidationError)
from hipcoach.plan import build_plan
from hipcoach.settings import VOICE_LIMITS, Settings, SettingsError, VoiceSettings, save_settings
from hipcoach.ui.step_text import minutes_text

VOICE_SAMPLE = "Left side first. Three. Lift. Hold. Lower. Rest, thirty seconds."

# field -> (label, tooltip, step); ranges and units come from model.LIMITS
FIELDS: dict[str, tuple[str, str, float]] = {
    "reps": ("&Reps per set", "Repetitions in each set, on each side", 1),
    "sets": ("&Sets", "Sets of each exercise, on each side", 1),
    "lift": ("&Lift", "Seconds to raise the leg", 0.5),
    "hold": ("&Hold at the top", "Seconds to hold the top position (1–2 s is the aim)", 0.5),
    "lower": ("L&ower", "Seconds to lower the leg under control", 0.5),
    "get_ready": ("&Get ready", "Time to get into position before an exercise", 5),
    "set_rest": ("Between s&ets", "Rest between two sets", 5),
    "switch_rest": ("S&witching sides", "Pause to turn over and switch legs", 1),
    "exercise_rest": ("Between e&xercises", "Rest before the next exercise", 5),
}
GROUPS = (("Reps and sets", ("reps", "sets")), ("Tempo", ("lift", "hold", "lower")),
          ("Rests", ("get_ready", "set_rest", "switch_rest", "exercise_rest")))


class SecondsSpinBox(QDoubleSpinBox):
    """A seconds field that shows 2, 1.5 and 45 rather than 2.0, 1.5 and 45.0."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return f"{value:g}"


def number_box(name: str, parent: QWidget) -> QSpinBox | QDoubleSpinBox:
    """A spin box for a prescription field, limited to its allowed range."""
    low, high, unit = LIMITS[name]
    label, tip, step = FIELDS[name]
    box: QSpinBox | QDoubleSpinBox
    if name in INTEGER_FIELDS:
        box = QSpinBox(parent)
        box.setRange(int(low), int(high))
    else:
        box = SecondsSpinBox(parent)
        box.setDecimals(1)
        box.setRange(low, high)
    box.setSingleStep(step)
    box.setSuffix(f" {unit}" if unit else "")
    box.setToolTip(f"{tip} ({low:g} to {high:g}{unit})")
    box.setAccessibleName(label.replace("&", ""))
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setMinimumWidth(96)
    return box


class ExerciseRow(QWidget):
    """Include an exercise, pick its variation and its options."""

    def __init__(self, exercise, dialog: "SettingsDialog") -> None:
        super().__init__(dialog)
        self.exercise = exercise
        self.dialog = dialog
        self.include = QCheckBox(exercise.name, self)
        bold = QFont(self.include.font())
        bold.setBold(True)
        self.include.setFont(bold)
        self.variation = QComboBox(self)
        self.variation.setAccessibleName(f"{exercise.name} variation")
        for variation in exercise.variations:
            sided = "each side" if variation.per_side else "both legs"
            self.variation.addItem(f"{variation.name} ({sided})", variation.id)
        self.option_row = QHBoxLayout()
        self.option_row.setContentsMargins(24, 0, 0, 0)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.addWidget(self.include, 0, 0)
        grid.addWidget(self.variation, 0, 1)
        grid.addLayout(self.option_row, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.include.toggled.connect(self._changed)
        self.variation.currentIndexChanged.connect(self._changed)

    def set_choice(self, included: bool, variation_id: str) -> None:
        self.include.setChecked(included)
        index = self.variation.findData(variation_id)
        self.variation.setCurrentIndex(max(0, index))
        self.fill_options()

    def fill_options(self) -> None:
        """One check box per option of the chosen variation."""
        while self.option_row.count():
            widget = self.option_row.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        chosen = self.exercise.variation(self.variation.currentData())
        for option in chosen.options:
            box = QCheckBox(option.name, self)
            box.setToolTip(option.note)
            box.setChecked(option.id in self.dialog.options)
            box.setEnabled(self.include.isChecked())
            box.toggled.connect(lambda on, o=option.id: self.dialog.set_option(o, on))
            self.option_row.addWidget(box)
        self.option_row.addStretch(1)
        self.variation.setEnabled(self.include.isChecked())

    def _changed(self) -> None:
        self.fill_options()
        self.dialog.refresh_preview()


class SettingsDialog(QDialog):
    """Edit the Settings; OK saves them (to `config_dir`) and emits them.

    Signals:
        settings_applied(object)    the new Settings, after OK; they apply from the next
                                    workout (emitted even when saving failed)
        voice_test_requested(str)   say this sample now, with `current_settings().voice`
        save_failed(str)            one line: the settings could not be saved to disk
    """

    settings_applied = Signal(object)
    voice_test_requested = Signal(str)
    save_failed = Signal(str)

    def __init__(self, settings: Settings, routine: Routine, parent: QWidget | None = None, *,
                 voices: Sequence[tuple[str, str]] = (),
                 config_dir: str | os.PathLike[str] | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.config_dir = config_dir
        self.options: set[str] = set(settings.options)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(600)
        self.boxes = {name: number_box(name, self) for name in FIELDS}
        self.first_side = QComboBox(self)
        self.first_side.addItem("Left", Side.LEFT.value)
        self.first_side.addItem("Right", Side.RIGHT.value)
        self.alternate = QCheckBox("Alternate sides within each set", self)
        self.alternate.setToolTip("On: left, switch, right, rest. Off: every set on one side, "
                                  "then every set on the other.")
        self.resistance = QComboBox(self)
        for level in Resistance:
            self.resistance.addItem(level.label, level.value)
        self.rows = [ExerciseRow(exercise, self) for exercise in routine.exercises]
        self.voice_on = QCheckBox("Speak the cues", self)
        self.voice_id = QComboBox(self)
        self.voice_id.setAccessibleName("Voice")
        self.voice_id.setMaxVisibleItems(16)
        self.set_voices(voices)
        self.rate = QSpinBox(self)
        self.volume = QSpinBox(self)
        for box, name in ((self.rate, "rate"), (self.volume, "volume")):
            low, high, unit = VOICE_LIMITS[name]
            box.setRange(int(low), int(high))
            box.setSuffix(unit)
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.rate.setSingleStep(10)
        self.volume.setSingleStep(10)
        self.beeps = QCheckBox("Beep the 3-2-1 countdown instead of saying it", self)
        self.test_button = QPushButton("&Test voice", self)
        self.test_button.setToolTip("Say a short sample with these voice settings")
        self.test_button.clicked.connect(lambda: self.voice_test_requested.emit(VOICE_SAMPLE))
        self.preview = QLabel(self)
        self.preview.setObjectName("settingsPreview")
        self.preview.setAccessibleName("Workout length")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        self.reset_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button.setText("&Reset to defaults")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset_to_defaults)
        self._layout()
        self.set_settings(settings)
        for box in self.boxes.values():
            box.valueChanged.connect(self.refresh_preview)
        for signal in (self.first_side.currentIndexChanged, self.alternate.toggled):
            signal.connect(self.refresh_preview)
        self.voice_on.toggled.connect(self._sync_voice)

    # -- layout ----------------------------------------------------------------
    def _layout(self) -> None:
        tabs = self.tabs = QTabWidget(self)
        tabs.addTab(self._workout_page(), "&Workout")
        tabs.addTab(self._exercises_page(), "E&xercises")
        tabs.addTab(self._voice_page(), "&Voice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(tabs, 1)
        font = QFont(self.preview.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.preview.setFont(font)
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)

    def _form(self, title: str, parent: QWidget) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title, parent)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        return group, form

    def _workout_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.setContentsMargins(14, 14, 14, 14)
        grid.setSpacing(14)
        for index, (title, names) in enumerate(GROUPS):
            group, form = self._form(title, page)
            for name in names:
                form.addRow(FIELDS[name][0], self.boxes[name])
            if title == "Reps and sets":
                form.addRow("Resi&stance", self.resistance)
            grid.addWidget(group, index // 2, index % 2)
        group, form = self._form("Sides", page)
        form.addRow("&First side", self.first_side)
        form.addRow(self.alternate)
        grid.addWidget(group, 1, 1)
        grid.setRowStretch(2, 1)
        return page

    def _exercises_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(14, 14, 14, 14)
        note = QLabel("Choose the exercises for the next workout, the variation of each, "
                      "and any extras.", page)
        note.setWordWrap(True)
        column.addWidget(note)
        width = max(row.variation.sizeHint().width() for row in self.rows)
        for row in self.rows:
            row.variation.setFixedWidth(width)
            column.addWidget(row)
        column.addStretch(1)
        return page

    def _voice_page(self) -> QWidget:
        page = QWidget(self)
        group, form = self._form("Spoken coaching", page)
        group.setFlat(True)
        form.addRow(self.voice_on)
        form.addRow("V&oice", self.voice_id)
        form.addRow("S&peed", self.rate)
        form.addRow("Vo&lume", self.volume)
        form.addRow(self.beeps)
        for widget in (self.voice_id, self.rate, self.volume):
            widget.setMinimumWidth(180)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow(test_row)
        column = QVBoxLayout(page)
        column.setContentsMargins(14, 14, 14, 14)
        column.addWidget(group)
        column.addStretch(1)
        return page

    # -- values ----------------------------------------------------------------
    def set_settings(self, settings: Settings) -> None:
        """Show `settings` in the widgets."""
        rx = settings.prescription
        for name, box in self.boxes.items():
            box.setValue(getattr(rx, name))
        self.first_side.setCurrentIndex(self.first_side.findData(rx.first_side.value))
        self.alternate.setChecked(rx.alternate_sides)
        self.resistance.setCurrentIndex(self.resistance.findData(rx.resistance.value))
        self.options = set(settings.options)
        chosen = dict(settings.selection(self.routine).variations)
        saved = dict(settings.variations)
        for row in self.rows:
            variation = chosen.get(row.exercise.id) or saved.get(row.exercise.id) \
                or row.exercise.default.id
            row.set_choice(row.exercise.id in chosen, variation)
        voice = settings.voice
        self.voice_on.setChecked(voice.enabled)
        if self.voice_id.findData(voice.voice_id) < 0:
            self.voice_id.addItem(voice.voice_id, voice.voice_id)
        self.voice_id.setCurrentIndex(self.voice_id.findData(voice.voice_id))
        self.rate.setValue(voice.rate)
        self.volume.setValue(voice.volume)
        self.beeps.setChecked(voice.beeps)
        self._sync_voice()
        self.refresh_preview()

    def set_voices(self, voices: Sequence[tuple[str, str]]) -> None:
        """Offer these (id, name) voices after the system default; the choice is kept."""
        current = self.voice_id.currentData() or ""
        self.voice_id.clear()
        self.voice_id.addItem("System default", "")
        for voice_id, label in voices:
            self.voice_id.addItem(label, voice_id)
        if self.voice_id.findData(current) < 0:
            self.voice_id.addItem(current, current)
        self.voice_id.setCurrentIndex(self.voice_id.findData(current))

    def current_settings(self) -> Settings:
        """The settings the widgets show (raises ValidationError if no exercise is chosen)."""
        values = {name: box.value() for name, box in self.boxes.items()}
        values.update(reps=int(values["reps"]), sets=int(values["sets"]),
                      first_side=self.first_side.currentData(),
                      alternate_sides=self.alternate.isChecked(),
                      resistance=self.resistance.currentData())
        enabled = tuple(r.exercise.id for r in self.rows if r.include.isChecked())
        if not enabled:
            raise ValidationError("choose at least one exercise")
        return Settings(
            prescription=Prescription.from_dict(values),
            variations=tuple((r.exercise.id, r.variation.currentData()) for r in self.rows),
            enabled=enabled, options=frozenset(self.options),
            voice=VoiceSettings(enabled=self.voice_on.isChecked(),
                                voice_id=self.voice_id.currentData(), rate=self.rate.value(),
                                volume=self.volume.value(), beeps=self.beeps.isChecked()))

    def set_option(self, option_id: str, on: bool) -> None:
        (self.options.add if on else self.options.discard)(option_id)

    def refresh_preview(self) -> None:
        """Total time and work of the workout these settings give."""
        try:
            settings = self.current_settings()
            selection = settings.selection(self.routine)
            plan = build_plan(self.routine, settings.prescription, selection)
        except ValidationError as exc:
            self.preview.setText(str(exc).capitalize() + ".")
            self.ok_button.setEnabled(False)
            return
        rx = settings.prescription
        count = len(selection.variations)
        self.preview.setText(f"Next workout: about {minutes_text(plan.total_seconds)} · "
                             f"{count} exercise{'s' * (count != 1)} · "
                             f"{rx.sets} × {rx.reps} reps a side")
        self.ok_button.setEnabled(True)

    def reset_to_defaults(self) -> None:
        """The routine's prescription, every exercise, the default voice (not saved until OK)."""
        self.set_settings(Settings.defaults_for(self.routine))

    def _sync_voice(self) -> None:
        on = self.voice_on.isChecked()
        for widget in (self.voice_id, self.rate, self.volume, self.beeps, self.test_button):
            widget.setEnabled(on)

    def accept(self) -> None:
        """Save, announce, close. A failed save still applies the settings for this run."""
        try:
            settings = self.current_settings()
        except ValidationError:
            return
        try:
            save_settings(settings, self.config_dir)
        except SettingsError as exc:
            self.save_failed.emit(str(exc))
        self.settings_applied.emit(settings)
        super().accept()
