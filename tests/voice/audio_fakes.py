"""A fake audio device for voice tests: QSoundEffect look-alikes that record play calls.

Only the audio device is faked; rendering stays real.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class FakeEffect(QObject):
    """Looks like a QSoundEffect to CuePlayer; `device` decides whether it works.

    Signals:
        statusChanged()  after setSource, like the real one
    """

    statusChanged = Signal()

    class Status(enum.Enum):
        Null = 0
        Loading = 1
        Ready = 2
        Error = 3

    def __init__(self, device: "FakeDevice", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device
        self.path: Path | None = None
        self.volume = 1.0
        self.playing = False
        self._status = FakeEffect.Status.Null

    def setSource(self, url) -> None:
        self.path = Path(url.toLocalFile())
        self._status = (FakeEffect.Status.Error if self.device.broken or not self.path.is_file()
                        else FakeEffect.Status.Ready)
        self.statusChanged.emit()

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def status(self):
        return self._status

    def play(self) -> None:
        self.playing = True
        self.device.played.append((self.device.clock(), self.path, self.volume))

    def stop(self) -> None:
        if self.playing:
            self.device.stopped.append(self.path)
        self.playing = False

    def fail(self) -> None:
        """The device vanished while the effect was loaded."""
        self._status = FakeEffect.Status.Error
        self.statusChanged.emit()


class FakeDevice:
    """An audio output (or none): builds FakeEffects and records what they play."""

    def __init__(self, present: bool = True, broken: bool = False, clock=lambda: 0.0) -> None:
        self.present = present
        self.broken = broken
        self.clock = clock
        self.effects: list[FakeEffect] = []
        self.played: list[tuple[float, Path, float]] = []
        self.stopped: list[Path] = []

    def outputs(self) -> list[str]:
        return ["fake output"] if self.present else []

    def effect(self, parent: QObject) -> FakeEffect:
        effect = FakeEffect(self, parent)
        self.effects.append(effect)
        return effect
