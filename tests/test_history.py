"""History in SQLite: sets committed one by one, kill -9 survival, migrations, CSV export."""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

import history_worker
from fakes import FakeClock, FakeTimer, run_to_end, run_until
from hipcoach import cli
from hipcoach.history import (MIGRATIONS, SCHEMA_VERSION, History, HistoryError,
                              SessionRecorder, history_path, migrate)
from hipcoach.model import Prescription, Resistance, Selection
from hipcoach.plan import build_plan
from hipcoach.routines import load_routine
from hipcoach.session import Session, SetRecord

ROUTINE = load_routine()


def small_session(clock: FakeClock, timer: FakeTimer, **changes) -> Session:
    rx = Prescription.from_dict({"reps": 2, "sets": 2, **changes}, base=ROUTINE.prescription)
    plan = build_plan(ROUTINE, rx, Selection((("glute-bridge", "single-leg"),)))
    return Session(plan, now=clock.monotonic, wall=clock.wall, timer=timer)


def recorded_session(tmp_path, **changes):
    clock = FakeClock()
    timer = FakeTimer(clock)
    session = small_session(clock, timer, **changes)
    history = History.open(tmp_path)
    recorder = SessionRecorder(history, wall=clock.wall)
    recorder.attach(session)
    session.start()
    return clock, timer, session, history, recorder


def test_database_is_wal_at_the_current_version_in_the_data_folder(tmp_path):
    with History.open() as history:
        assert history.path == history_path()
        assert str(history.path).startswith(os.environ["HIPCOACH_DATA_DIR"])
    db = sqlite3.connect(history_path())
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    db.close()


def test_a_whole_workout_is_recorded(tmp_path):
    clock, timer, session, history, _ = recorded_session(tmp_path, resistance="band")
    run_to_end(clock, timer)
    [row] = history.sessions()
    assert (row.outcome, row.resistance, row.reps_target, row.sets_target) == \
        ("completed", "band", 2, 2)
    assert row.finished > row.started and row.skipped_steps == 0 and row.elapsed > 0
    sets = history.sets()
    assert [(s.side, s.set, s.reps_done, s.completed) for s in sets] == [
        ("left", 1, 2, True), ("right", 1, 2, True), ("left", 2, 2, True), ("right", 2, 2, True)]
    assert {s.resistance for s in sets} == {"band"}
    history.close()


def test_each_set_is_committed_before_the_next_one_starts(tmp_path):
    clock, timer, session, history, _ = recorded_session(tmp_path)
    seen_by_another_connection = []

    def count(_record):
        other = sqlite3.connect(history.path)
        seen_by_another_connection.append(other.execute("SELECT COUNT(*) FROM sets").fetchone()[0])
        other.close()
    session.set_finished.connect(count)  # runs after the recorder's slot
    run_to_end(clock, timer)
    assert seen_by_another_connection == [1, 2, 3, 4]
    history.close()


def test_a_stopped_workout_keeps_its_finished_sets_and_the_partial_one(tmp_path):
    clock, timer, session, history, _ = recorded_session(tmp_path)
    while len(history.sets()) < 1:
        run_until(clock, timer, 0.5)
    session.skip()
    session.stop()
    [row] = history.sessions()
    assert row.outcome == "stopped" and row.skipped_steps >= 1
    assert [s.completed for s in history.sets()] == [True, False]
    history.close()


def test_a_start_without_any_set_leaves_no_row(tmp_path):
    clock, timer, session, history, _ = recorded_session(tmp_path)
    run_until(clock, timer, 3)  # still in "get ready"
    session.stop()
    assert history.sessions() == [] and history.sets() == []
    history.close()


def test_history_survives_a_killed_workout(tmp_path):
    folder = tmp_path / "data"
    with subprocess.Popen([sys.executable, history_worker.__file__, str(folder), "3"],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout.readline() == "ready 3\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    with History.open(folder) as history:
        [row] = history.sessions()
        sets = history.sets()
    assert row.outcome == "interrupted" and row.finished is None
    assert [(s.side, s.set, s.reps_done, s.completed) for s in sets] == [
        ("left", 1, 3, True), ("right", 1, 3, True), ("left", 2, 3, True)]


def test_write_errors_become_one_notice_not_an_exception(tmp_path):
    notices = []
    clock = FakeClock()
    timer = FakeTimer(clock)
    session = small_session(clock, timer)
    history = History.open(tmp_path)
    SessionRecorder(history, wall=clock.wall, on_error=notices.append).attach(session)
    history.close()  # every write now fails
    session.start()
    run_to_end(clock, timer)
    assert len(notices) == 1 and notices[0].startswith("Could not save this workout")


def test_version_1_database_is_upgraded_keeping_its_rows(tmp_path):
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)
    db.execute("INSERT INTO sessions VALUES (1, 'hips-for-runners', 100.0, 200.0, 1)")
    for set_no in (1, 2):
        db.execute("INSERT INTO sets (session_id, recorded, exercise, variation, side, "
                   "set_number, reps_done, reps_planned, completed) "
                   "VALUES (1, 150.0, 'glute-bridge', 'single-leg', 'left', ?, 12, 12, 1)",
                   (set_no,))
    db.close()

    with History(path) as history:
        [row] = history.sessions()
        sets = history.sets()
    assert (row.outcome, row.resistance, row.reps_target, row.sets_target) == \
        ("completed", "none", 12, 2)
    assert len(sets) == 2 and sets[0].resistance == "none"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    db.close()


def test_newer_or_broken_databases_are_left_alone(tmp_path):
    path = history_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="newer Hip Coach"):
        History(path)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(HistoryError, match="Cannot use"):
        History(junk)
    assert junk.read_bytes() == b"not a database at all" * 100


def fill(history: History) -> None:
    first = history.start_session("hips-for-runners", 1_800_000_000.0, "band", 15, 3)
    history.add_set(first, SetRecord("glute-bridge", "single-leg", "left", 1, 15, 15, True),
                    1_800_000_100.0, "band")
    history.add_set(first, SetRecord("glute-bridge", "single-leg", "right", 1, 9, 15, False),
                    1_800_000_200.0, "band")
    history.finish_session(first, 1_800_000_300.0, False, 2, 280.0)


def test_history_command_exports_csv(tmp_path, capsys):
    with History.open() as history:
        fill(history)
    assert cli.main(["history", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["side"], r["reps_done"], r["set_completed"], r["outcome"], r["resistance"])
            for r in rows] == [("left", "15", "yes", "stopped", "band"),
                               ("right", "9", "no", "stopped", "band")]
    assert rows[0]["date"].count("-") == 2 and rows[0]["workout"] == "1"


def test_history_command_summary_and_empty_cases(tmp_path, capsys):
    assert cli.main(["history"]) == 0
    assert capsys.readouterr().out == "No workouts recorded yet.\n"
    assert cli.main(["history", "--csv"]) == 0
    assert capsys.readouterr().out.startswith("date,time,workout,")
    with History.open() as history:
        fill(history)
    assert cli.main(["history"]) == 0
    out = capsys.readouterr().out
    assert "1 workouts" in out and "Glute bridge" in out and "right side 6 reps behind" in out
    assert cli.main(["history", "--weeks", "0"]) == 2
    assert "--weeks" in capsys.readouterr().err


def test_history_command_reports_a_broken_database_in_one_line(tmp_path, capsys):
    history_path().parent.mkdir(parents=True)
    history_path().write_bytes(b"garbage" * 100)
    assert cli.main(["history"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hipcoach: error: Cannot use the workout history") and err.count("\n") == 1


def test_history_command_does_not_import_qt():
    code = ("import sys, hipcoach.cli; hipcoach.cli.build_parser(); "
            "import hipcoach.history_command, hipcoach.history, hipcoach.progress; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_csv_into_a_pipe_that_closes_early_is_not_an_error(tmp_path):
    with History.open() as history:
        sid = history.start_session("hips-for-runners", 1_800_000_000.0)
        for n in range(1500):  # well over a pipe's buffer
            history.add_set(sid, SetRecord("glute-bridge", "single-leg", "left", n, 15, 15, True),
                            1_800_000_000.0 + n)
    with subprocess.Popen([sys.executable, "-m", "hipcoach", "history", "--csv"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout.readline().startswith(b"date,")
        child.stdout.close()
        assert child.wait(timeout=60) == 0
        assert child.stderr.read() == b""
