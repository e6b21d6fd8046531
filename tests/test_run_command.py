"""`hipcoach run`: the terminal workout, its JSONL events, Ctrl+C, and bad options."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from hipcoach import cli
from hipcoach.headless import summary_lines
from hipcoach.session import SessionSummary

TINY = ["--only", "glute-bridge", "--reps", "1", "--sets", "1", "--get-ready", "1",
        "--switch-rest", "1"]


def read_events(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_terminal_workout_writes_one_event_per_step(qapp, tmp_path, capsys):
    events = tmp_path / "events.jsonl"
    status = cli.main(["run", "--no-window", "--time-scale", "0.01", "--events", str(events),
                       *TINY])
    out = capsys.readouterr().out
    assert status == 0
    lines = read_events(events)
    plan = cli.build_plan(*cli.workout_from_args(cli.build_parser().parse_args(["plan", *TINY])))
    assert [line["step"] for line in lines] == list(range(len(plan)))
    assert [line["kind"] for line in lines] == [step.kind.value for step in plan]
    assert [line["cue"] for line in lines] == [step.cue for step in plan]
    t0 = lines[0]["planned"]
    for line, step in zip(lines, plan):
        assert line["planned"] == pytest.approx(t0 + step.start * 0.01, abs=1e-5)
        assert line["actual"] >= line["planned"] - 0.001
    assert "One. Lift." in out and "Workout complete" in out


def test_time_scale_works_before_or_after_run(qapp, tmp_path):
    for argv in (["--time-scale", "0.005", "run"], ["run", "--time-scale", "0.005"]):
        events = tmp_path / "events.jsonl"
        assert cli.main([*argv, "--no-window", "-q", "--events", str(events), *TINY]) == 0
        lines = read_events(events)
        span = lines[-1]["planned"] - lines[0]["planned"]
        assert span == pytest.approx(12.0 * 0.005, abs=1e-4)   # done starts at 12 s


def test_quiet_prints_only_the_summary(qapp, capsys):
    assert cli.main(["run", "--no-window", "--quiet", "--time-scale", "0.005", *TINY]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Workout complete after")
    assert out[1:] == ["  glute-bridge: left 1, right 1 reps"]


@pytest.mark.parametrize("argv, message", [
    (["run", "--no-window", "--time-scale", "0"], "--time-scale wants a number above 0"),
    (["run", "--no-window", "--time-scale", "nan"], "--time-scale wants a number above 0"),
    (["run", "--no-window", "--events", "/no/such/folder/events.jsonl"],
     "cannot write the events file"),
    (["run", "--no-window", "--reps", "0"], "reps"),
    (["run", "--no-window", "--only", "cartwheel"], "cartwheel"),
])
def test_bad_options_end_in_one_line_and_status_two(argv, message, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_the_summary_reads_well():
    summary = SessionSummary({("side-leg-lift", "left"): 45, ("side-leg-lift", "right"): 30,
                              ("glute-bridge", "both"): 12}, 3, 754.4, False, ())
    assert summary_lines(summary) == ["Workout stopped after 12:34.",
                                      "  side-leg-lift: left 45, right 30 reps",
                                      "  glute-bridge: 12 reps",
                                      "  3 step(s) skipped"]


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    events = tmp_path / "events.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", "run", "--no-window", "--mute",
         "--events", str(events)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        first = process.stdout.readline()          # the get-ready step has started
        assert "get-ready" in first
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "Workout stopped after" in out and "Traceback" not in err
    assert [line["step"] for line in read_events(events)] == [0]


def test_without_no_window_the_workout_starts_in_the_window(qtbot, tmp_path):
    from hipcoach.run_command import open_window
    from hipcoach.session import SessionState

    args = cli.build_parser().parse_args([
        "run", "--only", "side-leg-lift", "--variation", "side-leg-lift=standing",
        "--first-side", "right", "--reps", "1", "--sets", "1", "--get-ready", "1",
        "--switch-rest", "1"])
    routine, prescription, selection = cli.workout_from_args(args)
    plan = cli.build_plan(routine, prescription, selection)
    events = (tmp_path / "events.jsonl").open("w", encoding="utf-8")
    window = open_window(routine, prescription, selection, 0.01, events)
    qtbot.addWidget(window)
    session = window.session
    assert session.plan.steps == plan.steps and session.state is SessionState.RUNNING
    first_rep = session.plan.steps[1]
    assert (first_rep.variation, first_rep.side.value) == ("standing", "right")
    with qtbot.waitSignal(session.finished, timeout=5000) as blocker:
        pass
    events.close()
    assert blocker.args[0].completed
    assert blocker.args[0].reps_done == {("side-leg-lift", "right"): 1,
                                         ("side-leg-lift", "left"): 1}
    assert len(read_events(tmp_path / "events.jsonl")) == len(plan)


def test_event_log_times_follow_pauses_and_skips(qapp):
    import io

    from fakes import FakeClock, FakeTimer, run_until
    from hipcoach.headless import EventLog
    from hipcoach.session import Session

    plan = cli.build_plan(*cli.workout_from_args(cli.build_parser().parse_args(["plan", *TINY])))
    clock = FakeClock(start=50.0)
    timer = FakeTimer(clock)
    session = Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)
    stream = io.StringIO()
    EventLog(stream, now=clock.monotonic).attach(session)
    session.start()
    run_until(clock, timer, 1.5)          # 0.5 s into the first lift
    session.pause()
    clock.advance(20)
    session.resume()                      # the lift ends 1.0 s after resuming
    run_until(clock, timer, 1.0)
    session.skip()                        # the hold is skipped as soon as it starts
    session.stop()
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(line["step"], line["kind"]) for line in lines] == [
        (0, "get-ready"), (1, "lift"), (2, "hold"), (3, "lower")]
    assert [line["planned"] for line in lines] == pytest.approx([50.0, 51.0, 72.5, 72.5])
    assert [line["actual"] for line in lines] == pytest.approx([50.0, 51.0, 72.5, 72.5])


@pytest.mark.skipif(os.name != "posix", reason="uses a pseudo-terminal and SIGINT")
def test_enter_pauses_and_resumes_in_a_terminal(tmp_path):
    import pty
    import threading

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", "run", "--no-window", "--mute"],
        stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.close(follower)
    guard = threading.Timer(60, process.kill)
    guard.start()
    try:
        def next_line_with(text: str) -> str:
            for line in process.stdout:
                if text in line:
                    return line
            raise AssertionError(f"no line with {text!r}")

        next_line_with("get-ready")
        os.write(leader, b"\n")
        assert next_line_with("Paused").startswith("Paused. Press Enter")
        os.write(leader, b"\n")
        assert next_line_with("Carrying on").strip() == "Carrying on."
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        guard.cancel()
        os.close(leader)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, err
    assert "Workout stopped after" in out


def test_a_closed_output_pipe_does_not_stop_the_workout(tmp_path):
    events = tmp_path / "events.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "hipcoach", "run", "--no-window", "--time-scale", "0.01",
         "--events", str(events), *TINY],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert b"get-ready" in process.stdout.readline()
        process.stdout.close()                       # like `hipcoach run ... | head -1`
        err = process.stderr.read().decode()
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    assert "Traceback" not in err
    assert len(read_events(events)) == 9             # every step ran and was logged


class FullDisk:
    """A stream whose writes fail after the first line, as on a full disk."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if self.lines:
            raise OSError(28, "No space left on device")
        self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_an_events_file_that_fails_is_reported_once_and_the_workout_goes_on(qapp, capsys):
    from hipcoach.headless import TerminalRun

    plan = cli.build_plan(*cli.workout_from_args(cli.build_parser().parse_args(["plan", *TINY])))
    disk = FullDisk()
    run = TerminalRun(plan, time_scale=0.005, events=disk, quiet=True)
    assert run.exec() == 0
    assert run.summary is not None and run.summary.completed
    err = capsys.readouterr().err
    assert err.count("events file stopped taking lines") == 1 and "Traceback" not in err
    assert len(disk.lines) == 1
