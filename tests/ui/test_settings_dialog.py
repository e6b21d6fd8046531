"""The Settings dialog with real widgets: ranges, live preview, OK/Cancel/Reset, voice test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hipcoach.model import LIMITS, Prescription, Resistance, Side
from hipcoach.plan import build_plan
from hipcoach.settings import (VOICE_LIMITS, Settings, VoiceSettings, load_settings,
                               settings_path)
from hipcoach.ui.settings_dialog import VOICE_SAMPLE, SettingsDialog
from hipcoach.ui.step_text import minutes_text

# the offscreen platform warns when any dialog is shown; nothing to do with the dialog itself
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, routine):
    def make(settings: Settings | None = None, **kwargs) -> SettingsDialog:
        box = SettingsDialog(settings or Settings.defaults_for(routine), routine, **kwargs)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        return box
    return make


def row(box: SettingsDialog, exercise_id: str):
    return next(r for r in box.rows if r.exercise.id == exercise_id)


def test_every_number_is_limited_to_its_allowed_range(dialog):
    box = dialog()
    for name, (low, high, _unit) in LIMITS.items():
        assert (box.boxes[name].minimum(), box.boxes[name].maximum()) == (low, high), name
    assert (box.rate.minimum(), box.rate.maximum()) == VOICE_LIMITS["rate"][:2]
    assert (box.volume.minimum(), box.volume.maximum()) == VOICE_LIMITS["volume"][:2]
    box.boxes["reps"].setValue(500)
    assert box.boxes["reps"].value() == LIMITS["reps"][1]


def test_typing_a_value_updates_the_total_time_preview(qtbot, dialog, routine):
    box = dialog()
    reps = box.boxes["reps"]
    reps.setFocus()
    reps.selectAll()
    qtbot.keyClicks(reps, "8")
    expected = build_plan(routine, routine.prescription.with_changes(reps=8))
    assert reps.value() == 8
    assert f"about {minutes_text(expected.total_seconds)}" in box.preview.text()
    assert "3 × 8 reps" in box.preview.text()


def test_shows_saved_settings(dialog, routine):
    saved = Settings(prescription=Prescription(reps=10, hold=1.5, first_side=Side.RIGHT,
                                               alternate_sides=False,
                                               resistance=Resistance.BAND),
                     variations=(("glute-bridge", "double-leg"),),
                     enabled=("glute-bridge", "donkey-kick"),
                     options=frozenset({"feet-on-ball"}),
                     voice=VoiceSettings(enabled=False, voice_id="en-gb", rate=120, volume=40))
    box = dialog(saved, voices=[("en-us", "English (US)")])
    assert box.current_settings() == Settings(
        prescription=saved.prescription,
        variations=(("side-leg-lift", "lying"), ("glute-bridge", "double-leg"),
                    ("donkey-kick", "bent-knee")),
        enabled=saved.enabled, options=saved.options, voice=saved.voice)
    assert not row(box, "side-leg-lift").include.isChecked()
    assert not box.test_button.isEnabled()  # voice off
    options = [w.text() for w in row(box, "glute-bridge").findChildren(type(box.alternate))
               if w is not row(box, "glute-bridge").include and not w.isHidden()]
    assert options == ["Band above the knees", "Feet on a ball"]


def test_ok_saves_and_emits_the_new_settings(qtbot, dialog):
    box = dialog()
    box.boxes["sets"].setValue(2)
    box.boxes["set_rest"].setValue(30)
    qtbot.mouseClick(row(box, "donkey-kick").include, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(box.settings_applied) as applied:
        qtbot.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
    settings = applied.args[0]
    assert (settings.prescription.sets, settings.prescription.set_rest) == (2, 30)
    assert settings.enabled == ("side-leg-lift", "glute-bridge")
    assert load_settings() == (settings, None)
    assert not box.isVisible()


def test_cancel_changes_nothing(qtbot, dialog):
    box = dialog()
    box.boxes["reps"].setValue(5)
    with qtbot.assertNotEmitted(box.settings_applied):
        box.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not settings_path().exists()


def test_reset_restores_the_routine_defaults_until_ok(qtbot, dialog, routine):
    box = dialog(Settings(prescription=Prescription(reps=5), enabled=("glute-bridge",),
                          voice=VoiceSettings(rate=100)))
    qtbot.mouseClick(box.reset_button, Qt.MouseButton.LeftButton)
    current = box.current_settings()
    assert current.prescription == routine.prescription
    assert current.enabled == tuple(e.id for e in routine.exercises)
    assert current.voice == VoiceSettings()
    assert not settings_path().exists()


def test_no_exercise_chosen_blocks_ok(qtbot, dialog):
    box = dialog()
    for r in box.rows:
        r.include.setChecked(False)
    assert not box.ok_button.isEnabled()
    assert box.preview.text() == "Choose at least one exercise."
    row(box, "glute-bridge").include.setChecked(True)
    assert box.ok_button.isEnabled()


def test_variation_change_shows_its_own_options_and_keeps_choices(qtbot, dialog):
    box = dialog()
    bridge = row(box, "glute-bridge")
    bridge.variation.setCurrentIndex(bridge.variation.findData("double-leg"))
    ball = next(w for w in bridge.findChildren(type(box.alternate)) if w.text() == "Feet on a ball")
    ball.setChecked(True)
    assert box.current_settings().options == {"feet-on-ball"}
    assert ("glute-bridge", "double-leg") in box.current_settings().variations


def test_voice_test_button_asks_for_a_sample(qtbot, dialog):
    box = dialog()
    box.tabs.setCurrentIndex(2)
    box.rate.setValue(200)
    with qtbot.waitSignal(box.voice_test_requested) as asked:
        qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    assert asked.args == [VOICE_SAMPLE]
    assert box.current_settings().voice.rate == 200


def test_a_failed_save_still_applies_and_says_why(qtbot, dialog, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    box = dialog(config_dir=blocker)
    failures = []
    box.save_failed.connect(failures.append)
    with qtbot.waitSignal(box.settings_applied):
        box.accept()
    assert len(failures) == 1 and failures[0].startswith("Could not save settings")
