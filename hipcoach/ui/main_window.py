"""The main window: start, workout and finished screens, menus, shortcuts and hooks."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from hipcoach import __version__
from hipcoach.model import Prescription, Routine, Selection, ValidationError
from hipcoach.plan import Plan, build_plan
from hipcoach.routines import RoutineError, load_routine
from hipcoach.ui import step_text
from hipcoach.ui.actions import WorkoutActions
from hipcoach.ui.start_screen import StartScreen
from hipcoach.ui.styles import window_style_sheet
from hipcoach.ui.voice_link import VoiceLink
from hipcoach.ui.widgets import NoticeBanner

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from hipcoach.ui.finished_screen import FinishedScreen
    from hipcoach.ui.workout_screen import WorkoutScreen

SessionFactory = Callable[[Plan], Any]


class MainWindow(QMainWindow):
    """Hip Coach's window. Runs one Session at a time, made by `session_factory(plan)`;
    builds the workout and finished screens on first use, or in idle turns after show()
    (build_later_screens(), run by hipcoach.ui.app).

    Signals:
        settings_requested()        Tools → Settings… or Ctrl+,
        history_requested()         Tools → History… (or the finished screen's button)
        workout_started(object)     a new Session, emitted just before it starts
        workout_finished(object)    the SessionSummary (completed or stopped)
        mute_toggled(bool)          the voice should be muted (True) or not
    """

    settings_requested = Signal()
    history_requested = Signal()
    workout_started = Signal(object)
    workout_finished = Signal(object)
    mute_toggled = Signal(bool)

    def __init__(self, routine: Routine, *, prescription: Prescription | None = None,
                 session_factory: SessionFactory | None = None, time_scale: float = 1.0,
                 now: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.prescription = prescription or routine.prescription
        self.time_scale = time_scale
        self.session_factory = session_factory or self._default_session
        self.session: Any = None
        self.summary: Any = None
        self.stop_box: QMessageBox | None = None
        self._resume_after_box = False
        self._restyling = False
        self._was_maximized = False
        self._now = now
        self._workout_screen: WorkoutScreen | None = None
        self._finished_screen: FinishedScreen | None = None
        self.setWindowTitle("Hip Coach")
        self.setMinimumSize(480, 320)
        self.resize(1100, 720)
        self.voice = VoiceLink(self)
        self.voice.notice.connect(self.show_notice)
        self.actions_ = WorkoutActions(self)
        self._connect_actions()
        # style sheet first, widgets made in their final parents: each is polished once
        self.setStyleSheet(window_style_sheet())
        central = QWidget(self)
        self.setCentralWidget(central)
        self.banner = NoticeBanner(central)
        self.stack = QStackedWidget(central)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.start_screen = self._make_start_screen()
        self.stack.addWidget(self.start_screen)
        self.actions_.build_menus(self.menuBar())
        self.show_start()

    @property
    def workout_screen(self) -> WorkoutScreen:
        """The screen read during a workout (built on first use)."""
        if self._workout_screen is None:
            from hipcoach.ui.workout_screen import WorkoutScreen

            screen = WorkoutScreen(self.actions_.by_name, parent=self.stack)
            screen.set_routine(self.routine)
            screen.mat_mode_requested.connect(self.actions_.mat_mode.toggle)
            self.stack.addWidget(screen)
            self._workout_screen = screen
        return self._workout_screen

    @property
    def finished_screen(self) -> FinishedScreen:
        """The summary after a workout (built on first use)."""
        if self._finished_screen is None:
            from hipcoach.ui.finished_screen import FinishedScreen

            screen = FinishedScreen(self.stack)
            screen.back_requested.connect(self.show_start)
            screen.history_requested.connect(self.history_requested)
            self.stack.addWidget(screen)
            self._finished_screen = screen
        return self._finished_screen

    def build_later_screens(self) -> list[Callable[[], Any]]:
        """Steps that build what the start screen does not show (menu icons, the workout
        and finished screens), ~3 ms each, for idle turns of the event loop."""
        return [self.actions_.install_icons, lambda: self.workout_screen,
                self._prepaint_workout_screen, lambda: self.finished_screen]

    def _prepaint_workout_screen(self) -> None:
        """Paint the (hidden) workout screen once with the first step of the workout the
        start screen shows: the first paint after Start, in the turn the workout starts
        in, then finds its glyphs at their big sizes, figure and icons ready (~12 -> ~3 ms;
        tests/benchmarks/responsiveness.py)."""
        try:
            plan = build_plan(self.routine, self.prescription, self.start_screen.selection())
        except ValidationError:
            return
        screen = self.workout_screen
        if self.session is None and plan.steps:
            screen.show_step(plan.steps[0])
            screen.grab()

    # -- public hooks --------------------------------------------------------
    @property
    def muted(self) -> bool:
        """Whether the voice should stay quiet (M, or the Mute button)."""
        return self.actions_.mute.isChecked()

    def show_notice(self, text: str) -> None:
        """Show a dismissible one-line banner (voice faults, settings notices)."""
        self.banner.show_text(text)

    def set_prescription(self, prescription: Prescription) -> None:
        """Use this prescription for the next workout (e.g. after the settings change)."""
        self.prescription = prescription
        self.start_screen.set_prescription(prescription)

    def set_voice_factory(self, factory: Callable[[], Any] | None) -> None:
        """Speak with `factory()` (a VoiceCoach) from the next workout on; None: silent."""
        self.voice.set_factory(factory)

    def set_selection(self, selection: Selection) -> None:
        """Preselect exercises, variations and options on the start screen (from settings)."""
        self.start_screen.set_selection(selection)

    def set_routine(self, routine: Routine) -> None:
        """Show another routine on the start screen (not during a workout)."""
        if self.session is not None:
            return
        self.routine = routine
        self.prescription = routine.prescription
        old = self.start_screen
        self.start_screen = self._make_start_screen()
        self.stack.insertWidget(0, self.start_screen)
        self.stack.removeWidget(old)
        old.deleteLater()
        if self._workout_screen is not None:
            self._workout_screen.set_routine(routine)
        self.show_start()

    def _make_start_screen(self) -> StartScreen:
        screen = StartScreen(self.routine, self.prescription, self.actions_.start, self.stack)
        screen.routine_chosen.connect(self._on_routine_chosen)
        return screen

    def _on_routine_chosen(self, routine_id: str) -> None:
        if routine_id == self.routine.id:
            return
        try:
            self.set_routine(load_routine(routine_id))
        except RoutineError as exc:
            self.show_notice(str(exc))

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    # -- screens -------------------------------------------------------------
    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_screen)
        self._sync_actions()
        self.start_screen.start_button.setFocus()

    def start_workout(self) -> None:
        """Build the plan from the start screen's choices, get the voice ready, run it."""
        if self.session is not None or self.voice.waiting:
            return
        selection = self.start_screen.selection()
        try:
            plan = build_plan(self.routine, self.prescription, selection)
        except ValidationError as exc:
            self.show_notice(str(exc).capitalize())
            return
        self.workout_screen.set_extras(step_text.workout_extras(self.routine, selection,
                                                      self.prescription))
        self.actions_.start.setEnabled(False)
        self.start_screen.set_busy(True)
        self.voice.prepare(plan, self._launch)

    def _launch(self, plan: Plan) -> None:
        """The cues are ready (or there is no voice): run `plan`."""
        self.start_screen.set_busy(False)
        if self.session is not None or self.current_screen() is not self.start_screen:
            self._sync_actions()
            return
        session = self.session_factory(plan)
        self.session = session
        self.voice.attach(session)
        self.workout_screen.attach(session)
        session.finished.connect(self._on_finished)
        session.state_changed.connect(self._sync_actions)
        suspended = getattr(session, "suspended", None)
        if suspended is not None:
            suspended.connect(self._on_suspended)
        self.stack.setCurrentWidget(self.workout_screen)
        self.setFocus()
        self.workout_started.emit(session)
        session.start()
        self._sync_actions()

    def _default_session(self, plan: Plan) -> Any:
        from hipcoach.session import Session

        return Session(plan, time_scale=self.time_scale, cue_lead=self.voice.output_latency,
                       parent=self)

    def _on_finished(self, summary: Any) -> None:
        session, self.session = self.session, None
        self._close_stop_box()
        if self._workout_screen is not None:
            self._workout_screen.detach()
        if session is not None:
            for signal, slot in ((session.finished, self._on_finished),
                                 (session.state_changed, self._sync_actions)):
                signal.disconnect(slot)
            # The window no longer owns it: freed once nothing refers to it (a child of
            # the window would live, with its plan and timer, until the window closes).
            session.setParent(None)
        self.summary = summary
        planned = sum(session.plan.reps_by_side().values()) if session is not None else 0
        self.finished_screen.show_summary(summary, self.routine, planned)
        self.stack.setCurrentWidget(self.finished_screen)
        self._sync_actions()
        self.workout_finished.emit(summary)

    def _on_suspended(self, gap: float) -> None:
        minutes = max(1, round(gap / 60))
        self.show_notice(f"The computer was asleep for about {minutes} min, so the workout "
                         f"is paused. Press Space to carry on.")

    # -- actions -------------------------------------------------------------
    def _connect_actions(self) -> None:
        a = self.actions_
        a.start.triggered.connect(self._on_start_action)
        a.stop.triggered.connect(self.request_stop)
        a.quit.triggered.connect(self.close)
        a.pause.triggered.connect(lambda: self._drive("toggle_pause"))
        a.skip.triggered.connect(lambda: self._drive("skip"))
        a.back.triggered.connect(lambda: self._drive("back"))
        a.restart.triggered.connect(lambda: self._drive("restart_set"))
        a.mute.toggled.connect(self.mute_toggled)
        a.mute.toggled.connect(self.voice.set_muted)
        a.mat_mode.toggled.connect(self.set_mat_mode)
        a.settings.triggered.connect(self.settings_requested)
        a.history.triggered.connect(self.history_requested)
        a.about.triggered.connect(self.show_about)
        a.keys.triggered.connect(self.show_keys)

    def _on_start_action(self) -> None:
        if self._finished_screen is not None and self.current_screen() is self._finished_screen:
            self.show_start()
        elif self.current_screen() is self.start_screen:
            self.start_workout()

    def _drive(self, method: str) -> None:
        if self.session is not None and self.stop_box is None:
            getattr(self.session, method)()

    def _sync_actions(self, *_: Any) -> None:
        running = self.session is not None
        paused = running and getattr(self.session.state, "name", "") == "PAUSED"
        self.actions_.set_workout_running(running, paused)
        self.actions_.start.setEnabled(not running and not self.voice.waiting)
        # in mat mode the menu bar is hidden, and Esc is the way out of full screen
        self.actions_.stop.setEnabled(running or self.actions_.mat_mode.isChecked())

    def request_stop(self) -> None:
        """Esc: ask before ending a workout; outside a workout, leave mat mode."""
        if self.session is None:
            if self.actions_.mat_mode.isChecked():
                self.actions_.mat_mode.setChecked(False)
            return
        if self.stop_box is not None:
            return
        self._resume_after_box = getattr(self.session.state, "name", "") == "RUNNING"
        if self._resume_after_box:
            self.session.pause()
        from PySide6.QtWidgets import QMessageBox  # ~2 ms to load: not before it is needed

        box = QMessageBox(QMessageBox.Icon.Question, "Stop the workout?",
                          "Stop the workout now? The sets you finished are kept.",
                          QMessageBox.StandardButton.NoButton, self)
        self.stop_button = box.addButton("Stop workout", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.stop_button)
        box.setEscapeButton(self.keep_button)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _result: self._on_stop_answer(box))
        self.stop_box = box
        box.open()

    def _on_stop_answer(self, box: QMessageBox) -> None:
        if self.stop_box is not box:
            return
        self.stop_box = None
        box.deleteLater()
        if self.session is None:
            return
        if box.clickedButton() is self.stop_button:
            self.session.stop()
        elif self._resume_after_box:
            self.session.resume()

    def _close_stop_box(self) -> None:
        box, self.stop_box = self.stop_box, None
        if box is not None:
            box.done(0)
            box.deleteLater()

    def set_mat_mode(self, on: bool) -> None:
        """Full screen without the menu bar, for reading from the floor."""
        self.menuBar().setVisible(not on)
        if on:
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        elif self._was_maximized:
            self.showMaximized()
        else:
            self.showNormal()
        if self.actions_.mat_mode.isChecked() != on:
            self.actions_.mat_mode.setChecked(on)
        self._sync_actions()

    def show_keys(self) -> QMessageBox:
        """Help → Keyboard shortcuts (F1): every key, from the actions themselves."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts",
                          self.actions_.shortcuts_html(), QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.finished.connect(box.deleteLater)
        box.open()
        self.keys_box = box
        return box

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Hip Coach",
                          f"<b>Hip Coach {__version__}</b><p>A spoken interval coach for "
                          "runners' hip strength: side leg lifts, glute bridges and donkey "
                          "kicks, counted and timed so you can keep your eyes off the "
                          "screen.</p><p>Not medical advice; if unsure, ask a qualified "
                          "trainer.</p>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """A new system palette (light/dark switch): re-apply the style sheet so the
        palette() colours in it and in every child widget follow."""
        super().changeEvent(event)
        palette_events = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)
        if event.type() in palette_events and not self._restyling:
            self._restyling = True
            self.setStyleSheet("")
            self.setStyleSheet(window_style_sheet())
            self._restyling = False

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.actions_.mat_mode.toggle()
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.session is not None:
            self.session.stop()
        self._close_stop_box()
        self.voice.close()
        super().closeEvent(event)
