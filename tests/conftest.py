"""Shared test set-up: offscreen Qt and private folders for every test."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Point config, data, cache and log folders at the test's own tmp_path."""
    for name in ("CONFIG", "DATA", "CACHE", "LOG"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(f"HIPCOACH_{name}_DIR", str(folder))
    return tmp_path
