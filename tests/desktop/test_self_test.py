"""`hipcoach --self-test` as a user or CI runs it: a separate process, exit status 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.speech
@pytest.mark.slow
def test_self_test_passes_in_a_fresh_process(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}  # the self-test must force offscreen itself
    env.pop("DISPLAY", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run([sys.executable, "-m", "hipcoach", "--self-test"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[1].strip() for line in lines[:4]] == \
        ["icon", "window", "voice", "session"]
    assert all(": ok, " in line for line in lines[:4])
    assert lines[-1] == "self-test: passed"
    assert "Traceback" not in result.stderr


def test_self_test_is_a_global_option():
    from hipcoach.cli import build_parser

    assert build_parser().parse_args(["--self-test"]).self_test


@pytest.mark.speech
def test_without_the_voice_package_pyttsx3_renders_the_cue_directly(tmp_path):
    # in its own process: one pyttsx3 engine must not be shared with other tests' threads
    code = ("import sys, pathlib; from hipcoach.self_test import _render_with_pyttsx3; "
            "path, seconds = _render_with_pyttsx3(pathlib.Path(sys.argv[1])); "
            "print(path.stat().st_size, seconds)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    size, seconds = result.stdout.split()[-2:]
    assert int(size) > 10_000 and float(seconds) > 1.0
