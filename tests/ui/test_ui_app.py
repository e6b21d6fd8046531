"""app.py: the voice follows the settings; a sped-up demo or voice-off runs silent."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hipcoach.settings import Settings, VoiceSettings
from hipcoach.ui.app import install_voice, voice_factory


class WiringDouble(QObject):
    settings_changed = Signal(object)

    def __init__(self, settings) -> None:
        super().__init__()
        self.settings = settings


def test_no_coach_when_the_voice_is_off_or_the_clock_is_sped_up():
    assert voice_factory(VoiceSettings(enabled=False), 1.0) is None
    assert voice_factory(VoiceSettings(enabled=True), 0.05) is None
    assert callable(voice_factory(VoiceSettings(enabled=True), 1.0))


def test_the_window_takes_the_voice_from_settings_and_follows_changes(make_window, routine):
    window = make_window()
    on = Settings.defaults_for(routine)
    wiring = WiringDouble(on)
    install_voice(window, wiring)
    assert window.voice._factory is not None
    off = Settings(on.prescription, on.variations, None, on.options,
                   VoiceSettings(enabled=False))
    wiring.settings_changed.emit(off)
    assert window.voice._factory is None
