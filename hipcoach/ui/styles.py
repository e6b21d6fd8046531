"""The window's style sheet: shapes and spacing only; every colour is a palette role."""

from __future__ import annotations

STYLE_SHEET = """
QFrame#card {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 18px;
}
QPushButton#primaryButton {
    background: palette(highlight);
    color: palette(highlighted-text);
    border: none;
    border-radius: 14px;
    padding: 4px 28px;
}
QPushButton#primaryButton:hover { border: 2px solid palette(highlighted-text); }
QPushButton#primaryButton:focus { border: 2px solid palette(highlighted-text); }
QPushButton#primaryButton:disabled { background: palette(mid); color: palette(window); }
QPushButton#bigButton {
    background: palette(base);
    color: palette(window-text);
    border: 1px solid palette(mid);
    border-radius: 12px;
    padding: 4px 10px;
}
QPushButton#bigButton:hover { border: 2px solid palette(highlight); }
QPushButton#bigButton:pressed { background: palette(midlight); }
QPushButton#bigButton:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border: none;
}
QPushButton#bigButton:disabled { color: palette(mid); }
QPushButton#bigButton[accent="true"] {
    background: palette(highlight);
    color: palette(highlighted-text);
    border: none;
}
QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }
"""


def window_style_sheet() -> str:
    return STYLE_SHEET
