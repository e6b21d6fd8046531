"""Workout history in SQLite: a row per workout, a row per finished set, each set its own commit.

The database lives in the data folder (HIPCOACH_DATA_DIR or the platform's),
in WAL mode with synchronous=FULL, so a workout that is stopped, crashes or is
killed keeps every set that had finished. The schema is versioned with
`PRAGMA user_version`; older databases are upgraded in one transaction.
No Qt here: `SessionRecorder` connects plain methods to a Session's signals.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from hipcoach import paths
from hipcoach.model import Routine
from hipcoach.progress import HistorySummary, SessionRow, SetRow, summarize

HISTORY_FILE = "history.sqlite3"

# MIGRATIONS[n] holds the statements that turn a version-n database into version n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine TEXT NOT NULL,
            started REAL NOT NULL,
            finished REAL,
            completed INTEGER)""",  # NULL: the end was never seen, 0: stopped, 1: done
        """CREATE TABLE sets (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            recorded REAL NOT NULL,
            exercise TEXT NOT NULL,
            variation TEXT NOT NULL,
            side TEXT NOT NULL,
            set_number INTEGER NOT NULL,
            reps_done INTEGER NOT NULL,
            reps_planned INTEGER NOT NULL,
            completed INTEGER NOT NULL)""",
    ),
    (
        "ALTER TABLE sessions ADD COLUMN resistance TEXT NOT NULL DEFAULT 'none'",
        "ALTER TABLE sessions ADD COLUMN reps_target INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN sets_target INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN skipped_steps INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN elapsed REAL",
        "ALTER TABLE sets ADD COLUMN resistance TEXT NOT NULL DEFAULT 'none'",
        # old workouts: read their targets back from the sets they recorded
        """UPDATE sessions SET
            reps_target = COALESCE((SELECT MAX(reps_planned) FROM sets
                                    WHERE sets.session_id = sessions.id), 0),
            sets_target = COALESCE((SELECT MAX(set_number) FROM sets
                                    WHERE sets.session_id = sessions.id), 0)""",
        "CREATE INDEX sets_by_session ON sets(session_id)",
        "CREATE INDEX sessions_by_start ON sessions(started)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_SESSION_COLUMNS = ("id, routine, started, finished, completed, resistance, reps_target, "
                    "sets_target, skipped_steps, elapsed")
_SET_COLUMNS = ("session_id, recorded, exercise, variation, side, set_number, reps_done, "
                "reps_planned, completed, resistance")


class HistoryError(Exception):
    """The history database cannot be used; the message is one line for the user."""


def history_path(directory: str | os.PathLike[str] | None = None) -> Path:
    return paths.data_dir(directory) / HISTORY_FILE


class History:
    """The workout log. Open with `History.open()`; use as a context manager to close."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"Cannot open the workout history {path}: {exc}") from None
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            migrate(self._db)
        except (sqlite3.Error, HistoryError) as exc:
            self._db.close()
            raise HistoryError(f"Cannot use the workout history {path}: {exc}") from None

    @classmethod
    def open(cls, directory: str | os.PathLike[str] | None = None) -> "History":
        return cls(history_path(directory))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ---------------------------------------------------------------- writing

    def start_session(self, routine: str, started: float, resistance: str = "none",
                      reps_target: int = 0, sets_target: int = 0) -> int:
        """A new workout row; returns its id."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine, started, resistance, reps_target, sets_target) "
                "VALUES (?, ?, ?, ?, ?)", (routine, started, resistance, reps_target, sets_target))
        return int(cursor.lastrowid)

    def add_set(self, session_id: int, record: Any, recorded: float,
                resistance: str = "none") -> None:
        """One finished set (a SetRecord or anything with its fields), committed on its own."""
        with self._transaction() as db:
            db.execute(
                f"INSERT INTO sets ({_SET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, recorded, record.exercise, record.variation, record.side,
                 record.set, record.reps_done, record.reps_planned, int(record.completed),
                 resistance))

    def finish_session(self, session_id: int, finished: float, completed: bool,
                       skipped_steps: int = 0, elapsed: float | None = None) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET finished = ?, completed = ?, skipped_steps = ?, "
                       "elapsed = ? WHERE id = ?",
                       (finished, int(completed), skipped_steps, elapsed, session_id))

    # ---------------------------------------------------------------- reading

    def sessions(self) -> list[SessionRow]:
        """Every workout, oldest first."""
        rows = self._db.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started, id")
        return [SessionRow(id, routine, started, finished,
                           None if completed is None else bool(completed), resistance,
                           reps_target, sets_target, skipped, elapsed)
                for (id, routine, started, finished, completed, resistance, reps_target,
                     sets_target, skipped, elapsed) in rows]

    def sets(self) -> list[SetRow]:
        """Every recorded set, in the order they finished."""
        rows = self._db.execute(f"SELECT {_SET_COLUMNS} FROM sets ORDER BY recorded, id")
        return [SetRow(exercise, variation, side, set_no, reps_done, reps_planned, bool(done),
                       session_id=session_id, recorded=recorded, resistance=resistance)
                for (session_id, recorded, exercise, variation, side, set_no, reps_done,
                     reps_planned, done, resistance) in rows]


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Upgrade to `target` in one transaction; a newer database is left untouched."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise HistoryError(f"it was written by a newer Hip Coach (schema {version}); "
                               f"it is left as it is")
        for step in range(version, target):
            for statement in MIGRATIONS[step]:
                db.execute(statement)
        if version < target:
            db.execute(f"PRAGMA user_version = {int(target)}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


class SessionRecorder:
    """Writes a running Session into the History as its sets finish.

    The workout row is created with the first finished set (an abandoned start
    leaves nothing behind). Database errors never reach the Qt event loop: they
    go to `on_error` once, as one line, and recording stops for that workout.
    """

    def __init__(self, history: History, *, wall: Callable[[], float] = time.time,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.history = history
        self.wall = wall
        self.on_error = on_error
        self.session_id: int | None = None
        self._started = 0.0
        self._plan: Any = None
        self._failed = False

    def attach(self, session: Any) -> None:
        """Follow `session` (anything with `plan`, `set_finished` and `finished`)."""
        self.session_id, self._failed = None, False
        self._plan = session.plan
        self._started = self.wall()
        # lambdas (not bound methods) so the session's connections keep the recorder alive
        session.set_finished.connect(lambda record: self.record_set(record))
        session.finished.connect(lambda summary: self.record_end(summary))

    def record_set(self, record: Any) -> None:
        resistance = self._plan.prescription.resistance.value
        self._guard(lambda: self._record_set(record, resistance))

    def _record_set(self, record: Any, resistance: str) -> None:
        if self.session_id is None:
            rx = self._plan.prescription
            self.session_id = self.history.start_session(
                self._plan.routine_id, self._started, resistance, rx.reps, rx.sets)
        self.history.add_set(self.session_id, record, self.wall(), resistance)

    def record_end(self, summary: Any) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        self._guard(lambda: self.history.finish_session(
            session_id, self.wall(), bool(summary.completed), summary.skipped_steps,
            summary.elapsed))

    def _guard(self, write: Callable[[], None]) -> None:
        if self._failed:
            return
        try:
            write()
        except (sqlite3.Error, OSError) as exc:
            self._failed = True
            if self.on_error is not None:
                self.on_error(f"Could not save this workout to the history: {exc}")


def load_summary(routine: Routine, directory: str | os.PathLike[str] | None = None,
                 now: float | None = None) -> HistorySummary:
    """The HistorySummary of the saved history (raises HistoryError if it cannot be read)."""
    moment = time.time() if now is None else now
    with History.open(directory) as history:
        sessions, sets = history.sessions(), history.sets()
    return summarize(sessions, sets, routine, dt.datetime.fromtimestamp(moment).date(), moment)
