"""Settings and history wired into the real main window (fake clock and timer only)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fakes import run_to_end, run_until
from hipcoach.model import Prescription
from hipcoach.history import History, history_path
from hipcoach.settings import Settings, VoiceSettings, load_settings, save_settings, settings_path
from hipcoach.ui.history_view import HistoryView
from hipcoach.ui.settings_dialog import VOICE_SAMPLE, SettingsDialog
from hipcoach.ui.settings_wiring import install_settings_and_history, list_voices

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
SHORT = Prescription(reps=2, sets=2, hold=1.0, lift=1.0, lower=1.0, get_ready=3.0,
                     set_rest=6.0, switch_rest=3.0, exercise_rest=6.0)
SAVED = Settings(prescription=SHORT, variations=(("glute-bridge", "double-leg"),),
                 enabled=("glute-bridge",), options=frozenset({"feet-on-ball"}))


def rows(window):
    return {row.exercise.id: row for row in window.start_screen.rows}


def test_saved_settings_shape_the_start_screen(make_window):
    save_settings(SAVED)
    window = make_window()
    install_settings_and_history(window)
    assert window.prescription == SHORT
    bridge = rows(window)["glute-bridge"]
    assert [r.include.isChecked() for r in rows(window).values()] == [False, True, False]
    assert bridge.variation.id == "double-leg"
    assert bridge.option_boxes["feet-on-ball"].isChecked()
    assert window.start_screen.selection() == SAVED.selection(window.routine)


def test_a_damaged_settings_file_is_a_notice_not_a_crash(make_window):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("[prescription]\nreps = 500\n")
    window = make_window()
    install_settings_and_history(window)
    assert window.banner.isVisible()
    assert window.banner.label.text().startswith("Settings file had problems (reps must be")
    assert window.prescription == window.routine.prescription


def test_config_dir_from_the_command_line_wins(make_window, tmp_path):
    class Args:
        config_dir = str(tmp_path / "elsewhere")
    save_settings(SAVED, Args.config_dir)
    window = make_window()
    wiring = install_settings_and_history(window, Args())
    assert wiring.settings == SAVED and window.prescription == SHORT


def test_ctrl_comma_opens_settings_and_ok_applies_to_the_next_workout(make_window, qtbot):
    window = make_window()
    wiring = install_settings_and_history(window)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.boxes["reps"].setValue(7)
    with qtbot.waitSignal(wiring.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.prescription.reps == 7
    assert load_settings()[0].prescription.reps == 7


def test_voice_test_goes_to_the_tester_with_the_dialog_values(make_window, qtbot):
    heard = []
    window = make_window()
    wiring = install_settings_and_history(window, voice_tester=lambda v, t: heard.append((v, t)))
    dialog = wiring.open_settings()
    dialog.rate.setValue(220)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert heard == [(VoiceSettings(rate=220), VOICE_SAMPLE)]


def test_a_workout_is_recorded_and_its_choice_remembered(make_window, qtbot, clock, timer):
    save_settings(Settings(prescription=SHORT))
    window = make_window()
    install_settings_and_history(window)
    for exercise_id, row in rows(window).items():
        row.include.setChecked(exercise_id == "side-leg-lift")
    window.start_workout()
    run_until(clock, timer, 5)
    with qtbot.waitSignal(window.workout_finished):
        run_to_end(clock, timer)
    with History(history_path()) as history:
        [session] = history.sessions()
        sets = history.sets()
    assert session.outcome == "completed" and len(sets) == 4
    assert {s.exercise for s in sets} == {"side-leg-lift"}
    assert load_settings()[0].enabled == ("side-leg-lift",)


def test_history_opens_from_the_window(make_window, qtbot):
    window = make_window()
    wiring = install_settings_and_history(window)
    with qtbot.waitSignal(window.history_requested):
        window.actions_.history.trigger()
    view = window.findChild(HistoryView)
    assert view is not None and view.isVisible() and wiring.view is view


def test_a_broken_history_database_is_one_notice(make_window, qtbot):
    history_path().parent.mkdir(parents=True)
    history_path().write_bytes(b"junk" * 500)
    window = make_window()
    wiring = install_settings_and_history(window)
    assert wiring.open_history() is None
    assert window.banner.label.text().startswith("Cannot use the workout history")
    window.start_workout()
    assert "will not be recorded" in window.banner.label.text()
    assert history_path().read_bytes() == b"junk" * 500


def test_voices_arrive_in_the_open_dialog_without_blocking_it(make_window, qtbot):
    window = make_window()
    wiring = install_settings_and_history(
        window, voice_lister=lambda: [("gmw/en-gb-x-rp", "English (Received Pronunciation)")])
    dialog = wiring.open_settings()
    qtbot.waitUntil(lambda: dialog.voice_id.count() == 2)
    assert dialog.voice_id.itemText(1) == "English (Received Pronunciation)"
    assert dialog.voice_id.currentData() == ""  # the saved choice stays selected
    dialog.voice_id.setCurrentIndex(1)
    with qtbot.waitSignal(wiring.settings_changed) as changed:
        dialog.accept()
    assert changed.args[0].voice.voice_id == "gmw/en-gb-x-rp"


@pytest.mark.speech
def test_the_real_engine_lists_english_voices_first():
    voices = list_voices()
    assert voices, "espeak-ng should offer voices"
    assert voices[0][1].lower().startswith("english")
    assert all(isinstance(v, str) and v for pair in voices for v in pair)


@pytest.mark.speech
# QtMultimedia warns on machines without a sound server; this test must pass there too
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "pa_context_connect",
                           "pipewire")
def test_the_default_voice_test_uses_the_real_speaker_with_the_dialog_values(make_window,
                                                                             qtbot):
    window = make_window()
    wiring = install_settings_and_history(window, voice_lister=list)
    dialog = wiring.open_settings()
    dialog.rate.setValue(150)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    speaker = wiring._test_speaker
    assert (speaker.renderer.voice, speaker.renderer.rate) == (None, 150)
    # with a sound device the sample gets rendered and loaded to play; without one the
    # speaker goes silent at once and the window says why
    qtbot.waitUntil(lambda: speaker.silent or speaker.player.is_loaded(VOICE_SAMPLE),
                    timeout=10_000)
    if speaker.silent:
        assert window.banner.isVisible() and window.banner.label.text()
    speaker.close()
