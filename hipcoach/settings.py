"""User settings: one versioned TOML file, written atomically, repaired without losing bytes.

Loading never raises. A file that is corrupt, truncated, of the wrong types or
out of range is copied byte for byte to `settings.toml.corrupt-<timestamp>`,
every field that still validates is kept, defaults fill the rest and the caller
gets a one-line notice. A file that cannot be read at all is never overwritten.
Ranges come from model.LIMITS (through Prescription) and VOICE_LIMITS below.
"""

from __future__ import annotations

import math
import os
import sys
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable

from hipcoach import paths
from hipcoach.model import Prescription, Routine, Selection, ValidationError, check_number
from hipcoach.safe_files import backup_file, remove_stale_temp_files, write_atomic

SETTINGS_FILE = "settings.toml"
SETTINGS_VERSION = 2
MAX_SETTINGS_BYTES = 64 * 1024
MAX_SALVAGE_LINES = 400
STALE_TEMP_SECONDS = 3600
# field -> (minimum, maximum, unit): the single source of the voice ranges
VOICE_LIMITS: dict[str, tuple[float, float, str]] = {
    "rate": (80, 300, " words/min"),
    "volume": (0, 100, "%"),
}
_HEADER = b"# Hip Coach settings, written by the app. Edit while Hip Coach is closed.\n"


class SettingsError(OSError):
    """Settings could not be saved; the message is one line for the user."""


@dataclass(frozen=True)
class VoiceSettings:
    """Spoken coaching: on/off, which voice ("" = the engine's default), speed, loudness, beeps."""

    enabled: bool = True
    voice_id: str = ""
    rate: int = 170
    volume: int = 100
    beeps: bool = True

    def __post_init__(self) -> None:
        for name, (low, high, unit) in VOICE_LIMITS.items():
            check_number(name, getattr(self, name), low, high, unit, integer=True)
        for name in ("enabled", "beeps"):
            if not isinstance(getattr(self, name), bool):
                raise ValidationError(f"voice {name} must be true or false, "
                                      f"got {getattr(self, name)!r}")
        if not isinstance(self.voice_id, str) or len(self.voice_id) > 200:
            raise ValidationError(f"voice_id must be a short text, got {self.voice_id!r}")


@dataclass(frozen=True)
class Settings:
    """Everything the user chooses: prescription, exercises and variations, voice.

    `variations` pairs exercise id -> chosen variation id (kept even while the
    exercise is switched off); `enabled` lists the exercises to do (None: all);
    `options` holds chosen option ids such as a band above the knees.
    """

    prescription: Prescription = field(default_factory=Prescription)
    variations: tuple[tuple[str, str], ...] = ()
    enabled: tuple[str, ...] | None = None
    options: frozenset[str] = frozenset()
    voice: VoiceSettings = field(default_factory=VoiceSettings)

    def __post_init__(self) -> None:
        if not isinstance(self.prescription, Prescription):
            raise ValidationError("prescription must be a table")
        if not isinstance(self.voice, VoiceSettings):
            raise ValidationError("voice must be a table")
        if not all(isinstance(p, tuple) and len(p) == 2 and _is_id(p[0]) and _is_id(p[1])
                   for p in self.variations):
            raise ValidationError("variations must map exercise names to variation names")
        if self.enabled is not None and (not self.enabled or not all(map(_is_id, self.enabled))):
            raise ValidationError("enabled must list at least one exercise")
        if not all(map(_is_id, self.options)):
            raise ValidationError("options must be a list of option names")

    @classmethod
    def defaults_for(cls, routine: Routine) -> "Settings":
        """Factory settings for a routine: its own prescription, every exercise."""
        return cls(prescription=routine.prescription)

    def variation_choices(self, routine: Routine) -> dict[str, str]:
        """Every exercise of `routine` -> the saved variation, else its default."""
        chosen = dict(Selection.default_for(routine).variations)
        for exercise in routine.exercises:
            wanted = dict(self.variations).get(exercise.id)
            if wanted in {v.id for v in exercise.variations}:
                chosen[exercise.id] = wanted
        return chosen

    def selection(self, routine: Routine) -> Selection:
        """The exercises and variations to do in `routine`; unknown names are ignored."""
        chosen = self.variation_choices(routine)
        if self.enabled is not None:
            picked = {k: v for k, v in chosen.items() if k in self.enabled}
            chosen = picked or chosen
        return Selection(tuple(chosen.items()), self.options)

    def to_toml(self) -> dict[str, Any]:
        """The file layout of the current version."""
        workout: dict[str, Any] = {"variations": dict(self.variations),
                                   "options": sorted(self.options)}
        if self.enabled is not None:
            workout["enabled"] = list(self.enabled)
        voice = {f.name: getattr(self.voice, f.name) for f in fields(VoiceSettings)}
        return {"version": SETTINGS_VERSION, "prescription": self.prescription.to_dict(),
                "workout": workout, "voice": voice}


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 100


# ---------------------------------------------------------------- parsing

def parse_settings(data: dict[str, Any], defaults: Settings) -> tuple[Settings, list[str]]:
    """Validate parsed TOML field by field: (settings, problems). Never raises."""
    problems: list[str] = []
    data = migrate(data, problems)
    for key in sorted(set(data) - {"version", "prescription", "workout", "voice"}):
        problems.append(f"unknown setting {key!r}")
    prescription = _parse_fields(
        "prescription", data.get("prescription", {}), defaults.prescription, problems,
        lambda base, key, value: Prescription.from_dict({key: value}, base=base))
    voice = _parse_fields("voice", data.get("voice", {}), defaults.voice, problems,
                          _replace_voice)
    settings = replace(defaults, prescription=prescription, voice=voice)
    workout = _table("workout", data.get("workout", {}), problems)
    for key in sorted(set(workout) - {"variations", "enabled", "options"}):
        problems.append(f"unknown setting 'workout.{key}'")
    shapes = {"variations": (dict, lambda v: tuple(v.items())), "enabled": (list, tuple),
              "options": (list, frozenset)}
    for key, (kind, convert) in shapes.items():
        if key not in workout:
            continue
        value = workout[key]
        try:
            if not isinstance(value, kind):
                raise ValidationError(f"workout.{key} must be a "
                                      f"{'table' if kind is dict else 'list'}, "
                                      f"got {type(value).__name__}")
            settings = replace(settings, **{key: convert(value)})
        except (ValidationError, TypeError) as exc:
            problems.append(str(exc))
    return settings, problems


def _replace_voice(base: VoiceSettings, key: str, value: Any) -> VoiceSettings:
    if key not in {f.name for f in fields(VoiceSettings)}:
        raise ValidationError(f"unknown setting 'voice.{key}'")
    return replace(base, **{key: value})


def _parse_fields(section: str, table: Any, base: Any, problems: list[str],
                  apply: Callable[[Any, str, Any], Any]) -> Any:
    """Apply each key of `table` to `base` on its own, so one bad field spoils nothing else."""
    for key, value in _table(section, table, problems).items():
        try:
            base = apply(base, key, value)
        except (ValidationError, TypeError) as exc:
            problems.append(str(exc))
    return base


def _table(name: str, value: Any, problems: list[str]) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    problems.append(f"{name} must be a table, got {type(value).__name__}")
    return {}


def migrate(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Bring an older layout up to SETTINGS_VERSION (a file without `version` is version 1)."""
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.append(f"version must be a whole number from 1, got {version!r}")
        version = SETTINGS_VERSION
    elif version > SETTINGS_VERSION:
        problems.append(f"written by a newer Hip Coach (settings version {version})")
    data = dict(data)
    for step in range(version, SETTINGS_VERSION):
        data = MIGRATIONS[step](data, problems)
    return data


def _from_v1(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Version 1 was flat: prescription keys at the top, `voice` a switch, volume 0..1."""
    prescription_keys = {f.name for f in fields(Prescription)}
    out: dict[str, Any] = {"version": 2, "prescription": {}, "voice": {}, "workout": {}}
    renamed = {"voice": "enabled", "voice_name": "voice_id", "speech_rate": "rate",
               "volume": "volume", "beeps": "beeps"}
    for key, value in data.items():
        if key in ("prescription", "voice", "workout") and isinstance(value, dict):
            out[key].update(value)  # already in the new layout
        elif key in ("prescription", "workout"):
            problems.append(f"{key} must be a table, got {type(value).__name__}")
        elif key in prescription_keys:
            out["prescription"][key] = value
        elif key in renamed:
            if key == "volume" and isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and math.isfinite(value * 100):
                value = round(value * 100)
            out["voice"][renamed[key]] = value
        elif key in ("variations", "enabled", "options"):
            out["workout"][key] = value
        elif key != "version":
            out[key] = value
    return out


# version -> function(data, problems) returning the layout of version + 1
MIGRATIONS: dict[int, Callable[[dict[str, Any], list[str]], dict[str, Any]]] = {1: _from_v1}


def parse_settings_bytes(raw: bytes, defaults: Settings) -> tuple[Settings, list[str]]:
    """Decode and parse file contents; a broken tail is dropped, the rest is still used."""
    problems: list[str] = []
    if len(raw) > MAX_SETTINGS_BYTES:
        return defaults, [f"the file is larger than {MAX_SETTINGS_BYTES // 1024} KiB"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"not valid UTF-8 text at byte {exc.start}")
        text = raw[:exc.start].decode("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"not valid TOML ({exc})")
        data = _salvage_lines(text)
    settings, more = parse_settings(data, defaults)
    return settings, problems + more


def _salvage_lines(text: str) -> dict[str, Any]:
    """The longest run of leading lines that still parses (a truncated file keeps its start)."""
    lines = text.split("\n")
    if len(lines) > MAX_SALVAGE_LINES:
        return {}
    for end in range(len(lines) - 1, 0, -1):
        try:
            return tomllib.loads("\n".join(lines[:end]))
        except tomllib.TOMLDecodeError:
            continue
    return {}


# ---------------------------------------------------------------- files

def settings_path(directory: str | os.PathLike[str] | None = None) -> Path:
    """Where the settings file lives (`--config-dir`, HIPCOACH_CONFIG_DIR, or the platform's)."""
    return paths.config_dir(directory) / SETTINGS_FILE


def load_settings(directory: str | os.PathLike[str] | None = None,
                  defaults: Settings | None = None,
                  repair: bool = True) -> tuple[Settings, str | None]:
    """Read the settings: (settings, one-line notice or None). Never raises.

    With `repair` a damaged file is backed up and rewritten with what was kept;
    without it (read-only commands) nothing on disk changes.
    """
    defaults = defaults or Settings()
    path = settings_path(directory)
    remove_stale_temp_files(path, STALE_TEMP_SECONDS)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        if not os.path.lexists(path):  # missing, or its folder is not a folder
            return defaults, None
        return defaults, (f"Could not read the settings file {path} ({exc.strerror or exc}); "
                          "using defaults and leaving that file alone.")
    settings, problems = parse_settings_bytes(raw, defaults)
    if not problems:
        if repair and file_version(raw) < SETTINGS_VERSION:
            try:  # upgrade on disk, keeping the old layout next to it
                backup_file(path, f"v{file_version(raw)}")
                write_atomic(path, _dump(settings))
            except OSError:
                pass  # still readable as it is; try again next time
        return settings, None
    what = _one_line(problems[0]) + (f"; and {len(problems) - 1} more" if len(problems) > 1
                                     else "")
    if not repair:
        return settings, f"Settings file has problems ({what}); using defaults for those."
    try:
        backup = backup_file(path)
        write_atomic(path, _dump(settings))
    except OSError as exc:
        return settings, (f"Settings file has problems ({what}); could not keep a copy "
                          f"({_one_line(str(exc))}), so it was left as it is.")
    return settings, (f"Settings file had problems ({what}); kept the rest, used defaults "
                      f"for those and saved the original as {backup.name}.")


def settings_for_command(args: Any, routine: Routine) -> Settings:
    """Saved settings as the base of a command-line workout (`--config-dir` honoured).

    Read-only: a damaged file is reported on stderr and left as it is.
    """
    settings, notice = load_settings(getattr(args, "config_dir", None),
                                     Settings.defaults_for(routine), repair=False)
    if notice:
        print(f"hipcoach: {notice}", file=sys.stderr)
    return settings


def save_settings(settings: Settings, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write atomically; raises SettingsError (one line) when that is not possible.

    An existing file that cannot be read is never replaced; one that holds
    something other than valid settings is backed up first.
    """
    path = settings_path(directory)
    try:
        with path.open("rb") as handle:
            current = handle.read(MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        if not os.path.lexists(path):  # missing, or its folder is not a folder
            current = None
        else:
            raise SettingsError(f"Not saving settings: {path} exists but cannot be read "
                                f"({exc.strerror or exc}).") from None
    try:
        if current is not None and parse_settings_bytes(current, Settings())[1]:
            backup_file(path)
        write_atomic(path, _dump(settings))
    except OSError as exc:
        raise SettingsError(f"Could not save settings to {path}: "
                            f"{_one_line(exc.strerror or str(exc))}.") from None
    return path


def _dump(settings: Settings) -> bytes:
    import tomli_w  # only when saving: not on the way to the window

    return _HEADER + tomli_w.dumps(settings.to_toml()).encode("utf-8")


def file_version(raw: bytes) -> int:
    """The `version` a valid settings file declares (1 when it has none)."""
    version = tomllib.loads(raw.decode("utf-8")).get("version", 1)
    return version if isinstance(version, int) else SETTINGS_VERSION


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
