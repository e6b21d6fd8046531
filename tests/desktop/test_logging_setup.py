"""Rotating log file, --verbose, and the crash dialog that keeps the workout alive."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from hipcoach.desktop.logging_setup import LOG_FILE, CrashReporter, setup_logging


@pytest.fixture
def logging_to(tmp_path):
    """Set logging up under tmp_path; always taken down again."""
    setups = []

    def start(**options):
        setup = setup_logging(folder=tmp_path / "log", qt_messages=False, **options)
        setups.append(setup)
        return setup

    yield start
    for setup in setups:
        setup.close()


def test_records_go_to_the_log_file_and_rotate(logging_to, tmp_path):
    setup = logging_to(max_bytes=2000, backups=2)
    assert setup.log_file == tmp_path / "log" / LOG_FILE
    log = logging.getLogger("hipcoach.test")
    for n in range(200):
        log.info("line %03d of a long enough message to fill the file quickly", n)
    files = sorted(p.name for p in (tmp_path / "log").iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"]
    assert all((tmp_path / "log" / name).stat().st_size <= 2000 for name in files)
    assert "line 199" in setup.log_file.read_text()


def test_debug_only_with_verbose(logging_to):
    quiet = logging_to()
    logging.getLogger("hipcoach.test").debug("hidden detail")
    quiet.close()
    verbose = logging_to(verbose=True)
    logging.getLogger("hipcoach.test").debug("shown detail")
    text = verbose.log_file.read_text()
    assert "shown detail" in text and "hidden detail" not in text


def test_an_unusable_log_folder_falls_back_to_the_terminal(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    setup = setup_logging(folder=blocker, qt_messages=False)
    try:
        assert setup.log_file is None
        assert "logging to the terminal only" in capsys.readouterr().err
    finally:
        setup.close()


def test_qt_warnings_land_in_the_log(logging_to):
    from PySide6.QtCore import qWarning

    setup = setup_logging(folder=logging_to().log_file.parent, qt_messages=True)
    try:
        qWarning("a warning from inside Qt")
    finally:
        setup.close()
    assert "hipcoach.qt: a warning from inside Qt" in setup.log_file.read_text()


def raise_and_catch():
    try:
        raise ValueError("the rep counter went negative")
    except ValueError:
        return sys.exc_info()


OFFSCREEN_DIALOG = "propagateSizeHints"  # what the offscreen platform says for any dialog


@pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG)
def test_an_uncaught_error_is_logged_and_shown_without_a_traceback(qtbot, logging_to):
    setup = logging_to()
    reporter = CrashReporter(setup.log_file)
    with qtbot.waitSignal(reporter.reported, timeout=5000) as blocker:
        reporter.handle_exception(*raise_and_catch())
    assert blocker.args == ["ValueError: the rep counter went negative"]
    box = reporter.dialog
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert "the rep counter went negative" in box.text()
    assert str(setup.log_file.parent) in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText() + box.detailedText()
    logged = setup.log_file.read_text()
    assert "uncaught error" in logged and "Traceback" in logged and "raise_and_catch" in logged

    # a second error while the first report is open is logged, not stacked
    with qtbot.waitSignal(reporter.reported, timeout=5000):
        reporter.handle_exception(*raise_and_catch())
    assert reporter.dialog is box
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()] == [box]
    box.close()
    assert reporter.dialog is None


@pytest.mark.qt_log_ignore(OFFSCREEN_DIALOG)
def test_errors_in_other_threads_reach_the_dialog_on_the_gui_thread(qtbot, logging_to):
    setup = logging_to()
    reporter = CrashReporter(setup.log_file)
    reporter.install()
    try:
        def fail():
            raise RuntimeError("speech worker fell over")

        worker = threading.Thread(target=fail)
        with qtbot.waitSignal(reporter.reported, timeout=5000) as blocker:
            worker.start()
            worker.join()
    finally:
        reporter.uninstall()
    assert blocker.args == ["RuntimeError: speech worker fell over"]
    assert reporter.dialog.isVisible()
    reporter.dialog.close()
    assert sys.excepthook is not reporter.handle_exception
    assert threading.excepthook is not reporter.handle_thread_exception
    assert "speech worker fell over" in setup.log_file.read_text()
