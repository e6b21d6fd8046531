"""Crash-safe writes: nothing half-written is ever left under the real name."""

from __future__ import annotations

import os
import time

import pytest

from hipcoach.safe_files import backup_file, remove_stale_temp_files, write_atomic


def test_write_replaces_the_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "deep" / "file.toml"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.toml"]


def test_a_failed_replace_keeps_the_old_target_and_removes_the_temp(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # os.replace cannot put a file over a folder
    (target / "inside").write_text("kept")
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert (target / "inside").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_backups_never_overwrite_each_other(tmp_path):
    original = tmp_path / "settings.toml"
    original.write_bytes(b"\x00first")
    first = backup_file(original)
    original.write_bytes(b"second")
    second = backup_file(original, "v1")
    third = backup_file(original)
    assert first != third and first.name.startswith("settings.toml.corrupt-")
    assert second.name.startswith("settings.toml.v1-")
    assert (first.read_bytes(), second.read_bytes(), third.read_bytes()) == \
        (b"\x00first", b"second", b"second")


def test_a_backup_of_a_missing_file_leaves_nothing_behind(tmp_path):
    with pytest.raises(FileNotFoundError):
        backup_file(tmp_path / "gone.toml")
    assert list(tmp_path.iterdir()) == []


def test_only_old_leftover_temps_are_cleaned(tmp_path):
    target = tmp_path / "settings.toml"
    old = tmp_path / ".settings.toml.abc123.tmp"
    fresh = tmp_path / ".settings.toml.def456.tmp"
    other = tmp_path / ".other.toml.x.tmp"
    for path in (old, fresh, other):
        path.write_bytes(b"half")
    an_hour_ago = time.time() - 3700
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    remove_stale_temp_files(target, stale_seconds=3600)
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, fresh.name]
    remove_stale_temp_files(tmp_path / "no-such-folder" / "x.toml")  # quietly nothing
