"""Settings: round trip, repair of damaged files, migrations, crash-safe saving."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

import settings_worker
from hipcoach import cli
from hipcoach.model import LIMITS, Prescription
from hipcoach.routines import load_routine
from hipcoach.settings import (SETTINGS_VERSION, Settings, SettingsError, VoiceSettings,
                               load_settings, parse_settings, save_settings, settings_path)

CUSTOM = settings_worker.CUSTOM


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.toml.corrupt-*"))


def test_missing_file_gives_defaults_silently(tmp_path):
    assert load_settings(tmp_path) == (Settings(), None)
    assert list(tmp_path.iterdir()) == []


def test_round_trip_keeps_every_field(tmp_path):
    save_settings(CUSTOM, tmp_path)
    assert load_settings(tmp_path) == (CUSTOM, None)


def test_settings_path_honours_override_then_environment(tmp_path):
    assert settings_path(tmp_path / "x") == tmp_path / "x" / "settings.toml"
    assert settings_path() == Path(os.environ["HIPCOACH_CONFIG_DIR"]) / "settings.toml"


def test_out_of_range_field_is_replaced_the_rest_kept(tmp_path):
    data = CUSTOM.to_toml()
    data["prescription"]["reps"] = 99
    data["voice"]["rate"] = "fast"
    original = tomli_w.dumps(data).encode()
    settings_path(tmp_path).write_bytes(original)

    settings, notice = load_settings(tmp_path)

    assert settings.prescription.reps == Prescription().reps
    assert settings.voice.rate == VoiceSettings().rate
    assert settings.prescription.sets == 2 and settings.voice.volume == 70
    assert settings.variations == CUSTOM.variations
    assert "reps must be from 1 to 50, got 99" in notice and "1 more" in notice
    assert "\n" not in notice
    [backup] = backups(tmp_path)
    assert backup.read_bytes() == original
    assert backup.name in notice
    assert load_settings(tmp_path) == (settings, None)  # repaired once, quiet afterwards


def test_truncated_file_keeps_its_complete_lines(tmp_path):
    save_settings(CUSTOM, tmp_path)
    whole = settings_path(tmp_path).read_bytes()
    cut = whole[:whole.index(b"[voice]") + len(b"[voice]\nenabled = fa")]
    settings_path(tmp_path).write_bytes(cut)

    settings, notice = load_settings(tmp_path)

    assert settings.prescription == CUSTOM.prescription
    assert settings.enabled == CUSTOM.enabled
    assert settings.voice == VoiceSettings()
    assert "not valid TOML" in notice
    assert backups(tmp_path)[0].read_bytes() == cut


def test_wrong_types_everywhere_never_crash(tmp_path):
    settings_path(tmp_path).write_text(
        'version = "two"\nprescription = 5\nworkout = {variations = [1], enabled = [], '
        'options = "band", extra = 1}\nvoice = {rate = 90, volume = true, shout = 1}\n')
    settings, notice = load_settings(tmp_path)
    assert settings == Settings(voice=VoiceSettings(rate=90))
    assert notice.startswith("Settings file had problems")


def test_read_only_command_changes_nothing_on_disk(tmp_path):
    settings_path(tmp_path).write_bytes(b"reps = [")
    settings, notice = load_settings(tmp_path, repair=False)
    assert settings == Settings() and "problems" in notice
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file_is_never_overwritten(tmp_path):
    path = settings_path(tmp_path)
    path.write_bytes(b"reps = 12\n")
    path.chmod(0)
    settings, notice = load_settings(tmp_path)
    assert settings == Settings() and "leaving that file alone" in notice
    with pytest.raises(SettingsError, match="cannot be read"):
        save_settings(CUSTOM, tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert path.read_bytes() == b"reps = 12\n"


def test_unreadable_file_is_never_overwritten_even_as_root(tmp_path):
    settings_path(tmp_path).mkdir(parents=True)  # a folder where the file should be
    settings, notice = load_settings(tmp_path)
    assert settings == Settings() and "Could not read" in notice
    with pytest.raises(SettingsError, match="cannot be read"):
        save_settings(CUSTOM, tmp_path)
    assert settings_path(tmp_path).is_dir()


def test_save_backs_up_a_damaged_file_before_replacing_it(tmp_path):
    settings_path(tmp_path).write_bytes(b"\xff\xfe garbage")
    save_settings(CUSTOM, tmp_path)
    assert backups(tmp_path)[0].read_bytes() == b"\xff\xfe garbage"
    assert load_settings(tmp_path) == (CUSTOM, None)


def test_save_into_an_impossible_folder_is_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(SettingsError) as caught:
        save_settings(CUSTOM, tmp_path / "file")
    assert "\n" not in str(caught.value)


def test_version_1_flat_file_is_migrated_and_upgraded_on_disk(tmp_path):
    old = (b'reps = 10\nsets = 2\nhold = 1\nvoice = false\nspeech_rate = 140\nvolume = 0.6\n'
           b'[variations]\nglute-bridge = "double-leg"\n')
    settings_path(tmp_path).write_bytes(old)

    settings, notice = load_settings(tmp_path)

    assert notice is None
    assert (settings.prescription.reps, settings.prescription.sets) == (10, 2)
    assert settings.voice == VoiceSettings(enabled=False, rate=140, volume=60)
    assert settings.variations == (("glute-bridge", "double-leg"),)
    assert f"version = {SETTINGS_VERSION}" in settings_path(tmp_path).read_text()
    [kept] = tmp_path.glob("settings.toml.v1-*")
    assert kept.read_bytes() == old
    assert load_settings(tmp_path) == (settings, None)


def test_newer_version_is_kept_aside_and_read_as_far_as_possible(tmp_path):
    data = CUSTOM.to_toml()
    data["version"] = SETTINGS_VERSION + 1
    data["hologram"] = {"size": 3}
    settings_path(tmp_path).write_text(tomli_w.dumps(data))
    settings, notice = load_settings(tmp_path)
    assert settings == CUSTOM
    assert "newer Hip Coach" in notice and backups(tmp_path)


def test_selection_follows_settings_and_ignores_unknown_names():
    routine = load_routine()
    chosen = Settings(variations=(("glute-bridge", "double-leg"), ("ghost", "x"),
                                  ("donkey-kick", "no-such")),
                      enabled=("glute-bridge", "ghost"), options=frozenset({"feet-on-ball"}))
    selection = chosen.selection(routine)
    assert selection.variations == (("glute-bridge", "double-leg"),)
    assert selection.options == {"feet-on-ball"}
    nothing_known = Settings(enabled=("ghost",)).selection(routine)
    assert nothing_known == Settings().selection(routine)  # never an empty workout
    assert Settings.defaults_for(routine).prescription == routine.prescription


def test_defaults_come_from_the_caller(tmp_path):
    base = Settings(prescription=Prescription(reps=8))
    settings_path(tmp_path).write_text("[prescription]\nsets = 4\n")
    settings, _ = load_settings(tmp_path, defaults=base)
    assert (settings.prescription.reps, settings.prescription.sets) == (8, 4)


# ---------------------------------------------------------------- fuzzing

scalars = st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=8),
                    st.booleans(), st.none())
PRESCRIPTION_KEYS = list(LIMITS) + ["first_side", "alternate_sides", "resistance", "bogus"]
fuzz_tables = st.fixed_dictionaries({}, optional={
    "version": st.one_of(st.integers(-2, 5), st.text(max_size=3)),
    "prescription": st.one_of(st.dictionaries(st.sampled_from(PRESCRIPTION_KEYS), scalars),
                              scalars),
    "voice": st.dictionaries(st.sampled_from(["enabled", "voice_id", "rate", "volume", "beeps",
                                              "x"]), scalars),
    "workout": st.dictionaries(st.sampled_from(["variations", "enabled", "options", "y"]),
                               st.one_of(scalars, st.lists(st.text(max_size=5), max_size=3),
                                         st.dictionaries(st.text(max_size=5),
                                                         st.text(max_size=5), max_size=3))),
    "reps": scalars, "speech_rate": scalars, "volume": scalars,
})


def toml_bytes(table: dict) -> bytes:
    clean = {k: v for k, v in table.items() if v is not None}
    for key, value in clean.items():
        if isinstance(value, dict):
            clean[key] = {k: v for k, v in value.items() if v is not None}
    return tomli_w.dumps(clean).encode()


fuzz_files = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(str.encode),
    fuzz_tables.map(toml_bytes),
    st.tuples(fuzz_tables.map(toml_bytes), st.integers(0, 400)).map(lambda t: t[0][:t[1]]),
)


@given(raw=fuzz_files)
@hsettings(max_examples=600, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_files_never_crash_and_lose_nothing(tmp_path, raw):
    folder = tmp_path / f"fuzz{time.monotonic_ns()}"
    folder.mkdir()
    path = settings_path(folder)
    path.write_bytes(raw)

    settings, notice = load_settings(folder)

    assert isinstance(settings, Settings)
    if notice is None:  # nothing wrong: the file is untouched or upgraded with a copy kept
        kept = [p.read_bytes() for p in folder.glob("settings.toml.v*")]
        assert path.read_bytes() == raw or kept == [raw]
    else:
        assert "\n" not in notice
        assert [p.read_bytes() for p in backups(folder)] == [raw]
    assert load_settings(folder) == (settings, None)


@given(field=st.sampled_from(list(LIMITS)), value=scalars)
@hsettings(max_examples=150, deadline=None)
def test_one_bad_field_never_spoils_the_others(field, value):
    data = CUSTOM.to_toml()
    data["prescription"][field] = value
    settings, problems = parse_settings(data, Settings())
    others = {k: v for k, v in CUSTOM.prescription.to_dict().items() if k != field}
    assert {k: v for k, v in settings.prescription.to_dict().items() if k != field} == others
    assert settings.voice == CUSTOM.voice
    assert bool(problems) == (getattr(settings.prescription, field) != value)


# ---------------------------------------------------------------- kill -9

def test_kill_9_during_saves_always_leaves_a_readable_file(tmp_path):
    save_settings(CUSTOM, tmp_path)
    chance = random.Random(6)
    with subprocess.Popen([sys.executable, settings_worker.__file__, str(tmp_path)],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as host:
        for _ in range(200):
            # the child reports after a random number of saves and keeps saving, so the
            # kill below lands at an unplanned point of a later save
            host.stdin.write(f"{chance.randint(1, 4)}\n")
            host.stdin.flush()
            pid = int(host.stdout.readline())
            os.kill(pid, signal.SIGKILL)
            assert host.stdout.readline() == f"signal {signal.SIGKILL.value}\n"
            settings, notice = load_settings(tmp_path, repair=False)
            assert notice is None and settings in (Settings(), CUSTOM)
        host.stdin.close()
        assert host.wait(timeout=30) == 0
    assert backups(tmp_path) == []
    # some kills landed between creating the temp file and the rename (it is left behind)
    assert list(tmp_path.glob(".settings.toml.*.tmp"))


# ---------------------------------------------------------------- command line

def plan_json(capsys, *argv: str) -> dict:
    assert cli.main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_starts_from_the_saved_settings_in_config_dir(tmp_path, capsys):
    folder = tmp_path / "chosen"
    save_settings(CUSTOM, folder)
    steps = plan_json(capsys, "--config-dir", str(folder), "plan")["steps"]
    assert {s["exercise"] for s in steps} == {"glute-bridge", "donkey-kick"}
    assert {(s["sets"], s["reps"]) for s in steps} == {(2, 12)}
    assert steps[0]["variation"] == "double-leg"
    default = plan_json(capsys, "plan")["steps"]  # HIPCOACH_CONFIG_DIR holds nothing: routine defaults
    assert {s["reps"] for s in default} == {15}


def test_plan_options_override_saved_settings(capsys):
    save_settings(CUSTOM)
    steps = plan_json(capsys, "plan", "--reps", "5", "--only", "side-leg-lift")["steps"]
    assert {s["exercise"] for s in steps} == {"side-leg-lift"}
    assert {(s["sets"], s["reps"]) for s in steps} == {(2, 5)}


def test_plan_reports_a_damaged_file_and_leaves_it_alone(capsys):
    settings_path().parent.mkdir(parents=True)
    settings_path().write_bytes(b"[prescription]\nreps = 0\nsets = 2\n")
    assert cli.main(["plan"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("hipcoach: Settings file has problems (reps must be")
    assert captured.err.count("\n") == 1
    assert "total" in captured.out
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.toml"]
