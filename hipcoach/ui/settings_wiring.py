"""Connect settings, the Settings dialog, the history recorder and the History view to the window.

`app.py` calls `install_settings_and_history(window, args)` once. The window
only needs its hooks: `settings_requested`, `history_requested`,
`workout_started(session)`, `show_notice(text)`, `set_prescription()`,
`set_selection()` and `start_screen.selection()` (and, when it has them,
`actions_.start`, to open the history while the cues render).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from hipcoach.settings import Settings, SettingsError, VoiceSettings, load_settings, save_settings

if TYPE_CHECKING:  # imported when first used: keeps sqlite and the dialogs out of start-up
    from hipcoach.history import History
    from hipcoach.ui.history_view import HistoryView
    from hipcoach.ui.settings_dialog import SettingsDialog

# ms after Start: load the history modules, then open the database, each in a turn of its own
# while the cues render (~20 ms together on a first run; in the launch turn they held the
# event loop that long, tests/benchmarks/responsiveness.py)
HISTORY_STEPS_MS = (30, 60)
VoiceTester = Callable[[VoiceSettings, str], None]
VoiceLister = Callable[[], list[tuple[str, str]]]


def list_voices() -> list[tuple[str, str]]:
    """(id, name) of the speech engine's voices, English first; [] without an engine.

    Slow the first time (the engine starts), so it runs on a worker thread.
    """
    try:
        from hipcoach.voice import render

        found = [(voice_id, name.replace("_", " ")) for voice_id, name, _ in render.list_voices()]
    except Exception:  # no engine, no voices: the dialog offers the default only
        return []
    return sorted(found, key=lambda v: (not v[1].lower().startswith("english"), v[1].lower()))


class SettingsWiring(QObject):
    """Owns the settings while the window runs and records every workout it starts.

    Signals:
        settings_changed(object)   new Settings applied (after the dialog's OK)
    """

    settings_changed = Signal(object)
    _voices_listed = Signal(object)  # from the listing thread

    def __init__(self, window: Any, *, config_dir: str | os.PathLike[str] | None = None,
                 data_dir: str | os.PathLike[str] | None = None,
                 voice_tester: VoiceTester | None = None,
                 voice_lister: VoiceLister = list_voices) -> None:
        super().__init__(window)
        self.window = window
        self.config_dir = config_dir
        self.data_dir = data_dir
        self.voice_tester = voice_tester or self._speak_sample
        self.voices: list[tuple[str, str]] = []
        self.voice_lister = voice_lister
        self._listing: threading.Thread | None = None
        self.dialog: SettingsDialog | None = None
        self._voices_listed.connect(self._on_voices_listed)
        self.history: History | None = None
        self._history_failed = False
        self._test_speaker: Any = None
        self.settings, notice = load_settings(config_dir, Settings.defaults_for(window.routine))
        self._show_settings(self.settings)
        if notice:
            window.show_notice(notice)
        window.settings_requested.connect(self.open_settings)
        window.history_requested.connect(self.open_history)
        window.workout_started.connect(self.record_workout)
        start = getattr(getattr(window, "actions_", None), "start", None)
        if start is not None:
            start.triggered.connect(self._prepare_history)
        window.destroyed.connect(self._close_history)

    # -- settings --------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from hipcoach.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window.routine, self.window,
                                voices=self.voices, config_dir=self.config_dir)
        dialog.settings_applied.connect(self.apply)
        dialog.save_failed.connect(self.window.show_notice)
        dialog.voice_test_requested.connect(
            lambda text: self.voice_tester(dialog.current_settings().voice, text))
        dialog.finished.connect(self._forget_dialog)
        dialog.open()
        self.dialog = dialog
        self._list_voices()
        return dialog

    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _list_voices(self) -> None:
        """Ask the engine for its voices once, off the GUI thread."""
        if self._listing is not None:
            return

        def work() -> None:
            voices = self.voice_lister()
            try:
                self._voices_listed.emit(voices)
            except RuntimeError:  # the window closed meanwhile
                pass

        self._listing = threading.Thread(target=work, name="hipcoach-voices", daemon=True)
        self._listing.start()

    def _on_voices_listed(self, voices: list[tuple[str, str]]) -> None:
        self.voices = list(voices)
        if self.dialog is not None:
            self.dialog.set_voices(self.voices)

    def apply(self, settings: Settings) -> None:
        """Use `settings` from the next workout on."""
        self.settings = settings
        self._show_settings(settings)
        self.settings_changed.emit(settings)

    def _show_settings(self, settings: Settings) -> None:
        self.window.set_prescription(settings.prescription)
        self.window.set_selection(settings.selection(self.window.routine))

    def _remember_selection(self) -> None:
        """Keep the exercises chosen on the start screen for next time."""
        selection = self.window.start_screen.selection()
        chosen = dict(selection.variations)
        variations = dict(self.settings.variations)
        variations.update(chosen)
        updated = Settings(self.settings.prescription, tuple(variations.items()),
                           tuple(chosen) or None, selection.options, self.settings.voice)
        if updated != self.settings:
            self.settings = updated
            try:
                save_settings(updated, self.config_dir)
            except SettingsError as exc:
                self.window.show_notice(str(exc))

    def _speak_sample(self, voice: VoiceSettings, text: str) -> None:
        """Say `text` with `voice` through the real speaker (rendered off the GUI thread)."""
        from hipcoach.voice.tts_speaker import TtsSpeaker

        if self._test_speaker is not None:
            self._test_speaker.close()
        speaker = TtsSpeaker(voice.voice_id or None, voice.rate, voice.volume / 100,
                             parent=self)
        speaker.fault.connect(self.window.show_notice)
        speaker.notice.connect(self.window.show_notice)
        speaker.prepared.connect(lambda _seconds: speaker.say(text))
        self._test_speaker = speaker
        speaker.prepare([text])

    # -- history ---------------------------------------------------------------
    def record_workout(self, session: Any) -> None:
        """Write the session's sets to the history as they finish."""
        from hipcoach.history import SessionRecorder

        self._remember_selection()
        history = self._open_history()
        if history is not None:
            SessionRecorder(history, on_error=self.window.show_notice).attach(session)

    def _prepare_history(self) -> None:
        """Start was pressed: get the history ready before the workout starts (without a
        voice it has started already, and record_workout opened it)."""
        import importlib

        load, open_ = HISTORY_STEPS_MS
        QTimer.singleShot(load, self, lambda: importlib.import_module("hipcoach.history"))
        QTimer.singleShot(open_, self, self._open_history)

    def _open_history(self) -> History | None:
        from hipcoach.history import History, HistoryError

        if self.history is None and not self._history_failed:
            try:
                self.history = History.open(self.data_dir)
            except HistoryError as exc:
                self._history_failed = True  # say it once, keep training
                self.window.show_notice(f"{exc} This workout will not be recorded.")
        return self.history

    def open_history(self) -> HistoryView | None:
        from hipcoach.history import HistoryError, load_summary
        from hipcoach.history_command import export_csv
        from hipcoach.ui.history_view import HistoryView

        try:
            summary = load_summary(self.window.routine, self.data_dir)
        except HistoryError as exc:
            self.window.show_notice(str(exc))
            return None
        view = HistoryView(summary, self.window.routine, self.window,
                           export=lambda path: export_csv(path, self.data_dir))
        view.finished.connect(view.deleteLater)
        view.open()
        self.view = view
        return view

    def _close_history(self) -> None:
        if self.history is not None:
            self.history.close()
            self.history = None


def install_settings_and_history(window: Any, args: Any = None, **options: Any) -> SettingsWiring:
    """One call from app.py: settings loaded and applied, dialogs and recording connected."""
    wiring = SettingsWiring(window, config_dir=getattr(args, "config_dir", None), **options)
    window.settings_wiring = wiring  # lives as long as the window
    return wiring
