"""User folders honour overrides and environment variables, resolved at call time."""

from __future__ import annotations

from pathlib import Path

from hipcoach import paths


def test_override_beats_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HIPCOACH_CONFIG_DIR", str(tmp_path / "env"))
    assert paths.config_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.config_dir() == tmp_path / "env"


def test_environment_for_each_folder(tmp_path, monkeypatch):
    for name, func in (("DATA", paths.data_dir), ("CACHE", paths.cache_dir),
                       ("LOG", paths.log_dir)):
        monkeypatch.setenv(f"HIPCOACH_{name}_DIR", str(tmp_path / name))
        assert func() == tmp_path / name


def test_platform_default_when_nothing_is_set(monkeypatch, tmp_path):
    monkeypatch.delenv("HIPCOACH_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.data_dir() == Path(tmp_path / "xdg" / "hipcoach")
