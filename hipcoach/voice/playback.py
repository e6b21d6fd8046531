"""Play preloaded cue sounds with QtMultimedia, two QSoundEffects per cue.

Each cue's WAV is loaded into QSoundEffects ahead of time, so a play call only
starts the sound (about 35 ms until it comes out). A new cue silences the one
before. QtMultimedia is imported only when a player is built.

Why two: with Qt 6.12 on PulseAudio, playing the same QSoundEffect again right
after itself (a cue or beep twice in a row) now and then leaves the event loop
spinning at a full core ("QSocketNotifier: Invalid socket ... disabling" without
end; tests/benchmarks/replay_probe.py shows it within 30 plays, 0.7 s apart).
Two effects of the same sound taking turns never did. Both share Qt's decoded
sample, so the second costs little.

Without an audio server a QSoundEffect goes to its Error status without a word;
the player checks for output devices first and watches every effect's status.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, QUrl, Signal

NO_DEVICE = "no audio output device was found"
CANNOT_PLAY = "the sound device cannot play the cues"


def _sound_effect(parent: QObject) -> Any:
    from PySide6.QtMultimedia import QSoundEffect

    return QSoundEffect(parent)


def _audio_outputs() -> Sequence[Any]:
    from PySide6.QtMultimedia import QMediaDevices

    return QMediaDevices.audioOutputs()


class CuePlayer(QObject):
    """Plays sounds loaded under a key (the cue text); only one sounds at a time.

    `effect_factory(parent)` builds a QSoundEffect-like object and `outputs()`
    lists audio output devices; tests pass fakes for both (no audio device).

    Signals:
        fault(str)  no output device, or an effect failed to load or play (once)
    """

    fault = Signal(str)

    def __init__(self, volume: float = 1.0, *,
                 effect_factory: Callable[[QObject], Any] | None = None,
                 outputs: Callable[[], Sequence[Any]] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = effect_factory or _sound_effect
        self._outputs = outputs or _audio_outputs
        self._effects: dict[str, tuple[Any, Any]] = {}
        self._current: Any = None
        self._volume = _clamp(volume)
        self.broken = False

    def check_device(self) -> bool:
        """True when an audio output exists; else report the fault and stay silent."""
        if not self.broken and not self._outputs():
            self._break(NO_DEVICE)
        return not self.broken

    def is_loaded(self, key: str) -> bool:
        return key in self._effects

    def load(self, key: str, path: Path) -> None:
        """Preload the WAV at `path` under `key` (a key already loaded keeps its sound)."""
        if self.broken or key in self._effects:
            return
        self._effects[key] = (self._effect(path), self._effect(path))

    def play(self, key: str) -> bool:
        """Start the sound of `key` now, silencing the previous one; False if it cannot."""
        pair = self._effects.get(key)
        if self.broken or pair is None:
            return False
        effect = pair[1] if self._current is pair[0] else pair[0]  # twice in a row: take turns
        if self._watch(effect):
            return False
        if self._current is not None and self._current is not effect:
            self._current.stop()
        self._current = effect
        effect.play()
        return True

    def stop(self) -> None:
        """Silence whatever plays."""
        if self._current is not None:
            self._current.stop()
            self._current = None

    def set_volume(self, volume: float) -> None:
        """Loudness from 0 to 1 for every cue."""
        self._volume = _clamp(volume)
        for pair in self._effects.values():
            for effect in pair:
                effect.setVolume(self._volume)

    def clear(self) -> None:
        """Forget every loaded sound."""
        self.stop()
        for pair in self._effects.values():
            for effect in pair:
                effect.deleteLater()
        self._effects.clear()

    def _effect(self, path: Path) -> Any:
        effect = self._factory(self)
        effect.setVolume(self._volume)
        effect.statusChanged.connect(lambda: self._watch(effect))
        effect.setSource(QUrl.fromLocalFile(str(path)))
        return effect

    def _watch(self, effect: Any) -> bool:
        """Report a failed effect; True when it failed."""
        if effect.status() == effect.Status.Error:
            self._break(CANNOT_PLAY)
            return True
        return False

    def _break(self, message: str) -> None:
        if not self.broken:
            self.broken = True
            self.fault.emit(message)


def _clamp(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))
