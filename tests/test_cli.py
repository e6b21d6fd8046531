"""The command line, run in-process and as the installed script."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hipcoach import __version__
from hipcoach.cli import format_clock, main


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_json_has_the_default_prescription(capsys):
    code, out, _ = run_cli(capsys, "plan", "--json")
    data = json.loads(out)
    assert code == 0
    lowers = [s for s in data["steps"] if s["kind"] == "lower"]
    assert len(lowers) == 3 * 2 * 3 * 15
    assert {(s["exercise"], s["side"], s["set"]) for s in lowers} == {
        (e, side, n) for e in ("side-leg-lift", "glute-bridge", "donkey-kick")
        for side in ("left", "right") for n in (1, 2, 3)}
    assert {s["duration"] for s in data["steps"] if s["kind"] == "hold"} == {2.0}
    assert data["total_seconds"] == pytest.approx(sum(s["duration"] for s in data["steps"]))


def test_plan_table_with_options(capsys):
    code, out, _ = run_cli(capsys, "plan", "--reps", "2", "--sets", "1", "--hold", "1.5",
                           "--only", "glute-bridge", "--variation", "glute-bridge=double-leg",
                           "--first-side", "right", "--blocks")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["#", "start", "secs", "step"]
    assert "Glute bridge (Both feet)" in out and "side-leg-lift" not in out
    assert lines[-1].startswith("total ")


@pytest.mark.parametrize("argv, message", [
    (["plan", "--reps", "0"], "reps must be from 1 to 50, got 0"),
    (["plan", "--hold", "11"], "hold must be from 0 to 10s"),
    (["plan", "--reps", "many"], "invalid int value"),
    (["plan", "--variation", "glute-bridge"], "--variation wants EXERCISE=VARIATION"),
    (["plan", "--variation", "glute-bridge=hop"], "no variation 'hop'"),
    (["plan", "--only", "plank"], "no exercise 'plank'"),
    (["plan", "--routine", "yoga"], "no routine named 'yoga'"),
    (["frobnicate"], "invalid choice"),
])
def test_errors_are_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("hipcoach: error: ") and message in err


def test_list_names_routines_exercises_and_variations(capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    assert "hips-for-runners: Hips for runners" in out
    assert "donkey-kick=fire-hydrant: Fire hydrant (side raise) (each side)" in out
    assert "glute-bridge=double-leg: Both feet (both legs)" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"hipcoach {__version__}"


def test_format_clock():
    assert [format_clock(s) for s in (0, 59.6, 61, 3725)] == ["0:00", "1:00", "1:01", "1:02:05"]


def test_installed_script_and_module_entry_point():
    script = subprocess.run([sys.executable, "-m", "hipcoach", "plan", "--reps", "0"],
                            capture_output=True, text=True, timeout=60)
    assert script.returncode == 2
    assert script.stderr == "hipcoach: error: reps must be from 1 to 50, got 0\n"
    assert "Traceback" not in script.stderr


def test_a_closed_pipe_ends_quietly():
    reader = subprocess.Popen([sys.executable, "-m", "hipcoach", "plan"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stdout.readline().split()[0] == b"#"
    reader.stdout.close()
    _, err = reader.communicate(timeout=60)
    assert reader.returncode == 0 and b"Traceback" not in err


def test_the_window_command_line_leaves_the_subcommands_unloaded(capsys):
    code = ("import sys, hipcoach.cli as cli; cli.build_parser(frozenset()).parse_args([]); "
            "print(sorted(m for m in sys.modules if m in "
            "('hipcoach.run_command', 'hipcoach.history_command', 'json')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "[]"
    assert main(["history", "--weeks", "0"]) == 2  # named subcommands still get their options
    assert "--weeks" in capsys.readouterr().err


def test_a_bare_launch_opens_the_window_with_the_parsers_defaults(monkeypatch):
    """`hipcoach` alone skips argparse; the window must get what the parser would give."""
    from hipcoach import cli

    opened = []
    monkeypatch.setattr(cli, "cmd_window", lambda args: opened.append(vars(args)) or 0)
    assert main([]) == 0
    assert opened == [vars(cli.build_parser().parse_args([]))]
    assert main(["--time-scale", "0.5"]) == 0  # any word goes through the parser
    assert opened[1]["time_scale"] == 0.5


def test_a_bare_launch_does_not_load_argparse():
    code = ("import sys, hipcoach.cli as cli; cli.cmd_window = lambda args: 0; cli.main([]); "
            "print('argparse' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"
