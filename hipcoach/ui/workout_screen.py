"""The workout screen: what the runner reads from the mat while a session runs."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAction,
                           QFont, QPalette)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hipcoach.model import Routine, Side
from hipcoach.plan import Step, StepKind
from hipcoach.ui import step_text
from hipcoach.ui.figure_view import FigureView
from hipcoach.ui.progress_line import ProgressLine
from hipcoach.ui.scaled import ScaledScreen
from hipcoach.ui.widgets import (ActionButton, BigCounter, CountdownRing, SideBadge,
                                 let_width_go, set_on_card, set_pixel_font)

BUTTONS = ("back", "pause", "skip", "restart", "mute", "stop")
BUTTON_ICONS: dict[str, Callable[[QAction], str]] = {
    "back": lambda a: "back", "skip": lambda a: "skip", "restart": lambda a: "restart",
    "stop": lambda a: "stop",
    "pause": lambda a: "play" if a.iconText() == "Resume" else "pause",
    "mute": lambda a: "muted" if a.isChecked() else "volume",
}
TIME_LEFT_TEMPLATE = "00:00 s left"  # the widest usual time left (a fixed-size label)
COMPACT_WIDTH = 760  # narrower than this, the buttons show icons only


def rep_pose(kind: StepKind, fraction_left: float) -> float:
    """Where the moving leg is: 0 at rest, 1 at the top of the rep."""
    if kind is StepKind.LIFT:
        return 1.0 - fraction_left
    if kind is StepKind.HOLD:
        return 1.0
    if kind is StepKind.LOWER:
        return fraction_left
    return 0.0


class WorkoutScreen(ScaledScreen):
    """Exercise, side, set, rep, phase with countdown ring, animated figure, progress.

    Call `attach(session)`; the screen follows the session's signals and never
    drives it (the buttons trigger the window's actions).

    Signals:
        mat_mode_requested()   the user double-clicked the screen
        announced(str)         text handed to screen readers at a phase change
    """

    mat_mode_requested = Signal()
    announced = Signal(str)

    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Any = None
        self._step: Step | None = None
        self._paused = False
        self.figures: dict[tuple[str, str], str] = {}
        self.instructions: dict[tuple[str, str], str] = {}
        self.extras: dict[tuple[str, str], str] = {}
        self._build(actions)

    # -- layout --------------------------------------------------------------
    def _build(self, actions: Mapping[str, QAction]) -> None:
        self.position_label = QLabel(self)
        self.exercise_label = QLabel(self)
        self.variation_label = QLabel(self)
        self.time_left_label = QLabel(self)
        self.time_left_label.setAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignBottom)
        for label in (self.position_label, self.variation_label, self.time_left_label):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.progress = ProgressLine(1000, self)
        self.progress.setAccessibleName("Workout progress")

        self.side_badge = SideBadge(self)
        self.counter = BigCounter(self)
        self.set_label = QLabel(self)
        self.figure = FigureView(self)
        self.ring = CountdownRing(self)
        for painted in (self.counter, self.ring):  # their repaints leave the cards alone
            set_on_card(painted)
        self.phase_label = QLabel(self)
        self.phase_label.setAccessibleName("Phase")
        self.next_label = QLabel(self)
        self.next_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.next_label.setAccessibleName("Next up")
        self.next_label.setWordWrap(True)
        for label in (self.exercise_label, self.variation_label, self.next_label):
            let_width_go(label)

        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.position_label)
        titles.addWidget(self.exercise_label)
        titles.addWidget(self.variation_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.time_left_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.count_card = QFrame(self)
        self.count_card.setObjectName("card")
        count = QVBoxLayout(self.count_card)
        count.addWidget(self.side_badge)
        count.addWidget(self.counter, 1)
        count.addWidget(self.set_label)

        self.motion_card = QFrame(self)
        self.motion_card.setObjectName("card")
        motion = QVBoxLayout(self.motion_card)
        motion.addWidget(self.figure, 1)
        phase_row = QHBoxLayout()
        phase_row.addWidget(self.ring)
        phase_row.addWidget(self.phase_label, 1)
        motion.addLayout(phase_row)

        cards = QHBoxLayout()
        cards.addWidget(self.count_card, 5)
        cards.addWidget(self.motion_card, 6)

        self.buttons = {name: ActionButton(actions[name], BUTTON_ICONS[name], self)
                        for name in BUTTONS}
        self.buttons["pause"].setProperty("accent", True)  # the one pressed most
        button_row = QHBoxLayout()
        for name in BUTTONS:
            button_row.addWidget(self.buttons[name])

        self.main_layout = QVBoxLayout(self)
        self.main_layout.addLayout(header)
        self.main_layout.addWidget(self.progress)
        self.main_layout.addLayout(cards, 1)
        self.main_layout.addWidget(self.next_label)
        self.main_layout.addLayout(button_row)
        self._cards, self._button_row, self._count, self._motion = cards, button_row, count, motion
        self._phase_row = phase_row

    def _apply_sizes(self) -> None:
        u = self.unit()
        margin = int(u * 0.9)
        self.main_layout.setContentsMargins(margin, int(u * 0.6), margin, int(u * 0.6))
        self.main_layout.setSpacing(int(u * 0.5))
        for layout in (self._cards, self._button_row):
            layout.setSpacing(int(u * 0.6))
        for layout in (self._count, self._motion):
            layout.setContentsMargins(int(u * 0.8), int(u * 0.7), int(u * 0.8), int(u * 0.7))
            layout.setSpacing(int(u * 0.35))
        self._phase_row.setSpacing(int(u * 0.5))
        set_pixel_font(self.position_label, u * 0.5, QFont.Weight.DemiBold)
        set_pixel_font(self.exercise_label, u * 1.25, QFont.Weight.Bold)
        set_pixel_font(self.variation_label, u * 0.75)
        set_pixel_font(self.time_left_label, u * 0.9, QFont.Weight.DemiBold)
        self._fix_time_left_size(TIME_LEFT_TEMPLATE)
        set_pixel_font(self.set_label, u * 0.95, QFont.Weight.DemiBold)
        set_pixel_font(self.phase_label, u * 1.8, QFont.Weight.Bold)
        set_pixel_font(self.next_label, u * 0.7)
        self.progress.setFixedHeight(max(4, int(u * 0.28)))
        self.side_badge.setFixedHeight(int(u * 2.1))
        self.ring.setFixedSize(int(u * 2.1), int(u * 2.1))
        compact = self.width() < COMPACT_WIDTH
        icon = max(16, int(u * 0.7))
        for button in self.buttons.values():
            set_pixel_font(button, u * 0.55, QFont.Weight.DemiBold)
            button.setFixedHeight(max(30, int(u * 1.7)))
            button.set_compact(compact, icon)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.mat_mode_requested.emit()
        event.accept()

    # -- following a session -------------------------------------------------
    def attach(self, session: Any) -> None:
        """Follow `session` (a hipcoach.session.Session) until the next attach."""
        self.detach()
        self._session = session
        session.step_started.connect(self.show_step)
        session.tick.connect(self.show_remaining)
        session.state_changed.connect(self._on_state)
        self._paused = False
        if session.current_step is not None:
            self.show_step(session.current_step)

    def detach(self) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        for signal, slot in ((session.step_started, self.show_step),
                             (session.tick, self.show_remaining),
                             (session.state_changed, self._on_state)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    @property
    def step(self) -> Step | None:
        return self._step

    def show_step(self, step: Step) -> None:
        """A new step began: update every label, the figure and the ring."""
        self._step = step
        steps = self._session.plan.steps if self._session is not None else (step,)
        index = step.index if self._session is not None else 0
        shown = step_text.display_step(steps, index)
        exercises = list(dict.fromkeys(s.exercise for s in steps))
        position = exercises.index(shown.exercise) + 1 if shown.exercise in exercises else 1
        self.position_label.setText(f"EXERCISE {position} OF {len(exercises)}")
        self.exercise_label.setText(shown.exercise_name)
        extra = self.extras.get((shown.exercise, shown.variation), "")
        self.variation_label.setText(f"{shown.variation_name} · {extra}" if extra
                                     else shown.variation_name)
        self.side_badge.set_side(None if step.kind in (StepKind.NEXT, StepKind.DONE)
                                 else shown.side)
        self.set_label.setText(f"Set {shown.set} of {shown.sets}")
        # before an exercise: how to set up for it; otherwise what comes next
        setup = step.kind in (StepKind.GET_READY, StepKind.NEXT) and shown.kind.is_rep
        instruction = self.instructions.get((shown.exercise, shown.variation), "")
        self.next_label.setText(instruction if setup and instruction
                                else step_text.next_up(steps, index))
        self.next_label.setVisible(bool(self.next_label.text()))
        self.figure.set_figure_id(self.figures.get((shown.exercise, shown.variation), ""))
        self.figure.set_side(shown.side)
        self._update_time(step.duration)
        self._set_phase(step_text.phase_word(step.kind), step_text.announcement(step))

    def show_remaining(self, remaining: float) -> None:
        """A session tick: plan seconds left in the current step."""
        self._update_time(remaining)

    def set_extras(self, extras: dict[tuple[str, str], str]) -> None:
        """Words shown after each variation's name (chosen options, resistance)."""
        self.extras = dict(extras)

    def set_routine(self, routine: Routine) -> None:
        """Learn which figure draws each variation of the routine."""
        self.figures = {(e.id, v.id): v.figure for e in routine.exercises for v in e.variations}
        self.instructions = {(e.id, v.id): v.instruction
                             for e in routine.exercises for v in e.variations}

    def _update_time(self, remaining: float) -> None:
        step = self._step
        if step is None:
            return
        fraction = remaining / step.duration if step.duration > 0 else 0.0
        # the ring and the leg move with the session's ticks (10 a second): frames of their
        # own in between cost a wake-up and a repaint each, ~0.4 % of a core at 4x
        self.ring.set_fraction(fraction)
        self.figure.set_pose(rep_pose(step.kind, fraction))
        if step.kind.is_rep:
            self.counter.set_value(str(step.rep), f"/{step.reps}", "Rep",
                                   spoken=f"Rep {step.rep} of {step.reps}")
        else:
            self.counter.set_value(step_text.clock(remaining), "", "Seconds" if remaining < 59.5
                                   else "Time", spoken=f"{step_text.clock(remaining)} left")
        session = self._session
        if session is not None:
            scale = float(getattr(session, "time_scale", 1.0))
            self.progress.setValue(int(round(session.progress * 1000)))
            left = session.total_remaining * scale
            text = f"{step_text.clock(left)} left" if left >= 60 else \
                f"{step_text.clock(left)} s left"
            if text != self.time_left_label.text():
                self._fix_time_left_size(text)
                self.time_left_label.setText(text)
                self.time_left_label.setAccessibleName(f"Workout time left: {text}")

    def _fix_time_left_size(self, text: str) -> None:
        """A fixed size for the time left, wide enough for `text` and the template: a fixed
        label's new text does not lay the whole screen out again (once a second)."""
        label = self.time_left_label
        metrics = label.fontMetrics()
        width = max(metrics.horizontalAdvance(t) for t in (text, TIME_LEFT_TEMPLATE)) + 2
        if width > label.maximumWidth() or label.minimumWidth() != label.maximumWidth() \
                or text == TIME_LEFT_TEMPLATE:
            label.setFixedSize(width, label.sizeHint().height())

    def _on_state(self, state: Any) -> None:
        """Paused (by the user or after a sleep) or running again."""
        paused = getattr(state, "name", "") == "PAUSED"
        if paused and not self._paused:
            self._on_paused()
        elif not paused and self._paused and getattr(state, "name", "") == "RUNNING":
            self._on_resumed()

    def _on_paused(self) -> None:
        self._paused = True
        self.ring.set_dimmed(True)
        self._set_phase("Paused", "Paused. Press space to carry on.")

    def _on_resumed(self) -> None:
        self._paused = False
        self.ring.set_dimmed(False)
        if self._step is not None:
            self._set_phase(step_text.phase_word(self._step.kind), "Resumed. "
                            + step_text.announcement(self._step))

    def _set_phase(self, word: str, spoken: str) -> None:
        """Show the phase and tell assistive technology about it."""
        self.phase_label.setText(word)
        self.phase_label.setAccessibleName(f"Phase: {word}")
        self.phase_label.setAccessibleDescription(spoken)
        for kind in (QAccessible.Event.NameChanged, QAccessible.Event.DescriptionChanged):
            QAccessible.updateAccessibility(QAccessibleEvent(self.phase_label, kind))
        # screen readers that support announcements (Qt 6.8+) speak this at once
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.phase_label, spoken))
        self.announced.emit(spoken)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.update()

    @property
    def side_shown(self) -> Side | None:
        return self.side_badge.side
