"""Where things live on disk, resolved at call time (never at import).

Each directory can be overridden by an environment variable so tests and
users can point the app elsewhere: HIPCOACH_CONFIG_DIR, HIPCOACH_DATA_DIR,
HIPCOACH_CACHE_DIR, HIPCOACH_LOG_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "hipcoach"
APP_ID = "io.github.hipcoach.HipCoach"


def resources_dir() -> Path:
    """The bundled resources: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if (candidate / "routines").is_dir():
            return candidate
    raise FileNotFoundError(f"resources not found next to {here}")


def routines_dir() -> Path:
    """Folder of the bundled routine TOML files."""
    return resources_dir() / "routines"


def _user_dir(env: str, kind: str, override: str | os.PathLike[str] | None) -> Path:
    if override:
        return Path(override)
    if os.environ.get(env):
        return Path(os.environ[env])
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Settings folder (`--config-dir`, HIPCOACH_CONFIG_DIR, or the platform default)."""
    return _user_dir("HIPCOACH_CONFIG_DIR", "config", override)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """History database folder (HIPCOACH_DATA_DIR or the platform default)."""
    return _user_dir("HIPCOACH_DATA_DIR", "data", override)


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Rendered speech cache (HIPCOACH_CACHE_DIR or the platform default)."""
    return _user_dir("HIPCOACH_CACHE_DIR", "cache", override)


def log_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Log folder (HIPCOACH_LOG_DIR or the platform default)."""
    return _user_dir("HIPCOACH_LOG_DIR", "log", override)
