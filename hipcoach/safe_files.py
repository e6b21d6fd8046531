"""Crash-safe file writing: atomic replace, byte-exact backups, leftover clean-up."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, os.replace, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the data itself is synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_file(path: Path, label: str = "corrupt") -> Path:
    """Copy `path` byte for byte to `<name>.<label>-<timestamp>` (never overwriting one)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1000):
        suffix = f"-{attempt}" if attempt else ""
        backup = path.with_name(f"{path.name}.{label}-{stamp}{suffix}")
        try:
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            with path.open("rb") as source, os.fdopen(fd, "wb") as target:
                shutil.copyfileobj(source, target)
                target.flush()
                os.fsync(target.fileno())
        except BaseException:
            backup.unlink(missing_ok=True)
            raise
        fsync_folder(path.parent)
        return backup
    raise FileExistsError(f"too many backups of {path.name} this second")


def remove_stale_temp_files(path: Path, stale_seconds: float = 3600) -> None:
    """Temp files left by a save that was killed halfway (older than an hour)."""
    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
        cutoff = time.time() - stale_seconds
        for temp in leftovers:
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
    except OSError:
        pass
