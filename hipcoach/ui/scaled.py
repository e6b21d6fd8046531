"""A screen whose sizes follow the window, so it reads from the mat at any size."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class ScaledScreen(QWidget):
    """Base of the full-window screens: `unit()` is the length every margin, font and
    icon is measured in, and `_apply_sizes()` runs on every resize."""

    def unit(self) -> float:
        """About 32 px in a 1280x800 window, 13 at 480x320, never below 8."""
        return max(8.0, min(self.width() / 40, self.height() / 24))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_sizes()

    def _apply_sizes(self) -> None:
        """Set margins, fonts and icon sizes from `unit()`."""
        raise NotImplementedError
