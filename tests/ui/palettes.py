"""A dark palette like a desktop's dark scheme, for tests and screenshots (test data only)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

Role = QPalette.ColorRole
DARK = {
    Role.Window: "#1f2023", Role.WindowText: "#ececee", Role.Base: "#2a2b2f",
    Role.AlternateBase: "#323338", Role.Text: "#ececee", Role.Button: "#2f3035",
    Role.ButtonText: "#ececee", Role.Light: "#4a4b52", Role.Midlight: "#3a3b40",
    Role.Mid: "#55565c", Role.Dark: "#141416", Role.Shadow: "#000000",
    Role.Highlight: "#4d9df5", Role.HighlightedText: "#0b1320", Role.Link: "#7ab6ff",
    Role.PlaceholderText: "#9a9ba3", Role.ToolTipBase: "#3a3b40", Role.ToolTipText: "#ececee",
    Role.BrightText: "#ffffff",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette
