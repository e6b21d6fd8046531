"""The window's actions: one QAction per command, with shortcuts, icons and menus.

Buttons mirror these actions, so a key press and a click take the same path. The
menu icons come from the style, whose Python class costs ~5 ms to load, so they are
added after the window is shown (install_icons(), also run when a menu first opens).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar

Key = Qt.Key

# name -> (menu text, button text, shortcuts, icon (a QStyle.StandardPixmap name), tooltip)
SPECS: dict[str, tuple[str, str, tuple, str | None, str]] = {
    "start": ("&Start workout", "Start", ("Ctrl+Return", Key.Key_MediaPlay), "SP_MediaPlay",
              "Start the workout (Enter)"),
    "stop": ("S&top workout…", "Stop", (Key.Key_Escape, Key.Key_MediaStop), "SP_MediaStop",
             "Stop the workout (Esc)"),
    "quit": ("&Quit", "Quit", (QKeySequence.StandardKey.Quit, "Ctrl+Q"), None, "Quit Hip Coach"),
    "pause": ("&Pause", "Pause", (Key.Key_Space, Key.Key_MediaPause, Key.Key_MediaTogglePlayPause,
                                  Key.Key_MediaPlay), "SP_MediaPause",
              "Pause or carry on (Space)"),
    "skip": ("S&kip", "Skip", (Key.Key_Right, Key.Key_N, Key.Key_PageDown, Key.Key_MediaNext),
             "SP_MediaSkipForward", "Skip to the next step (→, N, Page Down)"),
    "back": ("&Back", "Back", (Key.Key_Left, Key.Key_B, Key.Key_PageUp, Key.Key_MediaPrevious),
             "SP_MediaSkipBackward", "Back to the start of this rep or the step before (←, B, "
             "Page Up)"),
    "restart": ("&Restart set", "Restart set", (Key.Key_R,), "SP_BrowserReload",
                "Start this set again (R)"),
    "mute": ("&Mute voice", "Mute", (Key.Key_M, Key.Key_VolumeMute), "SP_MediaVolume",
             "Mute or unmute the voice (M)"),
    "mat_mode": ("&Mat mode (full screen)", "Mat mode", (Key.Key_F11,), "SP_TitleBarMaxButton",
                 "Full screen, readable from the floor (F11 or double-click)"),
    "settings": ("&Settings…", "Settings", ("Ctrl+,",), None,
                 "Settings: reps, sets, timing and voice"),
    "history": ("&History…", "History", ("Ctrl+H",), None, "History: past workouts and progress"),
    "keys": ("&Keyboard shortcuts", "Keys", (Key.Key_F1,), None, "Every key the window knows"),
    "about": ("&About Hip Coach", "About", (), None, "About Hip Coach"),
}
WORKOUT_ONLY = ("stop", "pause", "skip", "back", "restart")
MENUS = (("&File", ("start", "stop", None, "quit")),
         ("&Workout", ("pause", "skip", "back", "restart", None, "mute")),
         ("&View", ("mat_mode",)),
         ("&Tools", ("settings", "history")),
         ("&Help", ("keys", "about")))


class WorkoutActions(QObject):
    """Every command of the main window as a QAction, added to the window itself
    so the shortcuts work in mat mode when the menu bar is hidden."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.by_name: dict[str, QAction] = {}
        self._icons = False
        for name, (text, icon_text, keys, icon, tip) in SPECS.items():
            action = QAction(text, window)
            action.setObjectName(f"action_{name}")
            action.setIconText(icon_text)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            sequences = [QKeySequence(k) for k in keys]
            unique = {seq.toString(): seq for seq in sequences if not seq.isEmpty()}
            action.setShortcuts(list(unique.values()))
            window.addAction(action)
            self.by_name[name] = action
        self.mute.setCheckable(True)
        self.mat_mode.setCheckable(True)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.mute.toggled.connect(self._on_mute)

    def __getattr__(self, name: str) -> QAction:
        by_name = self.__dict__.get("by_name", {})
        if name in by_name:
            return by_name[name]
        raise AttributeError(name)

    def build_menus(self, bar: QMenuBar) -> None:
        for title, names in MENUS:
            menu = bar.addMenu(title)
            menu.aboutToShow.connect(self.install_icons)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.by_name[name])

    def set_workout_running(self, running: bool, paused: bool) -> None:
        """Enable the workout commands only while a workout runs; Pause reads Resume when paused."""
        for name in WORKOUT_ONLY:
            self.by_name[name].setEnabled(running)
        pause = self.pause
        pause.setText("&Resume" if paused else "&Pause")
        pause.setIconText("Resume" if paused else "Pause")
        self._set_icon(pause, "SP_MediaPlay" if paused else "SP_MediaPause")
        # Media Play starts a workout on the start screen and resumes one in progress
        self.start.setShortcuts([QKeySequence("Ctrl+Return")] if running else
                                [QKeySequence("Ctrl+Return"), QKeySequence(Qt.Key.Key_MediaPlay)])
        keys = [Qt.Key.Key_Space, Qt.Key.Key_MediaPause, Qt.Key.Key_MediaTogglePlayPause]
        if running:
            keys.append(Qt.Key.Key_MediaPlay)
        pause.setShortcuts([QKeySequence(k) for k in keys])

    def shortcuts_html(self) -> str:
        """A table of every command and its keys, for Help → Keyboard shortcuts."""
        rows = []
        for name, action in self.by_name.items():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            keys = [k for k in keys if k]
            if keys and name != "keys":
                what = SPECS[name][4].split(" (")[0]
                rows.append(f"<tr><td><b>{' · '.join(keys)}</b></td><td>{what}</td></tr>")
        return ("<table cellspacing='6'>" + "".join(rows) + "</table>"
                "<p>Double-click the window for mat mode too.</p>")

    def install_icons(self) -> None:
        """Give the actions their menu icons (once; until then they have none)."""
        if self._icons:
            return
        self._icons = True
        for name, spec in SPECS.items():
            self._set_icon(self.by_name[name], spec[3])
        self._set_icon(self.pause, "SP_MediaPlay" if self.pause.iconText() == "Resume"
                       else "SP_MediaPause")
        self._on_mute(self.mute.isChecked())

    def _set_icon(self, action: QAction, standard_pixmap: str | None) -> None:
        """The style's icon of that name (a QStyle.StandardPixmap), once icons are installed."""
        if self._icons and standard_pixmap is not None:
            from PySide6.QtWidgets import QStyle

            pixmap = getattr(QStyle.StandardPixmap, standard_pixmap)
            action.setIcon(self.window.style().standardIcon(pixmap))

    def _on_mute(self, muted: bool) -> None:
        self.mute.setIconText("Unmute" if muted else "Mute")
        self._set_icon(self.mute, "SP_MediaVolumeMuted" if muted else "SP_MediaVolume")
