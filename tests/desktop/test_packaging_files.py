"""The desktop entry, AppStream metadata and icons pass the real validators and agree."""

from __future__ import annotations

import configparser
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from hipcoach import __version__
from hipcoach.desktop.integration import icon_path
from hipcoach.paths import APP_ID

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_desktop_file_validates():
    result = run("desktop-file-validate", str(DESKTOP))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates_offline():
    result = run("appstreamcli", "validate", "--no-net", "--explain", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert not problems, result.stdout


def test_one_app_id_everywhere():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DESKTOP)
    assert entry["Desktop Entry"]["Icon"] == APP_ID
    assert entry["Desktop Entry"]["Exec"].split()[0] == "hipcoach"
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("screenshots/screenshot/image").text.startswith("https://")
    assert root.find("releases/release").get("version") == __version__
    assert icon_path().name == f"{APP_ID}.svg"


@pytest.mark.parametrize("size", SIZES)
def test_png_icons_have_their_size_and_are_not_blank(size):
    image = QImage(str(LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # the tile is opaque
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners are transparent


def test_scalable_icon_matches_the_window_icon():
    shipped = LINUX / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert shipped.read_bytes() == icon_path().read_bytes()
