"""Shared test set-up: offscreen Qt and private folders for every test."""

from __future__ import annotations

import os

import pytest

from hipcoach.qt_workarounds import keep_bools_alive

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def bools_survive_signals():
    """PySide6 6.12 drops a reference to True on every emit/disconnect (see qt_workarounds)."""
    keep_bools_alive()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Point config, data, cache and log folders at the test's own tmp_path."""
    for name in ("CONFIG", "DATA", "CACHE", "LOG"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(f"HIPCOACH_{name}_DIR", str(folder))
    return tmp_path
