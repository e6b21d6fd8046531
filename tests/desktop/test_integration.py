"""install_desktop_integration on the real main window: icon, help action, keep-awake, one instance."""

from __future__ import annotations

import argparse
import os
import signal

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from fakes import FakeClock, FakeTimer
from hipcoach import paths
from hipcoach.desktop import keep_awake as keep_awake_module
from hipcoach.desktop.inhibitors import ScreenSaverInhibitor
from hipcoach.desktop.integration import install_desktop_integration
from hipcoach.model import Prescription
from hipcoach.routines import load_routine
from hipcoach.session import Session
from hipcoach.ui.main_window import MainWindow


class UrlCatcher(QObject):
    """Receives the URLs QDesktopServices would hand to the file manager."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def make_window(qtbot, tmp_path_factory, monkeypatch):
    runtime = tmp_path_factory.mktemp("run")  # short: a Unix socket path must fit 108 bytes
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))  # where the single-instance lock lives
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    clock = FakeClock()
    routine = load_routine()
    short = Prescription.from_dict({"reps": 1, "sets": 1}, base=routine.prescription)

    def make() -> MainWindow:
        window = MainWindow(routine, prescription=short, session_factory=lambda plan: Session(
            plan, now=clock.monotonic, wall=clock.wall, timer=FakeTimer(clock)))
        qtbot.addWidget(window)
        return window

    return make


@pytest.fixture
def integrated(qapp, make_window, bus, inhibit_service, monkeypatch):
    """The first window with the desktop pieces installed; the screen saver is a fake on a private bus."""
    calls = inhibit_service("screensaver")
    monkeypatch.setattr(keep_awake_module, "default_inhibitor", lambda: ScreenSaverInhibitor(bus))
    window = make_window()
    integration = install_desktop_integration(qapp, window, argparse.Namespace(verbose=True))
    assert integration is not None
    yield window, integration, calls
    integration.shutdown()
    integration.logging.close()


def test_app_id_icon_and_log_file(qapp, integrated):
    window, integration, _ = integrated
    assert qapp.desktopFileName() == paths.APP_ID
    assert not qapp.windowIcon().isNull() and not window.windowIcon().isNull()
    assert integration.logging.log_file.parent == paths.log_dir()
    assert "Hip Coach starting" in integration.logging.log_file.read_text()


def test_help_open_log_folder_hands_the_folder_to_the_desktop(integrated):
    window, integration, _ = integrated
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        integration.open_log_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.urls] == [str(paths.log_dir())]
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    assert integration.open_log_action in help_menu.actions()


def test_workouts_from_the_window_keep_the_screen_awake(integrated):
    window, integration, calls = integrated
    window.start_workout()
    assert integration.keep_awake.held
    window.session.pause()
    assert not integration.keep_awake.held
    window.session.resume()
    window.session.stop()
    assert [m for m, _ in calls.members()] == ["Inhibit", "UnInhibit"] * 2


def test_a_second_start_raises_the_first_window_and_bows_out(qapp, qtbot, integrated,
                                                             make_window, monkeypatch):
    window, integration, _ = integrated
    assert not window.isVisible()
    second = make_window()
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "token-from-the-launcher")
    with qtbot.waitSignal(integration.instance.activation_requested, timeout=5000):
        assert install_desktop_integration(qapp, second, argparse.Namespace()) is None
        monkeypatch.delenv("XDG_ACTIVATION_TOKEN")  # sent; the first instance sets it again
    assert window.isVisible()
    assert not second.isVisible()
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "token-from-the-launcher"  # for Qt's Wayland


@pytest.mark.qt_no_exception_capture
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_an_error_in_a_slot_is_shown_and_the_workout_goes_on(qtbot, integrated):
    window, integration, _ = integrated
    window.start_workout()
    session = window.session

    def broken_listener(step):
        raise ZeroDivisionError("a listener divided by zero")

    session.step_started.connect(broken_listener)
    with qtbot.waitSignal(integration.crash_reporter.reported, timeout=5000) as blocker:
        session.skip()  # starts the next step: the broken listener raises inside Qt's emit
    assert blocker.args == ["ZeroDivisionError: a listener divided by zero"]
    assert integration.crash_reporter.dialog.isVisible()
    assert session.state.name == "RUNNING" and session.step_index == 1
    assert "a listener divided by zero" in integration.logging.log_file.read_text()
    integration.crash_reporter.dialog.close()
    session.stop()


def test_sigterm_becomes_a_clean_quit_request(qtbot, integrated):
    _, integration, _ = integrated
    with qtbot.waitSignal(integration.signals.received, timeout=5000) as blocker:
        os.kill(os.getpid(), signal.SIGTERM)
    assert blocker.args == [signal.SIGTERM]
    integration.shutdown()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
